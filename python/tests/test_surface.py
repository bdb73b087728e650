"""The Python surface against the core's description of the operations
(tests/surface/operations.json, generated from ``genesiscloud::api``): every
operation is a method of both clients, and every public method of a
resource group is an operation, so neither side can drift alone."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest

import genesiscloud

OPERATIONS: list[dict[str, Any]] = json.loads(
    (Path(__file__).resolve().parents[2] / "tests" / "surface" / "operations.json").read_text()
)["operations"]

GROUPS = sorted({op["python"].split(".")[0] for op in OPERATIONS if "." in op["python"]})
# Methods of the clients that are no operation of the API.
CLIENT_ONLY = {"close", "aclose", "with_options"}


def _clients() -> list[Any]:
    return [genesiscloud.Client(token="t"), genesiscloud.AsyncClient(token="t")]


@pytest.mark.parametrize("op", OPERATIONS, ids=[op["name"] for op in OPERATIONS])
def test_every_operation_is_a_method_of_both_clients(op: dict[str, Any]) -> None:
    for client in _clients():
        target: Any = client
        for part in op["python"].split("."):
            target = getattr(target, part)
        assert callable(target), f"{type(client).__name__}: {op['python']}"


def test_every_public_method_is_an_operation() -> None:
    names = {op["python"] for op in OPERATIONS}
    for client in _clients():
        for group in GROUPS:
            for name, _ in inspect.getmembers(type(getattr(client, group)), callable):
                if not name.startswith("_"):
                    assert f"{group}.{name}" in names, f"{type(client).__name__}.{group}.{name}"
        for name, member in inspect.getmembers(type(client)):
            if callable(member) and not name.startswith("_") and name not in CLIENT_ONLY:
                assert name in names, f"{type(client).__name__}.{name}"
