"""Type stubs of the native extension module (Rust, pyo3). Internal: use the
``genesiscloud`` package."""

from collections.abc import Callable, Mapping
from typing import Any

__version__: str

class Client:
    """A configured connection to the API, safe to share between threads."""

    def __init__(
        self,
        *,
        token: str | None = None,
        base_url: str | None = None,
        auth_scheme: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        deadline: float | None = None,
        max_retries: int | None = None,
        per_page: int | None = None,
        concurrency: int | None = None,
        max_requests_per_second: float | None = None,
        ca_bundle: str | None = None,
        proxy: str | None = None,
    ) -> None: ...
    def with_options(
        self,
        *,
        timeout: float | None = None,
        deadline: float | None = None,
        max_retries: int | None = None,
        per_page: int | None = None,
        concurrency: int | None = None,
        headers: Mapping[str, str] | None = None,
        responses: ResponseLog | None = None,
    ) -> Client:
        """A client sharing this one's connection pool, with these settings overridden;
        the raw answer of each of its successful requests is recorded in ``responses``."""
    @property
    def base_url(self) -> str: ...
    @property
    def auth_scheme(self) -> str: ...
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def call(
        self,
        op: str,
        id: str | None = None,
        args: dict[str, Any] | None = None,
        on_progress: Callable[[Any], object] | None = None,
    ) -> Any:
        """Runs operation ``op`` with the GIL released; its decoded JSON result.
        A wait tells ``on_progress`` of each poll."""
    def call_async(
        self,
        op: str,
        id: str | None = None,
        args: dict[str, Any] | None = None,
        on_progress: Callable[[Any], object] | None = None,
    ) -> Any:
        """Like ``call``, as an asyncio future of the running loop, on which
        ``on_progress`` runs."""
    def paginate(self, op: str, id: str | None = None, args: dict[str, Any] | None = None) -> Pager:
        """Starts the lazy list ``op``."""

class ResponseLog:
    """Where a derived client records the raw answer of each successful request."""

    def __init__(self) -> None: ...
    def take(self) -> list[dict[str, Any]]:
        """The answers recorded since the last call, oldest first."""

class Pager:
    """Hands out the items of a list in batches of dicts."""

    def next_batch(self) -> list[Any]:
        """The next batch (blocking, GIL released); empty at the end."""
    def try_next_batch(self) -> list[Any] | None:
        """The next batch if one is ready now, else None."""
    def next_batch_async(self) -> Any:
        """An asyncio future of the next batch."""
    @property
    def total_count(self) -> int | None: ...
    def close(self) -> None: ...

class Model:
    """Base class of the API's data objects: a thin wrapper of the wire JSON."""

    def __init__(self, data: dict[str, Any], /) -> None: ...
    def to_dict(self) -> dict[str, Any]:
        """The object as the API sent it (a deep copy), unknown fields included."""
    def __eq__(self, other: object) -> bool: ...

class Field:
    """Descriptor reading one key of a model's data."""

    def __init__(self, key: str, cls: type | None = None, many: bool = False) -> None: ...
    def __get__(self, obj: Any, owner: Any = None) -> Any: ...

class Canceller:
    def __call__(self, future: Any) -> None: ...

class Inbox:
    """An event loop's queue of finished ``AsyncClient`` calls, drained on the loop."""

    def __init__(self) -> None: ...
    def fileno(self) -> int: ...
    def drain(self) -> None: ...

class ProgressDone:
    def __call__(self, raised: BaseException | None) -> None: ...

class Emulator:
    def __init__(
        self,
        *,
        seed: str = "default",
        lifecycle_delay: float | None = None,
        latency: float | None = None,
        rate_limit: int | None = None,
        tls: bool = False,
        certificate: str = "valid",
        ca_out: str | None = None,
    ) -> None: ...
    @property
    def base_url(self) -> str: ...
    @property
    def root_url(self) -> str: ...
    @property
    def ca_path(self) -> str | None: ...
    @property
    def token(self) -> str: ...
    def inject_fault(self, fault: dict[str, Any]) -> None: ...
    def clear_faults(self) -> None: ...
    def reset(self, seed: str) -> None: ...
    def configure(
        self,
        lifecycle_delay: float | None,
        latency: float | None,
        set_rate_limit: bool,
        rate_limit: int | None,
    ) -> None: ...
    def seed(self, resource: str, count: int) -> None: ...
    def requests(self) -> list[dict[str, Any]]: ...
    def clear_requests(self) -> None: ...
    def stop(self) -> None: ...

def _after_fork_in_child() -> None: ...
def _shutdown() -> None: ...
