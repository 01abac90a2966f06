"""The Tools index lists every tool on the site: each page that shows a checklist, worksheet, matrix or evidence
table (a tool macro or a task list), every page under docs/tools/, and the criteria download."""

from __future__ import annotations

import posixpath
import re

from tests.support import ROOT

DOCS = ROOT / "docs"
INDEX = "tools/index.md"
TOOL = re.compile(r"\{\{\s*(checklist|risk_worksheet|training_matrix|evidence_table)\(|^\s*- \[ \] ", re.MULTILINE)
LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)\s]*)?\)")


def linked_from_index() -> set[str]:
    text = (DOCS / INDEX).read_text(encoding="utf-8")
    return {posixpath.normpath(posixpath.join("tools", target)) for target in LINK.findall(text)}


def tool_pages() -> set[str]:
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if TOOL.search(p.read_text(encoding="utf-8"))}
    pages |= {p.relative_to(DOCS).as_posix() for p in (DOCS / "tools").glob("*.md")}
    return pages - {INDEX}


def test_the_tools_index_links_every_tool_on_the_site() -> None:
    tools = tool_pages()
    assert {"tools/inspection-checklists.md", "seminars/risk-assessment/worked-example.md",
            "program/validation.md"} <= tools
    missing = sorted(tools - linked_from_index())
    assert missing == [], f"{INDEX} does not list: {missing}"


def test_the_tools_index_links_the_criteria_download() -> None:
    assert "downloads/criteria.csv" in linked_from_index()
