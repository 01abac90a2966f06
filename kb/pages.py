"""Read the Markdown pages under docs/: front matter and the criteria each page cites."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.leftovers import is_editor_leftover

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
CITATION = re.compile(r"""\{\{\s*criterion\(\s*["']([^"']+)["']\s*\)\s*\}\}""")
REQUIRED_META = ("title", "description", "last_reviewed")


@dataclass(frozen=True)
class PageInfo:
    path: str  # relative to docs/, with forward slashes
    meta: dict[str, Any]
    cited: tuple[str, ...]

    @property
    def title(self) -> str:
        return str(self.meta.get("title", self.path))


def parse_page(path: str, text: str) -> PageInfo:
    match = FRONT_MATTER.match(text)
    meta: dict[str, Any] = {}
    if match:
        loaded = yaml.safe_load(match.group(1))
        meta = loaded if isinstance(loaded, dict) else {}
    return PageInfo(path, meta, tuple(dict.fromkeys(CITATION.findall(text))))


def scan_docs(docs_dir: Path) -> dict[str, PageInfo]:
    """Every Markdown page under docs/, keyed by its docs-relative path."""
    pages = {}
    for file in sorted(docs_dir.rglob("*.md")):
        if is_editor_leftover(file):
            continue
        rel = file.relative_to(docs_dir).as_posix()
        pages[rel] = parse_page(rel, file.read_text(encoding="utf-8"))
    return pages


def backlinks(pages: dict[str, PageInfo]) -> dict[str, dict[str, str]]:
    """Criterion ID -> {page path: page title} for every page that calls criterion("ID")."""
    result: dict[str, dict[str, str]] = {}
    for page in pages.values():
        for cid in page.cited:
            result.setdefault(cid, {})[page.path] = page.title
    return result


def front_matter_problems(page: PageInfo) -> list[str]:
    """What is missing or malformed in a page's front matter, as messages naming the page."""
    problems = [f"{page.path}: front matter has no '{key}'" for key in REQUIRED_META if not page.meta.get(key)]
    reviewed = page.meta.get("last_reviewed")
    if reviewed and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(reviewed)):
        problems.append(f"{page.path}: last_reviewed {reviewed!r} is not an ISO date (YYYY-MM-DD)")
    return problems
