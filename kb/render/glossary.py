"""Renderers for the glossary: the glossary page and the abbreviation tooltips on every page."""

from __future__ import annotations

import re
from collections.abc import Mapping

from kb import markdown as md
from kb.macro import PageScope, Shown, macro, shown
from kb.models import Glossary, GlossaryTerm


def term_anchor(term: str) -> str:
    """The glossary anchor for a term, e.g. 'ISO 17712' -> 'term-iso-17712'."""
    return GlossaryTerm(term, "", ()).anchor


def glossary(data: Glossary, from_page: str, titles: Mapping[str, str] | None = None) -> str:
    """The glossary as a definition list, sorted, each term with a permalink anchor; links show page titles."""
    titles = titles or {}
    lines = []
    for t in sorted(data.terms, key=lambda t: t.term.lower()):
        lines.append(f"**{md.text(t.term)}**{{ #{term_anchor(t.term)} }}")
        text = (f"*{md.text(t.expansion)}.* " if t.expansion else "") + md.text(t.definition)
        if t.links:
            links = [f"[{md.text(titles.get(p.split('#')[0], p))}]({md.relative_link(p, from_page)})"
                     for p in t.links]
            text += " See " + ", ".join(links) + "."
        lines += [f":   {text}", ""]
    return "\n".join(lines)


def abbreviation_title(term: GlossaryTerm) -> str:
    """The tooltip text for an abbreviation: its expansion, else its definition."""
    return " ".join((term.expansion or term.definition).split())


def abbreviations(data: Glossary, page_text: str | None = None) -> str:
    """Markdown abbreviation definitions (`*[SCSS]: ...`) for the abbreviations a page uses (all, without a page).

    The schema limits abbreviation terms to letters, digits, spaces and . & / - so they cannot break the syntax.
    """
    return "\n".join(f"*[{t.term}]: {abbreviation_title(t)}" for t in data.terms
                     if t.abbreviation and (page_text is None or _uses(page_text, t.term)))


def _uses(page_text: str, term: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", page_text) is not None


@macro("glossary")
def glossary_macro(page: PageScope) -> Shown:
    """The glossary page's body, from data/glossary.yml."""
    data = page.kb.glossary
    if data is None:
        raise ValueError("glossary() needs data/glossary.yml, which does not exist")
    return shown(glossary(data, page.path, page.titles), data.terms)
