"""kb.schema validates with each `$ref` inlined (a reference looked up for every value was 40 % of validating
1,000 criteria): the errors, the keys and the references it reports must be those of the schemas as written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kb import schema
from kb.errors import DataErrors
from kb.loader import data_files
from kb.yamlio import read_yaml
from tests.support import ROOT

REPLACEMENTS: list[Any] = [123, "", "zz-unknown", "2026-02-31", "DELETE", "ADD A FIELD"]
# One data file per schema (the criteria's schema validates twelve files alike).
FILES = list({name: (path, name) for path, name in data_files(ROOT / "data")}.values())


def _as_written(name: str, directory: Path = schema.SCHEMA_DIR) -> Any:
    written = json.loads((directory / name).read_text(encoding="utf-8"))
    return schema._Validator(written, registry=schema._registry(directory))


def _paths(node: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    if path:
        yield path
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, child in children:
        if len(path) < 2 or path[1] == 0:  # every field of the first record of each table
            yield from _paths(child, (*path, key))


def _report(document: Any, name: str, label: str) -> tuple[str, ...]:
    try:
        return tuple(f"{m.kind} {m.table} {m.value} at {m.place}" for m in schema.validate(document, name, label))
    except DataErrors as errors:
        return ("errors", str(errors))


def _first_records(path: Path, label: str) -> Any:
    """The file as read, each table cut to its first two records (a whole file per case would take minutes)."""
    document = read_yaml(path, label)
    for table in document.values() if isinstance(document, dict) else []:
        if isinstance(table, list):
            del table[2:]
    return document


def _changed(path: Path, label: str, where: tuple[str | int, ...], replacement: Any) -> Any | None:
    document = _first_records(path, label)
    parent = document
    for key in where[:-1]:
        parent = parent[key]
    if replacement == "DELETE":
        del parent[where[-1]]
    elif replacement == "ADD A FIELD":
        if not isinstance(parent[where[-1]], dict):
            return None
        parent[where[-1]]["zz_field"] = 1
    else:
        parent[where[-1]] = replacement
    return document


def test_no_reference_is_left_to_look_up() -> None:
    for name in sorted(p.name for p in schema.SCHEMA_DIR.glob("*.schema.json")):
        inlined = {k: v for k, v in schema.validator_for(name).schema.items() if k != "$defs"}
        assert '"$ref"' not in json.dumps(inlined), name


@pytest.mark.parametrize(("path", "name"), FILES, ids=[name for _, name in FILES])
def test_bad_data_gets_the_same_messages_as_from_the_schema_as_written(path: Path, name: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    label = str(path.relative_to(ROOT))
    compared = 0
    for where in _paths(_first_records(path, label)):
        for replacement in REPLACEMENTS:
            document = _changed(path, label, where, replacement)
            if document is None:
                continue
            inlined = _report(document, name, label)
            with monkeypatch.context() as patched:
                patched.setattr(schema, "validator_for", _as_written)
                written = _report(document, name, label)
            assert inlined == written, (where, replacement)
            compared += 1
    assert compared > 10
