"""The Sources section: every source on one page of its kind, with the criteria (with per-entity pairs) and the
pages that cite it; one function maps a source to its page and anchor; the index lists every source."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag

from kb.citing import criteria_by_source, macro_calls
from kb.context import BuildContext
from kb.models import KnowledgeBase
from kb.render import sources
from tests.support import ROOT


def _render(context: BuildContext, path: str, name: str) -> BeautifulSoup:
    context.start_page(path, dict(context.pages[path].meta))
    return BeautifulSoup(str(context.macros()[name]()), "html.parser")


@pytest.fixture(scope="module")
def pages() -> dict[str, BeautifulSoup]:
    """Every page of the Sources section but the index, rendered."""
    context = BuildContext.load(ROOT)
    return {path: _render(context, path, "sources_page") for path in sources.source_pages(context.kb)}


@pytest.fixture(scope="module")
def index() -> BeautifulSoup:
    context = BuildContext.load(ROOT)
    return _render(context, sources.SOURCES_INDEX, "sources_index")


def _entry(pages: dict[str, BeautifulSoup], kb: KnowledgeBase, source: str) -> Tag:
    page, _, anchor = sources.source_target(kb, source).partition("#")
    found = pages[page].find("li", id=anchor)
    assert isinstance(found, Tag), source
    return found


def _links(entry: Tag) -> list[tuple[str, str]]:
    return [(a.get_text(), str(a["href"])) for a in entry.select("ul a")]


def test_every_source_is_on_the_page_of_its_kind_once(pages: dict[str, BeautifulSoup], kb: KnowledgeBase) -> None:
    seen = [li["id"] for soup in pages.values() for li in soup.select("ul.kb-sources > li")]
    assert sorted(seen) == sorted(f"source-{s}" for s in kb.sources)
    for s in kb.sources.values():
        page = sources.source_target(kb, s.id).partition("#")[0]
        assert page.startswith(f"sources/{s.kind}"), s.id
        assert sources.SOURCE_KINDS[s.kind] > 1 or page == f"sources/{s.kind}.md"


def test_a_kind_over_several_pages_is_split_in_title_order(pages: dict[str, BeautifulSoup],
                                                         kb: KnowledgeBase) -> None:
    parts = [p for p in sources.source_pages(kb) if p.startswith("sources/secondary-")]
    assert len(parts) == sources.SOURCE_KINDS["secondary"] > 1
    titles = [s.title.lower() for p in parts for s in sources.source_pages(kb)[p]]
    assert titles == sorted(titles) and len(titles) == sum(s.kind == "secondary" for s in kb.sources.values())
    assert "Titles from “" in pages[parts[1]].get_text()


def test_a_source_lists_the_criteria_and_pairs_that_cite_it(pages: dict[str, BeautifulSoup],
                                                            kb: KnowledgeBase) -> None:
    entry = _entry(pages, kb, "securetradeadvisors-importer-msc")
    text = entry.get_text()
    links = _links(entry)
    assert ("3.1", "../../criteria/business-partners/#criterion-3-1") in links
    assert "3.1 (for U.S. Importers)" in text
    assert re.search(r"1\.1,", text)  # criterion-level only: no entity types named
    assert ("Coverage and known gaps", "../../criteria/coverage/") in links  # a page citing it in its front matter
    assert ("3. Business Partners", "../../criteria/business-partners/") in links  # a page showing its criteria


def test_one_link_stands_for_the_pages_that_show_every_criterion(pages: dict[str, BeautifulSoup], index: BeautifulSoup,
                                                                 kb: KnowledgeBase) -> None:
    assert "## Pages that show every criterion { #every-criterion }" in index.get_text()
    listed = {str(a["href"]) for a in index.find_all("a")}
    assert {"../tools/explorer/", "../tools/self-assessment/"} <= listed
    entity_pages = [e.page for e in kb.entities.values()]
    general = {s for c in kb.criteria.values() for s in c.sources}
    for source in kb.sources:
        links = _links(_entry(pages, kb, source))
        hrefs = [href for _, href in links]
        named = [p for p in entity_pages if f"../../{p.removesuffix('.md')}/" in hrefs]
        assert len(named) < len(entity_pages), source  # never all 13 named one by one
        group = [text for text, href in links if href == "../#every-criterion"]
        if source in general:  # a criterion's source: every page that shows every criterion lists it
            assert group and re.fullmatch(r"the \d+ pages that show every criterion", group[0]), source
            assert "../../tools/explorer/" not in hrefs, source  # an entity page citing it in a row is named
        else:
            assert not group or "../../tools/explorer/" not in hrefs, source


def test_the_cited_by_lines_stay_out_of_the_search_index(pages: dict[str, BeautifulSoup], kb: KnowledgeBase) -> None:
    entry = _entry(pages, kb, "securetradeadvisors-importer-msc")
    nested = entry.find("ul")
    assert isinstance(nested, Tag) and nested.has_attr("data-search-exclude")
    assert [li.get_text().split(":")[0] for li in nested.find_all("li")] == ["Criteria", "Pages"]


def test_criterion_ids_sort_numerically(pages: dict[str, BeautifulSoup], kb: KnowledgeBase) -> None:
    for source, cited in criteria_by_source(kb).items():
        ids = [text for text, href in _links(_entry(pages, kb, source)) if "#criterion-" in href]
        assert ids == list(cited), source
        assert ids == sorted(ids, key=lambda i: tuple(int(p) for p in i.split("."))), source
    many = [s for s, cited in criteria_by_source(kb).items() if any(c.startswith("9.") for c in cited)
            and any(c.startswith("10.") for c in cited)]
    assert many, "no source cites both 9.x and 10.x criteria"


def test_the_index_lists_every_source_by_title_linked_to_its_entry(index: BeautifulSoup, kb: KnowledgeBase) -> None:
    items = index.select("ul.kb-sources-index > li")
    assert [li["id"] for li in items] == [f"source-{s.id}" for s in sorted(
        kb.sources.values(), key=lambda s: (s.title.lower(), s.id))]  # an old link to sources/#source-x lands here
    for li in items:
        source = str(li["id"]).removeprefix("source-")
        page, _, anchor = sources.source_target(kb, source).partition("#")
        assert li.a is not None and li.a["href"] == f"{page.removeprefix('sources/').removesuffix('.md')}/#{anchor}"
        assert li.a.get_text() == kb.sources[source].title


def test_macro_calls_are_read_with_their_literal_arguments() -> None:
    text = '{{ criterion("6.7") }} and {{ criteria_table(category=6, entity="importers") }} {{ page.title }}'
    assert macro_calls(text) == [("criterion", ("6.7",), {}), ("criteria_table", (), {"category": 6,
                                                                                       "entity": "importers"})]


def test_a_guide_in_several_pages_is_named_once_by_its_entry_page() -> None:
    from kb.render.citedby import by_work

    citations = {"seminars/g/index.md": ("a",), "seminars/g/part.md": ("a", "b"), "seminars/other.md": ("b",),
                 "seminars/index.md": ("c",), "seminars/lone/part.md": ("d",),
                 "criteria/entities/index.md": ("e",), "criteria/entities/importers.md": ("e",)}
    assert by_work(citations) == {
        "seminars/g/index.md": ("a", "b"), "seminars/other.md": ("b",), "seminars/index.md": ("c",),
        "seminars/lone/part.md": ("d",),  # no entry page: named by itself
        "criteria/entities/index.md": ("e",), "criteria/entities/importers.md": ("e",)}  # only seminar guides fold
