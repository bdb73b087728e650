"""Lists: one page (``Page``), or every item lazily (``Pager``, ``AsyncPager``)."""

from __future__ import annotations

from types import TracebackType
from typing import Any, Callable, Generic, Optional, TypeVar

from genesiscloud import _native
from genesiscloud._models import Model

__all__ = ["AsyncPager", "Page", "Pager"]

M = TypeVar("M", bound=Model)


class Page(Generic[M]):
    """One page of a list, exactly as the API answered it."""

    __slots__ = ("items", "page", "per_page", "total_count")

    items: list[M]
    """The items of this page."""
    total_count: int
    """How many items the whole list has, across pages."""
    page: int
    """This page's number, from 1."""
    per_page: int
    """The page size the server used."""

    def __init__(self, items: list[M], total_count: int, page: int, per_page: int) -> None:
        self.items = items
        self.total_count = total_count
        self.page = page
        self.per_page = per_page

    @classmethod
    def _from_native(cls, data: dict[str, Any], model: Callable[[Any], M]) -> Page[M]:
        return cls(
            [model(item) for item in data["items"]],
            data["total_count"],
            data["page"],
            data["per_page"],
        )

    def to_dict(self) -> dict[str, Any]:
        """The page as JSON-ready data, items included."""
        return {
            "items": [item.to_dict() for item in self.items],
            "total_count": self.total_count,
            "page": self.page,
            "per_page": self.per_page,
        }

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Page):
            return NotImplemented
        return (self.items, self.total_count, self.page, self.per_page) == (
            other.items,
            other.total_count,
            other.page,
            other.per_page,
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Page(page={self.page}, per_page={self.per_page}, "
            f"total_count={self.total_count}, items={self.items!r})"
        )


class _Items(Generic[M]):
    """What both pagers hold: the native list, the batch being handed out,
    and where the raw answers of its pages go (``on_response=``)."""

    __slots__ = ("_answered", "_index", "_items", "_model", "_native")

    def __init__(
        self,
        native: _native.Pager,
        model: Callable[[Any], M],
        answered: Optional[Callable[[], None]] = None,
    ) -> None:
        self._native = native
        self._model = model
        self._items: list[Any] = []
        self._index = 0
        # Tells ``on_response`` of the pages answered since the last batch.
        self._answered = answered

    @property
    def total_count(self) -> Optional[int]:
        """How many items the list has, once the first page arrived."""
        return self._native.total_count


class Pager(_Items[M]):
    """Every item of a list, fetched lazily: pages are requested a few at a
    time (``concurrency``) while you iterate, so memory stays bounded
    whatever the total. Leaving the loop early, ``close()``, or dropping the
    pager cancels the requests in flight."""

    __slots__ = ()

    def __iter__(self) -> Pager[M]:
        return self

    def __next__(self) -> M:
        index = self._index
        if index >= len(self._items):
            self._items = self._native.next_batch()
            if self._answered is not None:
                self._answered()
            index = 0
            if not self._items:
                raise StopIteration
        self._index = index + 1
        return self._model(self._items[index])

    def close(self) -> None:
        """Stops the list, cancelling its requests in flight."""
        self._items = []
        self._native.close()

    def __enter__(self) -> Pager[M]:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()


class AsyncPager(_Items[M]):
    """Every item of a list, lazily, for ``async for``: pages are requested
    a few at a time while you iterate. Leaving the loop early,
    ``aclose()``, or dropping the pager cancels the requests in flight."""

    __slots__ = ()

    def __aiter__(self) -> AsyncPager[M]:
        return self

    async def __anext__(self) -> M:
        index = self._index
        if index >= len(self._items):
            batch = self._native.try_next_batch()
            if batch is None:
                batch = await self._native.next_batch_async()
            if self._answered is not None:
                self._answered()
            self._items = batch
            index = 0
            if not batch:
                raise StopAsyncIteration
        self._index = index + 1
        return self._model(self._items[index])

    async def aclose(self) -> None:
        """Stops the list, cancelling its requests in flight."""
        self._items = []
        self._native.close()

    async def __aenter__(self) -> AsyncPager[M]:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.aclose()
