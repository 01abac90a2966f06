"""Every page in the sitemap, in one visit each: axe (WCAG 2.1 A and AA) in the light and dark palettes, no
console error, no failed request, no request to another host, no Content Security Policy violation, and no
sideways scrolling at 375 px.

One browser for the whole run. The pages are visited in two lanes, one browser context each, in step: both lanes
load their next page, then axe (injected once per page) runs in both at once in the light palette, then in the
dark one on the same loaded pages, then both are narrowed to a phone's width. axe is most of the time, and each
context renders in its own process, so the two lanes use both cores.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request

from tests.browser import axe
from tests.browser.test_content_security_policy import _LISTEN, sitemap_paths

pytestmark = pytest.mark.browser

LANES = 2


class Lane:
    """One context and page; every problem it sees is noted against the page it is on."""

    def __init__(self, browser: Browser, own: str, problems: dict[str, list[str]]) -> None:
        self.context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.add_init_script(_LISTEN)
        self.page: Page = self.context.new_page()
        self.path = ""
        self.problems = problems
        self.own = own
        self.page.on("console", lambda m: self.note(f"console {m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("requestfailed", lambda r: self.note(f"failed request: {r.url}"))
        self.page.on("request", self.on_request)

    def note(self, problem: str) -> None:
        self.problems.setdefault(self.path or "home", []).append(problem)

    def on_request(self, request: Request) -> None:
        if urlsplit(request.url).netloc not in (self.own, ""):
            self.note(f"request to another host: {request.url}")

    def load(self, url: str, path: str) -> bool:
        self.path = path
        self.page.set_viewport_size({"width": 1280, "height": 900})
        self.page.emulate_media(color_scheme="light")
        response = self.page.goto(url + path, wait_until="load")
        if response is None or response.status != 200:
            self.note(f"status {response.status if response else 'none'}")
            return False
        axe.inject(self.page)
        return True

    def finish(self) -> None:
        for violation in self.page.evaluate("() => window.__csp"):
            self.note(f"CSP: {violation}")
        self.page.set_viewport_size({"width": 375, "height": 740})
        self.page.wait_for_function("() => window.innerWidth === 375")
        width = self.page.evaluate("() => document.documentElement.scrollWidth")
        if width > 375:
            self.note(f"{width}px wide on a 375px screen")


def test_every_page_passes_the_reader_checks(browser: Browser, base_url: str, built_site: Path) -> None:
    problems: dict[str, list[str]] = {}
    lanes = [Lane(browser, urlsplit(base_url).netloc, problems) for _ in range(LANES)]
    paths = [p for p in sitemap_paths(built_site) if p != "404.html"]  # the 404 page has its own browser test
    assert len(paths) > 40
    visited = []
    for i in range(0, len(paths), LANES):
        loaded = [lane for lane, path in zip(lanes, paths[i:i + LANES], strict=False) if lane.load(base_url, path)]
        for scheme in axe.SCHEMES:
            for lane in loaded:
                axe.switch(lane.page, scheme)
                axe.start(lane.page, axe.WCAG_21_AA)
            for lane in loaded:
                for violation in axe.collect(lane.page):
                    lane.note(f"axe {scheme}: {violation}")
        for lane in loaded:
            lane.finish()
            visited.append(lane.path)
    for lane in lanes:
        lane.context.close()
    assert not problems, "\n".join(f"{p}: {x}" for p, found in problems.items() for x in found)
    assert sorted(visited) == sorted(paths)
