"""What every resource group shares: the native client, and the one call
each operation goes through. The groups themselves (``_resources.py`` and
``_async_resources.py``) are generated from the core's description of the
API; this module is the hand-written part they stand on.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Optional

from genesiscloud import _native
from genesiscloud._arguments import refuse_bad_calls
from genesiscloud._pagination import AsyncPager, Pager
from genesiscloud._wait import AsyncOnProgress, OnProgress

__all__ = ["AsyncGroup", "Group", "native_for", "request_options"]


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
        return native_for(self._native, options).call(f"{self._group}.{verb}", id, args, on_progress)

    def _pager(
        self,
        verb: str,
        id: Optional[str],
        args: dict[str, Any],
        model: Any,
        options: Optional[dict[str, Any]] = None,
    ) -> Pager[Any]:
        native = native_for(self._native, options)
        return Pager(native.paginate(f"{self._group}.{verb}", id, args), model)


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
        native = native_for(self._native, options)
        return await native.call_async(f"{self._group}.{verb}", id, args, on_progress)

    def _pager(
        self,
        verb: str,
        id: Optional[str],
        args: dict[str, Any],
        model: Any,
        options: Optional[dict[str, Any]] = None,
    ) -> AsyncPager[Any]:
        native = native_for(self._native, options)
        return AsyncPager(native.paginate(f"{self._group}.{verb}", id, args), model)


def request_options(
    *,
    timeout: Optional[float] = None,
    deadline: Optional[float] = None,
    max_retries: Optional[int] = None,
    extra_headers: Optional[Mapping[str, str]] = None,
    concurrency: Optional[int] = None,
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
    ):
        return None
    return {
        "timeout": timeout,
        "deadline": deadline,
        "max_retries": max_retries,
        "headers": extra_headers,
        "concurrency": concurrency,
    }


def native_for(native: _native.Client, options: Optional[dict[str, Any]]) -> _native.Client:
    """The native client a call with ``options`` goes through: this one, or
    one derived from it that shares its connections."""
    return native if options is None else native.with_options(**options)
