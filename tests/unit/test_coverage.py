"""The coverage page: its grid counts what the data confirms, and it lists every known gap."""

from __future__ import annotations

import dataclasses
import re

from kb.models import KnowledgeBase
from kb.render import coverage

PAGE = "criteria/coverage.md"
_CELL = re.compile(r'<td><a href="\.\./entities/([a-z-]+)/#([a-z0-9-]+)">(\d+)/(\d+)</a></td>')


def test_the_grid_numbers_equal_the_data(kb: KnowledgeBase) -> None:
    out = coverage.coverage_grid(kb, PAGE)
    cells = {(page, anchor): (int(n), int(total)) for page, anchor, n, total in _CELL.findall(out)}
    assert len(cells) == len(kb.entities) * len(kb.categories)
    for slug, entity in kb.entities.items():
        page = entity.page.removeprefix("criteria/entities/").removesuffix(".md")
        for number, category in kb.categories.items():
            in_category = [c for c in kb.criteria.values() if c.category == number]
            confirmed = sum(1 for c in in_category if slug in c.entities and c.entities[slug].confirmed)
            assert cells[(page, coverage.category_anchor(category))] == (confirmed, len(in_category)), (slug, number)


def test_inferred_omissions_and_disputes_are_not_counted(fixture_kb: KnowledgeBase) -> None:
    # In the fixture data, 1.3 is an inferred not_listed pair for highway carriers: it must not count.
    assert fixture_kb.criteria["1.3"].entities["highway_carriers"].inferred
    assert coverage.coverage_counts(fixture_kb, "highway_carriers", 1) == (1, 2)


def test_cells_link_to_the_entity_pages_category_headings(kb: KnowledgeBase) -> None:
    category = kb.categories[12]
    assert coverage.category_anchor(category) == "category-12"
    assert 'href="../entities/highway-carriers/#category-12"' in coverage.coverage_grid(kb, PAGE)


def test_every_known_gap_is_listed_and_none_is_a_criterion(kb: KnowledgeBase) -> None:
    assert kb.gaps is not None
    ids = [g.id for g in coverage.sorted_gaps(kb)]
    assert ids == ["3.2", "3.3", "5.9", "5.10", "5.11", "5.12", "5.13"]
    assert not set(ids) & set(kb.criteria), "a gap whose criterion is now in the data: remove it from data/gaps.yml"
    out = coverage.gaps_table(kb, PAGE)
    for gap in ids:
        assert f'<span id="gap-{gap.replace(".", "-")}">{gap}</span>' in out
    assert out.count("securetradeadvisors.com") == len(ids)


def test_the_grid_writes_names_as_text(fixture_kb: KnowledgeBase) -> None:
    hostile = '<img src=x onerror=alert(1)> "Q" & co'
    entities = {slug: dataclasses.replace(e, name=hostile) for slug, e in fixture_kb.entities.items()}
    categories = {n: dataclasses.replace(c, name=hostile) for n, c in fixture_kb.categories.items()}
    out = coverage.coverage_grid(dataclasses.replace(fixture_kb, entities=entities, categories=categories), PAGE)
    assert "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt; \"Q\" &amp; co</a></th>" in out  # a row header: element text
    assert 'title="&lt;img src=x onerror=alert(1)&gt; &quot;Q&quot; &amp; co"' in out  # a column header's title
