"""``with_options``: a client derived from another, with its own retries,
timeout and headers, the parent's connections, and the parent unchanged."""

from __future__ import annotations

from typing import Any

import pytest

import genesiscloud
from genesiscloud.testing import Emulator

IMAGES = "/compute/v1/images"


def test_the_derived_client_retries_as_told_and_the_parent_as_before(emulator: Emulator) -> None:
    emulator.inject_fault(kind="status", status=503, path=IMAGES)
    with emulator.client() as parent:
        child = parent.with_options(max_retries=0)
        with pytest.raises(genesiscloud.InternalServerError) as caught:
            child.images.list_page()
        assert caught.value.attempts == 1
        assert len(emulator.requests()) == 1
        emulator.clear_requests()
        with pytest.raises(genesiscloud.InternalServerError) as caught:
            parent.images.list_page()
        assert caught.value.attempts == 3
        assert len(emulator.requests()) == 3


async def test_the_async_derived_client_times_out_as_told_and_the_parent_waits(emulator: Emulator) -> None:
    emulator.inject_fault(kind="latency", latency_ms=400, path=IMAGES)
    async with emulator.async_client() as parent:
        child = parent.with_options(timeout=0.1, max_retries=0)
        assert isinstance(child, genesiscloud.AsyncClient)
        with pytest.raises(genesiscloud.APITimeoutError) as caught:
            await child.images.list_page()
        assert caught.value.attempts == 1
        assert (await parent.images.list_page()).items


def test_the_derived_clients_headers_reach_the_server_and_the_parents_requests_lack_them(
    emulator: Emulator,
) -> None:
    with emulator.client() as parent:
        child = parent.with_options(headers={"X-Trace-Id": "nightly"})
        assert isinstance(child, genesiscloud.Client)
        child.images.list_page()
        parent.images.list_page()
        child.with_options(headers={"X-Team": "ml"}).images.list_page()
    seen = [r["headers"] for r in emulator.requests()]
    assert seen[0]["x-trace-id"] == "nightly"
    assert "x-trace-id" not in seen[1]
    assert (seen[2]["x-trace-id"], seen[2]["x-team"]) == ("nightly", "ml")
    assert all(r["authenticated"] for r in emulator.requests())


@pytest.mark.parametrize("name", ["X-Auth-Token", "Authorization"])
def test_the_auth_header_cannot_be_overridden(emulator: Emulator, name: str) -> None:
    refused = f"the {name.lower()} header cannot be set"
    with emulator.client() as parent, pytest.raises(genesiscloud.InvalidArgumentError, match=refused):
        parent.with_options(headers={name: "forged"})
    assert emulator.requests() == []


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("timeout", -1.0),
        ("timeout", 0),
        ("timeout", "5"),
        ("deadline", 0),
        ("max_retries", -1),
        ("per_page", 0),
        ("per_page", 101),
        ("concurrency", 0),
    ],
)
def test_bad_values_get_the_constructors_message(emulator: Emulator, setting: str, value: Any) -> None:
    with pytest.raises(genesiscloud.InvalidArgumentError) as constructor:
        emulator.client(**{setting: value})
    with emulator.client() as parent, pytest.raises(genesiscloud.InvalidArgumentError) as derived:
        parent.with_options(**{setting: value})
    assert str(derived.value) == str(constructor.value)


@pytest.mark.parametrize("headers", [["X-A", "1"], {"X-A": 1}, {"X A": "1"}])
def test_bad_headers_are_refused(emulator: Emulator, headers: Any) -> None:
    with emulator.client() as parent, pytest.raises(genesiscloud.InvalidArgumentError, match="header"):
        parent.with_options(headers=headers)


def test_settings_are_keyword_only(emulator: Emulator) -> None:
    with emulator.client() as parent, pytest.raises(genesiscloud.InvalidArgumentError):
        parent.with_options(5)  # type: ignore[call-arg]


def test_closing_the_derived_client_leaves_the_parent_open(emulator: Emulator) -> None:
    with emulator.client() as parent:
        with parent.with_options(per_page=1) as child:
            assert len(child.images.list_page().items) >= 1
        assert child.closed
        assert not parent.closed
        assert parent.images.list_page().items
