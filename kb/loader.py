"""Load every data file once: validate it against its schema, check every reference, build typed records.

Discovery, not registries: data/NAME.yml is validated against schemas/NAME.schema.json and built into the
KnowledgeBase field NAME; data/criteria/NN-<category-slug>.yml against schemas/criteria.schema.json.
Every problem found in any file is reported at once, each naming the file, line, record and field.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, get_args, get_type_hints

from kb.errors import DataError, DataErrors, quoted
from kb.models import Category, Criterion, Entity, FocusArea, KnowledgeBase, Source
from kb.records import from_data
from kb.schema import SCHEMA_DIR, Mark, validate
from kb.yamlio import read_yaml

CRITERIA_FILE = re.compile(r"^(\d{2})-([a-z0-9-]+)\.yml$")
CORE_TABLES = ("sources", "categories", "entities")
_FIELDS = [f.name for f in dataclasses.fields(KnowledgeBase)]
TABLES = _FIELDS[_FIELDS.index("criteria") + 1:]  # the optional tables, one data file each
T = TypeVar("T")


def table_type(name: str) -> type[Any]:
    """The record type of an optional table: the non-None member of the field's `X | None` hint."""
    hint = get_type_hints(KnowledgeBase)[name]
    found: type[Any] = next(a for a in get_args(hint) if a is not type(None))
    return found


def data_files(data_dir: Path) -> list[tuple[Path, str]]:
    """Every data file with the schema it pairs with. Editor leftovers (`x.yml~`, `.x.swp`) are not *.yml."""
    pairs = [(p, f"{p.stem}.schema.json") for p in sorted(data_dir.glob("*.yml"))]
    pairs += [(p, "criteria.schema.json") for p in sorted((data_dir / "criteria").glob("*.yml"))]
    return pairs


