"""Read the Markdown pages under docs/: front matter and the criteria each page cites."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.errors import DataError
from kb.leftovers import is_editor_leftover
from kb.yamlio import SafeLoader, decode_text

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.DOTALL)
CITATION = re.compile(r"""\{\{\s*criterion\(\s*["']([^"']+)["']\s*\)\s*\}\}""")
UNQUOTED_CITATION = re.compile(r"""\{\{\s*criterion\(\s*([0-9][^"')]*)\)\s*\}\}""")
REQUIRED_META = ("title", "description", "last_reviewed")


@dataclass(frozen=True)
class Citation:
    criterion: str
    line: int
    quoted: bool = True


@dataclass(frozen=True)
class PageInfo:
    path: str  # relative to docs/, with forward slashes
    meta: dict[str, Any]
    citations: tuple[Citation, ...] = ()

    @property
    def title(self) -> str:
        return str(self.meta.get("title", self.path))

    @property
    def cited(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.criterion for c in self.citations if c.quoted))


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def parse_page(path: str, text: str) -> PageInfo:
    """Front matter and citations of one page; malformed front matter is a DataError naming the page."""
    label = f"docs/{path}"
    text = text.removeprefix("\ufeff")
    match = FRONT_MATTER.match(text)
    meta: dict[str, Any] = {}
    if match:
        try:
            loaded = yaml.load(match.group(1) or "", Loader=SafeLoader)  # libyaml's when PyYAML has it
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            raise DataError(label, None, None, f"front matter is not valid YAML: {exc.problem}",
                            line=mark.line + 2 if mark else None) from exc
        except (yaml.YAMLError, ValueError) as exc:
            raise DataError(label, None, None, f"front matter is not valid YAML: {exc}") from exc
        if loaded is not None and not isinstance(loaded, dict):
            raise DataError(label, None, None, "front matter must be 'key: value' lines", line=2)
        meta = loaded or {}
    citations = [Citation(m.group(1), _line_of(text, m.start())) for m in CITATION.finditer(text)]
    citations += [Citation(m.group(1).strip(), _line_of(text, m.start()), quoted=False)
                  for m in UNQUOTED_CITATION.finditer(text)]
    return PageInfo(path, meta, tuple(sorted(citations, key=lambda c: c.line)))


# Each page's text and what parse_page made of it, kept between the preview's rebuilds: a save re-parses only the
# pages whose text changed. The PageInfo is shared between builds: read it, never change it.
_parsed: dict[tuple[str, str], tuple[str, PageInfo]] = {}


def scan_docs(docs_dir: Path) -> dict[str, PageInfo]:
    """Every Markdown page under docs/, keyed by its docs-relative path."""
    pages = {}
    for file in sorted(docs_dir.rglob("*.md")):
        if is_editor_leftover(file):
            continue
        rel = file.relative_to(docs_dir).as_posix()
        text = decode_text(file.read_bytes(), f"docs/{rel}")
        key = (str(docs_dir), rel)
        kept = _parsed.get(key)
        if kept is None or kept[0] != text:
            kept = _parsed[key] = (text, parse_page(rel, text))
        pages[rel] = kept[1]
    return pages


def backlinks(pages: dict[str, PageInfo]) -> dict[str, dict[str, str]]:
    """Criterion ID -> {page path: page title} for every page that calls criterion("ID")."""
    result: dict[str, dict[str, str]] = {}
    for page in pages.values():
        for cid in page.cited:
            result.setdefault(cid, {})[page.path] = page.title
    return result


def citation_problems(pages: dict[str, PageInfo], criteria: set[str]) -> list[DataError]:
    """Every criterion("ID") in every page that names no criterion, or is not quoted, at once."""
    errors = []
    for page in pages.values():
        for c in page.citations:
            if not c.quoted:
                errors.append(DataError(f"docs/{page.path}", None, None, f'criterion({c.criterion}): write the ID in '
                                        f'quotes, criterion("{c.criterion}"); unquoted, 4.10 is read as 4.1',
                                        line=c.line))
            elif c.criterion not in criteria:
                errors.append(DataError(f"docs/{page.path}", None, None, f'criterion("{c.criterion}") names no '
                                        "criterion in data/criteria/", line=c.line))
    return errors


def front_matter_problems(page: PageInfo) -> list[str]:
    """What is missing or malformed in a page's front matter, as messages naming the page."""
    problems = [f"{page.path}: front matter has no '{key}'" for key in REQUIRED_META if not page.meta.get(key)]
    reviewed = page.meta.get("last_reviewed")
    if reviewed:
        try:
            day = datetime.date.fromisoformat(str(reviewed)) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(reviewed)) \
                else None
        except ValueError:
            day = None
        if day is None:
            problems.append(f"{page.path}: last_reviewed {reviewed!r} is not a real date (YYYY-MM-DD)")
        elif day > build_date():
            problems.append(f"{page.path}: last_reviewed {reviewed} is after today ({build_date()}); "
                            "give the date a person last checked the page")
    return problems


def build_date() -> datetime.date:
    """Today by the real clock (not SOURCE_DATE_EPOCH, which is the last commit's time and may be older)."""
    return datetime.date.today()
