"""The criteria explorer and the downloads in a real browser: every filter gives the count the data implies (every
entity type and status), the URL keeps the filters (shareable, back button), the keyboard works, the full table is
there without JavaScript, axe passes with a type chosen (light and dark), and every download is served.
The every-page test covers both pages unfiltered (axe, CSP, other hosts, 375 px)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from kb import KnowledgeBase, exports
from kb.render.common import status_key
from kb.render.criteria import STATUS_ORDER
from tests.browser import axe

pytestmark = pytest.mark.browser

EXPLORER = "tools/explorer/"


def _open(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_selector("#kb-explorer-filters:not([hidden])")


def _count(page: Page) -> int:
    """The announced count, checked against the rows actually shown."""
    text = page.inner_text("#kb-explorer-count")
    found = re.fullmatch(r"All (\d+) criteria\.|(\d+) of \d+ criteria match\.", text)
    assert found, text
    announced = int(found.group(1) or found.group(2))
    visible = page.evaluate("() => document.querySelectorAll('#kb-explorer-table tbody tr:not([hidden])').length")
    assert visible == announced
    return announced


def _words_match(kb: KnowledgeBase, words: list[str]) -> int:
    return sum(all(w in " ".join([c.id, c.title, c.summary]).lower() for w in words)
               for c in kb.criteria.values())


def test_every_type_and_status_gives_the_count_the_data_implies(page: Page, base_url: str,
                                                                 kb: KnowledgeBase) -> None:
    _open(page, base_url + EXPLORER)
    assert _count(page) == len(kb.criteria)
    assert page.is_disabled("#kb-x-status")
    for slug in kb.entities:
        page.select_option("#kb-x-type", slug)
        page.select_option("#kb-x-status", "")
        assert _count(page) == len(kb.criteria)
        assert page.inner_text("th.kb-explorer__status") == f"For {kb.entities[slug].name}"
        statuses = [status_key(c.pair(slug)) for c in kb.select()]
        shown = page.eval_on_selector_all("#kb-explorer-table tbody td.kb-explorer__status > span",
                                          "spans => spans.map(s => s.className)")
        assert shown == [f"kb-status kb-status--{s}" for s in statuses]
        page.select_option("#kb-x-status", "confirmed")
        assert _count(page) == sum(s in ("must", "should", "applies") for s in statuses), slug
        for status in STATUS_ORDER:
            page.select_option("#kb-x-status", status)
            assert _count(page) == statuses.count(status), (slug, status)


def test_every_other_filter_gives_the_count_the_data_implies(page: Page, base_url: str, kb: KnowledgeBase) -> None:
    _open(page, base_url + EXPLORER)
    for value in ("must", "should", "unknown", "disputed"):
        page.select_option("#kb-x-designation", value)
        assert _count(page) == len(kb.select(designation=value) if value != "disputed" else
                                   [c for c in kb.criteria.values() if c.designation == value])
    page.select_option("#kb-x-designation", "")
    for number in kb.categories:
        page.select_option("#kb-x-category", str(number))
        assert _count(page) == len(kb.criteria_in(number))
    page.select_option("#kb-x-category", "")
    for area in kb.focus_areas:
        page.select_option("#kb-x-focus", area)
        assert _count(page) == len(kb.select(focus_area=area))
    page.select_option("#kb-x-focus", "")
    for confidence in ("official", "secondary", "unverified"):
        page.select_option("#kb-x-confidence", confidence)
        assert _count(page) == sum(c.confidence == confidence for c in kb.criteria.values())
    page.select_option("#kb-x-confidence", "")
    for query in ("seal", "6.7", "SEAL log", "access control", "zzzz-no-such-word"):
        page.fill("#kb-x-q", query)
        expected = _words_match(kb, query.lower().split())
        assert _count(page) == expected, query
        assert page.is_visible("#kb-explorer-empty") == (expected == 0)
    page.press("#kb-explorer-filters button[type=reset]", "Enter")
    page.wait_for_function("() => !location.search")
    assert _count(page) == len(kb.criteria)


def test_the_url_keeps_the_filters_and_the_back_button_steps_through_them(page: Page, base_url: str,
                                                                          kb: KnowledgeBase) -> None:
    _open(page, base_url + EXPLORER)
    page.select_option("#kb-x-type", "highway_carriers")
    page.select_option("#kb-x-status", "must")
    page.fill("#kb-x-q", "seal")
    expected = sum(status_key(c.pair("highway_carriers")) == "must" and "seal" in
                   " ".join([c.id, c.title, c.summary]).lower() for c in kb.criteria.values())
    assert _count(page) == expected
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"type": ["highway_carriers"], "status": ["must"], "q": ["seal"]}
    shared = page.url
    other = page.context.new_page()  # the shared link opens the same view
    _open(other, shared)
    assert other.input_value("#kb-x-type") == "highway_carriers"
    assert other.input_value("#kb-x-status") == "must"
    assert other.input_value("#kb-x-q") == "seal"
    assert _count(other) == expected
    other.close()
    page.go_back()  # before the search
    page.wait_for_function("() => !location.search.includes('q=')")
    assert page.input_value("#kb-x-q") == ""
    assert _count(page) == sum(status_key(c.pair("highway_carriers")) == "must" for c in kb.criteria.values())
    page.go_back()  # before the status
    page.wait_for_function("() => !location.search.includes('status=')")
    assert page.input_value("#kb-x-status") == ""
    page.go_back()  # before the type: everything
    page.wait_for_function("() => !location.search")
    assert page.input_value("#kb-x-type") == ""
    assert _count(page) == len(kb.criteria)
    page.go_forward()
    page.wait_for_function("() => location.search === '?type=highway_carriers'")
    assert page.input_value("#kb-x-type") == "highway_carriers"
    _open(page, base_url + EXPLORER + "?type=no_such_type&category=99&status=must")  # bad values are ignored
    assert page.input_value("#kb-x-type") == "" and page.is_disabled("#kb-x-status")
    assert _count(page) == len(kb.criteria)


def test_the_filters_work_from_the_keyboard_with_visible_focus(page: Page, base_url: str, kb: KnowledgeBase) -> None:
    _open(page, base_url + EXPLORER)
    page.focus("#kb-x-type")
    page.keyboard.press("ArrowDown")  # a closed select steps to the next option, as any select does
    first = next(iter(kb.entities))
    page.wait_for_function(f"() => location.search === '?type={first}'")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "kb-x-status"
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") not in ("", "none")
    page.keyboard.press("ArrowDown")  # Confirmed (Must, Should or Listed)
    assert _count(page) == len(kb.select(entity=first))
    for _ in range(5):  # designation, category, focus area, confidence, then the search box
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "kb-x-q"
    page.keyboard.type("6.7")
    assert _count(page) == sum("6.7" in " ".join([c.id, c.title, c.summary]) and c.confirmed_for(first)
                               for c in kb.criteria.values())
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Clear filters
    page.wait_for_function("() => !location.search")
    assert _count(page) == len(kb.criteria)


def test_without_javascript_the_whole_table_is_there(browser: Browser, base_url: str, kb: KnowledgeBase) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + EXPLORER + "?type=highway_carriers&status=must")
    rows = page.eval_on_selector_all("#kb-explorer-table tbody tr", "rows => rows.map(r => r.dataset.id)")
    assert rows == [c.id for c in kb.select()]
    assert page.is_hidden("#kb-explorer-filters")
    assert page.is_visible("#kb-explorer-table tbody tr:last-child")
    hrefs = page.eval_on_selector_all("#kb-explorer-table tbody td:first-child a", "as => as.map(a => a.href)")
    assert hrefs == [base_url + f"{kb.category_of(c).page.removesuffix('.md')}/#{c.anchor}" for c in kb.select()]
    context.close()


@pytest.fixture(scope="module")
def filtered_axe(browser: Browser, base_url: str) -> Iterator[tuple[dict[str, list[str]], int]]:
    """The explorer with a type and filters chosen, loaded once then narrowed to a phone's width: axe in both
    palettes, and the page's width."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, base_url + EXPLORER + "?type=importers&designation=must")
    page.set_viewport_size({"width": 375, "height": 740})
    found = axe.both_palettes(page, axe.WCAG_21_AA)
    yield found, page.evaluate("() => document.documentElement.scrollWidth")
    context.close()


@pytest.mark.parametrize("scheme", axe.SCHEMES)
def test_axe_passes_with_a_type_and_filters_chosen(filtered_axe: tuple[dict[str, list[str]], int],
                                                   scheme: str) -> None:
    found, width = filtered_axe
    assert found[scheme] == [], "\n".join(found[scheme])
    assert width <= 375


def test_every_download_is_served(page: Page, base_url: str, kb: KnowledgeBase) -> None:
    page.goto(base_url + "tools/downloads/")
    hrefs = page.eval_on_selector_all("article a[download]", "as => as.map(a => a.href)")
    names = {urlsplit(h).path.rsplit("/", 1)[-1] for h in hrefs}
    assert {exports.download_path(None, "xlsx").rsplit("/", 1)[-1], "feed.xml"} <= names
    assert len(hrefs) == len(set(hrefs)) >= 3 * (1 + len(kb.entities)) + 1 + len(kb.entities)
    for href in hrefs:
        response = page.request.get(href)
        assert response.status == 200, href
        assert len(response.body()) > 100, href
