"""The page-aware macro layer: a macro cannot show records without their sources landing in the page's list."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kb.context import BuildContext
from kb.macro import MACROS
from kb.models import KnowledgeBase
from kb.render import html as h

META = {"title": "T", "description": "D.", "last_reviewed": "2026-11-27", "sources": ["cbp-ctpat-home"]}

# One example call for every registered macro; a new macro must be added here (the test below checks it).
EXAMPLES: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {
    "criterion": (("6.7",), {}),
    "criteria_table": ((), {"category": 6}),
    "criteria_count": ((), {"entity": "importers"}),
    "category_table": ((), {}),
    "category_criteria": ((5,), {}),
    "entity_intro": (("highway_carriers",), {}),
    "entity_criteria": (("importers",), {}),
    "entity_list": ((), {}),
    "evidence_table": ((), {}),
    "glossary": ((), {}),
    "eligibility_table": ((), {}),
    "mra_table": ((), {}),
    "updates_timeline": ((), {"limit": 5}),
    "checklist": (("container-7-point",), {}),
    "training_matrix": ((), {}),
    "risk_worksheet": ((), {}),
    "sources_page": ((), {}),
    "sources_index": ((), {}),
    "coverage_grid": ((), {}),
    "gaps_table": ((), {}),
    "whats_new": ((), {"limit": 8}),
    "downloads_by_type": ((), {}),
    "downloads_other": ((), {}),
    "data_version": ((), {}),
    "criteria_explorer": ((), {}),
    "self_assessment": ((), {}),
}
# The page a macro is tried on, where it is not any page (the Sources section's macros belong to their pages).
PAGES = {"sources_page": "sources/official.md", "sources_index": "sources/index.md"}
_SHOWN_ID = re.compile(r"\[(\d{1,2}\.\d{1,2})[\] ]")  # a link whose text starts with a criterion ID


def _context(kb: KnowledgeBase, page: str = "seminars/guide.md") -> BuildContext:
    context = BuildContext(kb, {})
    context.start_page(page, dict(META))
    return context


def test_every_macro_has_an_example() -> None:
    assert set(EXAMPLES) == set(MACROS), "add an example call for each new macro to EXAMPLES"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_a_macro_cites_every_source_of_what_it_shows(kb: KnowledgeBase, name: str) -> None:
    context = _context(kb, PAGES.get(name, "seminars/guide.md"))
    args, kwargs = EXAMPLES[name]
    output = context.macros()[name](*args, **kwargs)
    listed = context.page_sources()
    shown = [r for result in context.shown for r in result.records]
    # Read the output independently: every criterion it links to must have its sources listed.
    linked = set(_SHOWN_ID.findall(output))
    shown_ids = {kb.sources[s].url for r in shown for s in r.sources}
    shown_ids |= {kb.sources[s].url for cid in linked for s in kb.criteria[cid].sources}
    missing = sorted(url for url in shown_ids if f'href="{h.attr(url)}"' not in listed)
    assert not missing, f"{name}() shows records whose sources are not in the page's list: {missing[:5]}"


def test_the_evidence_table_cites_its_criteria(kb: KnowledgeBase) -> None:
    context = _context(kb)
    context.macros()["evidence_table"]()
    assert len(context.data_sources) > 20


def test_sources_shared_by_several_records_are_listed_once(kb: KnowledgeBase) -> None:
    context = _context(kb)
    context.macros()["criteria_table"]()
    listed = context.page_sources()
    urls = [kb.sources[s].url for s in context.data_sources]
    assert all(listed.count(f'href="{h.attr(u)}"') == 1 for u in urls)


def test_a_number_instead_of_a_quoted_id_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match=r'criterion\(4.1\): write the ID in quotes, e.g. criterion\("4.10"\)'):
        _context(kb).macros()["criterion"](4.10)


def test_page_without_front_matter_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match=r"other\.md: front matter has no 'description'"):
        _context(kb).start_page("other.md", {"title": "T", "last_reviewed": "2026-11-27"})


@pytest.mark.parametrize(("reviewed", "problem"), [("2099-01-01", "is after today"), ("2026-13-45", "not a real date"),
                                                    ("2026-02-30", "not a real date"), ("last week", "not a real")])
def test_a_review_date_must_be_a_real_day_not_in_the_future(kb: KnowledgeBase, reviewed: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        _context(kb).start_page("p.md", {**META, "last_reviewed": reviewed})


@pytest.mark.parametrize(("name", "args"), [("entity_criteria", ("highway_carriers",)), ("category_criteria", (5,))])
def test_per_entity_evidence_is_cited(kb: KnowledgeBase, name: str, args: tuple[Any, ...]) -> None:
    context = _context(kb)
    context.macros()[name](*args)
    listed = context.page_sources()
    pair_sources = {s for c in kb.criteria.values() for slug, p in c.entities.items()
                    if (name == "entity_criteria" and slug == "highway_carriers")
                    or (name == "category_criteria" and c.category == 5) for s in p.sources}
    assert pair_sources and all(f'href="{h.attr(kb.sources[s].url)}"' in listed for s in pair_sources)


class _CountingLoad:
    """A stand-in loader that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, root: Path) -> Any:
        self.calls += 1
        return object()


