"""Hostile arguments at the Python boundary: NUL bytes, lone surrogates,
values of the wrong type, huge strings and numbers, cyclic or absurdly deep
bodies. Each must raise a typed error naming what was wrong, before
anything is sent, and never crash, panic or hang."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

import genesiscloud as gc
from genesiscloud.testing import Emulator

# The type checker is told nothing: these calls break the signatures on purpose.
Call = Callable[[Any], Any]

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFRlc3RLZXlGb3JUaGVFbXVsYXRvcg me@laptop"


def _deep(levels: int) -> list[Any]:
    root: list[Any] = []
    node = root
    for _ in range(levels):
        child: list[Any] = []
        node.append(child)
        node = child
    return root


def _cyclic() -> dict[str, Any]:
    value: dict[str, Any] = {"a": 1}
    value["self"] = value
    return value


def _refused(emulator: Emulator, call: Callable[[], Any], needle: str) -> gc.InvalidArgumentError:
    """Runs `call`, which must raise InvalidArgumentError mentioning `needle`
    without sending anything."""
    emulator.clear_requests()
    with pytest.raises(gc.InvalidArgumentError) as caught:
        call()
    error = caught.value
    assert error.code == "invalid_argument"
    assert needle in str(error), str(error)
    assert (error.attempts, error.request_sent, error.status) == (0, False, None)
    assert emulator.requests() == []
    return error


# (label, call on the client, text the message must contain)
INVALID: list[tuple[str, Call, str]] = [
    ("NUL in an id", lambda c: c.instances.get("ab\0cd"), "instance id contains a control character"),
    ("NUL-only id", lambda c: c.volumes.delete("\0"), "volume id contains a control character"),
    ("newline in an id", lambda c: c.ssh_keys.get("a\nb"), "id contains a control character"),
    ("lone surrogate in an id", lambda c: c.instances.get("\ud800"), "id is not valid Unicode"),
    ("lone low surrogate in an id", lambda c: c.snapshots.delete("x\udc80"), "id is not valid Unicode"),
    ("empty id", lambda c: c.instances.get(""), "instance id must not be empty"),
    ("None as id", lambda c: c.instances.get(None), "instance id must not be empty"),
    ("1 MB id", lambda c: c.instances.get("x" * (1 << 20)), "instance id is 1048576 bytes long"),
    ("lone surrogate in a name", lambda c: c.ssh_keys.create(name="a\ud800", value=KEY), "`name`"),
    ("lone surrogate in a region", lambda c: c.availability("\udfff"), "`region`"),
    ("NUL in a region", lambda c: c.availability("NORD-NO-KRS-1\0"), "region contains a control character"),
    ("negative per_page", lambda c: c.images.list_page(per_page=-1), "`per_page`"),
    ("zero per_page", lambda c: c.images.list_page(per_page=0), "per_page must be between 1 and 100"),
    ("per_page above u32", lambda c: c.images.list_page(per_page=2**32), "`per_page`"),
    ("per_page above i128", lambda c: c.images.list_page(per_page=10**40), "`per_page`"),
    ("negative page", lambda c: c.instances.list_page(page=-5), "`page`"),
    ("per_page as str", lambda c: c.images.list_page(per_page="5"), "`per_page`"),
    ("per_page as float", lambda c: c.images.list_page(per_page=5.5), "`per_page`"),
    ("negative per_page of a lazy list", lambda c: list(c.volumes.list(per_page=-1)), "`per_page`"),
    ("name as int", lambda c: c.ssh_keys.create(name=5, value=KEY), "`name`"),
    ("bool as a name", lambda c: c.instances.update("x" * 36, name=True), "`name`"),
    ("str as a bool", lambda c: c.instances.update("x" * 36, is_protected="no"), "`is_protected`"),
    (
        "object in extra_body",
        lambda c: c.ssh_keys.create(name="k", value=KEY, extra_body={"x": object()}),
        "`x`",
    ),
    (
        "NaN in extra_body",
        lambda c: c.ssh_keys.create(name="k", value=KEY, extra_body={"x": float("nan")}),
        "`x`",
    ),
    (
        "10,000-level extra_body",
        lambda c: c.ssh_keys.create(name="k", value=KEY, extra_body={"x": _deep(10_000)}),
        "invalid argument `x`: nests lists or objects more than 64 levels deep",
    ),
    (
        "cyclic extra_body",
        lambda c: c.ssh_keys.create(name="k", value=KEY, extra_body={"x": _cyclic()}),
        "invalid argument `x`: nests lists or objects more than 64 levels deep",
    ),
    ("wait timeout as str", lambda c: c.instances.wait_until("x" * 36, "active", timeout="5"), "`timeout`"),
    (
        "wait timeout infinite",
        lambda c: c.instances.wait_until("x" * 36, "active", timeout=float("inf")),
        "`timeout`",
    ),
    (
        "wait interval negative",
        lambda c: c.instances.wait_until("x" * 36, "active", interval=-1),
        "interval must be",
    ),
    ("action as list", lambda c: c.instances.perform_action("x" * 36, ["stop"]), "`action`"),
    (
        "cyclic action",
        lambda c: c.instances.perform_action("x" * 36, [_cyclic()]),
        "invalid argument `action`: nests",
    ),
]


@pytest.mark.parametrize(("label", "call", "needle"), INVALID, ids=[case[0] for case in INVALID])
def test_invalid_arguments_are_refused_before_sending(
    emulator: Emulator, client: gc.Client, label: str, call: Call, needle: str
) -> None:
    _refused(emulator, lambda: call(client), needle)


# (label, call on the client, text the message must contain)
WRONG_TYPES: list[tuple[str, Call, str]] = [
    ("int as id", lambda c: c.instances.get(5), "id must be a str, not int"),
    ("object as id", lambda c: c.volumes.get(object()), "id must be a str, not object"),
    ("bytes as id", lambda c: c.volumes.delete(b"abc"), "id must be a str, not bytes"),
    ("int as id of a lazy list", lambda c: c.instances.list_snapshots(5), "id must be a str, not int"),
]


@pytest.mark.parametrize(("label", "call", "needle"), WRONG_TYPES, ids=[case[0] for case in WRONG_TYPES])
def test_ids_of_the_wrong_type_raise_type_error(
    emulator: Emulator, client: gc.Client, label: str, call: Call, needle: str
) -> None:
    emulator.clear_requests()
    with pytest.raises(TypeError, match=needle):
        call(client)
    assert emulator.requests() == []


# (settings, exception, text the message must contain)
SETTINGS: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"timeout": "5"}, TypeError, "timeout must be a number, not str"),
    ({"deadline": [1]}, TypeError, "deadline must be a number, not list"),
    ({"timeout": float("nan")}, gc.InvalidArgumentError, "timeout"),
    ({"timeout": float("inf")}, gc.InvalidArgumentError, "timeout"),
    ({"timeout": 10**400}, gc.InvalidArgumentError, "timeout"),
    ({"connect_timeout": -1}, gc.InvalidArgumentError, "connect_timeout"),
    ({"max_retries": -1}, gc.InvalidArgumentError, "max_retries is out of range: -1"),
    ({"max_retries": 2**32}, gc.InvalidArgumentError, "max_retries is out of range"),
    ({"max_retries": "2"}, TypeError, "max_retries must be an int, not str"),
    ({"max_retries": 2.0}, TypeError, "max_retries must be an int, not float"),
    ({"max_retries": True}, TypeError, "max_retries must be an int, not bool"),
    ({"per_page": 10**30}, gc.InvalidArgumentError, "per_page is out of range"),
    ({"per_page": 101}, gc.InvalidArgumentError, "per_page"),
    ({"concurrency": -1}, gc.InvalidArgumentError, "concurrency is out of range: -1"),
    ({"max_requests_per_second": float("-inf")}, gc.InvalidArgumentError, "max_requests_per_second"),
    ({"auth_scheme": 1}, TypeError, "auth_scheme must be a str, not int"),
    ({"auth_scheme": "bearer\0"}, gc.InvalidArgumentError, "auth"),
    ({"token": 12345}, TypeError, "token must be a str, not int"),
    ({"token": "tok\0en"}, gc.InvalidArgumentError, "token"),
    ({"token": "tok\ud800en"}, gc.InvalidArgumentError, "token is not valid Unicode"),
    ({"base_url": "http://127.0.0.1\0:1/compute/v1"}, gc.InvalidArgumentError, "base URL"),
    ({"base_url": "http://127.0.0.1:1/\udc00"}, gc.InvalidArgumentError, "base_url is not valid Unicode"),
]


@pytest.mark.parametrize(("settings", "exc", "needle"), SETTINGS, ids=[repr(case[0]) for case in SETTINGS])
def test_bad_client_settings_raise_typed_errors(
    emulator: Emulator, settings: dict[str, Any], exc: type[Exception], needle: str
) -> None:
    with pytest.raises(exc) as caught:
        gc.Client(**{"token": emulator.token, "base_url": emulator.base_url, **settings})
    assert needle in str(caught.value)
    # Neither the token nor a surrogate is echoed back.
    assert emulator.token not in str(caught.value)
    assert "\ud800" not in str(caught.value)


def test_free_text_with_nul_is_sent_escaped_and_read_back(client: gc.Client) -> None:
    # NUL is legal in JSON text: names are the API's to judge, and what it
    # stored comes back unchanged.
    key = client.ssh_keys.create(name="nul\0name", value=KEY)
    assert client.ssh_keys.get(key.id).name == "nul\0name"


def test_a_megabyte_name_reaches_the_server_and_is_refused_there(client: gc.Client) -> None:
    with pytest.raises(gc.APIStatusError) as caught:
        client.ssh_keys.create(name="n" * (1 << 20), value=KEY)
    assert caught.value.status == 413


def test_the_client_still_works_after_hostile_calls(client: gc.Client) -> None:
    for _, call, _ in INVALID:
        with pytest.raises(gc.InvalidArgumentError):
            call(client)
    assert client.images.list_page(per_page=2).items


async def test_async_client_refuses_the_same_arguments(emulator: Emulator) -> None:
    hostile: Any = emulator.async_client()
    async with hostile as client:
        cases: list[tuple[Callable[[], Any], str]] = [
            (lambda: client.instances.get("\ud800"), "id is not valid Unicode"),
            (lambda: client.instances.get("a\0b"), "id contains a control character"),
            (lambda: client.images.list_page(per_page=-1), "`per_page`"),
            (
                lambda: client.ssh_keys.create(name="k", value=KEY, extra_body={"x": _deep(10_000)}),
                "invalid argument `x`: nests lists or objects more than 64 levels deep",
            ),
        ]
        for start, needle in cases:
            with pytest.raises(gc.InvalidArgumentError) as caught:
                await start()
            assert needle in str(caught.value)
        with pytest.raises(TypeError, match="id must be a str"):
            await client.volumes.get(42)
        with pytest.raises(gc.InvalidArgumentError, match="per_page"):
            async for _ in client.images.list(per_page=0):
                pass
        assert (await client.images.list_page(per_page=1)).items
    await asyncio.sleep(0)
