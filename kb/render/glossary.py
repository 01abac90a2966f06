"""Renderers for the glossary: the glossary page and the abbreviation tooltips on every page."""

from __future__ import annotations

import re
from typing import Any

from kb import markdown as md

_TERM_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .&/-]*$")


def term_anchor(term: str) -> str:
    """The glossary anchor for a term, e.g. 'ISO 17712' -> 'term-iso-17712'."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


def glossary(glossary_data: dict[str, Any], from_page: str, titles: dict[str, str] | None = None) -> str:
    """The glossary as a definition list, sorted, each term with a permalink anchor; links show page titles."""
    titles = titles or {}
    lines = []
    for t in sorted(glossary_data["terms"], key=lambda t: t["term"].lower()):
        lines.append(f"**{md.text(t['term'])}**{{ #{term_anchor(t['term'])} }}")
        text = (f"*{md.text(t['expansion'])}.* " if t.get("expansion") else "") + md.text(t["definition"])
        if t.get("links"):
            links = [f"[{md.text(titles.get(p.split('#')[0], p))}]({md.relative_link(p, from_page)})"
                     for p in t["links"]]
            text += " See " + ", ".join(links) + "."
        lines += [f":   {text}", ""]
    return "\n".join(lines)


def abbreviation_title(term: dict[str, Any]) -> str:
    """The tooltip text for an abbreviation: its expansion, else its definition."""
    return " ".join(str(term.get("expansion") or term["definition"]).split())


def abbreviations(glossary_data: dict[str, Any]) -> str:
    """Markdown abbreviation definitions (`*[SCSS]: ...`) for every term marked as an abbreviation."""
    lines = []
    for t in glossary_data["terms"]:
        if not t.get("abbreviation"):
            continue
        if not _TERM_SAFE.match(t["term"]):
            raise ValueError(f"data/glossary.yml, record {t['term']}, field 'term': abbreviations may use only "
                             "letters, digits, spaces and . & / -")
        lines.append(f"*[{t['term']}]: {abbreviation_title(t)}")
    return "\n".join(lines)
