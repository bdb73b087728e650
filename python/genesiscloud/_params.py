"""Typed shapes of the nested request fields, for type checkers."""

from __future__ import annotations

from typing import Optional, TypedDict, Union

from genesiscloud._models import SecurityGroupRule

__all__ = [
    "AttachParam",
    "DetachParam",
    "InstanceMetadataParam",
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


class InstanceMetadataParam(TypedDict, total=False):
    """Start-up data of a new instance."""

    startup_script: str
    user_data: str


class AttachParam(TypedDict):
    """Attach one more security group or volume to an instance."""

    attach: str


class DetachParam(TypedDict):
    """Detach one security group or volume from an instance."""

    detach: str


Rule = Union[SecurityGroupRuleParam, SecurityGroupRule]
