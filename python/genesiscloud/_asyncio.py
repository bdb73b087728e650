"""Delivers the native module's results to asyncio futures, and runs the
progress callbacks of waits, on the loop's own thread: results through the
loop's inbox (a socket the loop watches), progress and loops that cannot
watch one through ``call_soon_threadsafe``."""

from __future__ import annotations

import asyncio
import inspect
import weakref
from collections.abc import Callable
from typing import Any, Optional, Union

from genesiscloud._native import Inbox

# Each loop's inbox, or False for a loop that cannot watch a socket (it gets
# its results through call_soon_threadsafe). Weak keys: a loop's inbox goes
# with the loop.
_inboxes: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Union[Inbox, bool]]
_inboxes = weakref.WeakKeyDictionary()


def _inbox(loop: asyncio.AbstractEventLoop) -> Optional[Inbox]:
    """The inbox the native module delivers ``loop``'s results to, made and
    registered with the loop on first use; ``None`` when the loop has no
    ``add_reader`` (Windows' proactor loop) or cannot be weakly referenced.

    A loop is not carried across ``fork()`` (its selector is shared with the
    parent's), so neither is its inbox: a child's new loop gets its own."""
    try:
        inbox = _inboxes.get(loop)
    except TypeError:
        return None
    if inbox is not None:
        return inbox if isinstance(inbox, Inbox) else None
    fresh = Inbox()
    try:
        loop.add_reader(fresh.fileno(), fresh.drain)
    except NotImplementedError:
        _inboxes[loop] = False
        return None
    _inboxes[loop] = fresh
    return fresh


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
