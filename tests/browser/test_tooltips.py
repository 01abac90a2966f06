"""The site's tooltips (docs/assets/javascripts/tooltips.js), in place of Material's content.tooltips: nothing is
built at load; on hover or focus a titled element shows its title in Material's tooltip; Escape dismisses it, the
pointer can move onto it, its title comes back when it hides, and it works in the dark palette, on a phone and
after an instant navigation. (Hover and focus on abbreviations and criterion links: test_reader_experience.py.)"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser import axe
from tests.browser.hosting import HOST, serve
from tests.support import site_url

pytestmark = pytest.mark.browser

SHOWN = ".md-tooltip2--active"
CRITERION = "article a.kb-criterion[title]"


def _titled(page: Page, selector: str, mark: str = "host") -> Locator:
    """The first element the selector finds, by a mark of its own: a titled element loses its title while shown."""
    page.locator(selector).first.evaluate("(e, m) => e.setAttribute('data-test', m)", mark)
    return page.locator(f"[data-test='{mark}']")


def _shows_its_title(page: Page, host: Locator) -> str:
    title = host.get_attribute("title")
    assert title
    host.hover()
    expect(page.locator(SHOWN)).to_have_text(title)
    return title


def test_nothing_is_built_before_the_first_hover_or_focus(page: Page, base_url: str) -> None:
    page.goto(base_url + "criteria/conventions/", wait_until="load")
    page.wait_for_timeout(500)
    assert page.locator(".md-tooltip2, .md-tooltip, [role=tooltip]").count() == 0
    assert page.locator("article [title]").count() > 0, "the page's titles are still in the markup"
    _shows_its_title(page, _titled(page, CRITERION))
    assert page.locator(".md-tooltip2").count() == 1


def test_the_title_is_aside_only_while_shown_and_describes_the_element(page: Page, base_url: str) -> None:
    page.goto(base_url + "criteria/conventions/")
    link = _titled(page, CRITERION)
    title = link.get_attribute("title")
    assert title and link.get_attribute("aria-describedby") is None
    link.hover()
    expect(page.locator(SHOWN)).to_have_text(title)
    tooltip_id = page.locator(SHOWN).get_attribute("id")
    assert tooltip_id and link.get_attribute("aria-describedby") == tooltip_id
    assert link.get_attribute("title") is None  # no native tooltip on top of it
    page.mouse.move(0, 0)
    expect(page.locator(SHOWN)).to_have_count(0)
    expect(link).to_have_attribute("title", title)
    assert link.get_attribute("aria-describedby") is None
    # Faded out, it leaves the page: nothing is left for a screen reader to find at its end.
    expect(page.locator(".md-tooltip2")).to_have_count(0)


def test_escape_dismisses_it_and_it_stays_dismissed_until_the_reader_moves_on(page: Page, base_url: str) -> None:
    page.goto(base_url + "criteria/conventions/")
    link = _titled(page, CRITERION)
    title = _shows_its_title(page, link)
    page.keyboard.press("Escape")
    expect(page.locator(SHOWN)).to_have_count(0)
    expect(link).to_have_attribute("title", title)
    page.wait_for_timeout(400)
    expect(page.locator(SHOWN)).to_have_count(0)  # the pointer still rests on it
    link.focus()  # focus: shown again
    expect(page.locator(SHOWN)).to_have_text(title)
    page.keyboard.press("Escape")
    expect(page.locator(SHOWN)).to_have_count(0)


def test_the_pointer_can_move_onto_the_tooltip(page: Page, base_url: str) -> None:
    page.goto(base_url + "criteria/conventions/")
    link = _titled(page, CRITERION)
    link.evaluate("e => e.scrollIntoView({block: 'center'})")
    title = _shows_its_title(page, link)
    page.wait_for_timeout(500)  # until it has slid into place
    box = page.locator(SHOWN + " .md-tooltip2__inner").bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=8)
    page.wait_for_timeout(600)
    expect(page.locator(SHOWN)).to_have_text(title)
    page.mouse.move(0, 0, steps=4)
    expect(page.locator(SHOWN)).to_have_count(0)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_tooltip_is_inside_the_screen_and_axe_finds_nothing(browser: Browser, base_url: str,
                                                                          scheme: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(base_url + "criteria/conventions/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", axe.SCHEMES[scheme])
    # A criterion link in the article, and the palette toggle near the right edge of the header.
    hosts = [_titled(page, CRITERION), _titled(page, ".md-header label[for^='__palette'][title]:visible", "header")]
    for host in hosts:
        host.evaluate("e => e.scrollIntoView({block: 'center'})")
        page.mouse.move(0, 0)
        _shows_its_title(page, host)
        page.wait_for_timeout(500)
        box = page.locator(SHOWN + " .md-tooltip2__inner").bounding_box()
        assert box and box["width"] > 0
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740, box
    axe.inject(page)
    violations = axe.run(page, axe.WCAG_21_AA)
    context.close()
    assert not violations, "\n".join(violations)


def test_tooltips_work_after_an_instant_navigation(browser: Browser, built_site: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    serve(context, built_site, urlsplit(site_url()).path)
    page = context.new_page()
    page.goto(HOST + urlsplit(site_url()).path + "criteria/conventions/", wait_until="networkidle")
    page.evaluate("() => { window.__same_document = true; }")
    link = _titled(page, CRITERION)
    _shows_its_title(page, link)
    link.click()  # to the criterion on its category page, by instant navigation, with the tooltip shown
    expect(page).to_have_url(re.compile(r"/criteria/[a-z-]+/#criterion-"))
    assert page.evaluate("() => window.__same_document") is True, "the link reloaded the page"
    expect(page.locator(SHOWN)).to_have_count(0)
    page.mouse.move(0, 0)
    titled = _titled(page, "article a.headerlink[title]")
    titled.evaluate("e => e.scrollIntoView({block: 'center'})")
    _shows_its_title(page, titled)
    titled.blur()
    page.mouse.move(0, 0)
    page.locator("article abbr[title]").first.focus()
    expect(page.locator(SHOWN)).to_have_count(1)
    context.close()


def test_a_header_tooltip_stays_under_its_button_while_the_page_scrolls(page: Page, base_url: str) -> None:
    page.goto(base_url + "criteria/conventions/")
    logo = _titled(page, ".md-header a.md-logo[title]")
    _shows_its_title(page, logo)
    page.evaluate("() => window.scrollBy(0, 600)")
    page.wait_for_function("() => window.scrollY >= 300")
    page.wait_for_timeout(500)
    below = page.locator(SHOWN + " .md-tooltip2__inner").bounding_box()
    host = logo.bounding_box()
    assert below and host and host["y"] + host["height"] <= below["y"] <= host["y"] + host["height"] + 40, below
