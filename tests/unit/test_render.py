"""Renderers against golden files, plus the behaviour each one promises."""

from __future__ import annotations

import dataclasses
import re

import pytest

from kb.models import Checklist, KnowledgeBase, Pair
from kb.render import common, criteria, glossary, program, sources, tools
from tests.unit.golden import assert_golden

PAGE = "seminars/guide.md"


def test_criteria_table_matches_golden(fixture_kb: KnowledgeBase) -> None:
    out = criteria.criteria_table(fixture_kb, fixture_kb.select(), PAGE)
    assert_golden("criteria_table.md", out)


def test_category_criteria_matches_golden(fixture_kb: KnowledgeBase) -> None:
    backlinks = {"1.1": {"seminars/guide.md": "A guide"}}
    out = criteria.category_criteria(fixture_kb, 1, "criteria/first-category.md", backlinks)
    assert_golden("category_criteria.md", out)
    assert "{ #criterion-1-1 }" in out and "{ #criterion-1-3 }" in out
    assert '<a href="../../seminars/guide/">A guide</a>' in out


def test_each_entry_has_a_report_link_with_its_id_and_the_page_one_edit_link(fixture_kb: KnowledgeBase) -> None:
    out = criteria.category_criteria(fixture_kb, 1, "criteria/first-category.md", {}, "https://github.com/o/r",
                                     "https://github.com/o/r/edit/main/")
    for cid in ("1.1", "1.3"):
        assert (f'href="https://github.com/o/r/issues/new?template=content-error.yml&amp;title=Criterion+{cid}%3A+'
                f'&amp;criterion={cid}"') in out
    # one edit link for the page: the category's data file holds all of its criteria
    assert out.count('href="https://github.com/o/r/edit/main/data/criteria/01-first-category.yml"') == 1


def test_entity_criteria_matches_golden(fixture_kb: KnowledgeBase) -> None:
    out = criteria.entity_criteria(fixture_kb, "importers", "criteria/entities/importers.md")
    assert_golden("entity_criteria.md", out)
    assert 'data-must="1" data-should="1"' in out


def test_entity_criteria_shows_every_criterion_with_its_status_for_the_type(fixture_kb: KnowledgeBase) -> None:
    out = criteria.entity_criteria(fixture_kb, "highway_carriers", "criteria/entities/highway-carriers.md")
    assert 'data-must="1" data-should="0"' in out and 'data-probably-not-listed="1" data-unknown="1"' in out
    rows = {m.group(1): r for r in re.split(r"<tr\b[^>]*>", out)
            if (m := re.search(r'#criterion-\d+-\d+">([\d.]+)</a>', r))}
    assert set(rows) == {"1.1", "1.3"}  # a row for each criterion with something recorded for the type
    assert "kb-status--must" in rows["1.1"] and "CBP document" in rows["1.1"]
    assert "Probably not listed" in rows["1.3"] and "Inferred from an omission" in rows["1.3"]
    # a criterion with nothing recorded: named and linked in its category's line, as not yet confirmed
    unconfirmed = re.findall(r'<p class="kb-unconfirmed">(.*?)</p>', out)
    assert len(unconfirmed) == 1 and "Not yet confirmed</span> for Highway Carriers, no source yet" in unconfirmed[0]
    assert re.findall(r'#criterion-\d+-\d+">([\d.]+)</a>', unconfirmed[0]) == ["2.1"]
    # the general designation is left to the category page: never shown as if it were the type's status
    assert "kb-badge" not in out and "kb-status--should" not in out


def test_criterion_link_is_relative_and_carries_badge_and_title(fixture_kb: KnowledgeBase) -> None:
    out = common.criterion_link(fixture_kb, fixture_kb.criteria["1.1"], PAGE)
    assert out == ('[1.1 <span class="kb-badge kb-badge--should">Should</span> <span class="kb-conf '
                   'kb-conf--official">Official</span>](../criteria/first-category.md#criterion-1-1 "Statement of '
                   'support"){ .kb-criterion }')


def test_sources_list_matches_golden(fixture_kb: KnowledgeBase) -> None:
    assert_golden("sources_list.md", sources.sources_list(fixture_kb, ["src-official", "src-secondary"]))


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, ["1.1", "1.3", "2.1"]),
    ({"category": 2}, ["2.1"]),
    ({"entity": "importers"}, ["1.1", "2.1"]),
    ({"entity": "highway_carriers", "designation": "must"}, ["1.1"]),
    ({"designation": "should"}, ["1.1"]),
    ({"focus_area": "corporate-security"}, ["1.1", "1.3", "2.1"]),
])
def test_select_filters(fixture_kb: KnowledgeBase, filters: dict[str, object], expected: list[str]) -> None:
    assert [c.id for c in fixture_kb.select(**filters)] == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("filters", [{"category": 99}, {"entity": "pirates"}, {"designation": "may"},
                                     {"focus_area": "nowhere"}])
def test_select_rejects_unknown_filter_values(fixture_kb: KnowledgeBase, filters: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="unknown"):
        fixture_kb.select(**filters)  # type: ignore[arg-type]


