"""Typed shapes of the nested request fields, for type checkers."""

from __future__ import annotations

from typing import Optional, TypedDict, Union

from genesiscloud._models import SecurityGroupRule

__all__ = [
    "AttachParam",
    "DetachParam",
    "InstanceMetadataParam",
    "InstanceUserDataParam",
    "SecurityGroupRuleParam",
]


class _RuleRequired(TypedDict):
    direction: str
    protocol: str


class SecurityGroupRuleParam(_RuleRequired, total=False):
    """One firewall rule: ``direction`` (``ingress``/``egress``), ``protocol``
    (``tcp``, ``udp``, ``icmp``, ``all``) and an optional port range."""

    port_range_min: Optional[int]
    port_range_max: Optional[int]


class _UserDataRequired(TypedDict):
    type: str
    content: str


class InstanceUserDataParam(_UserDataRequired, total=False):
    """One part of an instance's cloud-init user data: its content ``type``
    (e.g. ``text/cloud-config``, ``text/x-shellscript``), the ``content`` and
    an optional ``filename``."""

    filename: str


class InstanceMetadataParam(TypedDict, total=False):
    """Start-up data of a new instance: a ``startup_script`` (at most 64 KiB)
    and cloud-init ``user_data`` as a list of parts."""

    startup_script: str
    user_data: list[InstanceUserDataParam]


class AttachParam(TypedDict):
    """Attach one more security group or volume to an instance."""

    attach: str


class DetachParam(TypedDict):
    """Detach one security group or volume from an instance."""

    detach: str


Rule = Union[SecurityGroupRuleParam, SecurityGroupRule]
