"""The resource groups of the blocking ``Client`` (``client.instances``, ...).

Keyword arguments carry the API's field names; ``None`` means "not given".
``extra_body`` sends fields this SDK version does not know yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic, Literal, Optional, TypeVar, Union, overload

from genesiscloud import _native
from genesiscloud._arguments import Rule, body, refuse_bad_calls
from genesiscloud._models import (
    Filesystem,
    FloatingIp,
    Image,
    Instance,
    Model,
    SecurityGroup,
    Snapshot,
    SshKey,
    Volume,
)
from genesiscloud._pagination import Page, Pager
from genesiscloud._params import AttachParam, DetachParam, InstanceMetadataParam
from genesiscloud._wait import OnProgress

__all__ = [
    "Filesystems",
    "FloatingIps",
    "Images",
    "Instances",
    "SecurityGroups",
    "Snapshots",
    "SshKeys",
    "Volumes",
]

M = TypeVar("M", bound=Model)


class _Group(Generic[M]):
    _group: ClassVar[str]
    _model: ClassVar[Any]

    def __init__(self, native: _native.Client) -> None:
        self._native = native

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        refuse_bad_calls(cls)

    def _call(
        self,
        verb: str,
        id: Optional[str] = None,
        args: Optional[dict[str, Any]] = None,
        on_progress: Optional[OnProgress] = None,
    ) -> Any:
        return self._native.call(f"{self._group}.{verb}", id, args, on_progress)

    def _pager(self, verb: str, id: Optional[str], args: dict[str, Any], model: Any) -> Pager[Any]:
        return Pager(self._native.paginate(f"{self._group}.{verb}", id, args), model)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._native!r}>"


class _Listed(_Group[M]):
    def list(self, *, per_page: Optional[int] = None) -> Pager[M]:
        """Every item, lazily (``per_page``: page size of the requests, 1-100,
        default the client's)."""
        return self._pager("list", None, body({"per_page": per_page}), self._model)

    def list_page(self, *, page: Optional[int] = None, per_page: Optional[int] = None) -> Page[M]:
        """Exactly one page (one request): ``page`` from 1, ``per_page`` 1-100
        (the API's default is 50)."""
        data = self._call("list_page", None, body({"page": page, "per_page": per_page}))
        return Page._from_native(data, self._model)


class _Managed(_Listed[M]):
    def get(self, id: str) -> M:
        """Fetches one by id."""
        return self._model(self._call("get", id))  # type: ignore[no-any-return]

    def delete(self, id: str) -> None:
        """Deletes one. It may linger in a transitional status: wait for
        ``"deleted"`` to know it is gone."""
        self._call("delete", id)


class _Stateful(_Managed[M]):
    # "deleted" is also a str: the overlap is intended, the narrower overload wins.
    @overload
    def wait_until(  # type: ignore[overload-overlap]
        self,
        id: str,
        status: Literal["deleted"],
        *,
        timeout: Optional[float] = None,
        interval: Optional[float] = None,
        max_interval: Optional[float] = None,
        on_progress: Optional[OnProgress] = None,
    ) -> None: ...

    @overload
    def wait_until(
        self,
        id: str,
        status: str,
        *,
        timeout: Optional[float] = None,
        interval: Optional[float] = None,
        max_interval: Optional[float] = None,
        on_progress: Optional[OnProgress] = None,
    ) -> M: ...

    def wait_until(
        self,
        id: str,
        status: str,
        *,
        timeout: Optional[float] = None,
        interval: Optional[float] = None,
        max_interval: Optional[float] = None,
        on_progress: Optional[OnProgress] = None,
    ) -> Optional[M]:
        """Polls until the resource reaches ``status`` and returns it, or
        ``None`` for ``"deleted"`` (until it answers 404).

        ``timeout`` (seconds, default 20 minutes) raises ``WaitTimeoutError``;
        so does the resource entering ``error``. Polls start ``interval``
        apart (default 1 s) and double up to ``max_interval`` (default 10 s).

        ``on_progress`` is called after each poll with a ``WaitProgress`` (the
        status seen, ``None`` once the resource answers 404; the polls so far;
        the seconds waited), on one of the SDK's threads, holding the GIL only
        for the call. What it raises ends the wait: the same exception object
        is raised here.
        """
        args = body(
            {"status": status, "timeout": timeout, "interval": interval, "max_interval": max_interval}
        )
        data = self._call("wait_until", id, args, on_progress)
        return None if data is None else self._model(data)


class Images(_Listed[Image]):
    """Images (list only)."""

    _group = "images"
    _model = Image

    def list(self, *, per_page: Optional[int] = None, type: Optional[str] = None) -> Pager[Image]:
        """Every image, lazily; ``type`` filters by image type (``cloud-image``)."""
        return self._pager("list", None, body({"per_page": per_page, "type": type}), Image)

    def list_page(
        self, *, page: Optional[int] = None, per_page: Optional[int] = None, type: Optional[str] = None
    ) -> Page[Image]:
        """One page of images; ``type`` filters by image type."""
        data = self._call("list_page", None, body({"page": page, "per_page": per_page, "type": type}))
        return Page._from_native(data, Image)


class Instances(_Stateful[Instance]):
    """Instances, their actions, snapshots and metadata."""

    _group = "instances"
    _model = Instance

    def create(
        self,
        *,
        name: str,
        hostname: str,
        type: str,
        image: str,
        region: str,
        ssh_keys: Optional[Sequence[str]] = None,
        password: Optional[str] = None,
        security_groups: Optional[Sequence[str]] = None,
        volumes: Optional[Sequence[str]] = None,
        floating_ip: Optional[str] = None,
        disk_size: Optional[int] = None,
        billing_type: Optional[str] = None,
        is_protected: Optional[bool] = None,
        destroy_on_shutdown: Optional[bool] = None,
        public_ipv6: Optional[bool] = None,
        placement_option: Optional[str] = None,
        reservation_id: Optional[str] = None,
        reuse_long_term_subscription: Optional[str] = None,
        metadata: Optional[InstanceMetadataParam] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> Instance:
        """Creates an instance (status ``creating``; wait for ``"active"``).
        Give exactly one of ``ssh_keys`` (ids) and ``password``."""
        args = body(
            {
                "name": name,
                "hostname": hostname,
                "type": type,
                "image": image,
                "region": region,
                "ssh_keys": ssh_keys,
                "password": password,
                "security_groups": security_groups,
                "volumes": volumes,
                "floating_ip": floating_ip,
                "disk_size": disk_size,
                "billing_type": billing_type,
                "is_protected": is_protected,
                "destroy_on_shutdown": destroy_on_shutdown,
                "public_ipv6": public_ipv6,
                "placement_option": placement_option,
                "reservation_id": reservation_id,
                "reuse_long_term_subscription": reuse_long_term_subscription,
                "metadata": metadata,
            },
            extra_body,
        )
        return Instance(self._call("create", None, args))

    def update(
        self,
        id: str,
        *,
        name: Optional[str] = None,
        disk_size: Optional[int] = None,
        is_protected: Optional[bool] = None,
        reservation_id: Optional[str] = None,
        security_groups: Union[Sequence[str], AttachParam, DetachParam, None] = None,
        volumes: Union[Sequence[str], AttachParam, DetachParam, None] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> Instance:
        """Changes an instance. ``security_groups`` and ``volumes`` take the
        full list of ids, ``{"attach": id}`` or ``{"detach": id}``."""
        args = body(
            {
                "name": name,
                "disk_size": disk_size,
                "is_protected": is_protected,
                "reservation_id": reservation_id,
                "security_groups": security_groups,
                "volumes": volumes,
            },
            extra_body,
        )
        return Instance(self._call("update", id, args))

    def actions(self, id: str) -> list[str]:
        """The actions the instance's current status allows."""
        return list(self._call("actions", id))

    def perform_action(self, id: str, action: str) -> None:
        """Starts, stops or resets the instance (``"start"``, ``"stop"``,
        ``"reset"``); an action its status does not allow raises
        ``ConflictError``."""
        self._call("perform_action", id, body({"action": action}))

    def list_snapshots(self, id: str, *, per_page: Optional[int] = None) -> Pager[Snapshot]:
        """Every snapshot of the instance, lazily."""
        return self._pager("list_snapshots", id, body({"per_page": per_page}), Snapshot)

    def list_snapshots_page(
        self, id: str, *, page: Optional[int] = None, per_page: Optional[int] = None
    ) -> Page[Snapshot]:
        """One page of the instance's snapshots."""
        data = self._call("list_snapshots_page", id, body({"page": page, "per_page": per_page}))
        return Page._from_native(data, Snapshot)

    def create_snapshot(
        self,
        id: str,
        *,
        name: str,
        replicated_region: Optional[str] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> Snapshot:
        """Snapshots the instance's disk, optionally replicated to a region."""
        args = body({"name": name, "replicated_region": replicated_region}, extra_body)
        return Snapshot(self._call("create_snapshot", id, args))

    def user_metadata(self, id: str) -> dict[str, Any]:
        """The metadata the instance was created with (free-form)."""
        return dict(self._call("user_metadata", id))


class Snapshots(_Stateful[Snapshot]):
    """Snapshots."""

    _group = "snapshots"
    _model = Snapshot

    def create(
        self,
        *,
        name: str,
        region: str,
        size: int,
        url: str,
        os_type: Optional[str] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> Snapshot:
        """Imports a disk image from ``url`` as a snapshot."""
        args = body(
            {"name": name, "region": region, "size": size, "url": url, "os_type": os_type},
            extra_body,
        )
        return Snapshot(self._call("create", None, args))

    def update(
        self, id: str, *, name: Optional[str] = None, extra_body: Optional[Mapping[str, Any]] = None
    ) -> Snapshot:
        """Renames a snapshot."""
        return Snapshot(self._call("update", id, body({"name": name}, extra_body)))

    def clone(
        self, id: str, *, name: str, region: str, extra_body: Optional[Mapping[str, Any]] = None
    ) -> Snapshot:
        """Copies a snapshot, possibly into another region."""
        args = body({"name": name, "region": region}, extra_body)
        return Snapshot(self._call("clone", id, args))


class Volumes(_Stateful[Volume]):
    """Block-storage volumes."""

    _group = "volumes"
    _model = Volume

    def create(
        self,
        *,
        name: str,
        region: str,
        size: int,
        description: Optional[str] = None,
        type: Optional[str] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> Volume:
        """Creates a volume (``size`` in GiB, ``type`` ``hdd`` or ``ssd``)."""
        args = body(
            {"name": name, "region": region, "size": size, "description": description, "type": type},
            extra_body,
        )
        return Volume(self._call("create", None, args))

    def update(
        self,
        id: str,
        *,
        name: Optional[str] = None,
        description: Optional[str] = None,
        size: Optional[int] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> Volume:
        """Changes a volume; the size may only grow."""
        args = body({"name": name, "description": description, "size": size}, extra_body)
        return Volume(self._call("update", id, args))


class Filesystems(_Stateful[Filesystem]):
    """Shared filesystems."""

    _group = "filesystems"
    _model = Filesystem

    def create(
        self,
        *,
        name: str,
        region: str,
        size: int,
        description: Optional[str] = None,
        type: Optional[str] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> Filesystem:
        """Creates a filesystem (``size`` in GiB)."""
        args = body(
            {"name": name, "region": region, "size": size, "description": description, "type": type},
            extra_body,
        )
        return Filesystem(self._call("create", None, args))

    def update(
        self,
        id: str,
        *,
        name: Optional[str] = None,
        description: Optional[str] = None,
        size: Optional[int] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> Filesystem:
        """Changes a filesystem; the size may only grow."""
        args = body({"name": name, "description": description, "size": size}, extra_body)
        return Filesystem(self._call("update", id, args))


class SecurityGroups(_Stateful[SecurityGroup]):
    """Security groups (firewall rules)."""

    _group = "security_groups"
    _model = SecurityGroup

    def create(
        self,
        *,
        name: str,
        region: str,
        rules: Sequence[Rule],
        description: Optional[str] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> SecurityGroup:
        """Creates a security group (the names ``default`` and ``standard``
        are reserved)."""
        args = body(
            {"name": name, "region": region, "rules": rules, "description": description},
            extra_body,
        )
        return SecurityGroup(self._call("create", None, args))

    def update(
        self,
        id: str,
        *,
        name: Optional[str] = None,
        description: Optional[str] = None,
        rules: Optional[Sequence[Rule]] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> SecurityGroup:
        """Changes a security group; ``rules`` replaces the whole rule set."""
        args = body({"name": name, "description": description, "rules": rules}, extra_body)
        return SecurityGroup(self._call("update", id, args))


class SshKeys(_Managed[SshKey]):
    """SSH keys."""

    _group = "ssh_keys"
    _model = SshKey

    def create(self, *, name: str, value: str, extra_body: Optional[Mapping[str, Any]] = None) -> SshKey:
        """Adds a public key (OpenSSH format)."""
        return SshKey(self._call("create", None, body({"name": name, "value": value}, extra_body)))

    def update(
        self, id: str, *, name: Optional[str] = None, extra_body: Optional[Mapping[str, Any]] = None
    ) -> SshKey:
        """Renames a key."""
        return SshKey(self._call("update", id, body({"name": name}, extra_body)))


class FloatingIps(_Stateful[FloatingIp]):
    """Floating IPs."""

    _group = "floating_ips"
    _model = FloatingIp

    def create(
        self,
        *,
        name: str,
        region: str,
        description: Optional[str] = None,
        version: Optional[str] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> FloatingIp:
        """Reserves a floating IP (``version`` ``ipv4``)."""
        args = body(
            {"name": name, "region": region, "description": description, "version": version},
            extra_body,
        )
        return FloatingIp(self._call("create", None, args))

    def update(
        self,
        id: str,
        *,
        name: Optional[str] = None,
        description: Optional[str] = None,
        extra_body: Optional[Mapping[str, Any]] = None,
    ) -> FloatingIp:
        """Renames or re-describes a floating IP."""
        args = body({"name": name, "description": description}, extra_body)
        return FloatingIp(self._call("update", id, args))
