"""Every page in the sitemap, in one visit each: axe (WCAG 2.1 A and AA) in the light and dark palettes, no
console error, no failed request, no request to another host, no Content Security Policy violation, and no
sideways scrolling at 375 px.

One browser for the whole run and one context for all pages; axe is injected once per page and run in both
palettes on the same loaded page, and the phone width is checked by resizing that page.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Request

from tests.browser.test_content_security_policy import _LISTEN, sitemap_paths

pytestmark = pytest.mark.browser

_AXE_OPTIONS = json.dumps({"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                           "resultTypes": ["violations"]})
_SCHEMES = {"light": "default", "dark": "slate"}


def _axe(page: Page, scheme: str) -> list[str]:
    """Switch the system colour scheme (the site follows it, as a reader's browser would) and run axe."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=_SCHEMES[scheme])
    result = page.evaluate(f"async () => await axe.run(document, {_AXE_OPTIONS})")
    return [f"{scheme}: {v['id']} ({len(v['nodes'])}): {v['nodes'][0]['target']}" for v in result["violations"]]


def test_every_page_passes_the_reader_checks(browser: Browser, base_url: str, built_site: Path) -> None:
    own = urlsplit(base_url).netloc
    problems: dict[str, list[str]] = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_LISTEN)
    page = context.new_page()
    current: list[str] = [""]

    def note(problem: str) -> None:
        problems.setdefault(current[0] or "home", []).append(problem)

    def on_request(request: Request) -> None:
        if urlsplit(request.url).netloc not in (own, ""):
            note(f"request to another host: {request.url}")

    page.on("console", lambda m: note(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("requestfailed", lambda r: note(f"failed request: {r.url}"))
    page.on("request", on_request)
    axe_source = Axe().axe_script
    paths = [p for p in sitemap_paths(built_site) if p != "404.html"]  # the 404 page has its own browser test
    assert len(paths) > 40
    for path in paths:
        current[0] = path
        page.set_viewport_size({"width": 1280, "height": 900})
        page.emulate_media(color_scheme="light")
        response = page.goto(base_url + path, wait_until="load")
        if response is None or response.status != 200:
            note(f"status {response.status if response else 'none'}")
            continue
        page.evaluate(axe_source)
        for scheme in _SCHEMES:
            for violation in _axe(page, scheme):
                note(f"axe {violation}")
        for violation in page.evaluate("() => window.__csp"):
            note(f"CSP: {violation}")
        page.set_viewport_size({"width": 375, "height": 740})
        page.wait_for_timeout(50)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        if width > 375:
            note(f"{width}px wide on a 375px screen")
    context.close()
    assert not problems, "\n".join(f"{p}: {x}" for p, found in problems.items() for x in found)
