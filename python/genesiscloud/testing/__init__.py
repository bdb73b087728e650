"""Test helpers: the bundled Genesis Cloud API emulator, in-process.

>>> from genesiscloud.testing import Emulator
>>> with Emulator() as emulator:
...     client = emulator.client()
...     print([image.name for image in client.images.list()])

A pytest plugin (installed with the package) provides the fixture
``genesiscloud_emulator``: a running emulator, reset before each test.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Optional, Union

from genesiscloud import _native
from genesiscloud._client import Client

if TYPE_CHECKING:
    from genesiscloud._async_client import AsyncClient

__all__ = ["Emulator"]

_UNSET: Any = object()


class Emulator:
    """The Genesis Cloud API emulator, serving on a random loopback port on
    its own threads until ``stop()`` (or the end of the ``with`` block).

    ``lifecycle_delay`` (seconds, default 0.3) is how long resources stay in
    transitional statuses such as ``creating``; ``seed`` is ``"default"`` (a
    small realistic account), ``"legacy"`` (the same plus the API contract's
    2020 example images, whose types today's API no longer defines) or
    ``"empty"``.

    ``tls=True`` serves HTTPS (HTTP/2 and HTTP/1.1) with a certificate for
    the loopback names signed by a throwaway CA, whose certificate is in the
    file ``ca_path`` (``ca_out`` if given); ``certificate`` may be
    ``"expired"`` or ``"wrong-host"`` to test how a client refuses them.
    ``client()`` trusts the CA.
    """

    def __init__(
        self,
        *,
        seed: str = "default",
        lifecycle_delay: Optional[float] = None,
        latency: Optional[float] = None,
        rate_limit: Optional[int] = None,
        tls: bool = False,
        certificate: str = "valid",
        ca_out: Optional[Union[str, os.PathLike[str]]] = None,
    ) -> None:
        self._native = _native.Emulator(
            seed=seed,
            lifecycle_delay=lifecycle_delay,
            latency=latency,
            rate_limit=rate_limit,
            tls=tls,
            certificate=certificate,
            ca_out=None if ca_out is None else os.fspath(ca_out),
        )

    @property
    def base_url(self) -> str:
        """The API's base URL (``http://127.0.0.1:PORT/compute/v1``)."""
        return self._native.base_url

    @property
    def root_url(self) -> str:
        """The server's root URL (``http://127.0.0.1:PORT``)."""
        return self._native.root_url

    @property
    def ca_path(self) -> Optional[str]:
        """With ``tls=True``, the file holding the CA certificate (PEM) to
        trust; ``None`` otherwise."""
        return self._native.ca_path

    @property
    def token(self) -> str:
        """A token the emulator accepts."""
        return self._native.token

    def client(self, **settings: Any) -> Client:
        """A ``Client`` pointed at the emulator (``settings`` as ``Client``'s)."""
        settings.setdefault("token", self.token)
        if self.ca_path is not None:
            settings.setdefault("ca_bundle", self.ca_path)
        return Client(base_url=self.base_url, **settings)

    def async_client(self, **settings: Any) -> AsyncClient:
        """An ``AsyncClient`` pointed at the emulator."""
        settings.setdefault("token", self.token)
        if self.ca_path is not None:
            settings.setdefault("ca_bundle", self.ca_path)
        from genesiscloud._async_client import AsyncClient

        return AsyncClient(base_url=self.base_url, **settings)

    def inject_fault(self, fault: Optional[Mapping[str, Any]] = None, /, **params: Any) -> None:
        """Injects a fault, as a dict or keywords: ``kind`` (``"status"``,
        ``"latency"``, ``"rate_limit"``, ``"drop"``, ...) and its parameters,
        e.g. ``inject_fault(kind="status", status=503, times=1)``."""
        spec = dict(fault or {})
        spec.update(params)
        self._native.inject_fault(spec)

    def clear_faults(self) -> None:
        """Removes every injected fault."""
        self._native.clear_faults()

    def reset(self, seed: str = "default") -> None:
        """Restores the initial state (``"default"``, ``"legacy"`` or ``"empty"``), settings
        included, and clears faults and the request log."""
        self._native.reset(seed)

    def configure(
        self,
        *,
        lifecycle_delay: Optional[float] = None,
        latency: Optional[float] = None,
        rate_limit: Union[int, None] = _UNSET,
    ) -> None:
        """Changes settings while running (seconds; ``rate_limit`` requests per
        second per token, ``None`` for no limit); omitted ones stay."""
        if rate_limit is _UNSET:
            self._native.configure(lifecycle_delay, latency, False, None)
        else:
            self._native.configure(lifecycle_delay, latency, True, rate_limit)

    def seed(self, **counts: int) -> None:
        """Adds synthetic resources, e.g. ``seed(images=250, volumes=3)``."""
        for resource, count in counts.items():
            self._native.seed(resource, count)

    def requests(self) -> list[dict[str, Any]]:
        """The requests received so far (method, path, status, auth, ...)."""
        return self._native.requests()

    def clear_requests(self) -> None:
        """Empties the request log."""
        self._native.clear_requests()

    def stop(self) -> None:
        """Stops the server."""
        self._native.stop()

    def __enter__(self) -> Emulator:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"Emulator(base_url={self.base_url!r})"
