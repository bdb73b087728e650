"""Load and soak tests of every binding against one emulator process.

    python tests/load/run.py [--phases load,soak] [--bindings rust,python,node,c]
                             [--requests 10000] [--concurrency 256] [--soak-seconds 60]

Load: per binding, one worker process sends 10,000 calls (`instances.get`
and `images.list_page`, alternately) with 256 in flight through one client,
after a warm-up at the same concurrency. It fails on any error, and if the
process has more file descriptors open at the end than right after the
warm-up.

Soak: the four workers run side by side for --soak-seconds against one
emulator in which nine seeded `probability` faults hit about 5% of all API
requests (429 with Retry-After 0 or 1, 500, an HTML 502, 503, a dropped
connection, a truncated or malformed 2xx body, and 3 s of latency against a
2 s client timeout). Each worker loops over a cycle of ten operations:
list_page, get, a full paginated list (450 images, 5 pages), SSH-key and
security-group create/update/delete, instance create -> wait_until active ->
delete. Every error must have the code the SDK contract predicts for the call
(`expected()` in each worker: reads and deletes surface a transient fault
only once their 3 attempts are spent, writes are not retried after a 5xx,
a timeout or a dropped connection, a broken 2xx body is `decode`), and a
successful call must return the right data. It fails on any other error,
when a surfaced error outnumbers the faults that could explain it, when a
worker's peak RSS in the last fifth of the time is more than 5% above its
peak in the fifth after the warm-up (the first 20%, at least 30 s), or when
resources that failed writes left behind cannot be cleaned up.

The soak also reads the emulator's request log as it goes: a POST or
PATCH that was answered with a 5xx must never be sent again (the server may
have acted on it), and at least one such answer must have been seen.

Workers read GENESISCLOUD_ENDPOINT, GENESISCLOUD_TOKEN (one token per
binding, derived from GENESISCLOUD_EMULATOR_TOKEN when set, so the canary
scan of `make test` covers them), GENESISCLOUD_LOG (the SDK's log level:
trace, request and response headers included) and LOAD_* / SOAK_* settings
from the environment, and print one JSON line: calls, errors by code, unexpected
errors with examples, and samples of [ms, VmRSS KiB, open fds], kept in
target/load/<phase>-<binding>.json; their stderr, the SDK's log included,
goes to target/load/<phase>-<binding>.log, which the canary scan of
`make test` reads. Only loopback is used.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "target" / "load"
EMULATOR = ROOT / "target" / "debug" / "genesiscloud-emulator"

WORKERS = {
    "rust": [str(ROOT / "target" / "debug" / "examples" / "load_worker")],
    "python": [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "tests" / "load" / "python_worker.py")],
    "node": ["node", "--expose-gc", str(ROOT / "tests" / "load" / "node_worker.mjs")],
    "c": [str(WORK / "c_worker")],
}

REGION = "NORD-NO-KRS-1"
INSTANCE_TYPE = "vcpu-2_memory-4g_disk-80g"
# The paginated list of the soak: 5 pages of 100.
SOAK_IMAGES = 450
SOAK_CONCURRENCY = 16
LIFECYCLE_DELAY_MS = 200
CLIENT_TIMEOUT_MS = 2000
LATENCY_FAULT_MS = 3000
FAULT_RATE = 0.05
RSS_GROWTH_LIMIT = 0.05
# The SDK's log level of the workers: trace, with the request and response
# headers, about 0.5 KB per call (some 5 MB per binding for the load's
# 10,256 calls, measured), which does not slow the calls measurably.
LOG_LEVEL = "trace"
# The warm-up: the first fifth of the soak, at least 30 s (glibc's
# per-thread arenas and V8's heap take about that long to size themselves).
WARM_UP_SHARE = 0.2
MIN_WARM_UP_S = 30

# What each fault kind can surface as once retries are spent (or at once,
# for a write); a surfaced code needs at least one such fault behind it.
FAULTS: list[tuple[str, dict[str, Any], str]] = [
    ("latency 3 s", {"kind": "latency", "latency_ms": LATENCY_FAULT_MS}, "timeout"),
    ("429 Retry-After 0", {"kind": "rate_limit", "retry_after": "0"}, "rate_limited"),
    ("429 Retry-After 1", {"kind": "rate_limit", "retry_after": "1"}, "rate_limited"),
    ("500", {"kind": "status", "status": 500}, "server_error"),
    ("502 HTML", {"kind": "status", "status": 502, "body": "html"}, "server_error"),
    ("503", {"kind": "status", "status": 503}, "server_error"),
    ("drop", {"kind": "drop"}, "connection"),
    ("truncate", {"kind": "truncate"}, "decode"),
    ("malformed", {"kind": "malformed"}, "decode"),
]


@dataclass
class Emulator:
    """The emulator binary, started on a free loopback port."""

    tokens: dict[str, str]
    lifecycle_delay_ms: int
    log: Path
    proc: subprocess.Popen[str] = field(init=False)
    base: str = field(init=False)
    root: str = field(init=False)

    def __post_init__(self) -> None:
        args = [str(EMULATOR), "--port", "0", "--host", "127.0.0.1",
                "--lifecycle-delay-ms", str(self.lifecycle_delay_ms)]
        for token in self.tokens.values():
            args += ["--token", token]
        with open(self.log, "w") as log:
            self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True)
        assert self.proc.stdout is not None
        self.base = self.proc.stdout.readline().strip()
        if not self.base.startswith("http://127.0.0.1:"):
            self.stop()
            raise SystemExit(f"load: the emulator did not start (see {self.log})")
        self.root = self.base.removesuffix("/compute/v1")

    def control(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.root + "/_emulator" + path, data=data, method=method)
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read()
        return json.loads(text) if text else None

    def api(self, path: str, token: str) -> Any:
        req = urllib.request.Request(self.base + path, headers={"X-Auth-Token": token})
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read())

    def rss_kb(self) -> int:
        return vm_rss_kb(Path(f"/proc/{self.proc.pid}/status"))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def vm_rss_kb(status: Path) -> int:
    for line in status.read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def run_worker(binding: str, phase: str, env: dict[str, str], limit_s: float) -> dict[str, Any]:
    """Runs one worker to completion; its JSON line, or a failure record."""
    log = WORK / f"{phase}-{binding}.log"
    with open(log, "w") as err:
        try:
            proc = subprocess.run(WORKERS[binding], env=dict(os.environ, **env), stdout=subprocess.PIPE,
                                  stderr=err, text=True, timeout=limit_s, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return {"binding": binding, "failed": f"still running after {limit_s:.0f} s (log: {log})"}
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        tail = log.read_text()[-2000:]
        return {"binding": binding, "failed": f"exited {proc.returncode} (log: {log}):\n{tail}"}
    (WORK / f"{phase}-{binding}.json").write_text(lines[-1] + "\n")
    return json.loads(lines[-1])


def setup_ids(emu: Emulator, token: str) -> tuple[str, str]:
    """An instance id for `get`, and an image that can run in REGION."""
    instance = emu.api("/instances?per_page=1", token)["instances"][0]["id"]
    images = emu.api("/images?per_page=100", token)["images"]
    image = next(i["id"] for i in images if REGION in (i.get("regions") or []))
    return instance, image


def worker_env(emu: Emulator, binding: str, settings: dict[str, Any]) -> dict[str, str]:
    env = {"GENESISCLOUD_ENDPOINT": emu.base, "GENESISCLOUD_TOKEN": emu.tokens[binding],
           "GENESISCLOUD_LOG": LOG_LEVEL}
    env.update({k: str(v) for k, v in settings.items()})
    return env


def kib(n: int) -> str:
    return f"{n / 1024:.1f} MiB"


def errors_text(errors: dict[str, int]) -> str:
    return ", ".join(f"{code} {n}" for code, n in sorted(errors.items())) or "none"


def load_phase(bindings: list[str], tokens: dict[str, str], requests: int, concurrency: int) -> list[str]:
    failures = []
    emu = Emulator(tokens, 300, WORK / "load-emulator.log")
    try:
        get_id, _ = setup_ids(emu, tokens[bindings[0]])
        warmup = 4 * concurrency
        rows = []
        for binding in bindings:
            settings = {"LOAD_MODE": "load", "LOAD_GET_ID": get_id, "LOAD_REQUESTS": requests,
                        "LOAD_WARMUP": warmup, "LOAD_CONCURRENCY": concurrency}
            out = run_worker(binding, "load", worker_env(emu, binding, settings), 600)
            if "failed" in out:
                failures.append(f"load {binding}: {out['failed']}")
                continue
            samples = out["samples"]
            fd_warm, fd_end = samples[1][2], samples[-1][2]
            rate = out["measured"] / (out["elapsed_ms"] / 1000)
            rows.append([binding, f"{out['calls']:,}", errors_text(out["errors"]), f"{rate:,.0f}/s",
                         f"{samples[0][2]} → {fd_warm} → {fd_end}",
                         f"{kib(samples[1][1])} → {kib(samples[-1][1])}"])
            if out["calls"] != warmup + requests:
                failures.append(f"load {binding}: {out['calls']} calls made, {warmup + requests} expected")
            if out["errors"] or out["unexpected"]:
                failures.append(f"load {binding}: errors {out['errors']}: {out['examples']}")
            # No slack: the measured calls have the warm-up's shape, and the
            # pool keeps every connection the warm-up opened (no idle
            # maximum, 60 s idle timeout), so they need no new descriptor.
            if fd_end > fd_warm:
                failures.append(f"load {binding}: {fd_end} fds open at the end, {fd_warm} after the warm-up")
        print(f"\nload: {requests:,} calls per binding, {concurrency} in flight, after {warmup:,} "
              f"warm-up calls (emulator RSS {kib(emu.rss_kb())})")
        table(["binding", "calls", "errors", "rate", "fds start → warm → end", "RSS warm → end"], rows)
    finally:
        emu.stop()
    return failures


def soak_phase(bindings: list[str], tokens: dict[str, str], seconds: int) -> list[str]:
    failures = []
    emu = Emulator(tokens, LIFECYCLE_DELAY_MS, WORK / "soak-emulator.log")
    try:
        token = tokens[bindings[0]]
        total = emu.control("GET", "/health")["total"]["images"]
        emu.control("POST", "/seed", {"images": SOAK_IMAGES - total})
        get_id, image_id = setup_ids(emu, token)
        # Each of n faults at p, drawn independently: 1 - (1 - p)^n = 5%.
        p = 1 - (1 - FAULT_RATE) ** (1 / len(FAULTS))
        emu.control("POST", "/faults", [dict(f, probability=p, seed=i + 1) for i, (_, f, _) in enumerate(FAULTS)])
        sample_ms = max(1000, seconds * 1000 // 60)
        settings = {"LOAD_MODE": "soak", "LOAD_GET_ID": get_id, "SOAK_SECONDS": seconds,
                    "SOAK_CONCURRENCY": SOAK_CONCURRENCY, "SOAK_SAMPLE_MS": sample_ms,
                    "SOAK_TIMEOUT_MS": CLIENT_TIMEOUT_MS, "SOAK_REGION": REGION, "SOAK_IMAGE_ID": image_id,
                    "SOAK_INSTANCE_TYPE": INSTANCE_TYPE, "SOAK_IMAGES": SOAK_IMAGES}
        done = threading.Event()
        emulator_rss = []
        writes = WriteRepeats()

        def keep_log_small() -> None:
            # The request log would otherwise grow to its 100,000 entries;
            # what arrives between reading and clearing it goes unseen.
            while not done.wait(5):
                writes.read(emu.control("GET", "/requests")["requests"])
                emu.control("DELETE", "/requests")
                emulator_rss.append(emu.rss_kb())

        cleaner = threading.Thread(target=keep_log_small, daemon=True)
        cleaner.start()
        started = time.monotonic()
        with ThreadPoolExecutor(len(bindings)) as pool:
            outs = list(pool.map(
                lambda b: run_worker(b, "soak", worker_env(emu, b, dict(settings, SOAK_PREFIX=f"soak-{b}")),
                                     seconds + 300),
                bindings))
        done.set()
        cleaner.join()
        elapsed = time.monotonic() - started
        applied = emu.control("GET", "/faults")["faults"]
        emu.control("DELETE", "/faults")
        failures += check_soak(emu, bindings, outs, applied, seconds)
        failures += writes.failures()
        rows = []
        for out in outs:
            if "failed" in out:
                continue
            warm, peak, growth = rss_growth(out["samples"], seconds)
            samples = out["samples"]
            fds = [s[2] for s in samples if s[0] >= warm_up_ms(seconds)] or [0]
            rows.append([out["binding"], f"{out['calls']:,}", errors_text(out["errors"]),
                         str(out["unexpected"]), f"{kib(warm)} → {kib(peak)} ({growth:+.1%})",
                         f"{fds[0]} → {fds[-1]}", f"{out['leaked']} / {out['leftover']}"])
        print(f"\nsoak: {seconds} s, {len(bindings)} bindings side by side, {SOAK_CONCURRENCY} loops each, "
              f"{FAULT_RATE:.0%} of requests faulted ({elapsed:.0f} s with cleanup)")
        table(["binding", "calls", "errors surfaced", "unexpected", "RSS peak warm → end", "fds warm → end",
               "leaked / left"], rows)
        # The latency fault comes first, and a latency fault counts every
        # request it matches.
        requests = applied[0]["matched"]
        hit = sum(f["applied"] for f in applied)
        ran = [out for out in outs if "failed" not in out]
        failed = sum(n for out in ran for n in out["errors"].values())
        unexpected = sum(out["unexpected"] for out in ran)
        print(f"\nemulator: {requests:,} API requests during the soak, {hit:,} faults applied "
              f"({hit / max(requests, 1):.1%}); {failed - unexpected:,} calls failed "
              "as the SDK contract predicts, "
              f"{unexpected} otherwise, every other call succeeded with the right answer; "
              f"emulator RSS {kib(min(emulator_rss, default=0))} → {kib(max(emulator_rss, default=0))}")
        table(["fault", "applied"],
              [[name, f"{f['applied']:,}"] for (name, _, _), f in zip(FAULTS, applied, strict=True)])
        print(f"\nwrites: {writes.answered_5xx:,} POST/PATCH requests answered 5xx, "
              f"{len(writes.repeats)} of them sent again")
    finally:
        emu.stop()
    return failures


class WriteRepeats:
    """Reads the emulator's request log in chunks, oldest first, and finds a
    POST or PATCH sent again after a 5xx answered it: the same method, path
    and body (every soak write names something created for it alone, so an
    identical write is a repeat)."""

    def __init__(self) -> None:
        self.answered: set[str] = set()
        self.answered_5xx = 0
        self.repeats: list[str] = []

    def read(self, log: list[dict[str, Any]]) -> None:
        for r in log:
            if r["method"] not in ("POST", "PATCH"):
                continue
            key = f"{r['method']} {r['path']} {json.dumps(r['body'], sort_keys=True)}"
            if key in self.answered:
                self.repeats.append(key)
            if r["status"] is not None and r["status"] >= 500:
                self.answered.add(key)
                self.answered_5xx += 1

    def failures(self) -> list[str]:
        if self.repeats:
            return [f"soak: {len(self.repeats)} POST/PATCH requests sent again after a 5xx, e.g. {self.repeats[:3]}"]
        if not self.answered_5xx:
            return ["soak: no POST or PATCH was answered 5xx, so nothing showed that one is never repeated"]
        return []


def warm_up_ms(seconds: int) -> float:
    return max(seconds * WARM_UP_SHARE, MIN_WARM_UP_S) * 1000


def rss_growth(samples: list[list[int]], seconds: int) -> tuple[int, int, float]:
    """The RSS after the warm-up, at the end, and the growth between them.

    RSS moves by several percent from one sample to the next as allocators
    take and return memory, so single samples would compare noise: each end
    is the peak of a window (the fifth after the warm-up, the last fifth),
    and a leak shows as a higher peak at the end. The Python and Node
    workers run a full garbage collection before each sample, so that V8
    growing its heap to suit the allocation rate (by steps of 10-15 MiB
    over the first minute) does not pass for a leak.
    """
    span, start = seconds * 1000, warm_up_ms(seconds)

    def peak(begin: float, end: float) -> int:
        return max((s[1] for s in samples if begin <= s[0] < end), default=0)

    warm, last = peak(start, start + 0.2 * span), peak(0.8 * span, float("inf"))
    return warm, last, (last - warm) / warm if warm else 0.0


def check_soak(emu: Emulator, bindings: list[str], outs: list[dict[str, Any]], applied: list[dict[str, Any]],
               seconds: int) -> list[str]:
    failures = []
    surfaced: dict[str, int] = {}
    for out in outs:
        binding = out["binding"]
        if "failed" in out:
            failures.append(f"soak {binding}: {out['failed']}")
            continue
        for code, n in out["errors"].items():
            surfaced[code] = surfaced.get(code, 0) + n
        if out["unexpected"]:
            examples = "\n    ".join(out["examples"])
            failures.append(f"soak {binding}: {out['unexpected']} unexpected errors, e.g.\n    {examples}")
        warm, peak, growth = rss_growth(out["samples"], seconds)
        if growth > RSS_GROWTH_LIMIT:
            failures.append(f"soak {binding}: peak RSS grew {growth:.1%} after the warm-up ({kib(warm)} → {kib(peak)})")
        if out["leftover"] != 0:
            failures.append(f"soak {binding}: cleanup left {out['leftover']} resources")
    explained: dict[str, int] = {}
    for (_, _, code), f in zip(FAULTS, applied, strict=True):
        explained[code] = explained.get(code, 0) + f["applied"]
    for code, n in surfaced.items():
        if code in explained and n > explained[code]:
            failures.append(f"soak: {n} `{code}` errors surfaced, but only {explained[code]} faults could cause one")
    # What the emulator holds once the faults are gone: nothing named soak-*.
    token = emu.tokens[bindings[0]]
    for path, key in [("/ssh-keys", "ssh_keys"), ("/security-groups", "security_groups"), ("/instances", "instances")]:
        items = emu.api(f"{path}?per_page=100", token)[key]
        left = [i["name"] for i in items if i["name"].startswith("soak-") and i.get("status") != "deleting"]
        if left:
            failures.append(f"soak: {len(left)} {key} left in the emulator: {left[:5]}")
    return failures


def table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phases", default="load,soak")
    parser.add_argument("--bindings", default="rust,python,node,c")
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=256)
    parser.add_argument("--soak-seconds", type=int, default=60)
    args = parser.parse_args()
    bindings = args.bindings.split(",")
    phases = args.phases.split(",")
    WORK.mkdir(parents=True, exist_ok=True)
    base = os.environ.get("GENESISCLOUD_EMULATOR_TOKEN") or f"gc-load-{secrets.token_hex(12)}"
    tokens = {b: f"{base}-{b}" for b in bindings}
    failures = []
    if "load" in phases:
        failures += load_phase(bindings, tokens, args.requests, args.concurrency)
    if "soak" in phases:
        failures += soak_phase(bindings, tokens, args.soak_seconds)
    print()
    for failure in failures:
        print(f"FAIL {failure}", file=sys.stderr)
    print(f"load: {', '.join(phases)} through {', '.join(bindings)}: "
          + ("passed" if not failures else f"{len(failures)} failures"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
