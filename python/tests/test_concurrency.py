"""Threads, the GIL, Ctrl-C and asyncio around the native calls."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import genesiscloud
from genesiscloud.testing import Emulator

SLOW = 5.0
"""Injected latency of a "slow" request, in seconds; tests that interrupt
one assert that they return well before it could have completed."""


def test_threads_share_a_client(client: genesiscloud.Client) -> None:
    ids = [image.id for image in client.images.list()]
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                results.append([image.id for image in client.images.list()])
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 40
    assert all(r == ids for r in results)


def test_gil_is_released_during_a_request(emulator: Emulator) -> None:
    emulator.configure(latency=0.5)
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    with emulator.client() as client:
        counter.start()
        ticks_before = ticks
        client.images.list_page()
        ticks_during = ticks - ticks_before
        done.set()
    counter.join()
    assert ticks_during > 10, "another Python thread could not run during the request"


@pytest.fixture
def ctrl_c() -> Iterator[None]:
    """Python's own SIGINT handler for the test: a process started in the
    background of a shell without job control inherits SIGINT ignored, and
    Python then never installs the handler that raises KeyboardInterrupt."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs pthread_kill")
@pytest.mark.usefixtures("ctrl_c")
def test_ctrl_c_interrupts_a_slow_request(emulator: Emulator) -> None:
    emulator.configure(latency=SLOW)
    timer = threading.Timer(0.3, signal.pthread_kill, (threading.main_thread().ident, signal.SIGINT))
    with emulator.client() as client:
        started = time.monotonic()
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            client.images.list_page()
        assert time.monotonic() - started < SLOW
        emulator.configure(latency=0)
        assert client.images.list_page().items, "the client still works afterwards"


@pytest.mark.usefixtures("ctrl_c")
def test_ctrl_c_interrupts_a_slow_list(emulator: Emulator) -> None:
    emulator.configure(latency=SLOW)
    timer = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT))
    with emulator.client() as client:
        started = time.monotonic()
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            list(client.images.list())
        assert time.monotonic() - started < SLOW


async def test_many_concurrent_requests(emulator: Emulator) -> None:
    async with emulator.async_client() as client:
        volumes = [v.id for v in (await client.volumes.list_page()).items]
        got = await asyncio.gather(*(client.volumes.get(volumes[i % len(volumes)]) for i in range(200)))
    assert [v.id for v in got] == [volumes[i % len(volumes)] for i in range(200)]
    assert len([r for r in emulator.requests() if r["path"].startswith("/compute/v1/volumes/")]) == 200


async def test_cancelling_a_task_cancels_the_request(emulator: Emulator) -> None:
    emulator.configure(latency=SLOW)
    async with emulator.async_client() as client:
        task = asyncio.create_task(client.images.list_page())
        await asyncio.sleep(0.2)
        started = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert time.monotonic() - started < SLOW
        emulator.configure(latency=0)
        page = await asyncio.wait_for(client.images.list_page(), timeout=SLOW)
        assert page.items, "the loop and the client still work"


async def test_wait_for_timeout_cancels(emulator: Emulator) -> None:
    emulator.configure(latency=SLOW)
    async with emulator.async_client() as client:
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(client.instances.list_page(), timeout=0.2)


async def test_async_errors_are_the_same_classes(emulator: Emulator) -> None:
    async with emulator.async_client() as client:
        with pytest.raises(genesiscloud.NotFoundError) as caught:
            await client.instances.get("00000000-0000-0000-0000-000000000000")
    assert caught.value.status == 404


def test_interpreter_exits_cleanly_with_a_request_in_flight(tmp_path: Path) -> None:
    script = tmp_path / "exit.py"
    script.write_text(
        "import threading, time\n"
        "from genesiscloud.testing import Emulator\n"
        "emulator = Emulator(latency=5)\n"
        "client = emulator.client()\n"
        "threading.Thread(target=client.images.list_page, daemon=True).start()\n"
        "pager = client.images.list()\n"
        "time.sleep(0.3)\n"
    )
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "panicked" not in result.stderr


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the thread names of /proc")
def test_blocking_calls_run_on_the_calling_thread(emulator: Emulator) -> None:
    # In a fresh process (this one's emulator runs on the SDK's runtime):
    # single calls, from two threads, wake no SDK worker thread; a list does.
    script = (
        "import sys, threading\n"
        "from pathlib import Path\n"
        "import genesiscloud\n"
        "client = genesiscloud.Client(token=sys.argv[2], base_url=sys.argv[1])\n"
        "def names():\n"
        "    return sorted(p.read_text().strip() for p in Path('/proc/self/task').glob('*/comm'))\n"
        "def calls():\n"
        "    for _ in range(3):\n"
        "        client.images.list_page()\n"
        "worker = threading.Thread(target=calls)\n"
        "worker.start()\n"
        "calls()\n"
        "worker.join()\n"
        "print(names())\n"
        "next(iter(client.images.list()))\n"
        "print(names())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, emulator.base_url, emulator.token],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    after_calls, after_list = result.stdout.splitlines()
    assert "genesiscloud-wo" not in after_calls
    assert "genesiscloud-wo" in after_list


class _LoopWithoutReaders(asyncio.SelectorEventLoop):
    """A loop that cannot watch a descriptor, as Windows' proactor loop."""

    def add_reader(self, *args: object) -> None:
        raise NotImplementedError


def test_a_loop_that_cannot_watch_a_socket_still_gets_every_answer(emulator: Emulator) -> None:
    async def calls() -> None:
        async with emulator.async_client() as client:
            volumes = [v.id for v in (await client.volumes.list_page()).items]
            got = await asyncio.gather(*(client.volumes.get(volumes[i % len(volumes)]) for i in range(50)))
            assert [v.id for v in got] == [volumes[i % len(volumes)] for i in range(50)]
            with pytest.raises(genesiscloud.NotFoundError):
                await client.instances.get("00000000-0000-0000-0000-000000000000")
            assert [i.id async for i in client.images.list(per_page=2)]

    loop = _LoopWithoutReaders()
    try:
        loop.run_until_complete(calls())
    finally:
        loop.close()


def test_loops_on_several_threads_each_get_their_own_answers(emulator: Emulator) -> None:
    with emulator.client() as sync_client:
        volumes = [v.id for v in sync_client.volumes.list_page().items]
    got: dict[int, list[str]] = {}

    async def calls(n: int) -> None:
        async with emulator.async_client() as client:
            ids = [volumes[(n + i) % len(volumes)] for i in range(100)]
            answers = await asyncio.gather(*(client.volumes.get(i) for i in ids))
            got[n] = [v.id for v in answers]

    threads = [threading.Thread(target=asyncio.run, args=(calls(n),)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == {n: [volumes[(n + i) % len(volumes)] for i in range(100)] for n in range(3)}


def test_an_answer_for_a_closed_loop_is_dropped_quietly(emulator: Emulator) -> None:
    # A call still in flight when its loop closes must neither crash nor
    # reach another loop.
    emulator.configure(latency=0.3)
    loop = asyncio.new_event_loop()
    pending: list[object] = []

    async def start() -> None:
        client = emulator.async_client()
        pending.append(asyncio.ensure_future(client.images.list_page()))
        await asyncio.sleep(0.05)

    loop.run_until_complete(start())
    loop.close()
    time.sleep(0.4)
    emulator.configure(latency=0)

    async def again() -> None:
        async with emulator.async_client() as client:
            assert (await client.images.list_page()).items

    asyncio.run(again())
