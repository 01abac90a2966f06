"""Property-based: arbitrary text in a data field never breaks a table or injects markup."""

from __future__ import annotations

import dataclasses

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.models import KnowledgeBase
from kb.render import criteria

# The extensions the site uses that act on inline text and tables (see mkdocs.yml).
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist"]

# Printable text, including every character with meaning in Markdown, HTML, tables or Jinja.
_PIECES = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(
    list("|<>&{}[]()*_`#!\\-+.:='\"~^$%@\n")), max_size=20) | st.sampled_from(
    ["<script>alert(1)</script>", "{{ x }}", "{% if %}", "</td>", "| --- |", "*[A]: b", "- [ ] ", "1. ", "# "])
TEXT = st.lists(_PIECES, min_size=1, max_size=4).map("".join).filter(lambda s: s.strip())


def _normal(value: str) -> str:
    return " ".join(value.split())


def _render_html(source: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(source, extensions=EXTENSIONS), "html.parser")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, summary=TEXT)
def test_table_cells_hold_exactly_the_data_text(fixture_kb: KnowledgeBase, title: str, summary: str) -> None:
    criterion = dataclasses.replace(fixture_kb.criteria["1.1"], title=title, summary=summary)
    kb = dataclasses.replace(fixture_kb, criteria={**fixture_kb.criteria, "1.1": criterion})
    soup = _render_html(criteria.criteria_table(kb, kb.select(), "page.md"))
    tables = soup.find_all("table")
    assert len(tables) == 1
    rows = tables[0].find_all("tr")
    assert len(rows) == 1 + len(kb.criteria)
    assert all(len(r.find_all(["td", "th"])) == 3 for r in rows)
    cell = rows[1].find_all("td")[1]
    assert cell.find("strong").get_text() == _normal(title)
    assert cell.get_text() == _normal(title) + _normal(summary)
    assert soup.find("script") is None
    # Only the tags the renderer itself writes: no markup from the data.
    assert {t.name for t in soup.find_all(True)} <= {"div", "table", "thead", "tbody", "tr", "th", "td", "a", "strong",
                                                     "br", "span"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(guidance=TEXT, evidence=TEXT)
def test_criterion_section_renders_data_as_text(fixture_kb: KnowledgeBase, guidance: str, evidence: str) -> None:
    criterion = dataclasses.replace(fixture_kb.criteria["1.3"], guidance=guidance, evidence=(evidence,))
    kb = dataclasses.replace(fixture_kb, criteria={**fixture_kb.criteria, "1.3": criterion})
    soup = _render_html(criteria.criterion_section(kb, criterion, "criteria/first-category.md", {}))
    assert soup.find("script") is None
    assert len(soup.find_all("h3")) == 1
    assert soup.find("h3")["id"] == "criterion-1-3"
    items = soup.find_all("li")
    assert items[0].get_text() == _normal(evidence)  # then the per-entity list
    text = soup.get_text(" ")
    for paragraph in guidance.split("\n\n"):
        assert _normal(paragraph) in _normal(text)
