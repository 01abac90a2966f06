"""Renderers for the bibliography: inline citations, a page's sources list, the Sources page."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from kb import markdown as md
from kb.macro import PageScope, Shown, macro, shown
from kb.models import KnowledgeBase
from kb.render import html as h
from kb.render.citedby import CitedBy


def sources_inline(kb: KnowledgeBase, ids: Iterable[str]) -> str:
    return "; ".join(f"[{md.text(kb.sources[i].title)}]({kb.sources[i].url})" for i in ids)


def sources_list(kb: KnowledgeBase, ids: Iterable[str]) -> str:
    """A page's sources list, as ready HTML (kb.render.html): title (linked), publisher, date, kind, and the
    official copy if any. Not Markdown: the list repeats on every page, and text as Markdown costs a character
    reference for every punctuation mark and an abbreviation element for every abbreviation."""
    items = []
    for i in ids:
        s = kb.sources[i]
        item = (f"<li>{h.link(h.text(s.title), s.url)}. {h.text(s.publisher)}, {h.text(s.date)}. "
                f"<em>{s.kind.capitalize()}</em>")
        if s.official_url:
            item += f"; {h.link('official publication', s.official_url)}"
        items.append(item + ".</li>")
    return f"<ul>{''.join(items)}</ul>"


SOURCE_KIND_HEADING = {"official": "Official CBP and DHS publications", "statute": "Statute",
                       "deck": "Training decks seen only in third-party copies (author not stated)",
                       "secondary": "Secondary sources: trade press, consultants and mock-ups"}


def sources_by_kind(kb: KnowledgeBase, cited_by: Callable[[str], list[str]] | None = None) -> str:
    """The bibliography grouped by kind, each entry with a permalink anchor (and, given `cited_by`, a nested
    list of what cites it, kept out of the search index: it repeats the titles of the pages it links)."""
    lines = []
    for kind, heading in SOURCE_KIND_HEADING.items():
        chosen = sorted((s for s in kb.sources.values() if s.kind == kind), key=lambda s: s.title.lower())
        if not chosen:
            continue
        lines += [f"## {heading} {{ #{kind} }}", ""]
        for s in chosen:
            lines.append(f"- [{md.text(s.title)}]({s.url}){{ #source-{s.id} }}. "
                         f"{md.text(s.publisher)}, {s.date}."
                         + (f" [Official publication]({s.official_url})." if s.official_url else "")
                         + (f" {md.text(s.note)}" if s.note else "") + f" <code>{s.id}</code>")
            for line in cited_by(s.id) if cited_by else []:
                lines += [f"    - {line}", "      {: data-search-exclude }"]
        lines.append("")
    return "\n".join(lines)


@macro("sources_page")
def sources_page_macro(page: PageScope) -> Shown:
    """The bibliography, grouped by kind, each source with the criteria and pages that cite it (the Sources page)."""
    cited = CitedBy(page.kb, page.citations(), page.titles, page.path)
    return shown(sources_by_kind(page.kb, cited.lines), cited.records())
