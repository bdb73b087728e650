"""Keyword arguments to the JSON body of a request."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Optional

from genesiscloud._errors import GenesisCloudError, _from_native
from genesiscloud._models import Model

MAX_DEPTH = 64
"""How deeply an argument may nest lists and dicts. The API's bodies nest a
few levels; the bound keeps a cyclic or absurdly deep value from exhausting
the stack on its way to JSON."""


def body(values: Mapping[str, Any], extra: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
    """The arguments that were given (``None`` means "not given"), with
    models turned back into their data, merged with ``extra`` (fields this
    SDK version does not know yet)."""
    out = {k: _plain(v, k, 0) for k, v in values.items() if v is not None}
    if extra:
        out.update({k: _plain(v, k, 0) for k, v in extra.items()})
    return out


def invalid_argument(message: str) -> GenesisCloudError:
    """The error of a call refused before anything was sent, built the way
    the native module builds its own (an ``InvalidArgumentError``)."""
    return _from_native(code="invalid_argument", message=message, text=f"invalid_argument: {message}")


def _plain(value: Any, name: Any, depth: int) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        raise invalid_argument(f"`{name}` must be a finite number, not {value}")
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, (list, tuple, Mapping)):
        if depth >= MAX_DEPTH:
            raise invalid_argument(f"`{name}` nests lists or dicts more than {MAX_DEPTH} levels deep")
        if isinstance(value, Mapping):
            return {k: _plain(v, name, depth + 1) for k, v in value.items()}
        return [_plain(v, name, depth + 1) for v in value]
    return value
