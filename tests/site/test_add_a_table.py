"""data/README.md's "Add a table" recipe, followed with a fixture table: six files, two of them Python."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.support import BuildResult

DATA = """# yaml-language-server: $schema=../schemas/widgets.schema.json
widgets:
  - slug: gate-lock
    name: Gate lock
    sources: [src-secondary]
"""
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "widgets.schema.json",
    "title": "Widgets", "description": "A fixture table.", "type": "object", "additionalProperties": False,
    "required": ["widgets"],
    "properties": {"widgets": {"description": "The widgets.", "type": "array", "items": {
        "type": "object", "additionalProperties": False, "required": ["slug", "name", "sources"],
        "properties": {
            "slug": {"description": "Key.", "$ref": "common.schema.json#/$defs/slug", "x-key": "widgets"},
            "name": {"description": "Name.", "$ref": "common.schema.json#/$defs/line"},
            "sources": {"description": "Sources.", "$ref": "common.schema.json#/$defs/sourceRefs"}}}}},
}
MODELS = '''

@dataclass(frozen=True)
class Widget:
    slug: str
    name: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Widgets:
    widgets: tuple[Widget, ...]
'''
RENDERER = '''"""Renderers for the widgets."""

from kb import markdown as md
from kb.macro import PageScope, Shown, macro, shown
from kb.models import Widgets


def widget_list(data: Widgets) -> str:
    return "\\n".join(f"- {md.text(w.name)}" for w in data.widgets)


@macro("widget_list")
def widget_list_macro(page: PageScope) -> Shown:
    """The widgets."""
    assert page.kb.widgets
    return shown(widget_list(page.kb.widgets), page.kb.widgets.widgets)
'''
PAGE = """---
title: Widgets
description: Every widget.
last_reviewed: 2026-11-27
sources: [src-official]
---

# Widgets

{{ widget_list() }}
"""


def _follow_the_recipe(project: Path) -> list[str]:
    (project / "data/widgets.yml").write_text(DATA, encoding="utf-8")
    (project / "schemas/widgets.schema.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    models = project / "kb/models.py"
    text = models.read_text(encoding="utf-8")
    anchor = "\n\n@dataclass(frozen=True)\nclass KnowledgeBase:"
    assert anchor in text and "    risk_worksheet: RiskWorksheet | None = None\n" in text
    text = text.replace(anchor, MODELS + anchor).replace(
        "    risk_worksheet: RiskWorksheet | None = None\n",
        "    risk_worksheet: RiskWorksheet | None = None\n    widgets: Widgets | None = None\n")
    models.write_text(text, encoding="utf-8")
    (project / "kb/render/widgets.py").write_text(RENDERER, encoding="utf-8")
    (project / "docs/widgets.md").write_text(PAGE, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - other.md\n", "  - other.md\n  - widgets.md\n"),
                      encoding="utf-8")
    return ["data/widgets.yml", "schemas/widgets.schema.json", "kb/models.py", "kb/render/widgets.py",
            "docs/widgets.md", "mkdocs.yml"]


def test_a_new_table_takes_six_files_two_of_them_python(
        fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    touched = _follow_the_recipe(fixture_project)
    assert len(touched) <= 6 and sum(f.endswith(".py") for f in touched) <= 2
    result = build_fixture()
    assert result.returncode == 0, result.output[-3000:]
    html = (result.site_dir / "widgets" / "index.html").read_text(encoding="utf-8")
    assert "<li>Gate lock</li>" in html
    assert "A secondary fixture document" in html, "the macro's records were not cited in the sources list"
