"""Old deep links into a split guide (seminars/<guide>/#<section>) land on the section's new page: on the served
site when loaded, after an instant navigation and when only the fragment changes, and in the offline copy
(file://, .html pages). A fragment the page still has stays where it is."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.hosting import serve
from tests.browser.test_offline import Watched, reader  # noqa: F401 (the fixture)
from tests.support import site_url

pytestmark = pytest.mark.browser

OLD = "seminars/breach-prevention/#incident-response"
NEW = re.compile(r"/seminars/breach-prevention/access-and-incidents/#incident-response$")


def _landed(page: Page) -> None:
    heading = page.locator("h2#incident-response")
    expect(heading).to_be_visible()
    expect(heading).to_be_in_viewport()


def test_an_old_deep_link_lands_on_the_sections_new_page(page: Page, base_url: str) -> None:
    page.goto(base_url + OLD)
    page.wait_for_url(NEW)
    _landed(page)
    page.go_back()  # the old address was replaced, not kept in the history
    assert not page.url.endswith(OLD)


def test_after_an_instant_navigation_and_a_fragment_change(browser: Browser, built_site: Path) -> None:
    """Served on the default port, as in production, so that Material's instant navigation runs (hosting.py)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    base, foreign = serve(context, built_site, urlsplit(site_url()).path)
    page = context.new_page()
    page.goto(base + "seminars/", wait_until="networkidle")
    page.evaluate("""() => {
        window.__same_document = true;
        const a = document.createElement('a');
        a.href = 'breach-prevention/#breach-scenarios'; a.id = 'old-link'; a.textContent = 'old link';
        document.querySelector('article').prepend(a);
    }""")
    page.click("#old-link")
    expect(page).to_have_url(re.compile(r"/seminars/breach-prevention/scenarios/#breach-scenarios$"))
    expect(page.locator("h2#breach-scenarios")).to_be_in_viewport()
    page.goto(base + "seminars/breach-prevention/", wait_until="networkidle")
    page.evaluate("location.hash = 'common-mistakes'")
    expect(page).to_have_url(re.compile(r"/seminars/breach-prevention/scenarios/#common-mistakes$"))
    expect(page.locator("h2#common-mistakes")).to_be_in_viewport()
    context.close()
    assert foreign == []


def test_a_fragment_the_page_has_stays_put(page: Page, base_url: str) -> None:
    page.goto(base_url + "seminars/breach-prevention/#seals")
    expect(page.locator("h2#seals")).to_be_in_viewport()
    assert page.url.endswith("seminars/breach-prevention/#seals")


def test_the_offline_copy_follows_an_old_deep_link_from_file(reader: Watched, offline_site: Path) -> None:  # noqa: F811
    page = reader.page
    page.goto((offline_site / "seminars" / "breach-prevention" / "index.html").as_uri() + "#incident-response")
    page.wait_for_url(re.compile(r"/seminars/breach-prevention/access-and-incidents\.html#incident-response$"))
    _landed(page)
    assert reader.problems() == []
