"""``Client`` (blocking), and what it shares with ``AsyncClient`` (asyncio,
in ``_async_client``, which the blocking client never imports)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Optional, TypeVar, Union

from genesiscloud import _native
from genesiscloud._arguments import refuse_bad_calls
from genesiscloud._resources import AccountOperations, ResourceGroups

__all__ = ["BaseClient", "Client"]

_C = TypeVar("_C", bound="BaseClient")


@refuse_bad_calls
class BaseClient:
    """What ``Client`` and ``AsyncClient`` share: their settings, the
    derived clients of ``with_options``, and what they show of themselves
    (never the token)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        refuse_bad_calls(cls)

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
        self._native = _native.Client(
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
            ca_bundle=None if ca_bundle is None else os.fspath(ca_bundle),
            proxy=proxy,
        )
        self._attach()

    def _attach(self) -> None:
        """Sets the resource groups up over ``self._native``."""

    def with_options(
        self: _C,
        *,
        timeout: Optional[float] = None,
        deadline: Optional[float] = None,
        max_retries: Optional[int] = None,
        per_page: Optional[int] = None,
        concurrency: Optional[int] = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> _C:
        """A new client of the same class that overrides the settings given
        and keeps every other one (``None`` keeps this client's value).

        It shares this client's connections, token, base URL and every
        setting not given; this client is not changed. ``headers`` are sent
        with every request of the new client on top of this one's, replacing
        one of the same name; an authentication header (``X-Auth-Token``,
        ``Authorization``) is refused with ``InvalidArgumentError``, as is
        any value the constructor would refuse. The settings the connections
        are built with (``connect_timeout``, ``proxy``, ``ca_bundle``,
        ``max_requests_per_second``) and the token, base URL and auth scheme
        cannot change: build a new client for those. Closing the new client
        leaves this one open.
        """
        derived = object.__new__(type(self))
        derived._native = self._native.with_options(
            timeout=timeout,
            deadline=deadline,
            max_retries=max_retries,
            per_page=per_page,
            concurrency=concurrency,
            headers=headers,
        )
        derived._attach()
        return derived

    @property
    def base_url(self) -> str:
        """The base URL requests go to."""
        return self._native.base_url

    @property
    def auth_scheme(self) -> str:
        """How the token is sent: ``"x-auth-token"`` or ``"bearer"``."""
        return self._native.auth_scheme

    @property
    def closed(self) -> bool:
        """Whether the client was closed."""
        return self._native.closed

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, auth_scheme={self.auth_scheme!r})"


class Client(ResourceGroups, AccountOperations, BaseClient):
    """A blocking client of the Genesis Cloud compute API.

    Every setting is optional: the token defaults to ``GENESISCLOUD_TOKEN``
    and the base URL to ``GENESISCLOUD_ENDPOINT`` (else the public API).
    Times are in seconds: ``timeout`` per attempt (60), ``connect_timeout``
    (10), ``deadline`` for the whole call including retries (none).
    ``max_retries`` (2), ``per_page`` (100) and ``concurrency`` (4) tune
    retries and auto-pagination; ``max_requests_per_second`` spaces requests.
    ``auth_scheme=`` is ``"x-auth-token"`` (default) or ``"bearer"``.
    ``ca_bundle`` is a PEM file of CA certificates trusted besides the
    operating system's store (``SSL_CERT_FILE`` replaces that store);
    ``proxy`` (``http://user:password@host:port``) replaces ``HTTPS_PROXY``
    and friends, and its password never appears in a repr or error.

    Calls release the GIL while they wait, and a client is safe to share
    between threads. Use it as a context manager, or call ``close()``.
    """

    def close(self) -> None:
        """Releases the connections; later calls raise ``InvalidArgumentError``."""
        self._native.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()
