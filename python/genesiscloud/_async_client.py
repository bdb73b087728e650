"""``AsyncClient``: a module of its own, so that the blocking ``Client``
does not import the asyncio side (see ``genesiscloud/__init__.py``)."""

from __future__ import annotations

from types import TracebackType
from typing import Optional

from genesiscloud._async_resources import AsyncAccountOperations, AsyncResourceGroups
from genesiscloud._client import BaseClient

__all__ = ["AsyncClient"]


class AsyncClient(AsyncResourceGroups, AsyncAccountOperations, BaseClient):
    """An asyncio client of the Genesis Cloud compute API.

    Takes the same settings as ``Client``; every operation is a coroutine
    driven by the SDK's own I/O threads, and cancelling the task awaiting it
    cancels the request. ``list()`` returns an ``AsyncPager`` for
    ``async for``. Use it as an async context manager, or call ``aclose()``.
    """

    async def aclose(self) -> None:
        """Releases the connections; later calls raise ``InvalidArgumentError``."""
        self._native.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.aclose()
