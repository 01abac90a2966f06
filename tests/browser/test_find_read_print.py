"""Find, read and print (issue 11), in a real browser: search by criterion ID and glossary term through the search
box, criteria as cards on a phone, printed page counts, the independence notice on a phone."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from kb import KnowledgeBase
from tests.browser import axe
from tests.browser.test_reader_experience import assert_tooltip_on_hover_and_focus
from tests.support import site_url

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}
BOX = "input.md-search__input"

# The best anchor of the first result, as Material's Enter key picks it (highest score in the first item), and the
# suggestion shown in the box.
FIRST_RESULT = """() => {
  const item = document.querySelector('.md-search-result__list > li');
  let best = null, score = -1;
  for (const a of item.querySelectorAll('a')) {
    const s = parseFloat(a.firstElementChild.getAttribute('data-md-score'));
    if (s > score) { score = s; best = a.href; }
  }
  return {best, suggest: document.querySelector('.md-search__suggest').textContent.replace(/\\u00a0/g, ' ')};
}"""
# The result links a reader can see in the first n results: [item index, absolute URL].
VISIBLE_RESULTS = """(n) => [...document.querySelectorAll('.md-search-result__list > li')].slice(0, n)
  .flatMap((li, i) => [...li.querySelectorAll('a')].filter(a => a.checkVisibility()).map(a => [i, a.href]))"""
# Whether a visible result leads to this glossary entry.
OFFERS_TERM = """(anchor) => [...document.querySelectorAll(`.md-search-result__list a[href*="#${anchor}"]`)]
  .some(a => a.checkVisibility() && new URL(a.href).pathname.endsWith('/glossary/'))"""


def pages_in(pdf: bytes) -> int:
    """Pages in a PDF from Chromium (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.fixture(scope="module")
def search(browser: Browser, base_url: str) -> Iterator[Page]:
    """One page with the search box open, reused by every search test in this module."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url)
    page.click(BOX)
    yield page
    context.close()


def ask(page: Page, query: str) -> None:
    """Clear the box, then type the query as a paste followed by a key, and wait for its results."""
    box = page.locator(BOX)
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__list > li')", timeout=5000)
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__list > li", timeout=5000)


def fragment(url: str) -> tuple[str, str]:
    """(path under the site, #anchor) of a result URL, without Material's ?h= highlight parameter."""
    parts = urlsplit(url)
    prefix = urlsplit(site_url()).path
    return parts.path.removeprefix(prefix), parts.fragment


def test_the_search_index_loads_on_first_focus_of_the_search_box(browser: Browser, base_url: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "search_index" in r.url else None)
    page.goto(base_url + "criteria/", wait_until="networkidle")
    loaded_before = list(asked)
    page.click(BOX)
    page.keyboard.type("seal")
    page.wait_for_selector(".md-search-result__list > li", timeout=15000)
    context.close()
    assert loaded_before == [], "the index loaded before anyone used the search box"
    assert len(asked) == 1


@pytest.mark.parametrize("key", ["/", "s"])
def test_the_search_keys_load_the_index_and_search_after_instant_navigation(browser: Browser, base_url: str,
                                                                              key: str) -> None:
    """Material's "/" and "s" focus the box, which loads the index (once): it still answers after the reader
    moved on to another page by instant navigation."""
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "search_index" in r.url else None)
    page.goto(base_url, wait_until="networkidle")
    page.locator(".md-tabs a.md-tabs__link", has_text="Criteria").click()
    page.wait_for_url("**/criteria/")
    page.wait_for_load_state("networkidle")
    loaded_before = list(asked)
    page.keyboard.press(key)
    expect(page.locator(BOX)).to_be_focused()
    page.keyboard.type("6.7")
    result = page.locator(".md-search-result__list a[href$='#criterion-6-7']").first
    result.wait_for(timeout=15000)
    context.close()
    assert loaded_before == [], "the index loaded before anyone used the search box"
    assert len(asked) == 1


def test_every_criterion_id_is_the_first_result_and_never_autocompletes_longer(search: Page,
                                                                                 kb: KnowledgeBase) -> None:
    problems = []
    for cid, c in kb.criteria.items():
        ask(search, cid)
        got = search.evaluate(FIRST_RESULT)
        if fragment(got["best"])[1] != c.anchor or got["suggest"] not in ("", cid):
            problems.append(f"{cid}: first result {got['best']}, suggestion {got['suggest']!r}")
            if len(problems) == 5:
                break
    assert problems == [], "\n".join(problems)


def test_every_glossary_term_and_expansion_is_offered_and_leads_to_its_entry(search: Page,
                                                                              kb: KnowledgeBase) -> None:
    assert kb.glossary is not None
    problems = []
    for term in kb.glossary.terms:
        for query in [term.term, *([term.expansion] if term.expansion else [])]:
            ask(search, query)
            if not search.evaluate(OFFERS_TERM, term.anchor):
                problems.append(f"{query!r} does not offer glossary/#{term.anchor}")
    assert problems == [], "\n".join(problems)


def test_a_glossary_result_lands_on_the_term(search: Page) -> None:
    ask(search, "VVTT")
    search.locator(".md-search-result__list a[href*='glossary/'][href$='#term-vvtt']").first.click()
    expect(search.locator("h3#term-vvtt")).to_be_in_viewport()
    assert search.url.endswith("#term-vvtt")
    search.click(BOX)


@pytest.mark.parametrize(("query", "expected"), [
    ("VVTT", ["glossary/#term-vvtt", "criteria/seal-security/#criterion-6-7"]),
    ("ISPM 15", ["glossary/#term-ispm-15", "criteria/agricultural-security/#criterion-8-1"]),
    ("17-point", ["tools/inspection-checklists/#seventeen-point-tractor-and-trailer-inspection",
                  "criteria/conveyance-and-iit-security/"]),
    ("seal", ["criteria/seal-security/"]),
    ("forced labor", ["criteria/business-partners/#criterion-3-9"]),
])
def test_everyday_searches_find_the_expected_pages_among_the_first_three(search: Page, query: str,
                                                                         expected: list[str]) -> None:
    ask(search, query)
    first_three = {"#".join(fragment(url)).rstrip("#") for _, url in search.evaluate(VISIBLE_RESULTS, 3)}
    assert set(expected) <= first_three, f"{query!r}: {sorted(first_three)}"


def test_every_glossary_term_is_in_the_table_of_contents_grouped_by_letter(browser: Browser, base_url: str,
                                                                          kb: KnowledgeBase) -> None:
    assert kb.glossary is not None
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "glossary/")
    toc = page.locator(".md-sidebar--secondary nav.md-nav--secondary")  # (Material writes absolute hrefs)
    listed = toc.locator("a[href*='#term-']").evaluate_all("els => els.map(a => new URL(a.href).hash)")
    letters = toc.locator("a[href*='#letter-']").count()
    nested = toc.locator("a[href*='#letter-'] + nav a[href*='#term-']").count()
    context.close()
    assert sorted(listed) == sorted(f"#{t.anchor}" for t in kb.glossary.terms)
    assert letters > 1 and nested == len(listed)


