"""Listing and single-get throughput of the Python SDK against plain
``requests`` and ``httpx`` loops, over the emulator running in its own
process.

    python bench/python/bench_list.py                  # starts target/release/genesiscloud-emulator
    python bench/python/bench_list.py --url http://127.0.0.1:8080/compute/v1

Scenarios (medians of ``--runs`` runs, after one warm-up):

* list 10,000 images with 20 ms of latency per request (I/O-bound: the SDK
  fetches 4 pages at a time, the baselines one after the other; the
  "httpx async x4" row gives the baseline the same concurrency);
* list 100,000 images with no latency (CPU-bound: decoding and building
  objects; the target is at least 2x the items/s of requests + json.loads);
* 1,000 sequential ``get``s of one volume with no latency.

The ratio column is the SDK's speed divided by that of ``requests``.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# genesiscloud, httpx and requests are imported by the functions that use
# them, so that s5's processes, which measure peak memory, load only the
# client they measure; so are asyncio (which loads OpenSSL, 10.8 MiB
# resident), statistics, subprocess and argparse, which requests' own
# imports mostly cover and the SDK's do not.

REPO = Path(__file__).resolve().parents[2]
TOKEN = "gc-emulator-token"
PER_PAGE = 100

Job = Callable[[], int | Awaitable[int]]


@contextmanager
def emulator(url: str | None, binary: Path) -> Iterator[str]:
    """The base URL of a running emulator: ``url``, or a process we start."""
    import subprocess

    if url:
        yield url
        return
    if binary.exists():
        command = [str(binary), "--port", "0"]
    else:
        command = ["cargo", "run", "-q", "-p", "genesiscloud-emulator", "--release", "--", "--port", "0"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(10)


def control(root: str, path: str, body: dict[str, Any]) -> None:
    import requests

    requests.post(f"{root}/_emulator/{path}", json=body, timeout=60).raise_for_status()


def prepare(root: str, images: int, latency_ms: int) -> None:
    control(root, "reset", {"seed": "empty"})
    control(root, "seed", {"images": images, "volumes": 1})
    control(root, "config", {"latency_ms": latency_ms, "lifecycle_delay_ms": 0})


def measure(job: Job, runs: int) -> tuple[float, int]:
    """Median seconds of ``runs`` runs after a warm-up, and the item count."""

    import asyncio
    import statistics

    def once() -> tuple[float, int]:
        started = time.perf_counter()
        result = job()
        count = asyncio.run(result) if isinstance(result, Awaitable) else result  # type: ignore[arg-type]
        return time.perf_counter() - started, count

    once()
    timings = [once() for _ in range(runs)]
    return statistics.median(t for t, _ in timings), timings[0][1]


# ---- listing ----------------------------------------------------------------


def sdk_list(base: str) -> Job:
    import genesiscloud

    client = genesiscloud.Client(token=TOKEN, base_url=base)
    return lambda: sum(1 for _ in client.images.list())


def sdk_list_async(base: str) -> Job:
    import genesiscloud

    async def run() -> int:
        # Counted, not kept, like every other job: holding 100,000 models
        # alive would add the cyclic GC's scans of them to the time.
        async with genesiscloud.AsyncClient(token=TOKEN, base_url=base) as client:
            count = 0
            async for _ in client.images.list():
                count += 1
            return count

    return run


def requests_list(base: str) -> Job:
    import requests

    session = requests.Session()
    session.headers["X-Auth-Token"] = TOKEN

    def run() -> int:
        count, page = 0, 1
        while True:
            r = session.get(f"{base}/images", params={"page": page, "per_page": PER_PAGE}, timeout=60)
            r.raise_for_status()
            items = json.loads(r.content)["images"]
            count += len(items)
            if len(items) < PER_PAGE:
                return count
            page += 1

    return run


def httpx_list(base: str) -> Job:
    import httpx

    client = httpx.Client(headers={"X-Auth-Token": TOKEN}, timeout=60)

    def run() -> int:
        count, page = 0, 1
        while True:
            r = client.get(f"{base}/images", params={"page": page, "per_page": PER_PAGE})
            r.raise_for_status()
            items = json.loads(r.content)["images"]
            count += len(items)
            if len(items) < PER_PAGE:
                return count
            page += 1

    return run


def httpx_list_async(base: str, concurrency: int = 1) -> Job:
    import asyncio

    import httpx

    async def fetch(client: httpx.AsyncClient, page: int) -> dict[str, Any]:
        r = await client.get(f"{base}/images", params={"page": page, "per_page": PER_PAGE})
        r.raise_for_status()
        return json.loads(r.content)  # type: ignore[no-any-return]

    async def run() -> int:
        async with httpx.AsyncClient(headers={"X-Auth-Token": TOKEN}, timeout=60) as client:
            first = await fetch(client, 1)
            count = len(first["images"])
            pages = -(-first["total_count"] // PER_PAGE)
            for start in range(2, pages + 1, concurrency):
                batch = range(start, min(start + concurrency, pages + 1))
                for body in await asyncio.gather(*(fetch(client, p) for p in batch)):
                    count += len(body["images"])
            return count

    return run


# ---- single gets ------------------------------------------------------------


def volume_id(base: str) -> str:
    import requests

    r = requests.get(f"{base}/volumes", headers={"X-Auth-Token": TOKEN}, timeout=60)
    return str(r.json()["volumes"][0]["id"])


def sdk_gets(base: str, vid: str, n: int) -> Job:
    import genesiscloud

    client = genesiscloud.Client(token=TOKEN, base_url=base)
    return lambda: sum(1 for _ in range(n) if client.volumes.get(vid).id)


def sdk_gets_async(base: str, vid: str, n: int) -> Job:
    import genesiscloud

    async def run() -> int:
        async with genesiscloud.AsyncClient(token=TOKEN, base_url=base) as client:
            return sum([1 for _ in range(n) if (await client.volumes.get(vid)).id])

    return run


def requests_gets(base: str, vid: str, n: int) -> Job:
    import requests

    session = requests.Session()
    session.headers["X-Auth-Token"] = TOKEN

    def run() -> int:
        for _ in range(n):
            r = session.get(f"{base}/volumes/{vid}", timeout=60)
            r.raise_for_status()
            json.loads(r.content)["volume"]
        return n

    return run


def httpx_gets(base: str, vid: str, n: int) -> Job:
    import httpx

    client = httpx.Client(headers={"X-Auth-Token": TOKEN}, timeout=60)

    def run() -> int:
        for _ in range(n):
            r = client.get(f"{base}/volumes/{vid}")
            r.raise_for_status()
            json.loads(r.content)["volume"]
        return n

    return run


def httpx_gets_async(base: str, vid: str, n: int) -> Job:
    import httpx

    async def run() -> int:
        async with httpx.AsyncClient(headers={"X-Auth-Token": TOKEN}, timeout=60) as client:
            for _ in range(n):
                r = await client.get(f"{base}/volumes/{vid}")
                r.raise_for_status()
                json.loads(r.content)["volume"]
        return n

    return run


# ---- report -----------------------------------------------------------------


def report(title: str, rows: dict[str, Job], runs: int) -> None:
    print(f"\n{title}")
    print(f"  {'client':<34} {'median s':>9} {'items/s':>10} {'vs requests':>12}")
    results = {name: measure(job, runs) for name, job in rows.items()}
    base_rate = None
    for name, (seconds, count) in results.items():
        rate = count / seconds
        if name.startswith("requests"):
            base_rate = rate
    for name, (seconds, count) in results.items():
        rate = count / seconds
        ratio = f"{rate / base_rate:.2f}x" if base_rate else "-"
        print(f"  {name:<34} {seconds:>9.3f} {rate:>10.0f} {ratio:>12}")


def main() -> None:
    import argparse

    import genesiscloud

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="base URL of a running emulator (default: start one)")
    parser.add_argument("--emulator-bin", type=Path, default=REPO / "target/release/genesiscloud-emulator")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=100_000, help="images of the no-latency listing")
    parser.add_argument("--gets", type=int, default=1_000)
    args = parser.parse_args()

    print(f"genesiscloud-sdk {genesiscloud.__version__}, Python {sys.version.split()[0]}")
    with emulator(args.url, args.emulator_bin) as base:
        root = base.removesuffix("/compute/v1")
        prepare(root, args.images, latency_ms=20)
        report(
            f"list {args.images:,} images, 20 ms latency per request, per_page {PER_PAGE}",
            {
                "requests (page by page)": requests_list(base),
                "httpx (page by page)": httpx_list(base),
                "httpx async (page by page)": httpx_list_async(base),
                "httpx async x4 (4 pages at a time)": httpx_list_async(base, 4),
                "genesiscloud Client": sdk_list(base),
                "genesiscloud AsyncClient": sdk_list_async(base),
            },
            args.runs,
        )
        prepare(root, args.big, latency_ms=0)
        report(
            f"list {args.big:,} images, no latency",
            {
                "requests (page by page)": requests_list(base),
                "httpx (page by page)": httpx_list(base),
                "httpx async x4 (4 pages at a time)": httpx_list_async(base, 4),
                "genesiscloud Client": sdk_list(base),
                "genesiscloud AsyncClient": sdk_list_async(base),
            },
            args.runs,
        )
        prepare(root, 0, latency_ms=0)
        vid = volume_id(base)
        report(
            f"{args.gets:,} sequential gets, no latency",
            {
                "requests": requests_gets(base, vid, args.gets),
                "httpx": httpx_gets(base, vid, args.gets),
                "httpx async": httpx_gets_async(base, vid, args.gets),
                "genesiscloud Client": sdk_gets(base, vid, args.gets),
                "genesiscloud AsyncClient": sdk_gets_async(base, vid, args.gets),
            },
            args.runs,
        )


if __name__ == "__main__":
    main()
