"""Build the typed, frozen records of kb.models from validated data, by their type hints."""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

T = TypeVar("T")


@functools.cache
def _fields(cls: type) -> tuple[dict[str, Any], frozenset[str]]:
    """A record type's resolved type hints and field names, worked out once per type."""
    return get_type_hints(cls), frozenset(f.name for f in dataclasses.fields(cls))


def from_data(cls: type[T], raw: Any) -> T:
    """A dataclass instance from a validated mapping: lists become tuples, nested mappings records."""
    hints, names = _fields(cls)  # type: ignore[arg-type]  # a class is hashable
    return cls(**{key: convert(hints[key], value) for key, value in raw.items() if key in names})


def convert(hint: Any, value: Any) -> Any:
    """One value converted to the type `hint` names (validation has already checked its shape)."""
    origin = get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in get_args(hint) if a is not type(None)]
        return None if value is None else convert(options[0], value)
    if origin is tuple:
        return tuple(convert(get_args(hint)[0], v) for v in value)
    if origin is dict:
        key_type, value_type = get_args(hint)
        return {convert(key_type, k): convert(value_type, v) for k, v in value.items()}
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_data(hint, value)
    if hint is int or hint is str or hint is bool:
        return hint(value)
    return value