def test_abbreviations_link_to_their_glossary_entry_with_the_tooltip_on_hover_and_focus(page: Page,
                                                                                       base_url: str) -> None:
    page.goto(base_url + "program/")
    abbr = page.locator("article abbr:has(a.kb-abbr)").first
    link = abbr.locator("a")
    assert_tooltip_on_hover_and_focus(page, abbr, link)
    link.click()
    assert re.search(r"/glossary/#term-[a-z0-9-]+$", page.url)
    expect(page.locator(f"h3#{page.url.rsplit('#', 1)[1]}")).to_be_in_viewport()


# ---- Criteria on a phone ---------------------------------------------------------------------------------------
def criteria_table_pages(site: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(site)).removeprefix(".") + "/" for p in site.rglob("index.html")
                  if 'class="kb-table kb-cards' in p.read_text(encoding="utf-8"))


def test_every_criteria_badge_is_in_view_at_375px(browser: Browser, base_url: str, built_site: Path) -> None:
    paths = criteria_table_pages(built_site)
    assert len(paths) >= 25, paths  # 12 categories, 13 entity types and the pages that show a criteria table
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    problems = []
    for path in paths:
        page.goto(base_url + path)
        rows, outside = page.evaluate("""() => {
          const rows = [...document.querySelectorAll('.kb-cards tbody tr')];
          const outside = rows.flatMap(tr => [...tr.querySelectorAll('.kb-badge, .kb-status')]
            .filter(b => { const r = b.getBoundingClientRect();
                           return r.width === 0 || r.left < 0 || r.right > window.innerWidth; })
            .map(() => tr.querySelector('td').textContent.trim()));
          return [rows.length, outside];
        }""")
        if not rows or outside:
            problems.append(f"{path}: {rows} rows, badges out of view in {outside[:5]}")
    context.close()
    assert problems == [], "\n".join(problems)


