"""Memory of a long-running client: 50,000 calls (successes and failures)
must leave the process's RSS and Python's heap flat.

The emulator runs in its own process (the ``genesiscloud-emulator``
binary): the in-process one keeps a log of every request, which would be
counted as growth of this process. It accepts the token of the session's
in-process emulator, so that the canary token of ``make test`` is used.
"""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import genesiscloud
from genesiscloud.testing import Emulator

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / "target" / "debug" / "genesiscloud-emulator"

CALLS = 50_000
WARM_UP = 10_000
THREADS = 4
"""The calls are shared by this many threads, so that the client's work and
the emulator's overlap on two cores instead of taking turns: the same
calls in about half the time."""

RSS_GROWTH_BOUND = 0.025
"""RSS may grow by 2.5% after the warm-up. The process holds 60 MiB when
this test runs alone, 115 to 130 MiB after the rest of the suite, so 2.5% is
1.5 to 3.2 MiB over 40,000 calls: a leak of 40 to 80 bytes per call would
cross it, while allocator noise (arenas of the runtime's threads) stays far
below it (runs measured +104 to +340 KiB)."""

PY_BLOCKS_GROWTH_BOUND = 2_000
"""Blocks of Python's allocator alive at the end that were not after the
warm-up (``sys.getallocatedblocks``, which unlike tracemalloc costs nothing
per allocation): one leaked object per call would be 40,000."""

MISSING = "00000000-0000-4000-8000-000000000000"


def _rss_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.fixture
def external_base_url(emulator: Emulator) -> Iterator[str]:
    if not BINARY.exists():
        pytest.fail(f"{BINARY} is missing: `cargo build -p genesiscloud-emulator` (make test-python runs it)")
    env = {**os.environ, "GENESISCLOUD_EMULATOR_TOKEN": emulator.token}
    process = subprocess.Popen(
        [str(BINARY), "--port", "0", "--lifecycle-delay-ms", "0"],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def quiet_sdk_logger() -> Iterator[None]:
    # pytest keeps every captured log record of a test in memory: 50,000
    # debug lines would be the growth this test looks for.
    logger = logging.getLogger("genesiscloud")
    level = logger.level
    logger.setLevel(logging.WARNING)
    yield
    logger.setLevel(level)


@pytest.mark.usefixtures("quiet_sdk_logger")
def test_50k_calls_keep_memory_flat(
    emulator: Emulator, external_base_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    client = genesiscloud.Client(token=emulator.token, base_url=external_base_url)
    instance_id = client.instances.list_page().items[0].id

    def call(i: int) -> int:
        """Makes call number `i`; 1 if it failed with not_found, else 0."""
        # Every tenth call fails, so error objects cross the boundary too.
        if i % 10 == 9:
            try:
                client.instances.get(MISSING)
            except genesiscloud.NotFoundError:
                return 1
        elif i % 2:
            assert len(client.images.list_page(per_page=5).items) == 5
        else:
            assert client.instances.get(instance_id).id == instance_id
        return 0

    def calls(start: int, stop: int) -> int:
        """Makes calls `start` to `stop` from THREADS threads, which have
        ended when it returns; the number that failed with not_found. A
        thread's exception is raised here."""

        def share(thread: int) -> int:
            return sum(call(i) for i in range(start + thread, stop, THREADS))

        with ThreadPoolExecutor(THREADS) as pool:
            return sum(pool.map(share, range(THREADS)))

    started = time.perf_counter()
    failures = calls(0, WARM_UP)
    gc.collect()
    rss_warm = _rss_bytes()
    objects_warm = len(gc.get_objects())
    blocks_warm = sys.getallocatedblocks()

    failures += calls(WARM_UP, CALLS)

    gc.collect()
    blocks_end = sys.getallocatedblocks()
    rss_end = _rss_bytes()
    objects_end = len(gc.get_objects())
    elapsed = time.perf_counter() - started
    client.close()

    rss_growth = rss_end - rss_warm
    measured = CALLS - WARM_UP
    # Shown even when pytest captures output: the numbers are the report.
    with capsys.disabled():
        print(
            f"\nmemory: {CALLS} calls ({failures} not_found) in {elapsed:.1f} s "
            f"from {THREADS} threads ({elapsed / CALLS * 1e6:.0f} us/call); "
            f"RSS {rss_warm / 2**20:.2f} MiB after {WARM_UP} calls, {rss_end / 2**20:.2f} MiB at the end "
            f"({rss_growth / 2**10:+.0f} KiB, {rss_growth / rss_warm:+.2%}, "
            f"{rss_growth / measured:+.1f} B/call); "
            f"Python allocator blocks {blocks_end - blocks_warm:+d}; "
            f"gc-tracked objects {objects_warm} -> {objects_end}"
        )
    assert failures == CALLS // 10
    assert rss_growth < RSS_GROWTH_BOUND * rss_warm
    assert blocks_end - blocks_warm < PY_BLOCKS_GROWTH_BOUND
