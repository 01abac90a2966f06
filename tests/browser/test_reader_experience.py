"""What readers see, checked in a real browser: search, privacy, accessibility, phone, dark mode, keyboard, print."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

PAGES = ["", "criteria/", "criteria/seal-security/", "criteria/entities/importers/", "criteria/conventions/",
         "program/", "program/mutual-recognition/", "seminars/risk-assessment/", "seminars/breach-prevention/",
         "tools/", "tools/inspection-checklists/", "program/validation/", "glossary/", "sources/", "contributing/",
         "404.html"]


def test_search_finds_a_criterion_by_its_id(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.click("input.md-search__input")
    page.keyboard.type("6.7")
    result = page.locator(".md-search-result__item a[href*='#criterion-6-7']").first
    expect(result).to_be_visible(timeout=15000)
    result.click()
    expect(page.locator("h3#criterion-6-7")).to_be_visible()


def test_dark_mode_follows_the_system_and_can_be_toggled(browser: Browser, base_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base_url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    context.close()
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(base_url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    # The toggle cycles: follow the system -> light -> dark.
    schemes = []
    for _ in range(3):
        page.locator("label.md-header__button[for^='__palette']:visible").first.click()
        schemes.append(page.locator("body").get_attribute("data-md-color-scheme"))
    context.close()
    assert schemes == ["default", "slate", "default"]


def test_keyboard_reaches_skip_link_and_criterion_titles_show_on_focus(page: Page, base_url: str) -> None:
    page.goto(base_url + "criteria/conventions/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused.lower().startswith("skip to content")
    link = page.locator("a.kb-criterion").first
    title = link.get_attribute("title")
    assert title, "the criterion link has no title to show on hover and focus"
    link.focus()
    expect(page.locator(".md-tooltip2--active")).to_have_text(title)


def test_abbreviations_show_tooltips_on_hover_and_focus(page: Page, base_url: str) -> None:
    # Where a link is not allowed (here a criterion's heading) the abbreviation itself takes focus; elsewhere its
    # first use links to the glossary (test_find_read_print.py). (The glossary's own headings write each expansion
    # out beside its term, so they have no tooltip: kb.postbuild.quiet_abbreviations.)
    page.goto(base_url + "criteria/seal-security/")
    abbr = page.locator("article :is(h2, h3) abbr[tabindex='0']").first
    assert_tooltip_on_hover_and_focus(page, abbr, abbr)


def assert_tooltip_on_hover_and_focus(page: Page, titled: Locator, focusable: Locator) -> None:
    """The tooltip (the site's tooltips.js, in Material's look) shows the element's title when the pointer rests on
    it, and when `focusable` (the element itself, or a link inside it) takes keyboard focus."""
    title = titled.get_attribute("title")
    assert title
    titled.hover()
    expect(page.locator(".md-tooltip2--active")).to_have_text(title)
    page.mouse.move(0, 0)
    focusable.focus()
    expect(page.locator(".md-tooltip2--active")).to_have_text(title)


def test_print_hides_navigation(page: Page, base_url: str) -> None:
    page.goto(base_url + "criteria/seal-security/")
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()


def test_edit_link_points_at_the_page_source(page: Page, base_url: str) -> None:
    page.goto(base_url + "criteria/seal-security/")
    href = page.locator("a.md-content__button").first.get_attribute("href")
    assert href is not None and href.endswith("/edit/main/docs/criteria/seal-security.md")
