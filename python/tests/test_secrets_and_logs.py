"""The token never shows, and core logs reach the ``logging`` module."""

from __future__ import annotations

import logging

import pytest

import genesiscloud
from genesiscloud.testing import Emulator

CANARY = "canary-secret-token-7f3a9c"
"""A token that must never show up in any output."""


def test_token_never_shows(emulator: Emulator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="genesiscloud")
    client = genesiscloud.Client(token=CANARY, base_url=emulator.base_url, max_retries=0)
    texts = [repr(client), str(client), repr(client.instances), repr(vars(client))]
    with pytest.raises(genesiscloud.AuthenticationError) as caught:
        client.images.list_page()
    error = caught.value
    texts += [str(error), repr(error), repr(vars(error)), error.message]
    texts += [record.getMessage() for record in caplog.records]
    assert caplog.records, "the request was logged"
    for text in texts:
        assert CANARY not in text


def test_requests_are_logged_at_debug(client: genesiscloud.Client, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="genesiscloud")
    client.images.list_page()
    lines = [r.getMessage() for r in caplog.records if r.name == "genesiscloud"]
    assert any("method=GET" in line and "path=/images" in line and "status=200" in line for line in lines)
    assert all(r.levelno == logging.DEBUG for r in caplog.records if r.name == "genesiscloud")


def test_retries_are_logged_at_info(emulator: Emulator, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="genesiscloud")
    emulator.inject_fault(kind="status", status=503, times=1)
    with emulator.client() as client:
        client.images.list_page()
    retries = [r for r in caplog.records if r.name == "genesiscloud"]
    assert [r.levelno for r in retries] == [logging.INFO]
    assert "retrying" in retries[0].getMessage()


def test_nothing_is_logged_above_the_level(
    client: genesiscloud.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="genesiscloud")
    client.images.list_page()
    assert [r for r in caplog.records if r.name == "genesiscloud"] == []
