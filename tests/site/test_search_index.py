"""The search index: one entry per glossary term, nothing that repeats the bibliography, and a size budget."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from kb import KnowledgeBase

# A guard against growth: measured 2026-12-01 on branch search-tbt at 424 KB raw, 111 KB gzip (113,655 bytes;
# 138,513 before the criteria's guidance and the What's new page's copies of the program events left it). The goal,
# 120 KB, is tests/site/test_byte_budgets.py's; this guard is tighter, so that growth is seen before the goal is.
GZIP_BUDGET = 117_000


def index(site: Path) -> dict[str, Any]:
    return dict(json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8")))


def test_each_glossary_term_is_an_entry_of_its_own_named_by_the_term_and_its_expansion(built_site: Path,
                                                                                      kb: KnowledgeBase) -> None:
    assert kb.glossary is not None
    entries = {doc["location"]: doc["title"] for doc in index(built_site)["docs"]}
    for t in kb.glossary.terms:
        title = entries.get(f"glossary/#{t.anchor}")
        assert title is not None, f"{t.term} has no search entry"
        assert t.term in title and (t.expansion or "") in title, title


def test_each_criterion_is_an_entry_of_its_own_on_its_category_page(built_site: Path, kb: KnowledgeBase) -> None:
    entries = {doc["location"]: doc for doc in index(built_site)["docs"]}
    for c in kb.criteria.values():
        entry = entries.get(f"{kb.category_of(c).page.removesuffix('.md')}/#{c.anchor}")
        assert entry is not None, f"{c.id} has no search entry"
        assert entry["title"].startswith(f"{c.id} ") and c.summary[:40] in entry["text"], entry


def test_a_criterion_entry_holds_its_requirement_and_evidence_not_its_guidance(built_site: Path,
                                                                                kb: KnowledgeBase) -> None:
    """The guidance is the longest part of a criterion (about 60 % of its text) and stays on the page only."""
    entries = {doc["location"]: doc["text"] for doc in index(built_site)["docs"]}
    for c in kb.criteria.values():
        text = entries[f"{kb.category_of(c).page.removesuffix('.md')}/#{c.anchor}"]
        assert "How to meet it" not in text and c.guidance.split("\n\n")[0][:60] not in text, c.id
        assert all(e[:40] in text for e in c.evidence), c.id


def test_the_per_page_sources_lists_stay_out_of_the_index_the_sources_page_stays_in(built_site: Path) -> None:
    locations = [doc["location"] for doc in index(built_site)["docs"]]
    assert [loc for loc in locations if loc.endswith("#sources")] == []
    assert any(loc.startswith("sources/") for loc in locations)


def test_the_search_index_stays_within_its_budget(built_site: Path) -> None:
    raw = (built_site / "search" / "search_index.json").read_bytes()
    assert len(gzip.compress(raw, 6)) <= GZIP_BUDGET


def _sections(html: str) -> list[tuple[str | None, str, str]]:
    """What Material's own search parser takes from a page's HTML: each section's id, title and text."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, "".join(s.title).strip(), "".join(s.text).strip()) for s in parser.data if not s.is_excluded()]


def test_the_search_plugin_reads_the_same_sections_from_a_page_without_its_excluded_blocks(built_site: Path) -> None:
    """kb.search_view cuts the blocks the plugin would skip before it reads a page (kb/hooks.py); on every built
    page the plugin's parser finds the same sections, titles and text in the cut article as in the whole one."""
    from kb.search_view import for_search

    cut_pages = []
    for page in sorted(built_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        start, end = html.find("<article"), html.rfind("</article>")
        if start < 0:
            continue
        article = html[html.index(">", start) + 1:end]  # what the plugin reads: the content, without the article
        cut = for_search(article)
        if cut is not article:
            cut_pages.append(str(page.relative_to(built_site)))
            assert _sections(cut) == _sections(article), page
    assert "criteria/procedural-security/index.html" in cut_pages and len(cut_pages) > 20, cut_pages
