"""What every resource group shares: the native client, and the one call
each operation goes through. The groups themselves (``_resources.py`` and
``_async_resources.py``) are generated from the core's description of the
API; this module is the hand-written part they stand on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Optional

from genesiscloud import _native
from genesiscloud._arguments import invalid_argument, refuse_bad_calls
from genesiscloud._pagination import AsyncPager, Pager
from genesiscloud._response import OnResponse, deliver

if TYPE_CHECKING:
    # Annotations only: the blocking client does not import _wait (nor its dataclasses).
    from genesiscloud._wait import AsyncOnProgress, OnProgress

__all__ = ["AsyncGroup", "Group", "call", "call_async", "derive", "request_options"]


class _Base:
    _group: ClassVar[str]

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        refuse_bad_calls(cls)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._native!r}>"


class Group(_Base):
    """A resource group of the blocking ``Client``."""

    def _call(
        self,
        verb: str,
        id: Optional[str] = None,
        args: Optional[dict[str, Any]] = None,
        options: Optional[dict[str, Any]] = None,
        on_progress: Optional[OnProgress] = None,
    ) -> Any:
        return call(self._native, f"{self._group}.{verb}", id, args, options, on_progress)

    def _pager(
        self,
        verb: str,
        id: Optional[str],
        args: dict[str, Any],
        model: Any,
        options: Optional[dict[str, Any]] = None,
    ) -> Pager[Any]:
        native, answered = derive(self._native, options)
        return Pager(native.paginate(f"{self._group}.{verb}", id, args), model, answered)


class AsyncGroup(_Base):
    """A resource group of ``AsyncClient``: operations are coroutines, lists
    are ``AsyncPager`` s."""

    async def _call(
        self,
        verb: str,
        id: Optional[str] = None,
        args: Optional[dict[str, Any]] = None,
        options: Optional[dict[str, Any]] = None,
        on_progress: Optional[AsyncOnProgress] = None,
    ) -> Any:
        return await call_async(self._native, f"{self._group}.{verb}", id, args, options, on_progress)

    def _pager(
        self,
        verb: str,
        id: Optional[str],
        args: dict[str, Any],
        model: Any,
        options: Optional[dict[str, Any]] = None,
    ) -> AsyncPager[Any]:
        native, answered = derive(self._native, options)
        return AsyncPager(native.paginate(f"{self._group}.{verb}", id, args), model, answered)


def call(
    native: _native.Client,
    op: str,
    id: Optional[str],
    args: Optional[dict[str, Any]],
    options: Optional[dict[str, Any]],
    on_progress: Optional[OnProgress] = None,
) -> Any:
    """Runs operation ``op`` with a call's ``options``, then tells its
    ``on_response`` of the raw answers."""
    if options is None:
        return native.call(op, id, args, on_progress)
    derived, answered = derive(native, options)
    data = derived.call(op, id, args, on_progress)
    if answered is not None:
        answered()
    return data


async def call_async(
    native: _native.Client,
    op: str,
    id: Optional[str],
    args: Optional[dict[str, Any]],
    options: Optional[dict[str, Any]],
    on_progress: Optional[AsyncOnProgress] = None,
) -> Any:
    """``call`` for ``AsyncClient``."""
    if options is None:
        return await native.call_async(op, id, args, on_progress)
    derived, answered = derive(native, options)
    data = await derived.call_async(op, id, args, on_progress)
    if answered is not None:
        answered()
    return data


def request_options(
    *,
    timeout: Optional[float] = None,
    deadline: Optional[float] = None,
    max_retries: Optional[int] = None,
    extra_headers: Optional[Mapping[str, str]] = None,
    concurrency: Optional[int] = None,
    on_response: Optional[OnResponse] = None,
) -> Optional[dict[str, Any]]:
    """The per-call options given to a method, as ``with_options`` takes
    them, or ``None`` when none was given (the common case, which costs
    nothing)."""
    # Chained tests, not all(...) over a generator: this runs on every call.
    if (
        timeout is None
        and deadline is None
        and max_retries is None
        and extra_headers is None
        and concurrency is None
        and on_response is None
    ):
        return None
    return {
        "timeout": timeout,
        "deadline": deadline,
        "max_retries": max_retries,
        "headers": extra_headers,
        "concurrency": concurrency,
        "on_response": on_response,
    }


def derive(
    native: _native.Client, options: Optional[dict[str, Any]]
) -> tuple[_native.Client, Optional[Callable[[], None]]]:
    """The native client a call with ``options`` goes through (this one, or
    one derived from it that shares its connections) and, with
    ``on_response``, what tells it of the raw answers recorded so far."""
    if options is None:
        return native, None
    settings = dict(options)
    on_response: Optional[OnResponse] = settings.pop("on_response", None)
    if on_response is None:
        return native.with_options(**settings), None
    if not callable(on_response):
        raise invalid_argument(f"on_response must be callable, not {type(on_response).__name__}")
    log = _native.ResponseLog()
    return native.with_options(**settings, responses=log), functools.partial(deliver, log, on_response)
