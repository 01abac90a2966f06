"""The offline copy opened from file://, as a reader who unzips it and double-clicks index.html: Debian's chromium
with no extra flag (no --allow-file-access-from-files), every request checked to stay on file://, no Content
Security Policy violation, navigation to .html pages, search by criterion ID into the criterion, and the
criteria explorer's filters, and the self-assessment."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_content_security_policy import _LISTEN

pytestmark = pytest.mark.browser

BOX = "input.md-search__input"


class Watched:
    """A page whose requests, console errors and policy violations are collected."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        # A request cut short by the next navigation (the favicon, say) is aborted, not missing: a file that is
        # not there fails with net::ERR_FILE_NOT_FOUND.
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url} ({r.failure})")
                if r.failure != "net::ERR_ABORTED" else None)

    def problems(self) -> list[str]:
        """Everything that went wrong on the current page, and every request that left file://."""
        violations: list[str] = self.page.evaluate("window.__csp")
        return (self.errors + [f"CSP: {v}" for v in violations]
                + [f"left file://: {u}" for u in self.requests if not u.startswith("file://")])


@pytest.fixture()
def reader(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_LISTEN)
    yield Watched(context.new_page())
    context.close()


def _assert_styled_and_scripted(page: Page) -> None:
    """Material's stylesheet applies (the header is fixed to the top) and its script ran (html has class js)."""
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("document.documentElement.classList.contains('js')")


def test_pages_open_and_link_to_html_files(reader: Watched, offline_site: Path) -> None:
    page = reader.page
    page.goto((offline_site / "index.html").as_uri())
    _assert_styled_and_scripted(page)
    page.locator(".md-tabs a.md-tabs__link", has_text="Criteria").click()
    page.wait_for_url(re.compile(r"/criteria/index\.html$"))
    _assert_styled_and_scripted(page)
    page.locator("article a", has_text="Seal Security").first.click()
    page.wait_for_url(re.compile(r"/criteria/seal-security\.html$"))
    expect(page.locator("h1")).to_contain_text("Seal")
    _assert_styled_and_scripted(page)
    internal = page.eval_on_selector_all(
        "a[href]", "as => as.map(a => a.getAttribute('href')).filter(h => !/^([a-z]+:|#)/.test(h))")
    assert internal, "no internal links on the page"
    folders = [h for h in internal if not re.search(r"\.(html|csv|json|xlsx|xml|zip)(#.*)?$", h)]
    assert folders == [], "links that do not name a file (from file:// they show a folder listing)"
    assert reader.problems() == []


def test_search_finds_a_criterion_by_id_and_leads_to_it(reader: Watched, offline_site: Path) -> None:
    page = reader.page
    page.goto((offline_site / "tools" / "index.html").as_uri())
    # The index (a script here, search/search_index.js) waits for the search box (docs/assets/javascripts/search.js).
    page.wait_for_timeout(500)
    assert [u for u in reader.requests if "search_index" in u] == []
    assert page.evaluate("typeof window.__index") == "undefined"
    page.click(BOX)
    page.locator(BOX).fill("6.7")
    page.locator(BOX).press("End")
    result = page.locator(".md-search-result__list a[href*='seal-security.html'][href$='#criterion-6-7']").first
    result.wait_for(timeout=20000)
    assert [u.rsplit("/", 2)[-2:] for u in reader.requests if "search_index" in u] == [["search", "search_index.js"]]
    result.click()
    page.wait_for_url(re.compile(r"/criteria/seal-security\.html\?h=6\.7#criterion-6-7$"))
    expect(page.locator("#criterion-6-7")).to_be_in_viewport()
    assert reader.problems() == []


def test_the_explorer_filters_from_file(reader: Watched, offline_site: Path) -> None:
    page = reader.page
    page.goto((offline_site / "tools" / "explorer.html").as_uri())
    page.wait_for_selector("#kb-explorer-filters:not([hidden])")
    expect(page.locator("#kb-explorer-count")).to_have_text(re.compile(r"^All \d+ criteria\.$"))
    page.select_option("#kb-x-designation", "must")
    expect(page.locator("#kb-explorer-count")).to_have_text(re.compile(r"^\d+ of \d+ criteria match\.$"))
    assert page.url.endswith("explorer.html?designation=must")
    assert reader.problems() == []


def test_the_self_assessment_keeps_its_answers_from_file(reader: Watched, offline_site: Path) -> None:
    """The self-assessment runs from file:// and its answers, kept in localStorage, survive a reload and a visit
    to another page."""
    page = reader.page
    url = (offline_site / "tools" / "self-assessment.html").as_uri()
    page.goto(url)
    page.wait_for_selector("#kb-sa-form:not([hidden])")
    page.select_option("#kb-sa-type", "highway_carriers")
    status = page.locator("#kb-sa-list select[id$='-status']").first
    status.select_option("Partly")
    field = status.get_attribute("id")
    page.goto((offline_site / "tools" / "explorer.html").as_uri())
    page.goto(url)
    page.wait_for_selector("#kb-sa-form:not([hidden])")
    assert page.input_value("#kb-sa-type") == "highway_carriers"
    assert page.input_value(f"#{field}") == "Partly"
    assert reader.problems() == []
