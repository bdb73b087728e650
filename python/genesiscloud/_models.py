"""The API's data objects.

Each model wraps the object's wire JSON and reads its fields lazily: the
attribute names are the API's field names, enumerations are plain strings
(an unknown value is kept as it came), and ``to_dict()`` gives back exactly
what the API sent, fields unknown to this version included. Models compare
equal when their class and data are equal, and pickle.
"""

from __future__ import annotations

import sys
import typing
from typing import Any, ClassVar, Optional

from genesiscloud._native import Field
from genesiscloud._native import Model as _NativeModel

__all__ = [
    "Filesystem",
    "FloatingIp",
    "Image",
    "Instance",
    "InstanceTypeAvailability",
    "InstancesAvailability",
    "Model",
    "Quota",
    "QuotaFlavor",
    "Reservation",
    "ReservationQuota",
    "ResourceRef",
    "SecurityGroup",
    "SecurityGroupRule",
    "Snapshot",
    "SshKey",
    "Volume",
]


class Model(_NativeModel):
    """Base class of the API's data objects."""

    __slots__ = ()
    _repr_fields: ClassVar[tuple[str, ...]] = ("id", "name", "status")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        namespace = vars(sys.modules[cls.__module__])
        # Only this class's own annotations (strings, under the __future__ import).
        annotations = cls.__dict__.get("__annotations__") or getattr(cls, "__annotations__", {})  # noqa: RUF063
        for name, annotation in annotations.items():
            if name.startswith("_"):
                continue
            hint = eval(annotation, namespace) if isinstance(annotation, str) else annotation
            setattr(cls, name, _field(name, hint))


def _field(name: str, hint: Any) -> Field:
    """The descriptor for a field annotated ``hint``: nested objects (and
    lists of them) are wrapped in their model class."""
    if typing.get_origin(hint) is typing.Union:
        present = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = present[0] if len(present) == 1 else Any
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        if isinstance(item, type) and issubclass(item, Model):
            return Field(name, item, True)
    if isinstance(hint, type) and issubclass(hint, Model):
        return Field(name, hint)
    return Field(name)


class ResourceRef(Model):
    """A reference to another resource, as embedded in an object."""

    __slots__ = ()
    _repr_fields = ("id", "name")
    id: str
    name: str


class Image(Model):
    """An image an instance can boot from."""

    __slots__ = ()
    _repr_fields = ("id", "name", "type")
    id: str
    name: str
    type: str
    os_type: str
    regions: list[str]
    slug: Optional[str]
    family: Optional[str]
    versions: Optional[list[str]]
    created_at: str
    updated_at: str


class Instance(Model):
    """A virtual machine."""

    __slots__ = ()
    id: str
    name: str
    hostname: str
    dns_name: str
    type: str
    status: str
    region: str
    os_type: str
    image: ResourceRef
    placement_option: str
    private_ip: Optional[str]
    public_ip: Optional[str]
    floating_ip: Optional[ResourceRef]
    reservation_id: Optional[str]
    security_groups: list[ResourceRef]
    ssh_keys: list[ResourceRef]
    volumes: list[ResourceRef]
    disk_size: Optional[int]
    created_at: str
    updated_at: str


class Snapshot(Model):
    """A disk snapshot of an instance, or an imported disk image."""

    __slots__ = ()
    id: str
    name: str
    os_type: str
    region: str
    size: int
    status: str
    source_instance_id: Optional[str]
    source_snapshot_id: Optional[str]
    created_at: str
    updated_at: str


class Volume(Model):
    """A block-storage volume."""

    __slots__ = ()
    id: str
    name: str
    description: str
    region: str
    size: int
    status: str
    type: str
    instances: list[ResourceRef]
    created_at: str
    updated_at: str


class Filesystem(Model):
    """A shared network filesystem."""

    __slots__ = ()
    id: str
    name: str
    description: str
    region: str
    size: int
    status: str
    type: str
    mount_base_path: Optional[str]
    mount_endpoint_range: Optional[list[str]]
    created_at: str
    updated_at: str


class SecurityGroupRule(Model):
    """One firewall rule of a security group."""

    __slots__ = ()
    _repr_fields = ("direction", "protocol", "port_range_min", "port_range_max")
    direction: str
    protocol: str
    port_range_min: Optional[int]
    port_range_max: Optional[int]


class SecurityGroup(Model):
    """A set of firewall rules applied to instances."""

    __slots__ = ()
    id: str
    name: str
    description: str
    is_internal: bool
    region: str
    rules: list[SecurityGroupRule]
    status: str
    created_at: str
    updated_at: str


class SshKey(Model):
    """A public SSH key that can be installed on new instances."""

    __slots__ = ()
    _repr_fields = ("id", "name", "fingerprint")
    id: str
    name: str
    value: str
    fingerprint: str
    type: str
    size: int
    created_at: str
    updated_at: str


class FloatingIp(Model):
    """A public IP address that can move between instances."""

    __slots__ = ()
    _repr_fields = ("id", "name", "ip_address", "status")
    id: str
    name: str
    description: str
    ip_address: Optional[str]
    is_public: bool
    region: str
    status: str
    version: str
    instance: Optional[ResourceRef]
    created_at: str
    updated_at: str


class QuotaFlavor(Model):
    """Use of a quota by one flavor."""

    __slots__ = ()
    _repr_fields = ("flavor_name", "used", "unit")
    flavor_name: str
    product_name: str
    unit: str
    used: int


class Quota(Model):
    """How much of one kind of resource the account may use."""

    __slots__ = ()
    _repr_fields = ("key", "used", "capacity")
    key: str
    capacity: int
    used: int
    flavors: list[QuotaFlavor]


class ReservationQuota(Model):
    """Reserved and used capacity of a reservation."""

    __slots__ = ()
    _repr_fields = ("capacity", "used")
    capacity: int
    used: int


class Reservation(Model):
    """Capacity reserved for the account."""

    __slots__ = ()
    _repr_fields = ("id", "flavor_name", "region")
    id: str
    flavor_name: str
    region: str
    metadata: dict[str, Any]
    quota: ReservationQuota


class InstanceTypeAvailability(Model):
    """Availability of one instance type."""

    __slots__ = ()
    _repr_fields = ("type", "available", "count")
    type: str
    available: bool
    count: Optional[float]


class InstancesAvailability(Model):
    """Which instance types can be created in a region right now."""

    __slots__ = ()
    _repr_fields = ("region", "type", "placement")
    region: str
    type: str
    placement: Optional[str]
    instance_types: list[InstanceTypeAvailability]
