"""The 404 page works wherever the site is mounted: at a domain's root (a custom domain) or under a sub-path."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.hosting import HOST, serve
from tests.support import site_url

pytestmark = pytest.mark.browser

# At a domain's root (a custom domain) and under site_url's path (GitHub Pages), on a host that is not production.
# A copy published under another path sets that address in site_url (or SITE_URL) before it builds.
MOUNTS = ["/", urlsplit(site_url()).path]
_LISTEN = """window.__csp = [];
document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective));"""


@pytest.mark.parametrize("missing", ["no-such-page", "criteria/no/such/page/"])
@pytest.mark.parametrize("mount", MOUNTS)
def test_not_found_page_is_styled_and_links_stay_on_the_site(
        browser: Browser, built_site: Path, mount: str, missing: str) -> None:
    context = browser.new_context()
    context.add_init_script(_LISTEN)
    root, foreign = serve(context, built_site, mount)
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    response = page.goto(root + missing, wait_until="networkidle")
    assert response is not None and response.status == 404
    assert failed.pop(0).endswith(missing)  # the page itself; nothing else may fail
    assert failed == [], failed

    # Styled: Material's stylesheet and the site's own loaded, and the header is Material's sticky bar.
    expect(page.locator("h1")).to_have_text("Page not found")
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert page.evaluate("() => document.styleSheets.length") >= 3

    # Every link to the site stays on this host and under this mount.
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
    production = urlsplit(site_url()).netloc
    assert not [h for h in hrefs if production in h], "links hard-coded to the production site"
    home = page.locator("article a", has_text="home page")
    expect(home).to_have_attribute("href", re.compile("."))
    assert page.evaluate("a => a.href", home.element_handle()) == root
    criteria = page.locator("article a", has_text="Minimum Security Criteria")
    assert page.evaluate("a => a.href", criteria.element_handle()) == root + "criteria/"

    # Search works from the 404 page and leads into the site.
    page.click("input.md-search__input")
    page.keyboard.type("6.7")
    result = page.locator(".md-search-result__item a[href*='#criterion-6-7']").first
    expect(result).to_be_visible(timeout=15000)
    assert (result.get_attribute("href") or "").startswith(root + "criteria/")

    # The home page link leads to the home page.
    page.goto(root + missing, wait_until="load")
    home.click()
    expect(page).to_have_url(root)
    expect(page.locator("article h1")).to_have_text(re.compile("CTPAT"))
    assert page.evaluate("() => window.__csp") == []
    context.close()
    assert foreign == []
    assert HOST in root
