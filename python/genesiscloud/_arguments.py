"""Keyword arguments to the JSON body of a request."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from genesiscloud._models import Model


def body(values: Mapping[str, Any], extra: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
    """The arguments that were given (``None`` means "not given"), with
    models turned back into their data, merged with ``extra`` (fields this
    SDK version does not know yet)."""
    out = {k: _plain(v) for k, v in values.items() if v is not None}
    if extra:
        out.update({k: _plain(v) for k, v in extra.items()})
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value
