"""The Sources page lists, for each source, the criteria (with per-entity pairs) and the pages that cite it."""

from __future__ import annotations

import re

import pytest

from kb.citing import criteria_by_source, macro_calls
from kb.context import BuildContext
from kb.models import KnowledgeBase
from tests.support import ROOT


@pytest.fixture(scope="module")
def sources_page() -> str:
    context = BuildContext.load(ROOT)
    context.start_page("sources.md", dict(context.pages["sources.md"].meta))
    return str(context.macros()["sources_page"]())


def _entry(page: str, source: str) -> str:
    """One source's list item with its nested "cited by" lines."""
    start = page.index(f"{{ #source-{source} }}")
    end = page.find("\n- ", start)
    return page[start:end if end >= 0 else None]


def test_a_source_lists_the_criteria_and_pairs_that_cite_it(sources_page: str) -> None:
    entry = _entry(sources_page, "securetradeadvisors-importer-msc")
    assert "[3.1](criteria/business-partners.md#criterion-3-1) (for U&#46;S&#46; Importers)" in entry
    assert "[1.1](criteria/security-vision-and-responsibility.md#criterion-1-1)," in entry  # criterion-level only
    assert "[Coverage and known gaps](criteria/coverage.md)" in entry  # a page citing it in its front matter
    assert "[3&#46; Business Partners](criteria/business-partners.md)" in entry  # a page showing its criteria


def test_one_link_stands_for_the_entity_pages_only_when_all_of_them_cite_a_source(sources_page: str,
                                                                                  kb: KnowledgeBase) -> None:
    # CBP's notice of 7.37, which confirms it for every entity type: every entity page shows it in a row
    everywhere = _entry(sources_page, "cbp-csms-41052241")
    assert f"[each of the {len(kb.entities)} entity types' pages](criteria/entities/index.md)" in everywhere
    assert not any(f"]({e.page})" in everywhere for e in kb.entities.values())
    for source in kb.sources:
        entry = _entry(sources_page, source)
        listed = [e.page for e in kb.entities.values() if f"]({e.page})" in entry]
        assert len(listed) < len(kb.entities), source  # never all 13 named
        if listed:  # some, not all: named one by one, with no link to the index
            assert "entity types' pages]" not in entry, source


def test_the_cited_by_lines_stay_out_of_the_search_index(sources_page: str) -> None:
    entry = _entry(sources_page, "securetradeadvisors-importer-msc")
    lines = entry.split("\n")[1:]
    assert lines and all(line.strip() == "{: data-search-exclude }" for line in lines[1::2]), lines


def test_criterion_ids_sort_numerically(sources_page: str, kb: KnowledgeBase) -> None:
    for source, cited in criteria_by_source(kb).items():
        ids = re.findall(r"\[(\d+\.\d+)\]\(criteria/", _entry(sources_page, source).split("Pages:")[0])
        assert ids == list(cited), source
        assert ids == sorted(ids, key=lambda i: tuple(int(p) for p in i.split("."))), source
    many = [s for s, cited in criteria_by_source(kb).items() if any(c.startswith("9.") for c in cited)
            and any(c.startswith("10.") for c in cited)]
    assert many, "no source cites both 9.x and 10.x criteria"


def test_every_source_is_on_the_page_with_every_kind(sources_page: str, kb: KnowledgeBase) -> None:
    for source in kb.sources.values():
        assert f"{{ #source-{source.id} }}" in sources_page, f"{source.id} ({source.kind}) is not on the Sources page"


def test_macro_calls_are_read_with_their_literal_arguments() -> None:
    text = '{{ criterion("6.7") }} and {{ criteria_table(category=6, entity="importers") }} {{ page.title }}'
    assert macro_calls(text) == [("criterion", ("6.7",), {}), ("criteria_table", (), {"category": 6,
                                                                                       "entity": "importers"})]
