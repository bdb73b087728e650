"""Keyword arguments to the JSON body of a request."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from types import FunctionType
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union

from genesiscloud._errors import GenesisCloudError, _from_native
from genesiscloud._model_base import Model

if TYPE_CHECKING:
    from genesiscloud._models import SecurityGroupRule
    from genesiscloud._params import SecurityGroupRuleParam

MAX_DEPTH = 64
"""How deeply an argument may nest lists and dicts: the core's bound
(``genesiscloud::operations::MAX_DEPTH``), checked here too because a
deeper value would exhaust the stack on its way to the core. The error's
words are the core's, so every language says the same."""

C = TypeVar("C", bound=type)

Rule = Union["SecurityGroupRuleParam", "SecurityGroupRule"]
"""A firewall rule to send: its ``TypedDict``, or a rule read from a group."""


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


def refuse_bad_calls(cls: C) -> C:
    """Makes each public method of ``cls``, and its constructor, raise ``InvalidArgumentError``
    (also a ``TypeError``) for a call Python itself cannot bind: a missing
    required argument, an unknown keyword, too many positional arguments.
    The words are the core's, so that the same mistake reads the same in
    every language (``invalid arguments: missing field `region```)."""
    for name, member in list(vars(cls).items()):
        if (name == "__init__" or not name.startswith("_")) and isinstance(member, FunctionType):
            setattr(cls, name, _refusing_bad_calls(member))
    return cls


def _refusing_bad_calls(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def checked(*args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except TypeError as e:
            # Only a failure to bind the call itself, which has no frame of
            # `method` in its traceback; a TypeError raised inside the
            # method is left alone.
            if e.__traceback__ is None or e.__traceback__.tb_next is not None:
                raise
            raise invalid_argument(_binding_error(method, args, kwargs, e)) from None

    return checked


def _binding_error(
    method: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], e: TypeError
) -> str:
    # Only a refused call pays for importing inspect.
    import inspect

    params = inspect.signature(method).parameters
    for name in kwargs:
        if name not in params or params[name].kind is inspect.Parameter.POSITIONAL_ONLY:
            return f"invalid arguments: unknown field `{name}`"
    positional = [p for p in params.values() if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    for i, p in enumerate(positional):
        if i >= len(args) and p.name not in kwargs and p.default is inspect.Parameter.empty:
            return f"invalid arguments: missing field `{p.name}`"
    for p in params.values():
        if (
            p.kind is inspect.Parameter.KEYWORD_ONLY
            and p.name not in kwargs
            and p.default is inspect.Parameter.empty
        ):
            return f"invalid arguments: missing field `{p.name}`"
    return f"invalid arguments: {e}"


def _plain(value: Any, name: Any, depth: int) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        raise invalid_argument(f"invalid argument `{name}`: must be a finite number, not NaN or an infinity")
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, (list, tuple, Mapping)):
        if depth >= MAX_DEPTH:
            raise invalid_argument(
                f"invalid argument `{name}`: nests lists or objects more than {MAX_DEPTH} levels deep"
            )
        if isinstance(value, Mapping):
            return {k: _plain(v, name, depth + 1) for k, v in value.items()}
        return [_plain(v, name, depth + 1) for v in value]
    return value
