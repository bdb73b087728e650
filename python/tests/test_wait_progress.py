"""``wait_until(..., on_progress=...)``: told of every poll, on the right
thread, and able to stop the wait with the very exception it raises."""

from __future__ import annotations

import asyncio
import gc
import threading
import weakref
from typing import Optional

import pytest

import genesiscloud
from genesiscloud.testing import Emulator

FAST = {"interval": 0.05, "max_interval": 0.05, "timeout": 5.0}


class Boom(Exception):
    pass


def gets(emulator: Emulator) -> int:
    return sum(1 for r in emulator.requests() if r["method"] == "GET")


def create_volume(client: genesiscloud.Client, name: str = "watched") -> genesiscloud.Volume:
    return client.volumes.create(name=name, region="NORD-NO-KRS-1", size=1)


def statuses(seen: list[genesiscloud.WaitProgress]) -> list[Optional[str]]:
    out: list[Optional[str]] = []
    for p in seen:
        if not out or out[-1] != p.status:
            out.append(p.status)
    return out


def check_in_order(seen: list[genesiscloud.WaitProgress]) -> None:
    assert [p.polls for p in seen] == list(range(1, len(seen) + 1))
    assert all(a.elapsed <= b.elapsed for a, b in zip(seen, seen[1:]))


def test_every_poll_is_told_the_last_one_and_a_404_included(emulator: Emulator) -> None:
    emulator.configure(lifecycle_delay=0.5)
    with emulator.client() as client:
        volume = create_volume(client)
        seen: list[genesiscloud.WaitProgress] = []
        done = client.volumes.wait_until(volume.id, "created", on_progress=seen.append, **FAST)
        assert done.status == "created"
        assert statuses(seen) == ["creating", "created"]
        check_in_order(seen)

        client.volumes.delete(volume.id)
        seen.clear()
        assert client.volumes.wait_until(volume.id, "deleted", on_progress=seen.append, **FAST) is None
        assert statuses(seen) == ["deleting", None]
        check_in_order(seen)


def test_the_blocking_callback_runs_on_the_thread_that_waits(emulator: Emulator) -> None:
    emulator.configure(lifecycle_delay=0.2)
    called_on: set[int] = set()
    done: list[genesiscloud.Volume] = []
    with emulator.client() as client:
        volume = create_volume(client)

        def wait() -> None:
            seen = client.volumes.wait_until(
                volume.id, "created", on_progress=lambda _: called_on.add(threading.get_ident()), **FAST
            )
            done.append(seen)

        waiter = threading.Thread(target=wait)
        waiter.start()
        waiter.join(10)
    assert [v.status for v in done] == ["created"]
    assert called_on == {waiter.ident}


def test_a_raising_callback_ends_the_wait_with_that_very_exception(emulator: Emulator) -> None:
    emulator.configure(lifecycle_delay=60)
    raised = Boom("enough")

    def stop_at_second(p: genesiscloud.WaitProgress) -> None:
        if p.polls == 2:
            raise raised

    with emulator.client() as client:
        volume = create_volume(client)
        emulator.clear_requests()
        with pytest.raises(Boom) as caught:
            client.volumes.wait_until(volume.id, "created", on_progress=stop_at_second, **FAST)
        assert caught.value is raised
        # Its traceback still shows where the callback raised it.
        assert caught.traceback[-1].name == "stop_at_second"
        assert gets(emulator) == 2


def test_the_blocking_wait_leaves_the_gil_to_other_threads(emulator: Emulator) -> None:
    emulator.configure(lifecycle_delay=0.5)
    ticks = 0
    stop = threading.Event()

    def spin() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1

    with emulator.client() as client:
        volume = create_volume(client)
        spinner = threading.Thread(target=spin)
        spinner.start()
        try:
            seen: list[int] = []
            client.volumes.wait_until(volume.id, "created", on_progress=lambda p: seen.append(ticks), **FAST)
        finally:
            stop.set()
            spinner.join()
        # The other thread ran between the polls.
        assert len(seen) >= 2
        assert seen[-1] > seen[0]


def test_nothing_keeps_the_callback_alive_after_the_wait(emulator: Emulator) -> None:
    class Watcher:
        def __call__(self, p: genesiscloud.WaitProgress) -> None:
            raise Boom("stop")

    with emulator.client() as client:
        volume = create_volume(client)
        watcher = Watcher()
        gone = weakref.ref(watcher)
        with pytest.raises(Boom):
            client.volumes.wait_until(volume.id, "created", on_progress=watcher, **FAST)
        del watcher
        client.images.list_page()  # the native side drops what it released meanwhile
        gc.collect()
        assert gone() is None


def test_a_callback_that_cannot_be_called_is_refused(client: genesiscloud.Client) -> None:
    volume = create_volume(client)
    with pytest.raises(genesiscloud.InvalidArgumentError, match="on_progress must be callable, not int"):
        client.volumes.wait_until(volume.id, "created", on_progress=3)  # type: ignore[call-overload]


async def test_async_plain_callable_runs_on_the_event_loop_thread(emulator: Emulator) -> None:
    emulator.configure(lifecycle_delay=0.5)
    loop_thread = threading.get_ident()
    threads: set[int] = set()
    seen: list[genesiscloud.WaitProgress] = []

    def record(p: genesiscloud.WaitProgress) -> None:
        threads.add(threading.get_ident())
        seen.append(p)

    async with emulator.async_client() as client:
        volume = await client.volumes.create(name="watched", region="NORD-NO-KRS-1", size=1)
        done = await client.volumes.wait_until(volume.id, "created", on_progress=record, **FAST)
    assert done.status == "created"
    assert statuses(seen) == ["creating", "created"]
    check_in_order(seen)
    assert threads == {loop_thread}


async def test_async_coroutine_function_is_awaited_before_the_next_poll(emulator: Emulator) -> None:
    emulator.configure(lifecycle_delay=0.5)
    running = 0
    overlapped = False
    seen: list[genesiscloud.WaitProgress] = []

    async def slow(p: genesiscloud.WaitProgress) -> None:
        nonlocal running, overlapped
        running += 1
        overlapped |= running > 1
        await asyncio.sleep(0.06)
        seen.append(p)
        running -= 1

    async with emulator.async_client() as client:
        volume = await client.volumes.create(name="watched", region="NORD-NO-KRS-1", size=1)
        await client.volumes.wait_until(volume.id, "created", on_progress=slow, **FAST)
    assert not overlapped
    assert statuses(seen) == ["creating", "created"]
    check_in_order(seen)


async def test_async_raising_coroutine_ends_the_wait_with_that_very_exception(emulator: Emulator) -> None:
    emulator.configure(lifecycle_delay=60)
    raised = Boom("enough")

    async def stop_at_third(p: genesiscloud.WaitProgress) -> None:
        await asyncio.sleep(0)
        if p.polls == 3:
            raise raised

    async with emulator.async_client() as client:
        volume = await client.volumes.create(name="watched", region="NORD-NO-KRS-1", size=1)
        emulator.clear_requests()
        with pytest.raises(Boom) as caught:
            await client.volumes.wait_until(volume.id, "created", on_progress=stop_at_third, **FAST)
        assert caught.value is raised
        assert gets(emulator) == 3
