"""``AsyncClient``: a module of its own, so that the blocking ``Client``
does not import the asyncio side (see ``genesiscloud/__init__.py``)."""

from __future__ import annotations

import os
from types import TracebackType
from typing import Optional, Union

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

    def __init__(
        self,
        *,
        token: Optional[str] = None,
        base_url: Optional[str] = None,
        auth_scheme: Optional[str] = None,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        deadline: Optional[float] = None,
        max_retries: Optional[int] = None,
        per_page: Optional[int] = None,
        concurrency: Optional[int] = None,
        max_requests_per_second: Optional[float] = None,
        ca_bundle: Optional[Union[str, os.PathLike[str]]] = None,
        proxy: Optional[str] = None,
    ) -> None:
        super().__init__(
            token=token,
            base_url=base_url,
            auth_scheme=auth_scheme,
            timeout=timeout,
            connect_timeout=connect_timeout,
            deadline=deadline,
            max_retries=max_retries,
            per_page=per_page,
            concurrency=concurrency,
            max_requests_per_second=max_requests_per_second,
            ca_bundle=ca_bundle,
            proxy=proxy,
        )

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
