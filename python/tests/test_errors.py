"""Exceptions: classes per code, their bases and their attributes."""

from __future__ import annotations

from typing import Any

import pytest

import genesiscloud as gc
from genesiscloud._errors import _from_native
from genesiscloud.testing import Emulator

STATUS_CLASSES = {
    "bad_request": gc.BadRequestError,
    "authentication": gc.AuthenticationError,
    "permission_denied": gc.PermissionDeniedError,
    "not_found": gc.NotFoundError,
    "conflict": gc.ConflictError,
    "unprocessable_entity": gc.UnprocessableEntityError,
    "rate_limited": gc.RateLimitError,
    "server_error": gc.InternalServerError,
    "api_error": gc.APIStatusError,
}


@pytest.mark.parametrize(("code", "cls"), sorted(STATUS_CLASSES.items()))
def test_errors_with_a_response_are_api_status_errors(code: str, cls: type[gc.GenesisCloudError]) -> None:
    error = _from_native(code=code, message="m", text=f"{code}: m", status=418)
    assert type(error) is cls
    assert isinstance(error, gc.APIStatusError)
    assert isinstance(error, gc.GenesisCloudError)
    assert error.code == code


def test_double_bases() -> None:
    assert issubclass(gc.InvalidArgumentError, ValueError)
    assert issubclass(gc.InvalidArgumentError, TypeError)
    assert issubclass(gc.APITimeoutError, TimeoutError)
    assert issubclass(gc.APITimeoutError, gc.APIConnectionError)
    assert not issubclass(gc.APIConnectionError, gc.APIStatusError)
    for cls in (gc.DecodeError, gc.WaitTimeoutError, gc.InvalidArgumentError, gc.APIConnectionError):
        assert issubclass(cls, gc.GenesisCloudError)


def test_unknown_code_becomes_the_base_class() -> None:
    error = _from_native(code="quantum_flux", message="m", text="quantum_flux: m")
    assert type(error) is gc.GenesisCloudError
    assert error.code == "quantum_flux"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.ssh_keys.create(name="k"), "invalid arguments: missing field `value`"),
        (
            lambda c: c.ssh_keys.create(name="k", value="v", nmae="typo"),
            "invalid arguments: unknown field `nmae`",
        ),
        (lambda c: c.volumes.get(), "invalid arguments: missing field `id`"),
        (lambda c: c.volumes.get("a", "b"), "invalid arguments: "),
        (lambda c: c.availability(), "invalid arguments: missing field `region`"),
    ],
)
def test_calls_python_cannot_bind_are_invalid_argument_errors(
    emulator: Emulator, client: gc.Client, call: Any, message: str
) -> None:
    emulator.clear_requests()
    with pytest.raises(gc.InvalidArgumentError) as caught:
        call(client)
    assert caught.value.message.startswith(message), caught.value.message
    assert isinstance(caught.value, TypeError)  # what Python code catches for a bad call
    assert (caught.value.attempts, caught.value.request_sent) == (0, False)
    assert emulator.requests() == []


def test_client_settings_python_cannot_bind_are_invalid_argument_errors() -> None:
    with pytest.raises(gc.InvalidArgumentError, match="unknown field `timeout_ms`"):
        gc.Client(token="t", timeout_ms=5)  # type: ignore[call-arg]


async def test_async_calls_python_cannot_bind_are_invalid_argument_errors(emulator: Emulator) -> None:
    async with emulator.async_client() as client:
        with pytest.raises(gc.InvalidArgumentError, match="missing field `value`"):
            await client.ssh_keys.create(name="k")  # type: ignore[call-arg]


def test_a_panic_is_an_internal_error_and_python_goes_on(client: gc.Client) -> None:
    # `__test.panic` exists in debug builds of the native module only: it
    # panics inside the SDK's runtime, as a bug in a real call would.
    with pytest.raises(gc.InternalError) as caught:
        client.images._native.call("__test.panic", None, None)
    assert caught.value.code == "internal"
    assert "forced by the test hook" in caught.value.message
    assert isinstance(caught.value, gc.GenesisCloudError)  # `except Exception` catches it
    assert client.images.list_page().total_count > 0


async def test_a_panic_in_the_async_client_is_an_internal_error(emulator: Emulator) -> None:
    async with emulator.async_client() as client:
        with pytest.raises(gc.InternalError):
            await client.images._native.call_async("__test.panic", None, None)
        assert (await client.images.list_page()).total_count > 0


def test_error_attributes_from_a_real_failure(client: gc.Client) -> None:
    with pytest.raises(gc.NotFoundError) as caught:
        client.volumes.get("00000000-0000-0000-0000-000000000000")
    e = caught.value
    assert (e.code, e.status, e.attempts, e.request_sent) == ("not_found", 404, 1, True)
    assert e.api_code
    assert e.request_id
    assert e.request_id in str(e)
    assert e.message
    assert e.message in str(e)
    assert e.retry_after is None


def test_rate_limit_reports_retry_after(emulator: Emulator) -> None:
    emulator.inject_fault(kind="rate_limit", retry_after="120")
    with emulator.client() as client, pytest.raises(gc.RateLimitError) as caught:
        client.images.list_page()
    assert caught.value.retry_after == 120.0
    assert caught.value.status == 429


def test_invalid_argument_is_a_value_error_sent_nowhere(emulator: Emulator) -> None:
    with emulator.client() as client, pytest.raises(ValueError, match="per_page") as caught:
        client.images.list_page(per_page=500)
    assert isinstance(caught.value, gc.InvalidArgumentError)
    assert caught.value.request_sent is False
    assert caught.value.attempts == 0
    assert emulator.requests() == []


def test_timeout_is_a_builtin_timeout_error(emulator: Emulator) -> None:
    emulator.inject_fault(kind="latency", latency_ms=2000)
    with emulator.client(timeout=0.2, max_retries=0) as client, pytest.raises(TimeoutError) as caught:
        client.images.list_page()
    assert isinstance(caught.value, gc.APITimeoutError)
    assert caught.value.code == "timeout"


def test_wait_timeout_reports_progress(emulator: Emulator) -> None:
    emulator.configure(lifecycle_delay=30)
    with emulator.client() as client:
        volume = client.volumes.create(name="slow", region="NORD-NO-KRS-1", size=1)
        with pytest.raises(gc.WaitTimeoutError) as caught:
            client.volumes.wait_until(volume.id, "created", timeout=0.3, interval=0.05)
    e = caught.value
    assert e.last_status == "creating"
    assert e.polls >= 2
    assert e.waited >= 0.3


def test_errors_pickle() -> None:
    import pickle

    error = _from_native(code="not_found", message="gone", text="not_found: gone", status=404, attempts=1)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is gc.NotFoundError
    assert (copy.code, copy.status, copy.attempts, str(copy)) == ("not_found", 404, 1, "not_found: gone")
