"""The raw answer of a successful call: ``with_raw_response`` and
``on_response=``, with the allow-list over headers and the token kept out."""

from __future__ import annotations

import threading

import pytest

import genesiscloud
from genesiscloud.testing import Emulator

IMAGES = "/compute/v1/images"
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl raw@example"


def test_with_raw_response_gives_the_parsed_result_and_the_answer(emulator: Emulator) -> None:
    emulator.inject_fault(kind="status", status=503, times=1, path=IMAGES)
    with emulator.client() as client:
        raw = client.images.with_raw_response.list_page(per_page=2)
    page = raw.parse()
    assert isinstance(page, genesiscloud.Page)
    assert len(page.items) == 2
    assert (raw.method, raw.path, raw.status_code) == ("GET", f"{IMAGES}?per_page=2", 200)
    assert raw.attempts == 2
    assert raw.elapsed > 0
    assert raw.request_id
    assert raw.headers["x-request-id"] == raw.request_id
    assert raw.headers["content-type"] == "application/json"


def test_headers_off_the_allow_list_are_redacted_and_the_token_never_shows(emulator: Emulator) -> None:
    with emulator.client() as client:
        raw = client.with_raw_response.quotas()
    assert raw.headers["date"] == "REDACTED"
    assert emulator.token not in repr(raw) + repr(dict(raw.headers))
    assert isinstance(raw.parse(), list)


def test_a_delete_answers_204_and_none(emulator: Emulator) -> None:
    with emulator.client() as client:
        key = client.ssh_keys.create(name="raw", value=KEY)
        raw = client.ssh_keys.with_raw_response.delete(key.id)
    assert (raw.status_code, raw.parse()) == (204, None)


def test_on_response_is_told_of_every_page_on_the_callers_thread(emulator: Emulator) -> None:
    emulator.seed(images=7)
    seen: list[tuple[genesiscloud.Response, threading.Thread]] = []
    with emulator.client() as client:
        pager = client.images.list(
            per_page=5, on_response=lambda r: seen.append((r, threading.current_thread()))
        )
        items = list(pager)
    pages = -(-len(items) // 5)
    assert len(seen) == pages
    assert all(thread is threading.main_thread() for _, thread in seen)
    wanted = [f"{IMAGES}?page={n}&per_page=5" for n in range(1, pages + 1)]
    assert sorted(r.path for r, _ in seen) == sorted(wanted)


def test_the_callers_own_on_response_still_hears_a_raw_call(emulator: Emulator) -> None:
    heard: list[genesiscloud.Response] = []
    with emulator.client() as client:
        raw = client.images.with_raw_response.list_page(on_response=heard.append)
    assert [r.request_id for r in heard] == [raw.request_id]


def test_an_on_response_that_cannot_be_called_is_an_invalid_argument(client: genesiscloud.Client) -> None:
    with pytest.raises(genesiscloud.InvalidArgumentError, match="on_response must be callable, not int"):
        client.images.list_page(on_response=3)  # type: ignore[arg-type]


def test_what_on_response_raises_reaches_the_caller(client: genesiscloud.Client) -> None:
    class Seen(Exception):
        pass

    def refuse(response: genesiscloud.Response) -> None:
        raise Seen(response.request_id)

    with pytest.raises(Seen):
        client.images.list_page(on_response=refuse)


async def test_the_async_client_has_the_same_raw_answers(emulator: Emulator) -> None:
    heard: list[genesiscloud.Response] = []
    async with emulator.async_client() as client:
        raw = await client.images.with_raw_response.list_page(per_page=1)
        items = [i async for i in client.images.list(per_page=100, on_response=heard.append)]
    assert raw.status_code == 200
    assert len(raw.parse().items) == 1
    assert items
    assert len(heard) == 1
    assert heard[0].status_code == 200
