"""The Content Security Policy in a real browser: no violation on any page, and an injected script never runs."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.hosting import HOST, serve
from tests.support import site_url

pytestmark = pytest.mark.browser

# Collects every violation the document reports, from the first byte on (init scripts are not subject to CSP).
_LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`));
"""

# What the search shows, for a failure message: each result link with its score, and whether it is folded away.
RESULTS = """() => [...document.querySelectorAll('.md-search-result__list a')].slice(0, 12).map(a =>
  `${a.checkVisibility() ? 'shown ' : 'folded'} ${a.querySelector('article')?.dataset.mdScore} ${a.href}`)
  .join('\\n')"""


def sitemap_paths(site: Path) -> list[str]:
    """Every page of the sitemap, as a path under the site's root ("" for the home page), plus the 404 page."""
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    root = site_url()
    assert locs and all(loc.startswith(root) for loc in locs)
    return [loc.removeprefix(root) for loc in locs] + ["404.html"]


def _watched_page(browser: Browser, console: list[str], site: Path | None = None) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_LISTEN)
    if site is not None:
        serve(context, site, urlsplit(site_url()).path)
    page = context.new_page()
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    return page


def test_search_and_instant_navigation_work_under_the_policy(browser: Browser, built_site: Path) -> None:
    """On the default port, as in production (Material's instant navigation needs it: see hosting.py)."""
    console: list[str] = []
    page = _watched_page(browser, console, built_site)
    page.goto(HOST + urlsplit(site_url()).path, wait_until="networkidle")
    page.evaluate("() => { window.__same_document = true; }")
    # Instant navigation: a tab, then a page two levels down, then search and a result, all without a reload.
    page.locator(".md-tabs__link", has_text="Criteria").first.click()
    expect(page).to_have_url(re.compile(r"/criteria/$"))
    assert page.evaluate("() => window.__same_document") is True, "the tab reloaded the page"
    page.locator("article a[href$='criteria/seal-security/']").first.click()  # Material makes links absolute
    expect(page).to_have_url(re.compile(r"/criteria/seal-security/$"))
    assert page.evaluate("() => window.__same_document") is True, "the link reloaded the page"
    page.click("input.md-search__input")
    page.keyboard.type("6.7")
    result = page.locator(".md-search-result__item a[href*='#criterion-6-7']").first
    try:
        expect(result).to_be_visible(timeout=15000)
    except AssertionError as shown:
        raise AssertionError(f"6.7 is not shown; the results are:\n{page.evaluate(RESULTS)}") from shown
    result.click()
    expect(page.locator("h3#criterion-6-7")).to_be_visible()
    assert page.evaluate("() => window.__same_document") is True, "a link reloaded the page: no instant navigation"
    violations = page.evaluate("() => window.__csp")
    page.context.close()
    assert not violations and not console, "\n".join(violations + console)


def test_an_injected_inline_script_is_blocked(browser: Browser, base_url: str) -> None:
    """What a hostile title would do through a tooltip's innerHTML: the policy stops it and reports it."""
    console: list[str] = []
    page = _watched_page(browser, console)
    page.goto(base_url, wait_until="load")
    page.evaluate("""() => { document.querySelector("article").insertAdjacentHTML("beforeend",
        '<img src="nowhere.png" onerror="window.__pwned = true">'); }""")
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("() => window.__pwned") is None
    page.context.close()