class _Collector:
    """Gathers errors from every file so that one run reports all of them."""

    def __init__(self) -> None:
        self.errors: list[DataError] = []

    def run(self, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except DataErrors as exc:
            self.errors += exc.errors
        except DataError as exc:
            self.errors.append(exc)
        return None

    def check(self) -> None:
        if self.errors:
            raise DataErrors(self.errors) if len(self.errors) > 1 else self.errors[0]


def _label(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _criteria_file_problem(label: str, name: str, document: Any, categories: Any) -> DataError | None:
    match = CRITERIA_FILE.match(name)
    if not match:
        return DataError(label, None, None, "file name must be NN-<category-slug>.yml, e.g. 06-seal-security.yml")
    number = int(match.group(1))
    slugs = {c["number"]: c["slug"] for c in categories.get("categories", [])} if categories else {}
    if slugs and number not in slugs:
        return DataError(label, None, None, f"category {number} is not in data/categories.yml")
    if slugs and slugs[number] != match.group(2):
        return DataError(label, None, None, f"file name should be {number:02d}-{slugs[number]}.yml")
    if document["category"] != number:
        return DataError(label, None, "category", f"is {document['category']}; expected {number} to match the "
                         "file name", line=document.key_lines.get("category"))
    return None


def _criterion_prefix_problems(label: str, document: Any, marks: list[Mark]) -> list[DataError]:
    number = document["category"]
    return [m.place.error(f"prefix {m.value.split('.')[0]} does not match category {number}; "
                          f"move it to the file for category {m.value.split('.')[0]}")
            for m in marks if m.kind == "x-key" and m.table == "criteria" and int(m.value.split(".")[0]) != number]


def _check_marks(marks: Iterable[Mark], pages: set[str]) -> list[DataError]:
    """Keys are unique per table; every reference names an existing key (or a page under docs/)."""
    keys: dict[str, dict[str, Mark]] = {}
    errors = []
    for m in marks:
        if m.kind != "x-key":
            continue
        table = keys.setdefault(m.table, {})
        if m.value in table:
            first = table[m.value].place
            errors.append(m.place.error(f"duplicate {quoted(m.value)}; already defined at {first.file}:{first.line}"))
        else:
            table[m.value] = m
    for m in marks:
        if m.kind != "x-refers-to":
            continue
        if m.table == "pages":
            if m.value.split("#")[0] not in pages:
                errors.append(m.place.error(f"page {quoted(m.value)} does not exist under docs/"))
            continue
        defined = keys.get(m.table, {})
        if m.value not in defined:
            where = sorted({k.place.file for k in defined.values()}) or [f"data/{m.table}.yml"]
            field = next(iter(defined.values())).place.field if defined else "key"
            errors.append(m.place.error(f"unknown {m.table} {field} {quoted(m.value)}; "
                                        f"it must be one of the {field}s in {', '.join(where[:2])}"))
    return errors


def _build_criterion(raw: Any, category: int) -> Criterion:
    return from_data(Criterion, {**raw, "category": category})


def _anchor_problems(kb: KnowledgeBase) -> list[DataError]:
    """Two glossary terms that slug alike ('ISO 17712', 'ISO-17712') would share one anchor."""
    seen: dict[str, str] = {}
    errors = []
    for t in kb.glossary.terms if kb.glossary else ():
        if t.anchor in seen:
            errors.append(DataError("data/glossary.yml", t.term, "term", f"gives the anchor #{t.anchor}, as "
                                    f"{seen[t.anchor]!r} does; make the terms differ in letters or digits"))
        seen.setdefault(t.anchor, t.term)
    return errors


def _page_problems(kb: KnowledgeBase, pages: set[str]) -> list[DataError]:
    """Each category has its page, so no criterion goes unpublished."""
    errors = [DataError("data/categories.yml", str(c.number), "slug", f"no page docs/{c.page} for this category")
              for c in kb.categories.values() if pages and c.page not in pages]
    return errors


# Each data file read and validated in this process (never a file with errors), by its path, with the schema,
# size and modification time it was checked at and the schemas' own (one entry a file, the latest): the preview
# loads the data again after every data edit, and only the edited file needs reading and validating again. The
# documents are read, never changed.
_checked: dict[str, tuple[tuple[Any, ...], Any, list[Mark]]] = {}  # path -> (signature, document, marks)


def load_knowledge_base(root: Path, docs_dir: Path | None = None, schema_dir: Path = SCHEMA_DIR) -> KnowledgeBase:
    """Read data/ under `root` (pages under `docs_dir`, default root/docs); raise DataError naming file, line,
    record and field on any problem."""
    data_dir, docs_dir = root / "data", docs_dir or root / "docs"
    pages = {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")} if docs_dir.is_dir() else set()
    collector = _Collector()
    schemas = tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(schema_dir.glob("*.json")))
    documents: dict[str, Any] = {}
    criteria_documents: list[tuple[str, Any]] = []
    marks: list[Mark] = []
    if not any((data_dir / "criteria").glob("*.yml")):
        collector.errors.append(DataError("data/criteria/", None, None, "holds no criteria files"))
    for path, schema in data_files(data_dir):
        label = _label(root, path)
        if path.parent == data_dir and path.stem not in (*CORE_TABLES, *TABLES):
            collector.errors.append(DataError(label, None, None, f"is not a known table: add a field "
                                              f"'{path.stem}' to KnowledgeBase in kb/models.py"))
            continue
        if not (schema_dir / schema).is_file():
            collector.errors.append(DataError(label, None, None, f"has no schema: add schemas/{schema}"))
            continue
        stat = path.stat()
        signature = (schema, stat.st_size, stat.st_mtime_ns, schemas)
        if str(path) in _checked and _checked[str(path)][0] == signature:  # unchanged since an earlier load
            _, document, found = _checked[str(path)]
        else:
            document = collector.run(lambda path=path, label=label: read_yaml(path, label))  # type: ignore[misc]
            if document is None:
                continue
            checked = collector.run(lambda d=document, s=schema, lb=label: validate(d, s, lb, schema_dir))  # type: ignore[misc]
            if checked is None:
                continue
            _checked[str(path)] = (signature, document, checked)  # replaces the file's earlier version
            found = checked
        marks += found
        if path.parent == data_dir:
            documents[path.stem] = document
        else:
            criteria_documents.append((label, document))
            collector.errors += _criterion_prefix_problems(label, document, found)
    for table in CORE_TABLES:
        if table not in documents and not any(e.file == f"data/{table}.yml" for e in collector.errors):
            collector.errors.append(DataError(f"data/{table}.yml", None, None, "is missing"))
    collector.check()
    for label, document in criteria_documents:
        problem = _criteria_file_problem(label, label.rsplit("/", 1)[-1], document, documents["categories"])
        if problem:
            collector.errors.append(problem)
    collector.errors += _check_marks(marks, pages)
    collector.check()
    kb = KnowledgeBase(
        sources={s["id"]: from_data(Source, s) for s in documents["sources"]["sources"]},
        focus_areas={f["slug"]: from_data(FocusArea, f) for f in documents["categories"]["focus_areas"]},
        categories={c["number"]: from_data(Category, c) for c in documents["categories"]["categories"]},
        entities={e["slug"]: from_data(Entity, e) for e in documents["entities"]["entities"]},
        criteria={raw["id"]: _build_criterion(raw, doc["category"]) for _, doc in criteria_documents
                  for raw in doc["criteria"]},
        **{t: from_data(table_type(t), documents[t]) for t in TABLES if t in documents},
    )
    collector.errors += _page_problems(kb, pages) + _anchor_problems(kb)
    collector.check()
    return kb
