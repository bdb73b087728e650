"""The raw answer of a successful call: ``on_response=`` on every method,
and ``with_raw_response`` on every resource group and client, as in the
Stainless-generated SDKs.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Mapping
from typing import TYPE_CHECKING, Any, Callable, Generic, Optional, TypeVar

from genesiscloud import _native

if TYPE_CHECKING:
    # Only annotations name it (they are not evaluated), and Python 3.9's
    # typing has no ParamSpec.
    from typing_extensions import ParamSpec

    P = ParamSpec("P")

__all__ = [
    "OnResponse",
    "RawResponse",
    "Response",
    "to_async_raw_response_wrapper",
    "to_raw_response_wrapper",
]

T = TypeVar("T")


class Response:
    """What the API answered to one successful request.

    Headers pass through the SDK's log allow-list (``content-type``,
    ``content-length``, ``retry-after``, ``x-request-id``, ``user-agent``):
    any other header keeps its name and reads ``"REDACTED"``, so no credential
    can reach a log through it. Names are in lower case.
    """

    __slots__ = ("attempts", "elapsed", "headers", "method", "path", "request_id", "status_code")

    method: str
    """The request's method (``"GET"``)."""
    path: str
    """The request's URL path and query (``"/compute/v1/images?per_page=50"``)."""
    status_code: int
    """The HTTP status (200, 201, 204)."""
    headers: Mapping[str, str]
    """The answer's headers by lower-case name, through the log allow-list."""
    request_id: Optional[str]
    """The ``x-request-id`` the API gave the request: quote it to support."""
    attempts: int
    """Attempts it took, retries included (1 when the first one answered)."""
    elapsed: float
    """Seconds from the first attempt's start to this answer, retry pauses included."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.method = data["method"]
        self.path = data["path"]
        self.status_code = data["status"]
        self.headers = data["headers"]
        self.request_id = data["request_id"]
        self.attempts = data["attempts"]
        self.elapsed = data["elapsed"]

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} {self.method} {self.path} {self.status_code} "
            f"request_id={self.request_id!r} attempts={self.attempts}>"
        )


OnResponse = Callable[[Response], object]
"""Told of the raw answer of each successful request of a call, on the
caller's thread once the call returns (for a list, as its pages are read)."""


def deliver(log: _native.ResponseLog, on_response: OnResponse) -> None:
    """Hands the answers recorded in ``log`` to ``on_response``."""
    for data in log.take():
        on_response(Response(data))


class RawResponse(Response, Generic[T]):
    """A call's parsed result and its raw answer, from ``with_raw_response``.

    >>> raw = client.instances.with_raw_response.get(instance_id)
    >>> print(raw.status_code, raw.request_id)
    >>> instance = raw.parse()
    """

    __slots__ = ("_value",)

    def __init__(self, value: T, response: Response) -> None:
        for name in Response.__slots__:
            setattr(self, name, getattr(response, name))
        self._value = value

    def parse(self) -> T:
        """The result the call returns without ``with_raw_response``."""
        return self._value


def _last(seen: list[Response]) -> Response:
    # Every method that with_raw_response offers makes exactly one
    # successful request when it returns.
    return seen[-1]


def to_raw_response_wrapper(method: Callable[P, T]) -> Callable[P, RawResponse[T]]:
    """``method`` answering a ``RawResponse`` of its result."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        seen: list[Response] = []
        value = method(*args, **_observing(kwargs, seen))
        return RawResponse(value, _last(seen))

    return wrapped


def to_async_raw_response_wrapper(
    method: Callable[P, Awaitable[T]],
) -> Callable[P, Awaitable[RawResponse[T]]]:
    """The coroutine function ``method`` answering a ``RawResponse`` of its result."""

    @functools.wraps(method)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> RawResponse[T]:
        seen: list[Response] = []
        value = await method(*args, **_observing(kwargs, seen))
        return RawResponse(value, _last(seen))

    return wrapped


def _observing(kwargs: Mapping[str, Any], seen: list[Response]) -> dict[str, Any]:
    """The keyword arguments with an ``on_response`` that records into
    ``seen``, and still calls the caller's own one."""
    theirs: Optional[OnResponse] = kwargs.get("on_response")

    def record(response: Response) -> None:
        seen.append(response)
        if theirs is not None:
            theirs(response)

    return {**kwargs, "on_response": record}
