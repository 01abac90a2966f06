"""kb.zensical: what stands in for mkdocs-macros' page hooks under Zensical (define_env runs once per page)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import markdown
import pytest

from kb import zensical
from kb.context import SOURCES_MARK
from tests.support import FIXTURES


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    shutil.copytree(FIXTURES / "site" / "docs", tmp_path / "docs")
    return tmp_path


class FakeZensicalEnv:
    """The attributes of zensical.extensions.macros.MacroEnv that define_env uses."""

    def __init__(self, project: Path, path: str, meta: dict[str, Any]) -> None:
        self.project_dir = str(project)
        self.page = SimpleNamespace(path=path, meta=meta)
        self.macros: dict[str, Any] = {}

    def macro(self, function: Any, name: str) -> None:
        self.macros[name] = function


FakeZensicalEnv.__module__ = "zensical.extensions.macros"


def test_zensical_is_told_apart_from_mkdocs_macros() -> None:
    assert zensical.is_zensical(FakeZensicalEnv(Path("."), "x.md", {}))
    assert not zensical.is_zensical(SimpleNamespace())


def test_a_page_rendered_after_define_env_gets_its_sources_list(project: Path) -> None:
    meta = {"title": "Other", "description": "d", "last_reviewed": "2026-01-01", "sources": ["src-official"]}
    env = FakeZensicalEnv(project, "other.md", meta)
    zensical.define_env(env)
    assert "criterion" in env.macros
    html = markdown.markdown("Text on SCSS.", extensions=["attr_list", "abbr", zensical.makeExtension()])
    assert re.search(r'<h2 [^>]*id="sources"[^>]*>Sources</h2>', html)
    assert "<abbr" in html, "the glossary's abbreviations are appended too"
    again = markdown.markdown("Text.", extensions=[zensical.makeExtension()])
    assert again == "<p>Text.</p>", "a conversion without a started page must be left alone"


def test_a_page_that_places_its_sources_is_not_given_a_second_list(project: Path) -> None:
    meta = {"title": "Other", "description": "d", "last_reviewed": "2026-01-01", "sources": ["src-official"]}
    zensical.define_env(FakeZensicalEnv(project, "other.md", meta))
    html = markdown.markdown(f"{SOURCES_MARK}\n\nPlaced.", extensions=[zensical.makeExtension()])
    assert "Sources" not in html


def test_the_data_is_loaded_once_and_again_after_a_change(project: Path) -> None:
    first = zensical.context_for(project)
    assert zensical.context_for(project) is first
    glossary = next((project / "data").glob("glossary.yml"))
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert zensical.context_for(project) is not first
