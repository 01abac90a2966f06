"""The search index: one entry per glossary term, nothing that repeats the bibliography, and a size budget."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from kb import KnowledgeBase

# Measured 2026-12-01: 578 KB raw, 142 KB gzip (it was 754 KB / 157 KB before the per-page sources lists left it).
GZIP_BUDGET = 160_000


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


def test_the_per_page_sources_lists_stay_out_of_the_index_the_sources_page_stays_in(built_site: Path) -> None:
    locations = [doc["location"] for doc in index(built_site)["docs"]]
    assert [loc for loc in locations if loc.endswith("#sources")] == []
    assert any(loc.startswith("sources/") for loc in locations)


def test_the_search_index_stays_within_its_budget(built_site: Path) -> None:
    raw = (built_site / "search" / "search_index.json").read_bytes()
    assert len(gzip.compress(raw, 6)) <= GZIP_BUDGET
