"""Dataclasses to JSON and back, field by field, trusting nothing that is read.

Made for the saved state: a dataclass that others extend (navigation.PaneState gains
fields for sort and facets) is written and read without a line per field. Reading takes
each field whose value has the field's declared type and leaves every other one at its
default: a missing, unknown or mistyped field (an old or hostile file) changes nothing
else. Types understood: str, int, float, bool, None, Literal, unions (X | None), list,
tuple (X, ...) or fixed, set, frozenset, dict with str keys, and nested dataclasses; a
field of any other type is neither written nor read.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


class _Mismatch(Exception):
    """A value that is not of the type asked for."""


def _convert(value: Any, hint: Any) -> Any:
    """`value` (decoded JSON) as a value of type `hint`; _Mismatch if it is not one."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        raise _Mismatch  # nothing read is trusted to be "anything"
    if hint is type(None) or hint is None:
        if value is None:
            return None
        raise _Mismatch
    if origin in (Union, types.UnionType):
        for option in args:
            try:
                return _convert(value, option)
            except _Mismatch:
                continue
        raise _Mismatch
    if origin is typing.Literal:
        if any(value == a and type(value) is type(a) for a in args):
            return value
        raise _Mismatch
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise _Mismatch
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _Mismatch
    if hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise _Mismatch
    if hint is str:
        if isinstance(value, str):
            return value
        raise _Mismatch
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        if isinstance(value, dict):
            return decode(hint, value)
        raise _Mismatch
    if origin in (list, tuple, set, frozenset) and isinstance(value, list):
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(args) != len(value):
                raise _Mismatch
            return tuple(_convert(v, a) for v, a in zip(value, args, strict=True))
        item = args[0] if args else Any
        return origin(_convert(v, item) for v in value)
    if origin is dict and isinstance(value, dict) and args and args[0] is str:
        return {k: _convert(v, args[1]) for k, v in value.items()}
    raise _Mismatch


#: The field types of each dataclass read so far (see _hints).
_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The field types of dataclass `cls`, evaluated once per class: the saved state's nine
    pane states were each evaluated anew before every start's first frame (~0.8 ms)."""
    got = _HINTS.get(cls)
    if got is None:
        got = _HINTS[cls] = get_type_hints(cls)
    return got


def decode(cls: type[T], data: dict[str, Any]) -> T:
    """An instance of dataclass `cls` from `data`: each field of the right type taken, the
    others (missing, unknown, mistyped) at their defaults. A field without a default must
    be in `data` with its type (else ValueError)."""
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if not f.init or f.name not in data:
            continue
        try:
            kwargs[f.name] = _convert(data[f.name], hints[f.name])
        except _Mismatch:
            continue
        except RecursionError:  # nested beyond the interpreter's depth: not a real state
            continue
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a required field missing
        raise ValueError(str(exc)) from None


def _encode_value(value: Any, hint: Any) -> Any:
    """`value` as JSON, or _Mismatch if its type is not one `decode` reads back."""
    _convert(_plain(value), hint)  # only what reads back as it was is written
    return _plain(value)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return encode(value)
    if isinstance(value, set | frozenset):
        return sorted(_plain(v) for v in value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def encode(obj: Any) -> dict[str, Any]:
    """The fields of dataclass instance `obj` that `decode` can read back, as JSON values."""
    hints = _hints(type(obj))
    out: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        try:
            out[f.name] = _encode_value(getattr(obj, f.name), hints[f.name])
        except (_Mismatch, TypeError):
            continue
    return out
