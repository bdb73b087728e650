"""pytest plugin of the SDK: the ``genesiscloud_emulator`` fixture.

One emulator serves the whole session; before each test it is reset to the
default seed with no faults, no latency and an empty request log.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from genesiscloud.testing import Emulator


@pytest.fixture(scope="session")
def _genesiscloud_emulator_session() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator


@pytest.fixture
def genesiscloud_emulator(_genesiscloud_emulator_session: Emulator) -> Emulator:
    """A running Genesis Cloud API emulator, freshly reset."""
    emulator = _genesiscloud_emulator_session
    emulator.reset()
    return emulator
