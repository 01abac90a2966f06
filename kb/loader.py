"""Load every data file once, validate it against its schema, check cross-file rules, build models."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kb.errors import DataError, DataErrors
from kb.models import Category, Criterion, Entity, FocusArea, HistoryEntry, KnowledgeBase, Source
from kb.schema import validate
from kb.yamlio import read_yaml

CRITERIA_FILE = re.compile(r"^(\d{2})-([a-z0-9-]+)\.yml$")

# Data files other than the criteria, with their schema. Optional ones may be absent.
CORE_FILES = {"sources.yml": "sources.schema.json", "categories.yml": "categories.schema.json",
              "entities.yml": "entities.schema.json"}
EXTRA_FILES = {"glossary.yml": "glossary.schema.json", "mra.yml": "mra.schema.json",
               "updates.yml": "updates.schema.json", "checklists.yml": "checklists.schema.json",
               "training.yml": "training.schema.json", "risk_worksheet.yml": "risk_worksheet.schema.json"}


def _read_valid(data_dir: Path, name: str, schema: str) -> Any:
    label = f"data/{name}"
    document = read_yaml(data_dir / name, label)
    validate(document, schema, label)
    return document


def _unique(records: list[dict[str, Any]], key: str, label: str) -> None:
    seen: set[Any] = set()
    for rec in records:
        if rec[key] in seen:
            raise DataError(label, str(rec[key]), key, f"duplicate {key} {rec[key]!r}; each must be unique")
        seen.add(rec[key])


def _build_criterion(raw: dict[str, Any], category: int) -> Criterion:
    applies = raw["applies_to"]
    return Criterion(
        id=raw["id"], category=category, title=raw["title"], summary=raw["summary"], guidance=raw["guidance"],
        evidence=tuple(raw["evidence"]), designation=raw["designation"],
        applies_to={} if applies == "unknown" else dict(applies), sources=tuple(raw["sources"]),
        confidence=raw["confidence"], provenance=raw["provenance"],
        related_pages=tuple(raw.get("related_pages", ())),
        history=tuple(HistoryEntry(h["date"], h["change"]) for h in raw.get("history", ())),
    )


def _load_criteria(data_dir: Path, categories: dict[int, Category]) -> dict[str, Criterion]:
    criteria: dict[str, Criterion] = {}
    where: dict[str, str] = {}
    files = sorted((data_dir / "criteria").glob("*"))
    if not files:
        raise DataError("data/criteria/", None, None, "holds no criteria files")
    for path in files:
        label = f"data/criteria/{path.name}"
        match = CRITERIA_FILE.match(path.name)
        if not match:
            raise DataError(label, None, None, "file name must be NN-<category-slug>.yml, e.g. 06-seal-security.yml")
        number = int(match.group(1))
        category = categories.get(number)
        if category is None:
            raise DataError(label, None, "category", f"category {number} is not in data/categories.yml")
        if category.slug != match.group(2):
            raise DataError(label, None, None, f"file name should be {number:02d}-{category.slug}.yml")
        document = read_yaml(path, label)
        validate(document, "criteria.schema.json", label)
        if document["category"] != number:
            raise DataError(label, None, "category",
                            f"is {document['category']}; expected {number} to match the file name")
        for raw in document["criteria"]:
            cid = raw["id"]
            if int(cid.split(".")[0]) != number:
                raise DataError(label, cid, "id", f"prefix {cid.split('.')[0]} does not match category {number}; "
                                f"move it to the file for category {cid.split('.')[0]}")
            if cid in criteria:
                raise DataError(label, cid, "id", f"duplicate ID; already defined in {where[cid]}")
            criteria[cid] = _build_criterion(raw, number)
            where[cid] = label
    return criteria


def _check_references(kb: KnowledgeBase, docs_dir: Path) -> None:
    errors: list[DataError] = []
    for c in kb.criteria.values():
        label = f"data/criteria/{c.category:02d}-{kb.categories[c.category].slug}.yml"
        errors += [DataError(label, c.id, "sources", f"unknown source {s!r}; add it to data/sources.yml")
                   for s in c.sources if s not in kb.sources]
        errors += [DataError(label, c.id, "applies_to", f"unknown entity type {e!r}; expected one of the slugs "
                             "in data/entities.yml") for e in c.applies_to if e not in kb.entities]
        errors += [DataError(label, c.id, "related_pages", f"page {p!r} does not exist under docs/")
                   for p in c.related_pages if not (docs_dir / p).is_file()]
    for e in kb.entities.values():
        errors += [DataError("data/entities.yml", e.slug, "sources", f"unknown source {s!r}")
                   for s in e.sources if s not in kb.sources]
    for cat in kb.categories.values():
        if cat.focus_area not in kb.focus_areas:
            errors.append(DataError("data/categories.yml", str(cat.number), "focus_area",
                                    f"unknown focus area {cat.focus_area!r}"))
    if errors:
        raise DataErrors(errors)


def load_knowledge_base(root: Path) -> KnowledgeBase:
    """Read data/ under `root`; raise DataError naming file, record and field on any problem."""
    data_dir = root / "data"
    raw = {name: _read_valid(data_dir, name, schema) for name, schema in CORE_FILES.items()}
    _unique(raw["sources.yml"]["sources"], "id", "data/sources.yml")
    _unique(raw["entities.yml"]["entities"], "slug", "data/entities.yml")
    _unique(raw["categories.yml"]["categories"], "number", "data/categories.yml")
    sources = {s["id"]: Source(**s) for s in raw["sources.yml"]["sources"]}
    focus_areas = {f["slug"]: FocusArea(**f) for f in raw["categories.yml"]["focus_areas"]}
    categories = {c["number"]: Category(**c) for c in raw["categories.yml"]["categories"]}
    entities = {e["slug"]: Entity(**{**e, "eligibility": tuple(e["eligibility"]), "sources": tuple(e["sources"])})
                for e in raw["entities.yml"]["entities"]}
    criteria = _load_criteria(data_dir, categories)
    extra = {name: _read_valid(data_dir, name, schema) for name, schema in EXTRA_FILES.items()
             if (data_dir / name).exists()}
    kb = KnowledgeBase(sources, focus_areas, categories, entities, criteria, extra)
    _check_references(kb, root / "docs")
    return kb
