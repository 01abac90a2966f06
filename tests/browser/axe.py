"""axe-core in a loaded page: inject it once, then run it in the light and the dark palette on that same page.

The site follows the reader's system colour scheme, so switching the emulated scheme switches Material's palette
(and Zensical's) without a reload. `start` and `collect` let a test run axe in two pages at once (one renderer
process each, so on two cores), as the every-page test does.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# WCAG 2.1 A and AA (the every-page and explorer checks); None runs axe's default set (WCAG and best practices).
WCAG_21_AA: dict[str, Any] = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                              "resultTypes": ["violations"]}
DEFAULT_RULES: dict[str, Any] = {"resultTypes": ["violations"]}
# The emulated system scheme, and the palette Material (and Zensical) then show.
SCHEMES = {"light": "default", "dark": "slate"}


@functools.cache
def _source() -> str:
    return str(Axe().axe_script)


def inject(page: Page) -> None:
    """Once per loaded page (a navigation drops it)."""
    page.evaluate(_source())


def switch(page: Page, scheme: str) -> None:
    """Emulate the system scheme and wait until the page shows the matching palette."""
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=SCHEMES[scheme])


def start(page: Page, options: dict[str, Any]) -> None:
    """Start axe in the page and return at once; `collect` waits for its violations."""
    page.evaluate("o => { window.__axe_run = axe.run(document, o); }", json.loads(json.dumps(options)))


def collect(page: Page) -> list[str]:
    """The violations of the run `start` began, one line each: rule (impact, nodes): first targets; help."""
    result = page.evaluate("() => window.__axe_run")
    return [f"{v['id']} ({v.get('impact')}, {len(v['nodes'])}): {[n['target'] for n in v['nodes']][:3]} {v['help']}"
            for v in result["violations"]]


def run(page: Page, options: dict[str, Any]) -> list[str]:
    start(page, options)
    return collect(page)


def both_palettes(page: Page, options: dict[str, Any]) -> dict[str, list[str]]:
    """axe in the light, then the dark palette of the page as loaded (axe injected here, once)."""
    inject(page)
    found = {}
    for scheme in SCHEMES:
        switch(page, scheme)
        found[scheme] = run(page, options)
    return found
