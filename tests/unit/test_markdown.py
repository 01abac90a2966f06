"""The escaping and table helpers that every renderer relies on."""

from __future__ import annotations

import pytest

from kb import markdown as md


@pytest.mark.parametrize(("raw", "escaped"), [
    ("a | b", "a &#124; b"),
    ("<script>", "&#60;script&#62;"),
    ("{{ x }}", "&#123;&#123; x &#125;&#125;"),
    ("line one\nline two", "line one line two"),
    ("*bold* _it_ `code` [l](u)", "&#42;bold&#42; &#95;it&#95; &#96;code&#96; &#91;l&#93;&#40;u&#41;"),
    ("Zoë — naïve", "Zoë — naïve"),
])
def test_text_escapes_every_markup_character(raw: str, escaped: str) -> None:
    assert md.text(raw) == escaped


def test_paragraphs_keep_blank_line_breaks() -> None:
    assert md.paragraphs("One.\n\n\nTwo\nlines.") == "One&#46;\n\nTwo lines&#46;"


def test_empty_cell_keeps_the_row_shape() -> None:
    assert md.cell("   ") == "&mdash;"


def test_table_shape() -> None:
    assert md.table(["A", "B"], [["1", "2"]]) == "| A | B |\n| --- | --- |\n| 1 | 2 |"


@pytest.mark.parametrize(("target", "page", "link"), [
    ("criteria/seal-security.md#criterion-6-7", "seminars/breach-prevention.md",
     "../criteria/seal-security.md#criterion-6-7"),
    ("criteria/seal-security.md#criterion-6-7", "criteria/seal-security.md", "#criterion-6-7"),
    ("criteria/entities/importers.md", "index.md", "criteria/entities/importers.md"),
    ("downloads/x.csv", "tools/index.md", "../downloads/x.csv"),
])
def test_relative_link(target: str, page: str, link: str) -> None:
    assert md.relative_link(target, page) == link