def test_criteria_cards_are_still_a_table_for_screen_readers(browser: Browser, base_url: str) -> None:
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(base_url + "criteria/entities/highway-carriers/")
    assert page.locator(".kb-cards tbody tr").first.evaluate("tr => getComputedStyle(tr).display") == "block"
    tables, rows = page.evaluate("() => [document.querySelectorAll('.kb-cards table').length, "
                                 "document.querySelectorAll('.kb-cards tbody tr').length]")
    tree = context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    context.close()
    roles = [n.get("role", {}).get("value") for n in tree]
    # a table for each category with a criterion recorded for the type (ID, criterion, status, evidence)
    assert tables >= 4 and rows >= 10, (tables, rows)
    assert roles.count("table") >= tables, f"{roles.count('table')} tables in the accessibility tree"
    assert roles.count("columnheader") >= 4 * tables and roles.count("cell") >= 4 * rows
    assert roles.count("row") >= rows + tables


@pytest.fixture(scope="module")
def phone_axe(browser: Browser, base_url: str) -> Iterator[Callable[[str], dict[str, list[str]]]]:
    """axe's default rules on a page loaded once on a phone, in both palettes (computed on first use)."""
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    found: dict[str, dict[str, list[str]]] = {}

    def audit(path: str) -> dict[str, list[str]]:
        if path not in found:
            page.goto(base_url + path, wait_until="load")
            found[path] = axe.both_palettes(page, axe.DEFAULT_RULES)
        return found[path]

    yield audit
    context.close()


@pytest.mark.parametrize("scheme", axe.SCHEMES)
@pytest.mark.parametrize("path", ["criteria/entities/highway-carriers/", "criteria/seal-security/"])
def test_no_accessibility_violations_on_phone_cards(phone_axe: Callable[[str], dict[str, list[str]]], path: str,
                                                    scheme: str) -> None:
    violations = phone_axe(path)[scheme]
    assert violations == [], "\n".join(violations)


# ---- The notice ----------------------------------------------------------------------------------------------
def test_the_independence_notice_takes_at_most_two_lines_on_a_phone_and_links_to_the_statement(
        browser: Browser, base_url: str) -> None:
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(base_url + "criteria/entities/importers/")
    height, line = page.locator(".kb-notice").evaluate(
        "p => [p.getBoundingClientRect().height, parseFloat(getComputedStyle(p).lineHeight)]")
    banner = page.locator(".md-banner").bounding_box()
    page.locator(".kb-notice a[href$='#independence']").click()
    expect(page.locator("#independence .admonition")).to_be_in_viewport()
    context.close()
    assert height <= 2 * line + 1, f"the notice is {height / line:.1f} lines"
    assert banner is not None and banner["height"] <= 70


