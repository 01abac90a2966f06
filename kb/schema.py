"""Validate a parsed data file against its JSON Schema; report errors by file, line, record and field.

Besides the standard keywords, the schemas use two of their own, checked generically:
- `"x-key": "<table>"` on a field makes its value the key of a record in that table (unique across files);
- `"x-refers-to": "<table>"` on a field (or on `propertyNames`) says its value must be such a key.
Both are collected while validating and must not be placed under oneOf, anyOf, not or if.
"""

from __future__ import annotations

import contextlib
import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from kb.errors import DataError, DataErrors, quoted
from kb.yamlio import LocatedDict, LocatedList

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
_MARKS = ("x-key", "x-refers-to")
# Fields that name a record in messages when its schema declares no x-key, in order of preference.
_NAMING_FIELDS = ("id", "slug", "term", "partner", "number", "date", "name", "label")


@dataclass(frozen=True)
class Place:
    """Where a value sits: the file, the line, the record (outermost list item) and the field path."""

    file: str
    line: int | None
    record: str | None
    field: str | None

    def error(self, problem: str) -> DataError:
        return DataError(self.file, self.record, self.field, problem, line=self.line)


@dataclass(frozen=True)
class Mark:
    """A key defined (`x-key`) or a reference made (`x-refers-to`) somewhere in a data file. Its place is found
    when a message needs it (most marks never do: with 1,000 criteria, finding every one cost 0.1 s a build)."""

    kind: str  # "x-key" or "x-refers-to"
    table: str
    value: str
    where: Callable[[], Place] = field(repr=False, compare=False)

    @cached_property
    def place(self) -> Place:
        return self.where()


def _mark(validator: Any, table: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    yield ValidationError(f"{table}:{instance}")


def _real_date(validator: Any, wanted: bool, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """`"x-date": true`: YYYY, YYYY-MM or YYYY-MM-DD that names a day that exists (no 2026-02-31)."""
    if wanted and isinstance(instance, str):
        parts = instance.split("-")
        try:
            datetime.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
        except (ValueError, IndexError):
            yield ValidationError(f"is {quoted(instance)}; not a real date (YYYY, YYYY-MM or YYYY-MM-DD)")


def _registry(directory: Path) -> Registry[Any]:
    resources = []
    for path in sorted(directory.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(contents)))
    return Registry().with_resources(resources)


_Validator = validators.extend(Draft202012Validator, {"x-date": _real_date, **{name: _mark for name in _MARKS}})  # type: ignore[no-untyped-call]


def validator_for(schema_name: str, directory: Path = SCHEMA_DIR) -> Any:
    """The schema's validator, made again when a schema file changes (the preview runs for hours)."""
    stamp = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(directory.glob("*.json")))
    return _validator_for(schema_name, directory, stamp)