@pytest.fixture()
def tiny_project(tmp_path: Path) -> Path:
    for folder in ("data", "schemas", "docs"):
        (tmp_path / folder).mkdir()
    (tmp_path / "data" / "x.yml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "docs" / "a.md").write_text("# A\n", encoding="utf-8")
    return tmp_path


def test_the_data_is_loaded_again_only_when_a_file_changes(tiny_project: Path) -> None:
    from kb.context import _cached_knowledge_base

    load = _CountingLoad()
    first = _cached_knowledge_base(tiny_project, load)
    assert _cached_knowledge_base(tiny_project, load) is first and load.calls == 1
    (tiny_project / "data" / "x.yml").write_text("a: 22\n", encoding="utf-8")
    assert _cached_knowledge_base(tiny_project, load) is not first and load.calls == 2


def test_a_criterion_linked_again_on_a_page_shows_its_id_alone(kb: KnowledgeBase) -> None:
    """The first link to a criterion carries its badges and title; later ones on the same page the ID alone (both
    cite it); the next page starts afresh."""
    context = _context(kb)
    first, again = (context.macros()["criterion"]("6.7") for _ in range(2))
    assert "kb-badge" in first and '"' in first.split("](", 1)[1]  # badges, and a title after the URL
    assert again.startswith("[6.7](") and "kb-badge" not in again and '"' not in again
    assert again == f"[6.7]({first.split('](')[1].split(' ')[0]}){{ .kb-criterion }}"  # the same target
    assert len(context.shown) == 2 and all(kb.criteria["6.7"] in r.records for r in context.shown)
    context.start_page("seminars/other.md", dict(META))
    assert "kb-badge" in context.macros()["criterion"]("6.7")


def test_editing_a_pages_text_keeps_the_loaded_data_and_adding_a_page_does_not(tiny_project: Path) -> None:
    """Data names pages, so the set of pages counts; their text does not (a page edit must not reload the data)."""
    from kb.context import _cached_knowledge_base

    load = _CountingLoad()
    first = _cached_knowledge_base(tiny_project, load)
    (tiny_project / "docs" / "a.md").write_text("# A, edited at length\n", encoding="utf-8")
    assert _cached_knowledge_base(tiny_project, load) is first and load.calls == 1
    (tiny_project / "docs" / "b.md").write_text("# B\n", encoding="utf-8")
    assert _cached_knowledge_base(tiny_project, load) is not first and load.calls == 2


def test_a_macro_output_given_as_a_function_is_made_only_when_read() -> None:
    """Every page's sources list runs the macros of every page for their records only (kb.citing): a long table
    given as a function is not made there, and is made, each time, where the page reads it."""
    from kb.macro import shown

    made: list[int] = []
    result = shown(lambda: str(made.append(1) or len(made)), ["record"])  # type: ignore[list-item]
    assert result.records == ("record",) and made == []
    assert result.text == "1" and result.text == "2"
