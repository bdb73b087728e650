"""Delivers the native module's results to asyncio futures, on the loop's
own thread (scheduled with ``call_soon_threadsafe``)."""

from __future__ import annotations

import asyncio
from typing import Any, Optional


def _resolve(future: asyncio.Future[Any], value: Any, error: Optional[BaseException]) -> None:
    if future.done():
        # Cancelled meanwhile: the request was already dropped.
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)
