"""The contract for contributors' YAML: every data file validates against its schema, and the set is coherent."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from kb import KnowledgeBase
from kb.loader import TABLES, data_files
from kb.pages import scan_docs
from kb.schema import validate
from kb.yamlio import read_yaml
from tests.support import ROOT

DATA = ROOT / "data"
SCHEMAS = ROOT / "schemas"


DATA_FILES = [(p.relative_to(DATA).as_posix(), schema) for p, schema in data_files(DATA)]


@pytest.mark.parametrize(("name", "schema"), DATA_FILES, ids=[n for n, _ in DATA_FILES])
def test_data_file_validates_against_its_schema(name: str, schema: str) -> None:
    validate(read_yaml(DATA / name, f"data/{name}"), schema, f"data/{name}")


@pytest.mark.parametrize(("name", "schema"), DATA_FILES, ids=[n for n, _ in DATA_FILES])
def test_data_file_declares_its_schema_for_editors(name: str, schema: str) -> None:
    first = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith(schema), (
        f"data/{name} must start with '# yaml-language-server: $schema=<relative path>/{schema}'")


def test_every_yaml_file_in_data_has_a_schema() -> None:
    known = {n for n, _ in DATA_FILES}
    files = {p.relative_to(DATA).as_posix() for p in DATA.rglob("*.yml")}
    assert files <= known, f"data files the loader does not read: {sorted(files - known)}"


def _properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            found.append((f"{path}.{key}", value))
        for key, value in node.items():
            found += _properties(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _properties(value, f"{path}[{i}]")
    return found


SCHEMA_FILES = sorted(SCHEMAS.glob("*.json"))


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=[p.name for p in SCHEMA_FILES])
def test_schema_is_strict_and_documented(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    undocumented = [p for p, spec in _properties(schema) if "description" not in spec]
    assert not undocumented, f"{path.name}: fields without a description: {undocumented}"
    text = path.read_text(encoding="utf-8")
    objects = text.count('"type": "object"')
    assert text.count('"additionalProperties": false') >= objects - text.count('"additionalProperties": {'), (
        f"{path.name}: every object must set additionalProperties: false")


PLACEHOLDERS = re.compile(r"(?-i:\bTITLE\b|\bTODO\b|\bTBD\b)|to be written|lorem ipsum", re.IGNORECASE)


@pytest.mark.parametrize(("name", "schema"), DATA_FILES, ids=[n for n, _ in DATA_FILES])
def test_no_placeholder_text(name: str, schema: str) -> None:
    hits = [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if PLACEHOLDERS.search(line)]
    assert not hits, f"data/{name} still holds placeholder text: {hits[:3]}"


def test_official_confidence_needs_an_official_source(kb: KnowledgeBase) -> None:
    wrong = [c.id for c in kb.criteria.values()
             if c.confidence == "official" and not any(kb.sources[s].kind == "official" for s in c.sources)]
    assert not wrong, f"criteria marked official with no official source: {wrong}"


def test_categories_follow_cbp_numbering(kb: KnowledgeBase) -> None:
    assert sorted(kb.categories) == list(range(1, 13))
    assert kb.categories[9].name == "Physical Security"
    assert kb.categories[10].name == "Physical Access Controls"
    assert [f.name for f in sorted(kb.focus_areas.values(), key=lambda f: f.number)] == [
        "Corporate Security", "Transportation Security", "People and Physical Security"]


def test_every_entity_type_from_the_issue_is_listed(kb: KnowledgeBase) -> None:
    assert set(kb.entities) == {
        "importers", "exporters", "foreign_manufacturers", "highway_carriers", "mexican_long_haul_carriers",
        "rail_carriers", "sea_carriers", "air_carriers", "consolidators", "customs_brokers",
        "us_marine_port_terminal_operators", "foreign_marine_port_terminal_operators",
        "third_party_logistics_providers"}


def _cited_sources(kb: KnowledgeBase) -> set[str]:
    cited = {s for c in kb.criteria.values() for s in c.sources}
    cited |= {s for c in kb.criteria.values() for p in c.entities.values() for s in p.sources}
    cited |= {s for e in kb.entities.values() for s in e.sources}
    for table in TABLES:
        cited |= {s for record in _records(getattr(kb, table)) for s in getattr(record, "sources", ())}
    for page in scan_docs(ROOT / "docs").values():
        cited |= set(page.meta.get("sources") or [])
    return cited


def _records(node: Any) -> list[Any]:
    """Every record (dataclass instance) in a table, nested ones included."""
    if dataclasses.is_dataclass(node):
        return [node] + [r for f in dataclasses.fields(node) for r in _records(getattr(node, f.name))]
    if isinstance(node, tuple):
        return [r for item in node for r in _records(item)]
    return []


def test_every_source_is_cited_somewhere(kb: KnowledgeBase) -> None:
    unused = sorted(set(kb.sources) - _cited_sources(kb))
    assert not unused, f"sources listed in data/sources.yml but never cited by a page or a data record: {unused}"
