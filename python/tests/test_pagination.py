"""Lazy listing: every item once, in order, page by page, cancellable."""

from __future__ import annotations

import gc as garbage
import time

import genesiscloud
from genesiscloud.testing import Emulator


def seeded(emulator: Emulator) -> None:
    emulator.reset("empty")
    emulator.seed(images=250)


def test_list_yields_every_item_once(emulator: Emulator) -> None:
    seeded(emulator)
    with emulator.client(per_page=10) as client:
        pager = client.images.list()
        assert isinstance(pager, genesiscloud.Pager)
        ids = [image.id for image in pager]
        assert pager.total_count == 250
    assert len(ids) == len(set(ids)) == 250
    pages = [r for r in emulator.requests() if r["path"] == "/compute/v1/images"]
    assert len(pages) == 25


def test_list_is_lazy(emulator: Emulator) -> None:
    seeded(emulator)
    with emulator.client(per_page=10, concurrency=2) as client:
        pager = client.images.list()
        first = next(pager)
        assert isinstance(first, genesiscloud.Image)
        # Prefetch is bounded: a few pages, not the whole list.
        assert len(emulator.requests()) < 10
        pager.close()
        assert list(pager) == []


def test_leaving_the_loop_cancels_requests_in_flight(emulator: Emulator) -> None:
    seeded(emulator)
    # The first page answers at once; the prefetched ones are held for
    # 2.5 s, so they are still in flight when the loop is left.
    emulator.inject_fault(kind="latency", latency_ms=2500, path="/compute/v1/images", after=1)
    with emulator.client(per_page=10, concurrency=4) as client:
        for image in client.images.list():
            assert image.id
            time.sleep(0.5)  # time for the prefetch to send its requests
            break
        garbage.collect()
        time.sleep(2.5)
    status = {r["query"]: r["status"] for r in emulator.requests()}
    assert status.pop("page=1&per_page=10") == 200
    # Nothing after the break but the prefetched pages (four at most); the
    # emulator logs a request the client hung up on before its answer with
    # no status: each of them was abandoned, none answered.
    assert status, "no page was prefetched, so nothing was in flight to cancel"
    assert set(status) <= {f"page={n}&per_page=10" for n in range(2, 6)}
    assert set(status.values()) == {None}


def test_list_page_is_one_request(client: genesiscloud.Client, emulator: Emulator) -> None:
    page = client.images.list_page(page=2, per_page=3)
    assert (page.page, page.per_page) == (2, 3)
    assert len(page.items) == 3
    assert page.total_count >= 6
    assert len(emulator.requests()) == 1


def test_filters_are_sent(client: genesiscloud.Client, emulator: Emulator) -> None:
    images = list(client.images.list(type="cloud-image"))
    assert images
    assert all(i.type == "cloud-image" for i in images)
    assert "type=cloud-image" in emulator.requests()[0]["query"]


async def test_async_for(emulator: Emulator) -> None:
    seeded(emulator)
    async with emulator.async_client(per_page=25) as client:
        pager = client.images.list()
        assert isinstance(pager, genesiscloud.AsyncPager)
        ids = [image.id async for image in pager]
    assert len(set(ids)) == 250


def test_errors_surface_while_iterating(emulator: Emulator) -> None:
    seeded(emulator)
    emulator.inject_fault(kind="status", status=404, path="/compute/v1/images", after=1)
    with emulator.client(per_page=100, concurrency=1) as client:
        seen = []
        try:
            for image in client.images.list():
                seen.append(image)
        except genesiscloud.NotFoundError:
            pass
        else:
            raise AssertionError("the failing page was not reported")
    assert len(seen) == 100