# ---- Print -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["", "criteria/entities/importers/", "criteria/seal-security/", "glossary/",
                                  "tools/inspection-checklists/", "seminars/breach-prevention/"])
def test_every_page_prints_without_navigation_and_names_itself(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    page.emulate_media(media="print")
    for chrome in [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
                   ".md-banner", ".md-footer", ".md-content__button"]:
        expect(page.locator(chrome).first).to_be_hidden()
    meta = page.locator(".kb-print-meta")
    expect(meta).to_be_visible()
    text = " ".join(meta.inner_text().split())
    title = page.locator("h1").first.inner_text().strip()
    assert title.removesuffix("¶").strip() in text and site_url() + path in text and "Last reviewed 20" in text
    internal = page.evaluate("""() => {
      const sources = new Set(document.querySelectorAll('#sources ~ ul a'));
      return [...document.querySelectorAll('article a')].filter(a => !sources.has(a))
        .map(a => getComputedStyle(a, '::after').content).filter(c => c.includes('http'));
    }""")
    assert internal == [], "links outside the sources list print their address"
    if page.locator("#sources ~ ul a[href^='http']").count():
        content = page.locator("#sources ~ ul a[href^='http']").first.evaluate(
            "a => getComputedStyle(a, '::after').content")
        assert "http" in content, "the sources list should print its addresses"


@pytest.mark.parametrize("slug", ["importers", "highway-carriers", "foreign-manufacturers"])
def test_an_entity_page_prints_as_a_checklist_of_at_most_12_letter_pages(page: Page, base_url: str,
                                                                         slug: str) -> None:
    page.goto(base_url + f"criteria/entities/{slug}/", wait_until="networkidle")
    page.emulate_media(media="print")
    box = page.locator(".kb-entity tbody td:first-child").first.evaluate(
        "td => getComputedStyle(td, '::before').borderTopStyle")
    assert box == "solid", "each criterion prints with a box to tick"
    expect(page.locator(".kb-entity th:nth-child(4)").first).to_be_hidden()  # evidence: the sources print once
    pdf = page.pdf(format="Letter")
    assert pages_in(pdf) <= 12


ISOLATE_FORM = """(i) => {
  const article = document.querySelector('article.md-content__inner');
  const form = article.querySelectorAll('.kb-checklist')[i];
  let heading = form.previousElementSibling;
  while (heading.tagName !== 'H2') heading = heading.previousElementSibling;
  const keep = new Set([form]);
  for (let e = heading; e !== form; e = e.nextElementSibling) keep.add(e);
  for (const e of [...article.children]) if (!keep.has(e)) e.remove();
  const breaks = getComputedStyle(heading).breakBefore;
  heading.style.breakBefore = 'auto';  // first on the page now: a break would only add a blank page
  return breaks;
}"""


def test_each_inspection_checklist_prints_as_a_one_page_form(page: Page, base_url: str, kb: KnowledgeBase) -> None:
    assert kb.checklists is not None
    page.goto(base_url + "tools/inspection-checklists/")
    forms = page.locator(".kb-checklist").count()
    expect(page.locator(".kb-form-lines").first).to_be_hidden()  # on screen: the fields are a sentence
    assert forms == len(kb.checklists.checklists)
    for i in range(forms):
        page.goto(base_url + "tools/inspection-checklists/")
        page.emulate_media(media="print")
        breaks = page.evaluate(ISOLATE_FORM, i)
        lines = page.locator(".kb-form-lines p").first.evaluate(
            "p => getComputedStyle(p, '::after').borderBottomStyle")
        assert breaks == "page", f"checklist {i + 1} does not start a page"
        assert lines == "solid", "the fields to record print as lines to write on"
        assert pages_in(page.pdf(format="Letter")) == 1, f"checklist {i + 1} does not fit on one page"
