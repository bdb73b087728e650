"""Shared fixtures: the emulator comes from the package's own pytest plugin
(``genesiscloud_emulator``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import genesiscloud
from genesiscloud.testing import Emulator


@pytest.fixture
def emulator(genesiscloud_emulator: Emulator) -> Emulator:
    genesiscloud_emulator.configure(lifecycle_delay=0)
    return genesiscloud_emulator


@pytest.fixture
def client(emulator: Emulator) -> Iterator[genesiscloud.Client]:
    with emulator.client() as client:
        yield client
