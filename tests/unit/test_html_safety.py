"""Text from data stays text where the theme decodes it again (tooltips) and where spreadsheets would run it."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from kb.html_safety import spreadsheet_safe, titles_safe_after_decoding
from kb.linkcheck import check_site

PAYLOAD = "<img src=x onerror=alert(1)>"


def test_a_title_decoded_once_is_still_text() -> None:
    page = f'<a href="x" title="{html.escape(PAYLOAD)}">6.7</a><abbr title="A &amp; B">AB</abbr>'
    safe = titles_safe_after_decoding(page)
    decoded_once = [html.unescape(v) for v in safe.split('title="')[1:] for v in [v.split('"')[0]]]
    assert decoded_once == [html.escape(PAYLOAD, quote=False), "A &amp; B"]
    assert "<img" not in "".join(decoded_once)


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
