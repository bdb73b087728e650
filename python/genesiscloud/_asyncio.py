"""Delivers the native module's results to asyncio futures, and runs the
progress callbacks of waits, on the loop's own thread (scheduled with
``call_soon_threadsafe``)."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any, Optional


def _resolve(future: asyncio.Future[Any], value: Any, error: Optional[BaseException]) -> None:
    if future.done():
        # Cancelled meanwhile: the request was already dropped.
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)


def _run_progress(
    callback: Callable[[Any], object], progress: Any, done: Callable[[Optional[BaseException]], None]
) -> None:
    """Runs a wait's progress callback on the loop, awaiting an awaitable it
    returns as a task; ``done`` gets what it raised, or ``None``."""
    try:
        result = callback(progress)
    except BaseException as e:
        # KeyboardInterrupt included: the wait must end with it, not go on
        # polling while the loop unwinds.
        done(e)
        return
    if not inspect.isawaitable(result):
        done(None)
        return

    def finished(task: asyncio.Future[Any]) -> None:
        done(asyncio.CancelledError() if task.cancelled() else task.exception())

    asyncio.ensure_future(result).add_done_callback(finished)
