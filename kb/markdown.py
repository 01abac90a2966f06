"""Escape text from data so that it renders as text: never as Markdown, HTML or a template."""

from __future__ import annotations

import posixpath
import string

# Every ASCII punctuation mark becomes a numeric character reference. Python-Markdown passes
# references through untouched, so no character of data text can start a Markdown or HTML construct,
# split a table cell or open a Jinja expression. Browsers and the search index decode them back.
_ESCAPES = {ord(c): f"&#{ord(c)};" for c in string.punctuation}


def text(value: str) -> str:
    """One line of escaped text: whitespace (newlines included) collapses to single spaces."""
    return " ".join(value.split()).translate(_ESCAPES)


def paragraphs(value: str) -> str:
    """Escaped paragraphs: blank lines in the data separate paragraphs."""
    parts = [text(p) for p in value.split("\n\n")]
    return "\n\n".join(p for p in parts if p)


def cell(value: str) -> str:
    """Text for a Markdown table cell; an empty value shows as an em dash so the row keeps its shape."""
    return text(value) or "&mdash;"


def row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table. Cells must already be escaped or built from trusted parts."""
    lines = [row(headers), row(["---"] * len(headers))]
    lines += [row(r) for r in rows]
    return "\n".join(lines)


def relative_link(target: str, from_page: str) -> str:
    """A link from one docs page to another docs path (with an optional #anchor), as MkDocs expects."""
    path, _, anchor = target.partition("#")
    rel = "" if path == from_page else posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return rel + (f"#{anchor}" if anchor else "")