@cache
def _validator_for(schema_name: str, directory: Path, stamp: tuple[tuple[str, int, int], ...]) -> Any:
    schema = json.loads((directory / schema_name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    registry = _registry(directory)
    with contextlib.suppress(RecursionError):  # a schema that refers to itself is validated as written
        schema = _inline_refs(schema, registry.resolver(base_uri=schema_name), ())
    return _Validator(schema, registry=registry)


def _inline_refs(node: Any, resolver: Any, expanding: tuple[int, ...]) -> Any:
    """The schema with each `$ref` replaced by the schema it names, so that validating does not look a reference
    up for every value (with 1,000 criteria that was 40 % of the validation). Errors are the same: jsonschema
    reports an error found through `$ref` or `allOf` as the inner keyword's, at the same place in the data. A
    `$ref` with keywords beside it becomes `allOf: [<the schema it names>]` beside them, as 2020-12 reads it."""
    if isinstance(node, list):
        return [_inline_refs(item, resolver, expanding) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    rest = {key: _inline_refs(value, resolver, expanding) for key, value in node.items() if key != "$ref"}
    if not isinstance(ref, str):
        return rest
    resolved = resolver.lookup(ref)
    if id(resolved.contents) in expanding:
        raise RecursionError(ref)
    target = _inline_refs(resolved.contents, resolved.resolver, (*expanding, id(resolved.contents)))
    if isinstance(target, dict):  # what only a schema's root means (a boolean schema is kept as it is)
        target = {key: value for key, value in target.items() if key not in ("$id", "$schema", "$defs")}
    return {**rest, "allOf": [target, *rest.get("allOf", [])]} if rest else target


def _record_name(item: Any, key_field: str | None) -> str | None:
    if not isinstance(item, dict):
        return None
    for name in ([key_field] if key_field else []) + list(_NAMING_FIELDS):
        if name in item and isinstance(item[name], str | int | float | datetime.date):
            raw = item.raw.get(name) if isinstance(item, LocatedDict) else None
            return raw or str(item[name])
    return None


def locate(document: Any, path: list[str | int], label: str, key_fields: dict[str, str] | None = None) -> Place:
    """The place of the value at `path` in a document read by kb.yamlio."""
    line: int | None = getattr(document, "line", None) or None
    node: Any = document
    record: str | None = None
    rest: list[str] = []
    for i, part in enumerate(path):
        if isinstance(node, LocatedDict) and part in node.key_lines:
            line = node.key_lines[part]
        elif isinstance(node, LocatedList) and isinstance(part, int) and part < len(node.item_lines):
            line = node.item_lines[part]
        if record is None and isinstance(part, int) and i == 1 and isinstance(node, list):
            item = node[part] if part < len(node) else None
            name = _record_name(item, (key_fields or {}).get(str(path[0])))
            record = name or f"#{part + 1} of '{path[0]}'"
            rest = []
        elif isinstance(part, int):
            rest.append(f"[{part + 1}]")
        else:
            rest.append(("." if rest else "") + part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return Place(label, line, record, "".join(rest) or None)


def _read_as(instance: Any) -> str | None:
    if isinstance(instance, bool):
        return "true/false"
    if isinstance(instance, int | float):
        return "number"
    if isinstance(instance, datetime.date):
        return "date"
    return None


def _problem(error: ValidationError, raw: str | None, field: str | None) -> str:
    if error.validator == "required":
        return "is missing (a required field)"
    if error.validator == "enum":
        options: Any = error.validator_value
        return f"is {quoted(error.instance)}; expected one of {', '.join(map(repr, options))}"
    if error.validator == "const":
        return f"is {quoted(error.instance)}; expected {error.validator_value!r}"
    if error.validator == "pattern":
        return f"is {quoted(error.instance)}; expected text matching {error.validator_value}"
    if error.validator == "additionalProperties":
        return "is not a known field (check the spelling against the schema)"
    if error.validator == "type" and _read_as(error.instance) and "string" in str(error.validator_value):
        shown = raw if raw is not None else str(error.instance)
        name = (field or "value").rsplit(".", 1)[-1]
        return (f"{shown} was read as a {_read_as(error.instance)} ({quoted(error.instance)}), not text; "
                f'quote it: {name}: "{shown}"')
    if error.validator == "type":
        return f"is {quoted(error.instance)}; expected a {error.validator_value}"
    if error.validator in ("minLength", "maxLength", "minItems", "maxItems"):
        return f"is {quoted(error.instance)}; {error.validator} is {error.validator_value}"
    if error.validator == "oneOf" and error.context:
        best = max(error.context, key=lambda e: len(list(e.absolute_path)))
        return _problem(best, None, field)
    return str(error.message)[:200]


def _error_path(error: ValidationError) -> list[str | int]:
    path: list[str | int] = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        required: Any = error.validator_value
        missing = [k for k in required if k not in error.instance]
        path.append(missing[0] if missing else "?")
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        schema: Any = error.schema
        allowed = set(schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        path.append(extra[0] if extra else "?")
    return path


def _raw_text(document: Any, path: list[str | int]) -> str | None:
    node = document
    for part in path[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node.raw.get(path[-1]) if isinstance(node, LocatedDict) and path else None


def validate(document: Any, schema_name: str, label: str, directory: Path = SCHEMA_DIR) -> list[Mark]:
    """Raise DataErrors listing every schema violation; return the keys and references the file holds."""
    found = list(validator_for(schema_name, directory).iter_errors(document))
    marks_raw = [e for e in found if e.validator in _MARKS]
    # In data order, then by keyword: the same order however the schema is laid out (see _inline_refs).
    errors = sorted((e for e in found if e.validator not in _MARKS),
                    key=lambda e: (list(map(str, e.absolute_path)), str(e.validator)))
    key_fields = {str(e.absolute_path[0]): str(e.absolute_path[-1]) for e in marks_raw
                  if e.validator == "x-key" and len(e.absolute_path) == 3}
    if errors:
        problems = []
        for err in errors:
            path = _error_path(err)
            place = locate(document, path, label, key_fields)
            problems.append(place.error(_problem(err, _raw_text(document, path), place.field)))
        raise DataErrors(problems)
    return [Mark(str(e.validator), str(e.validator_value), str(e.instance),
                 partial(_mark_place, document, list(e.absolute_path), e.instance, label, key_fields))
            for e in marks_raw]


def _mark_place(document: Any, path: list[str | int], instance: Any, label: str,
                key_fields: dict[str, str]) -> Place:
    parent = _parent(document, path)
    if isinstance(instance, str) and isinstance(parent, dict) and instance in parent and (
            not path or path[-1] != instance):
        # propertyNames: the reference is a key of the mapping at `path`; point at the key itself.
        return locate(document, [*path, instance], label, key_fields)
    return locate(document, path, label, key_fields)


def _parent(document: Any, path: list[str | int]) -> Any:
    node = document
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node
