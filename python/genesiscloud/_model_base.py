"""The behaviour of the API's data objects: the base class of the models,
which turns each annotation of a subclass into the attribute reading that
field. The subclasses, one per object, are generated from the core's
Rust types into ``genesiscloud._models``.
"""

from __future__ import annotations

import sys
import typing
from typing import Any, ClassVar

from genesiscloud._native import Field
from genesiscloud._native import Model as _NativeModel

__all__ = ["Model"]

_REPR_FIELDS: dict[str, tuple[str, ...]] = {
    "ResourceRef": ("id", "name"),
    "Image": ("id", "name", "type"),
    "SecurityGroupRule": ("direction", "protocol", "port_range_min", "port_range_max"),
    "SshKey": ("id", "name", "fingerprint"),
    "FloatingIp": ("id", "name", "ip_address", "status"),
    "QuotaFlavor": ("flavor_name", "used", "unit"),
    "Quota": ("key", "used", "capacity"),
    "ReservationQuota": ("capacity", "used"),
    "Reservation": ("id", "flavor_name", "region"),
    "InstanceTypeAvailability": ("type", "available", "count"),
    "InstancesAvailability": ("region", "type", "placement"),
}
"""The fields a model's ``repr`` shows, by class name, where they are not
the default ``id``, ``name`` and ``status``."""


class Model(_NativeModel):
    """Base class of the API's data objects."""

    __slots__ = ()
    _repr_fields: ClassVar[tuple[str, ...]] = ("id", "name", "status")

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__module__ == "genesiscloud._models" and cls.__name__ in _REPR_FIELDS:
            cls._repr_fields = _REPR_FIELDS[cls.__name__]
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