def test_glossary_matches_golden(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.glossary
    assert_golden("glossary.md", glossary.glossary(fixture_kb.glossary, "glossary.md"))


def test_glossary_links_show_page_titles(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.glossary
    out = glossary.glossary(fixture_kb.glossary, "glossary.md", {"other.md": "The other page"})
    assert 'See <a href="../other/">The other page</a>.' in out


def test_abbreviations_only_for_abbreviations(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.glossary
    assert glossary.abbreviations(fixture_kb.glossary) == "*[SCSS]: Supply Chain Security Specialist"


def test_mra_table_matches_golden(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.mra
    assert_golden("mra_table.md", program.mra_table(fixture_kb.mra))


def test_updates_timeline_is_newest_first_and_limited(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.updates
    out = program.updates_timeline(fixture_kb, fixture_kb.updates, "index.md", limit=1)
    assert out.startswith("- **2023-01-01: A change.**")
    assert "Launch" not in out
    assert "criteria/first-category.md#criterion-1-1" in out


def _checklist(kb: KnowledgeBase) -> Checklist:
    item = kb.checklists.get("box") if kb.checklists else None
    assert item
    return item


def test_checklist_matches_golden(fixture_kb: KnowledgeBase) -> None:
    assert_golden("checklist.md", tools.checklist(fixture_kb, _checklist(fixture_kb), "tools/checklists.md"))


def test_checklist_csv_has_one_row_per_point_and_field(fixture_kb: KnowledgeBase) -> None:
    rows = tools.checklist_csv(_checklist(fixture_kb)).splitlines()
    assert rows[0] == "#,Section,Point,Look for,OK (Y/N),Notes"
    assert rows[1:] == ["1,Outside,Lid,Fresh glue or screws,,", "2,Outside,Base,,,", ",Record,Date,,,",
                        ",Record,Inspector,,,"]


def test_training_matrix_matches_golden(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.training
    assert_golden("training_matrix.md", tools.training_matrix(fixture_kb, fixture_kb.training, "seminars/t.md"))


def test_risk_worksheet_matches_golden(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.risk_worksheet
    assert_golden("risk_worksheet.md", tools.risk_worksheet(fixture_kb, fixture_kb.risk_worksheet, "seminars/ra.md"))


def test_risk_worksheet_csv_has_a_column_per_step_field(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.risk_worksheet
    rows = tools.risk_worksheet_csv(fixture_kb.risk_worksheet).splitlines()
    assert rows == ["Threat type,What to look for,Step 1: Node,Step 1: Partner,Step 2: Rating",
                    "Contraband smuggling,Drugs hidden in cargo,,,"]


def test_evidence_table_lists_every_item(fixture_kb: KnowledgeBase) -> None:
    out = criteria.evidence_table(fixture_kb, "seminars/e.md", category=1)
    assert_golden("evidence_table.md", out)
    assert "The signed statement\nPhotos of where it is displayed" in out


def test_criteria_csv_has_a_column_per_entity(fixture_kb: KnowledgeBase) -> None:
    lines = criteria.criteria_csv(fixture_kb).splitlines()
    assert lines[0].endswith("importers,highway_carriers")
    assert lines[1].endswith(",should,must") and lines[2].endswith(",unknown,probably_not_listed")


def test_a_page_gets_only_the_abbreviations_it_uses(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.glossary
    assert glossary.abbreviations(fixture_kb.glossary, "Ask your SCSS.") == "*[SCSS]: Supply Chain Security Specialist"
    assert glossary.abbreviations(fixture_kb.glossary, "Nothing here; not SCSSX or XSCSS.") == ""


@pytest.mark.parametrize(("text", "used"), [
    ("SCSS", True), ("(SCSS)", True), ("SCSS-led, _SCSS and SCSS9", False), ("SCSS-led, then SCSS.", True),
    ("ÉSCSS", False), ("an SCSS\n", True)])
def test_an_abbreviation_counts_only_as_a_whole_word(fixture_kb: KnowledgeBase, text: str, used: bool) -> None:
    assert (glossary.abbreviations(fixture_kb.glossary, text) != "") is used


def test_the_explorer_row_holds_each_types_status_as_one_letter_in_the_type_filters_order(kb: KnowledgeBase) -> None:
    from kb.render.explorer import STATUS_LETTER, explorer, status_letters

    status_of = {letter: key for key, letter in STATUS_LETTER.items()}
    assert len(status_of) == len(STATUS_LETTER)
    html = explorer(kb, "tools/explorer.md")
    types = re.findall(r'<option value="([a-z_]+)">', html.split('id="kb-x-type"')[1].split("</select>")[0])
    assert types == list(kb.entities)
    for c in kb.select():
        letters = status_letters(kb, c)
        assert f'data-id="{c.id}" ' in html and f'data-statuses="{letters}"' in html
        assert [status_of[x] for x in letters] == [common.status_key(c.pair(slug)) for slug in types], c.id


def test_types_with_the_same_status_and_evidence_share_one_item(fixture_kb: KnowledgeBase) -> None:
    """The per-type list of a criterion names the types once per status and evidence, never the evidence per type,
    and still says which source supports which type."""
    c = fixture_kb.criteria["1.1"]
    pair = Pair(status="must", sources=("src-official",))
    both = dataclasses.replace(c, entities={"importers": pair, "highway_carriers": pair})
    out = criteria.criterion_section(fixture_kb, both, "criteria/first-category.md", {})
    by_type = re.search(r"<strong>By entity type:</strong></p><ul>(.*?)</ul>", out).group(1)  # type: ignore[union-attr]
    assert by_type.count("<li>") == 1 and by_type.count("#source-src-official") == 1
    assert 'kb-status--must">Must</span> for Importers, Highway Carriers: CBP document:' in by_type
    split = dataclasses.replace(c, entities={"importers": pair,
                                             "highway_carriers": Pair(status="must", sources=("src-secondary",))})
    out = criteria.criterion_section(fixture_kb, split, "criteria/first-category.md", {})
    by_type = re.search(r"<strong>By entity type:</strong></p><ul>(.*?)</ul>", out).group(1)  # type: ignore[union-attr]
    assert re.findall(r"Must</span> for ([^:]*):", by_type) == ["Importers", "Highway Carriers"]
