"""What every resource group shares: the native client, and the one call
each operation goes through. The groups themselves (``_resources.py`` and
``_async_resources.py``) are generated from the core's description of the
API; this module is the hand-written part they stand on.
"""

from __future__ import annotations

from typing import Any, ClassVar, Optional

from genesiscloud import _native
from genesiscloud._arguments import refuse_bad_calls
from genesiscloud._pagination import AsyncPager, Pager

__all__ = ["AsyncGroup", "Group"]


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

    def _call(self, verb: str, id: Optional[str] = None, args: Optional[dict[str, Any]] = None) -> Any:
        return self._native.call(f"{self._group}.{verb}", id, args)

    def _pager(self, verb: str, id: Optional[str], args: dict[str, Any], model: Any) -> Pager[Any]:
        return Pager(self._native.paginate(f"{self._group}.{verb}", id, args), model)


class AsyncGroup(_Base):
    """A resource group of ``AsyncClient``: operations are coroutines, lists
    are ``AsyncPager`` s."""

    async def _call(self, verb: str, id: Optional[str] = None, args: Optional[dict[str, Any]] = None) -> Any:
        return await self._native.call_async(f"{self._group}.{verb}", id, args)

    def _pager(self, verb: str, id: Optional[str], args: dict[str, Any], model: Any) -> AsyncPager[Any]:
        return AsyncPager(self._native.paginate(f"{self._group}.{verb}", id, args), model)
