"""Text from data stays text where it is decoded again (tooltips) and where spreadsheets would run it."""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from kb.html_safety import refuse_material_tooltips, spreadsheet_safe
from kb.linkcheck import check_site
from kb.postbuild import fix_html

PAYLOAD = "<img src=x onerror=alert(1)>"


def test_titles_are_escaped_once_so_a_tooltip_shows_the_text_itself() -> None:
    """The site's tooltips use textContent: a title decoded once is the text, with no `&lt;` or `&amp;` left."""
    page = f'<p><a href="x" title="{html.escape(PAYLOAD)}">6.7</a> <abbr title="A &amp; B">AB</abbr></p>'
    titles = re.findall(r'title="([^"]*)"', fix_html(f"<html><head></head><body>{page}</body></html>"))
    assert titles == [html.escape(PAYLOAD), "A &amp; B"]
    assert [html.unescape(t) for t in titles] == [PAYLOAD, "A & B"]


def test_material_tooltips_are_refused_in_one_line() -> None:
    assert refuse_material_tooltips(["navigation.instant", "toc.follow"]) is None
    reason = refuse_material_tooltips(["navigation.instant", "content.tooltips"])
    assert reason and "\n" not in reason
    assert "content.tooltips" in reason and "docs/assets/javascripts/tooltips.js" in reason


def test_the_hooks_stop_a_build_with_material_tooltips() -> None:
    from kb import hooks

    config = {"theme": {"features": ["content.tooltips"]}, "plugins": {}}
    with pytest.raises(PluginError, match=r"content\.tooltips"):
        hooks.on_config(config)
    config = {"theme": {"features": ["toc.follow"]}, "plugins": SimpleNamespace(get=lambda name: None)}
    assert hooks.on_config(config) is config


def test_the_site_does_not_turn_material_tooltips_on() -> None:
    from mkdocs.utils.yaml import yaml_load

    with (Path(__file__).resolve().parents[2] / "mkdocs.yml").open(encoding="utf-8") as f:
        config = yaml_load(f)
    assert refuse_material_tooltips(config["theme"]["features"]) is None
    assert "assets/javascripts/tooltips.js" in config["extra_javascript"]


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formulas_are_neutralised(value: str) -> None:
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Seal log", "5 points", 3, "a=b"])
def test_other_values_are_unchanged(value: object) -> None:
    assert spreadsheet_safe(value) == value


def test_duplicate_ids_on_a_page_are_reported(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<h2 id="criterion-4-1">A</h2><h3 id="criterion-4-1">B</h3>',
                                         encoding="utf-8")
    assert [str(p) for p in check_site(tmp_path)] == [
        "index.html: duplicate id (two elements on the page share it): #criterion-4-1"]
