"""What a page load costs the reader's browser beyond the page itself. Material's instant navigation makes every
link absolute as its script starts; a stylesheet given a new address is loaded and applied again, a restyle of the
whole page. overrides/main.html makes the stylesheets' addresses absolute before the body exists, so that pass
leaves them alone (benchmarks/RESULTS.md, issue 12). And they stay the same across an instant navigation."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.hosting import serve
from tests.support import site_url

pytestmark = pytest.mark.browser

# Before any page script: note each change of a stylesheet's address, and whether the body existed at the time.
_WATCH_STYLESHEETS = """
window.__kbStylesheetChanges = [];
new MutationObserver(records => {
  for (const r of records) {
    if (r.target.matches('link[rel=stylesheet]')) {
      window.__kbStylesheetChanges.push({href: r.target.getAttribute('href'), withBody: !!document.body});
    }
  }
}).observe(document, {attributes: true, attributeFilter: ['href'], subtree: true});
"""


@pytest.mark.parametrize("path", ["", "criteria/entities/importers/", "criteria/procedural-security/"])
def test_no_stylesheet_changes_address_once_the_page_has_a_body(page: Page, base_url: str, path: str) -> None:
    page.add_init_script(_WATCH_STYLESHEETS)
    page.goto(base_url + path, wait_until="load")
    page.wait_for_function("() => window.document$ !== undefined")
    page.wait_for_timeout(300)
    changes = page.evaluate("window.__kbStylesheetChanges")
    sheets = page.locator("link[rel=stylesheet]").evaluate_all("ls => ls.map(l => l.getAttribute('href'))")
    assert sheets and all(h.startswith(base_url) for h in sheets), sheets  # absolute, so Material's pass skips them
    assert changes and not [c for c in changes if c["withBody"]], changes


def test_an_instant_navigation_keeps_the_same_stylesheets(browser: Browser, built_site: Path) -> None:
    """Served on the default port, as in production, so that Material's instant navigation runs (hosting.py)."""
    context = browser.new_context()
    base, foreign = serve(context, built_site, urlsplit(site_url()).path)
    page = context.new_page()
    page.goto(base + "criteria/", wait_until="networkidle")
    # Marked with properties, not attributes: Material keeps a head element whose markup is unchanged.
    page.evaluate("window.kbSameDocument = true")
    before = page.locator("link[rel=stylesheet]").evaluate_all("ls => ls.map(l => { l.kbKept = 1; return l.href; })")
    page.locator("article a[href*='procedural-security']").first.click()
    page.wait_for_url("**/criteria/procedural-security/")
    assert page.evaluate("window.kbSameDocument") is True, "a link reloaded the page: no instant navigation"
    after = page.locator("link[rel=stylesheet]").evaluate_all("ls => ls.map(l => [l.href, l.kbKept])")
    context.close()
    assert after == [[href, 1] for href in before]  # the same elements: nothing loaded or applied again
    assert foreign == []
