"""What ``wait_until`` tells its ``on_progress`` callback after each poll."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Optional, Union


@dataclass(frozen=True)
class WaitProgress:
    """One poll of a wait, as the ``on_progress`` callback of ``wait_until``
    sees it.

    >>> def show(p: WaitProgress) -> None:
    ...     print(f"\\rwaiting: status={p.status}, poll {p.polls}, {p.elapsed:.1f} s", end="")
    """

    status: Optional[str]
    """The status this poll saw; ``None`` when the resource answered 404
    (it is gone)."""
    polls: int
    """How many polls were made so far, this one included (1, 2, ...)."""
    elapsed: float
    """Seconds since the wait started."""


OnProgress = Callable[[WaitProgress], object]
"""The ``on_progress`` of ``Client``'s ``wait_until``: what it returns is
ignored, what it raises ends the wait."""

AsyncOnProgress = Callable[[WaitProgress], Union[Awaitable[object], object]]
"""The ``on_progress`` of ``AsyncClient``'s ``wait_until``: a plain callable or a
coroutine function, whose coroutine the next poll waits for."""
