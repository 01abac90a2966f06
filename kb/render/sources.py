"""Renderers for the bibliography: inline citations, a page's sources list, and the Sources section (sources/).

The Sources section is an index (sources/index.md: the pages, every source by title, the pages that show every
criterion) and a page for each kind of source, the secondary sources over several pages (SOURCE_KINDS), each source
with what cites it. One function, source_target(), maps a source ID to its page and anchor: every link to a
source's entry uses it, so that a source moving to another page moves every link with it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kb import markdown as md
from kb.macro import PageScope, Shown, macro, shown
from kb.models import KnowledgeBase, Source
from kb.render import html as h
from kb.render.citedby import CitedBy

SOURCES_INDEX = "sources/index.md"
# Each kind of source and the number of pages its entries fill, in title order, as evenly as they divide (a page
# holds about 35 entries within the 60 KB page budget). Each page is docs/sources/<kind>.md, or
# docs/sources/<kind>-<n>.md for a kind over several pages; the pages' titles name them in the index.
SOURCE_KINDS = {"official": 1, "statute": 1, "deck": 1, "secondary": 3}


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


def kind_page(kind: str, part: int = 1) -> str:
    """The docs page of a kind's entries (its `part`-th page when the kind fills several)."""
    return f"sources/{kind}.md" if SOURCE_KINDS[kind] == 1 else f"sources/{kind}-{part}.md"


_PAGES: list[tuple[Mapping[str, Source], dict[str, list[Source]], dict[str, str]]] = []


def source_pages(kb: KnowledgeBase) -> dict[str, list[Source]]:
    """Every page of the Sources section but the index, with its sources in title order (computed once per
    loaded data)."""
    return _pages(kb)[0]


def _pages(kb: KnowledgeBase) -> tuple[dict[str, list[Source]], dict[str, str]]:
    for sources, pages, where in _PAGES:
        if sources is kb.sources:
            return pages, where
    unplaced = sorted({s.kind for s in kb.sources.values()} - set(SOURCE_KINDS))
    if unplaced:
        raise ValueError(f"no Sources page for the kind(s) {unplaced}: add them to SOURCE_KINDS "
                         "(kb/render/sources.py)")
    pages = {}
    for kind, parts in SOURCE_KINDS.items():
        chosen = sorted((s for s in kb.sources.values() if s.kind == kind), key=lambda s: (s.title.lower(), s.id))
        size = -(-len(chosen) // parts)
        for part in range(1, parts + 1):
            pages[kind_page(kind, part)] = chosen[(part - 1) * size:part * size]
    where = {s.id: page for page, chosen in pages.items() for s in chosen}
    _PAGES[:] = [(kb.sources, pages, where)]
    return pages, where


def source_target(kb: KnowledgeBase, source_id: str) -> str:
    """A source's entry: its page in the Sources section and its anchor, e.g. 'sources/official.md#source-x'."""
    return f"{_pages(kb)[1][source_id]}#source-{source_id}"


def _entry(s: Source, cited: CitedBy) -> str:
    """One source: title (linked to where we read it), publisher, date, the official publication, the note, the
    ID, and what cites it (kept out of the search index: it repeats the titles of the pages it links)."""
    official = f" {h.link('Official publication', s.official_url)}." if s.official_url else ""
    note = f" {h.text(s.note)}" if s.note else ""
    lines = "".join(f"<li>{line}</li>" for line in cited.lines(s.id))
    nested = f"<ul data-search-exclude>{lines}</ul>" if lines else ""
    return (f'<li id="source-{h.attr(s.id)}">{h.link(h.text(s.title), s.url)}. {h.text(s.publisher)}, '
            f"{h.text(s.date)}.{official}{note} <code>{h.text(s.id)}</code>{nested}</li>")


def _range(chosen: list[Source]) -> str:
    """The first and last titles of a page of sources (its sources are in title order)."""
    return f"“{h.text(chosen[0].title)}” to “{h.text(chosen[-1].title)}”" if chosen else ""


def _bibliography_pages(kb: KnowledgeBase) -> set[str]:
    return {SOURCES_INDEX, *source_pages(kb)}


@macro("sources_page")
def sources_page_macro(page: PageScope) -> Shown:
    """One page of the Sources section (sources/<kind>.md): its sources by title, each with what cites it.

    It shows no records: a criterion ID in a "cited by" line only names what cites the source, which the entry
    itself is the source for; the page's own sources list stays its front matter's."""
    pages = source_pages(page.kb)
    if page.path not in pages:
        raise ValueError(f"sources_page() shows one page of the Sources section: {', '.join(pages)}, not {page.path}")
    chosen = pages[page.path]
    kind = chosen[0].kind if chosen else ""
    cited = CitedBy(page.kb, page.citations(), page.titles, page.path, _bibliography_pages(page.kb))
    intro = ""
    if kind and SOURCE_KINDS[kind] > 1:
        others = [h.link(h.text(page.titles.get(p, p)), h.href(p, page.path))
                  for p, more in pages.items() if more and more[0].kind == kind and p != page.path]
        rest = f" The other {kind} sources are on {' and '.join(others)}." if others else ""
        intro = f"<p>Titles from {_range(chosen)}, in alphabetical order.{rest}</p>"
    entries = "".join(_entry(s, cited) for s in chosen) or "<li>None.</li>"
    return shown(h.block(f'{intro}<ul class="kb-sources">{entries}</ul>'))


@macro("sources_index")
def sources_index_macro(page: PageScope) -> Shown:
    """The Sources section's index: its pages, every source by title, the pages that show every criterion.

    The "cited by" lines name the pages that show every criterion as one link to their list here; each source's
    item here keeps the anchor the single Sources page had (#source-<id>), so old links still find it."""
    kb = page.kb
    rows = [[h.link(h.text(page.titles.get(p, p)), h.href(p, page.path)), str(len(chosen)),
             _range(chosen) if SOURCE_KINDS[chosen[0].kind] > 1 else "All of this kind"]
            for p, chosen in source_pages(kb).items() if chosen]
    table = h.table(["Page", "Sources", "Titles"], rows, searchable=False)
    by_title = sorted(kb.sources.values(), key=lambda s: (s.title.lower(), s.id))
    items = "".join(f'<li id="source-{h.attr(s.id)}">'
                    f"{h.link(h.text(s.title), h.href(source_target(kb, s.id), page.path))}</li>" for s in by_title)
    cited = CitedBy(kb, page.citations(), page.titles, page.path, _bibliography_pages(kb))
    every = "".join(f"<li>{h.link(h.text(page.titles.get(p, p)), h.href(p, page.path))}</li>"
                    for p in sorted(cited.every_criterion, key=lambda p: page.titles.get(p, p).lower()))
    every_text = (f"<p>These {len(cited.every_criterion)} pages show every criterion, so their sources lists name "
                  "every source that a criterion cites. A source's entry names them as one link to this list.</p>"
                  f"<ul>{every}</ul>") if every else "<p>No page shows every criterion.</p>"
    index = f'<ul class="kb-sources-index" data-search-exclude>{items}</ul>'
    text = (f"{h.block(table)}\n## Every source by title {{ #by-title }}\n{h.block(index)}\n"
            f"## Pages that show every criterion {{ #every-criterion }}\n{h.block(every_text)}")
    return shown(text)
