"""Validate a parsed data file against its JSON Schema and report errors by record and field."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from kb.errors import DataError, DataErrors

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"

# Each record list and the field that names a record in error messages.
_RECORD_KEYS = {"criteria": "id", "sources": "id", "entities": "slug", "categories": "number",
                "focus_areas": "slug", "terms": "term", "arrangements": "partner", "events": "date",
                "roles": "slug", "topics": "slug", "checklists": "slug", "points": "label", "indicators": "slug",
                "scenarios": "slug", "threats": "slug"}


@cache
def validator_for(schema_name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _locate(error: ValidationError, document: Any) -> tuple[str | None, str | None]:
    """Turn a JSON path into (record name, field path) for the message."""
    path = list(error.absolute_path)
    record: str | None = None
    node = document
    rest: list[str] = []
    for i, part in enumerate(path):
        if isinstance(part, int) and i > 0 and isinstance(path[i - 1], str) and isinstance(node, list):
            item = node[part] if part < len(node) else None
            key = _RECORD_KEYS.get(str(path[i - 1]), "id")
            name = item.get(key) if isinstance(item, dict) else None
            record = str(name) if name is not None else f"#{part + 1} of '{path[i - 1]}'"
            rest = []
        else:
            rest.append(str(part))
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = [k for k in error.validator_value if k not in error.instance]
        rest.append(missing[0] if missing else "?")
    elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        rest.append(extra[0] if extra else "?")
    return record, ".".join(rest) or None


def _expected(error: ValidationError) -> str:
    if error.validator == "required":
        return "is missing (a required field)"
    if error.validator == "enum":
        return f"is {error.instance!r}; expected one of {', '.join(map(repr, error.validator_value))}"
    if error.validator == "pattern":
        return f"is {error.instance!r}; expected text matching {error.validator_value}"
    if error.validator == "additionalProperties":
        return "is not a known field (check the spelling against the schema)"
    if error.validator == "oneOf" and error.context:
        best = min(error.context, key=lambda e: len(list(e.absolute_path)) * -1)
        return _expected(best)
    if error.validator == "type":
        return f"is {error.instance!r}; expected a {error.validator_value} (quote dates and IDs in YAML)"
    return str(error.message)


def validate(document: Any, schema_name: str, label: str) -> None:
    """Raise DataErrors listing every schema violation in `document`."""
    errors = sorted(validator_for(schema_name).iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        found = []
        for err in errors:
            record, field = _locate(err, document)
            found.append(DataError(label, record, field, _expected(err)))
        raise DataErrors(found)
