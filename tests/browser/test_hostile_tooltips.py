"""Hostile text in data never runs: the site's tooltips (docs/assets/javascripts/tooltips.js) show it as text, on
hover and focus."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import _QuietHandler
from tests.support import ROOT, BuildResult

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=window.__xss=1> and <b>bold</b>"


@pytest.fixture()
def hostile_site(fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> Iterator[str]:
    glossary = fixture_project / "data/glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + (
        "  - term: XSSX\n"
        f"    definition: \"{PAYLOAD} is what an attacker would write.\"\n"
        "    abbreviation: true\n    sources: [src-official]\n"), encoding="utf-8")
    # The site's own tooltip script, as the site loads it (Material's content.tooltips fails the build).
    scripts = fixture_project / "docs/assets/javascripts"
    scripts.mkdir(parents=True)
    shutil.copy(ROOT / "docs/assets/javascripts/tooltips.js", scripts)
    config = fixture_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra_javascript:\n  - assets/javascripts/tooltips.js\n",
                      encoding="utf-8")
    page = fixture_project / "docs/other.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nThe XSSX term.\n", encoding="utf-8")
    result = build_fixture()
    assert result.returncode == 0, result.output[-3000:]
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(result.site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_a_hostile_abbreviation_shows_as_text_on_hover_and_focus(browser: Browser, hostile_site: str) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_site + "other/")
    abbr = page.locator("abbr", has_text="XSSX").first
    links = abbr.locator("a")  # the first use links to its glossary entry where a link is allowed (kb.postbuild)
    focusable = links.first if links.count() else abbr
    shown = page.locator(".md-tooltip2--active .md-tooltip2__inner")
    abbr.hover()
    expect(shown).to_contain_text(PAYLOAD)  # the text itself: escaped once, no "&lt;" shown
    page.mouse.move(0, 0)
    expect(shown).to_have_count(0)
    focusable.focus()
    expect(shown).to_contain_text(PAYLOAD)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None and dialogs == []
    assert page.locator(".md-tooltip2 *").count() == 1, "an element was injected into the tooltip"
    page.close()
