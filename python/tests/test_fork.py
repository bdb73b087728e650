"""A client made before fork() works in the child."""

from __future__ import annotations

import multiprocessing
import sys
from typing import Any

import pytest

import genesiscloud
from genesiscloud.testing import Emulator

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX only")

_client: Any = None


def child_work(image_id: str) -> tuple[str, int]:
    image_names = [image.name for image in _client.images.list()]
    return (_client.images.list_page().items[0].id, len(image_names)) if image_id else ("", 0)


def test_client_is_usable_after_fork(emulator: Emulator) -> None:
    global _client
    _client = emulator.client()
    try:
        # The parent uses the client first, so it has pooled connections.
        first = _client.images.list_page().items[0].id
        context = multiprocessing.get_context("fork")
        with context.Pool(2) as pool:
            results = pool.map(child_work, [first] * 4, chunksize=1)
        assert all(result[0] == first and result[1] > 0 for result in results)
        # And the parent's client still works after the children ran.
        assert _client.images.list_page().items[0].id == first
    finally:
        _client.close()
        _client = None


def test_async_client_works_after_fork(emulator: Emulator) -> None:
    import asyncio

    async def count(c: genesiscloud.AsyncClient) -> int:
        return len([i async for i in c.images.list()])

    parent = emulator.async_client()
    expected = asyncio.run(count(parent))
    context = multiprocessing.get_context("fork")
    queue: Any = context.Queue()

    def run() -> None:
        queue.put(asyncio.run(count(parent)))

    process = context.Process(target=run)
    process.start()
    process.join(30)
    assert process.exitcode == 0
    assert queue.get(timeout=5) == expected


def test_a_derived_client_keeps_its_overrides_after_fork(emulator: Emulator) -> None:
    parent = emulator.client()
    derived = parent.with_options(max_retries=0, headers={"X-Trace-Id": "forked"})
    derived.images.list_page()
    emulator.inject_fault(kind="status", status=503, path="/compute/v1/images")
    emulator.clear_requests()
    context = multiprocessing.get_context("fork")
    queue: Any = context.Queue()

    def run() -> None:
        try:
            derived.images.list_page()
            queue.put(None)
        except genesiscloud.InternalServerError as e:
            queue.put(e.attempts)

    process = context.Process(target=run)
    process.start()
    process.join(30)
    assert process.exitcode == 0
    assert queue.get(timeout=5) == 1
    assert [r["headers"].get("x-trace-id") for r in emulator.requests()] == ["forked"]
    parent.close()
    derived.close()
