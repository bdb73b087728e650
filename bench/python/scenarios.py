"""Machine-readable Python measurements for ``bench/run.py``.

    python bench/python/scenarios.py SCENARIO --url BASE_URL [--runs N] [--id INSTANCE_ID] [--items N]

The emulator is prepared by the caller (items seeded, latency set); this
script only measures and prints one JSON object per measurement on stdout.
SCENARIO is list-latency, list-big, get-seq, get-conc, iterate (one pass,
``--client``: its peak RSS is read by the parent) or coldstart.

Heavy imports are done inside the functions so that ``coldstart`` times the
SDK's import alone, in a fresh interpreter, and so that ``iterate``'s peak
RSS is the client's: asyncio alone, which loads OpenSSL, is 10.8 MiB
resident, which requests' own imports mostly cover and the SDK's do not.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

TOKEN = "gc-emulator-token"
PER_PAGE = 100
# Calls in s3 and s4: 1,000, or BENCH_GETS (make test-bench uses few).
GETS = int(os.environ.get("BENCH_GETS", "1000"))


def emit(scenario: str, client: str, kind: str, unit: str, runs: list[float], **extra: Any) -> None:
    row = {"scenario": scenario, "language": "python", "client": client, "kind": kind,
           "unit": unit, "runs": runs, **extra}
    print(json.dumps(row), flush=True)


def timed(job: Callable[[], Any], runs: int) -> list[float]:
    """Milliseconds of ``runs`` runs after a warm-up; coroutines are run to the end."""

    def once() -> float:
        started = time.perf_counter()
        result = job()
        if isinstance(result, Coroutine):
            import asyncio

            asyncio.run(result)
        return (time.perf_counter() - started) * 1e3

    once()
    return [once() for _ in range(runs)]


def list_jobs(base: str, with_sequential_async: bool) -> dict[str, tuple[str, Callable[[], Any]]]:
    # bench_list.py's loops are what users write; reuse them so both scripts
    # measure the same code.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_list as b

    jobs = {
        "requests (page loop)": ("peer", b.requests_list(base)),
        "httpx (page loop)": ("peer", b.httpx_list(base)),
        "httpx async x4": ("peer", b.httpx_list_async(base, 4)),
        "genesiscloud Client": ("sdk", b.sdk_list(base)),
        "genesiscloud AsyncClient": ("sdk", b.sdk_list_async(base)),
    }
    if with_sequential_async:
        jobs["httpx async (page loop)"] = ("peer", b.httpx_list_async(base))
    return jobs


def per_call(call: Callable[[], Any], runs: int) -> tuple[list[float], list[float]]:
    import statistics

    medians, p99s = [], []
    for run in range(runs + 1):
        times = []
        for _ in range(GETS):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1e3)
        if run:  # the first pass is the warm-up
            times.sort()
            medians.append(statistics.median(times))
            p99s.append(times[int(len(times) * 0.99) - 1])
    return medians, p99s


def per_call_async(make: Callable[[], Any], runs: int) -> tuple[list[float], list[float]]:
    """Like per_call, for a client whose calls are awaited one after the other."""
    import asyncio
    import statistics

    async def all_runs() -> tuple[list[float], list[float]]:
        async with make() as (call):
            medians, p99s = [], []
            for run in range(runs + 1):
                times = []
                for _ in range(GETS):
                    started = time.perf_counter()
                    await call()
                    times.append((time.perf_counter() - started) * 1e3)
                if run:
                    times.sort()
                    medians.append(statistics.median(times))
                    p99s.append(times[int(len(times) * 0.99) - 1])
            return medians, p99s

    return asyncio.run(all_runs())


def gets(base: str, iid: str, runs: int) -> None:
    import contextlib

    import genesiscloud
    import httpx
    import requests

    session = requests.Session()
    session.headers["X-Auth-Token"] = TOKEN
    url = f"{base}/instances/{iid}"

    def with_requests() -> None:
        r = session.get(url, timeout=60)
        r.raise_for_status()
        json.loads(r.content)["instance"]

    hx = httpx.Client(headers={"X-Auth-Token": TOKEN}, timeout=60)

    def with_httpx() -> None:
        r = hx.get(url)
        r.raise_for_status()
        json.loads(r.content)["instance"]

    sdk = genesiscloud.Client(token=TOKEN, base_url=base)

    @contextlib.asynccontextmanager
    async def httpx_async():  # type: ignore[no-untyped-def]
        async with httpx.AsyncClient(headers={"X-Auth-Token": TOKEN}, timeout=60) as client:
            async def call() -> None:
                r = await client.get(url)
                r.raise_for_status()
                json.loads(r.content)["instance"]
            yield call

    @contextlib.asynccontextmanager
    async def sdk_async():  # type: ignore[no-untyped-def]
        async with genesiscloud.AsyncClient(token=TOKEN, base_url=base) as client:
            async def call() -> None:
                await client.instances.get(iid)
            yield call

    rows = [
        ("requests", "peer", lambda: per_call(with_requests, runs)),
        ("httpx", "peer", lambda: per_call(with_httpx, runs)),
        ("httpx async", "peer", lambda: per_call_async(httpx_async, runs)),
        ("genesiscloud Client", "sdk", lambda: per_call(lambda: sdk.instances.get(iid), runs)),
        ("genesiscloud AsyncClient", "sdk", lambda: per_call_async(sdk_async, runs)),
    ]
    for name, kind, measure in rows:
        medians, p99s = measure()
        emit("s3", name, kind, "ms/call", medians, p99=p99s, calls=GETS)


def gets_concurrent(base: str, iid: str, runs: int) -> None:
    import asyncio

    import genesiscloud
    import httpx

    url = f"{base}/instances/{iid}"

    async def with_httpx() -> None:
        # httpx's pool degrades quadratically with requests queued behind its
        # 100 connections (1,000 bare gathered gets take ~30 s); its users cap
        # the queue with a semaphore of the pool's size, so the peer does too.
        gate = asyncio.Semaphore(100)
        async with httpx.AsyncClient(headers={"X-Auth-Token": TOKEN}, timeout=60) as client:
            async def one() -> None:
                async with gate:
                    r = await client.get(url)
                r.raise_for_status()
                json.loads(r.content)["instance"]
            await asyncio.gather(*(one() for _ in range(GETS)))

    async def with_sdk() -> None:
        # The same cap as the peer's, so both are measured at 100 in flight.
        gate = asyncio.Semaphore(100)
        async with genesiscloud.AsyncClient(token=TOKEN, base_url=base) as client:
            async def one() -> None:
                async with gate:
                    await client.instances.get(iid)
            await asyncio.gather(*(one() for _ in range(GETS)))

    emit("s4", "httpx async (gather, semaphore 100)", "peer", "ms", timed(with_httpx, runs), calls=GETS)
    emit("s4", "genesiscloud AsyncClient (gather, semaphore 100)", "sdk", "ms", timed(with_sdk, runs), calls=GETS)


def get_count(base: str, iid: str, client: str) -> None:
    """GETS sequential gets and nothing else, for bench/run.py to count
    instructions under callgrind: the SDK's Client, or requests (the peer)."""
    url = f"{base}/instances/{iid}"
    if client == "peer":
        import requests

        session = requests.Session()
        session.headers["X-Auth-Token"] = TOKEN
        for _ in range(GETS):
            r = session.get(url, timeout=60)
            r.raise_for_status()
            json.loads(r.content)["instance"]
    else:
        import genesiscloud

        sdk = genesiscloud.Client(token=TOKEN, base_url=base)
        for _ in range(GETS):
            sdk.instances.get(iid)


def iterate(base: str, client: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import bench_list as b

    job = {"sdk": b.sdk_list, "requests": b.requests_list}[client](base)
    started = time.perf_counter()
    count = job()
    elapsed = (time.perf_counter() - started) * 1e3
    print(json.dumps({"items": count, "ms": elapsed}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario")
    parser.add_argument("--url", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--id", default="")
    parser.add_argument("--items", type=int, default=0)
    parser.add_argument("--client", default="sdk")
    args = parser.parse_args()
    base = args.url

    if args.scenario in ("list-latency", "list-big"):
        scenario = "s1" if args.scenario == "list-latency" else "s2"
        for name, (kind, job) in list_jobs(base, scenario == "s1").items():
            emit(scenario, name, kind, "ms", timed(job, args.runs), items=args.items)
    elif args.scenario == "get-seq":
        gets(base, args.id, args.runs)
    elif args.scenario == "get-count":
        get_count(base, args.id, args.client)
    elif args.scenario == "get-conc":
        gets_concurrent(base, args.id, args.runs)
    elif args.scenario == "iterate":
        iterate(base, args.client)
    else:
        parser.error(f"unknown scenario {args.scenario!r}")


if __name__ == "__main__":
    main()
