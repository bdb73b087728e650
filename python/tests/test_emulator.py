"""``genesiscloud.testing``: the emulator and the pytest fixture."""

from __future__ import annotations

import pytest

import genesiscloud
from genesiscloud.testing import Emulator


def test_fixture_is_a_fresh_emulator(genesiscloud_emulator: Emulator) -> None:
    assert genesiscloud_emulator.base_url.endswith("/compute/v1")
    assert genesiscloud_emulator.base_url.startswith(genesiscloud_emulator.root_url)
    assert genesiscloud_emulator.requests() == []


def test_reset_seed_and_configure(emulator: Emulator) -> None:
    emulator.reset("empty")
    with emulator.client() as client:
        assert client.images.list_page().total_count == 0
        emulator.seed(images=3, volumes=2)
        assert client.images.list_page().total_count == 3
        assert client.volumes.list_page().total_count == 2
        emulator.configure(rate_limit=None, lifecycle_delay=0)
        emulator.reset()
        assert client.images.list_page().total_count > 3


def test_faults_as_dict_or_keywords(emulator: Emulator) -> None:
    with emulator.client(max_retries=0) as client:
        emulator.inject_fault({"kind": "status", "status": 500, "times": 1})
        with pytest.raises(genesiscloud.InternalServerError) as caught:
            client.images.list_page()
        assert caught.value.status == 500
        assert client.images.list_page().items
        emulator.inject_fault(kind="status", status=409)
        emulator.clear_faults()
        assert client.images.list_page().items


def test_request_log(emulator: Emulator) -> None:
    with emulator.client() as client:
        client.images.list_page(per_page=5)
    (request,) = emulator.requests()
    assert (request["method"], request["path"], request["status"]) == ("GET", "/compute/v1/images", 200)
    assert request["headers"]["x-auth-token"] != emulator.token
    emulator.clear_requests()
    assert emulator.requests() == []


def test_context_manager_stops() -> None:
    with Emulator(seed="empty") as emulator, emulator.client() as client:
        assert client.images.list_page().items == []
    with pytest.raises(ValueError, match="stopped"):
        emulator.requests()
