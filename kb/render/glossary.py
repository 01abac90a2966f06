"""Renderers for the glossary: the glossary page and the abbreviation tooltips on every page."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from kb import markdown as md
from kb.macro import PageScope, Shown, macro, required, shown
from kb.models import Glossary, GlossaryTerm
from kb.render import html as h


def term_anchor(term: str) -> str:
    """The glossary anchor for a term, e.g. 'ISO 17712' -> 'term-iso-17712'."""
    return GlossaryTerm(term, "", ()).anchor


def glossary(data: Glossary, from_page: str, titles: Mapping[str, str] | None = None) -> str:
    """The glossary, sorted and grouped under a heading per initial letter, each term a heading of its own.

    A term's heading carries its stable anchor (#term-vvtt), so each term is listed in the table of contents
    and is its own search result, landing on the term. Links show page titles.
    """
    titles = titles or {}
    lines = []
    letter = ""
    for t in sorted(data.terms, key=lambda t: t.term.lower()):
        initial = t.term[:1].upper() if t.term[:1].isalpha() else "0–9"
        if initial != letter:
            letter = initial
            slug = letter.lower() if letter.isalpha() else "digits"
            lines += [f"## {md.text(letter)} {{ #letter-{slug} }}", ""]
        # The heading names the expansion too, so that a search for either lands here; the table of contents
        # lists the term alone.
        if t.expansion:
            heading = f"{md.text(t.term)}: {md.text(t.expansion)}"
            label = f' data-toc-label="{html.escape(t.term, quote=True)}"'
        else:
            heading, label = md.text(t.term), ""
        lines += [f"### {heading} {{ #{term_anchor(t.term)}{label} }}", ""]
        # The definition as ready HTML (kb.render.html): no character reference for each punctuation mark.
        text = h.text(t.definition)
        if t.links:
            links = [h.link(h.text(titles.get(p.split('#')[0], p)), h.href(p, from_page)) for p in t.links]
            text += " See " + ", ".join(links) + "."
        lines += [f"<p>{text}</p>", ""]
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


_WORD_CHAR = re.compile(r"[\w-]")


def _uses(page_text: str, term: str) -> bool:
    """Whether the text has the term as a whole word (no letter, digit, _ or - either side).

    str.find, then a look at the two neighbours: a regex with a look-behind tries every position of the page
    and made this 7 % of a build.
    """
    start = page_text.find(term)
    while start != -1:
        end = start + len(term)
        before = page_text[start - 1] if start else " "
        after = page_text[end] if end < len(page_text) else " "
        if not _WORD_CHAR.match(before) and not _WORD_CHAR.match(after):
            return True
        start = page_text.find(term, start + 1)
    return False


@macro("glossary")
def glossary_macro(page: PageScope) -> Shown:
    """The glossary page's body, from data/glossary.yml."""
    data = required(page.kb.glossary, "glossary", "data/glossary.yml")
    return shown(glossary(data, page.path, page.titles), data.terms)
