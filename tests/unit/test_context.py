"""The page-aware macro layer: sources of data shown on a page end up in its sources list, once each."""

from __future__ import annotations

import dataclasses

import pytest

from kb.context import BuildContext
from kb.models import KnowledgeBase

META = {"title": "T", "description": "D.", "last_reviewed": "2026-11-27", "sources": ["src-official"]}
CHECKLIST = {"slug": "box", "title": "Box check", "purpose": "Check a box before loading.", "criteria": ["1.1"],
             "sections": [{"name": "Outside", "points": [{"label": "Lid"}]}],
             "sources": ["src-secondary", "src-secondary"], "confidence": "secondary"}


def _site(kb: KnowledgeBase) -> BuildContext:
    site = BuildContext(dataclasses.replace(kb, extra={"checklists.yml": {"checklists": [CHECKLIST]}}), {})
    site.start_page("tools/checks.md", dict(META))
    return site


def test_a_checklist_adds_its_sources_once(fixture_kb: KnowledgeBase) -> None:
    site = _site(fixture_kb)
    site.checklist("box")
    assert site.page_sources().count("A secondary fixture document") == 1


def test_sources_shared_by_several_records_are_listed_once(fixture_kb: KnowledgeBase) -> None:
    carriers = dataclasses.replace(fixture_kb.entities["highway_carriers"], sources=("src-secondary",))
    importers = dataclasses.replace(fixture_kb.entities["importers"], sources=("src-secondary",))
    kb = dataclasses.replace(fixture_kb, entities={"importers": importers, "highway_carriers": carriers})
    site = _site(kb)
    site.eligibility_table()
    assert site.page_sources().count("A secondary fixture document") == 1


def test_page_without_front_matter_is_refused(fixture_kb: KnowledgeBase) -> None:
    site = _site(fixture_kb)
    with pytest.raises(ValueError, match=r"other\.md: front matter has no 'description'"):
        site.start_page("other.md", {"title": "T", "last_reviewed": "2026-11-27"})
