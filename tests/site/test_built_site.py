"""Checks over one strict build of the real site: links, privacy, front matter, criteria, entities, glossary."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kb import KnowledgeBase
from kb.pages import front_matter_problems, scan_docs
from kb.render.common import STATUS_LABEL, status_key
from kb.render.criteria import status_counts
from kb.render.glossary import abbreviation_title, term_anchor
from tests.support import ROOT, html_files, soup


def page(site: Path, path: str) -> BeautifulSoup:
    return soup(site, path)


def html_path(md_path: str) -> str:
    stem = md_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") + "index.html"
    return stem + "/index.html"


def test_no_repository_widget_calls_github_api(built_site: Path) -> None:
    soup = page(built_site, "index.html")
    assert soup.select('[data-md-component="source"]') == []
    assert soup.select_one("a.md-content__button[href*='/edit/main/docs/']") is not None


@pytest.mark.parametrize("path", sorted(scan_docs(ROOT / "docs")), ids=str)
def test_every_page_has_front_matter_and_shows_review_date_and_sources(built_site: Path, path: str) -> None:
    info = scan_docs(ROOT / "docs")[path]
    assert not front_matter_problems(info)
    assert info.meta.get("sources"), f"{path}: front matter lists no sources"
    soup = page(built_site, html_path(path))
    reviewed = soup.select_one(".kb-reviewed time")
    assert reviewed is not None and reviewed["datetime"] == str(info.meta["last_reviewed"])
    assert soup.select_one("h2#sources") is not None, f"{path}: no sources list"
    assert soup.select_one('meta[name="description"]')["content"] == info.meta["description"]
    assert "not affiliated with or endorsed by" in soup.select_one(".kb-notice").get_text()
    assert "{{" not in soup.select_one("article").get_text(), f"{path}: unrendered template text"


def test_every_criterion_appears_on_its_category_page_with_its_anchor(built_site: Path, kb: KnowledgeBase) -> None:
    for number, category in kb.categories.items():
        soup = page(built_site, f"criteria/{category.slug}/index.html")
        anchors = {h["id"] for h in soup.select("h3[id^=criterion-]")}
        expected = {c.anchor for c in kb.criteria_in(number)}
        assert anchors == expected, f"{category.slug}: anchors differ from the data"
        for c in kb.criteria_in(number):
            heading = soup.select_one(f"h3#{c.anchor}")
            assert heading.get_text().startswith(f"{c.id} "), heading.get_text()
            assert heading.select_one("a.headerlink")["href"] == f"#{c.anchor}"


def test_entity_pages_list_every_criterion_with_its_status_for_the_type(built_site: Path, kb: KnowledgeBase) -> None:
    for slug, entity in kb.entities.items():
        soup = page(built_site, html_path(entity.page))
        assert soup.select_one("h1").get_text().strip().startswith(entity.name)
        shown: dict[str, str] = {}
        for row in soup.select("article .kb-entity tbody tr"):
            cells = row.find_all("td")
            shown[cells[0].get_text()] = cells[2].get_text()
        # Criteria with nothing recorded for the type: one line per category, each ID linked to its entry.
        for line in soup.select("article p.kb-unconfirmed"):
            assert line.select_one(".kb-status--unknown").get_text() == "Not yet confirmed"
            assert f"for {entity.name}, no source yet" in line.get_text()
            for a in line.select("a[href*='#criterion-']"):
                assert a.get_text() not in shown, f"{slug}: {a.get_text()} shown twice"
                shown[a.get_text()] = "Not yet confirmed"
        expected = {c.id: STATUS_LABEL[status_key(c.pair(slug))] for c in kb.criteria.values()}
        assert shown == expected, slug
        total = soup.select_one(".kb-count")
        counts = status_counts(kb.criteria.values(), slug)
        assert int(total["data-must"]) == counts["must"] and int(total["data-should"]) == counts["should"], slug
        assert int(total["data-probably-not-listed"]) == counts["probably_not_listed"], slug


def test_highway_carriers_show_the_pairs_the_research_supports(built_site: Path, kb: KnowledgeBase) -> None:
    soup = page(built_site, "criteria/entities/highway-carriers/index.html")
    rows = {r.find_all("td")[0].get_text(): r for r in soup.select("article .kb-entity tbody tr")}
    confirmed = [cid for cid, r in rows.items() if r.select_one(".kb-status--must, .kb-status--should, "
                                                                ".kb-status--applies")]
    assert len(confirmed) >= 10
    for cid in confirmed:
        evidence = rows[cid].find_all("td")[3]
        assert evidence.select("a[href*='sources/'][href*='#source-']"), f"{cid} shows no source for highway carriers"


def test_every_criterion_call_gets_a_backlink_to_its_page(built_site: Path, kb: KnowledgeBase) -> None:
    """Each (criterion, page) pair from criterion("ID") calls: the criterion's entry links to that page."""
    pages = scan_docs(ROOT / "docs")
    citing = {(cid, p.path) for p in pages.values() for cid in p.cited}
    assert len(citing) > 100, "fewer criterion citations than expected"
    for cid, path in sorted(citing):
        c = kb.criteria[cid]
        if path == kb.category_of(c).page:
            continue  # the criterion's own page: a link to itself would be noise
        here = f"criteria/{kb.category_of(c).slug}/index.html"
        section = page(built_site, here).select_one(f"h3#{c.anchor}")
        targets = set()
        for sib in section.find_next_siblings():
            if sib.name == "h3":
                break
            for a in sib.select("a[href]"):
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(here), a["href"].split("#")[0]))
                targets.add(resolved + "/index.html" if not resolved.endswith(".html") else resolved)
        assert html_path(path) in {t.replace("./", "") for t in targets}, f"{cid} has no link to {path}"


def test_search_index_holds_each_criterion_heading(built_site: Path, kb: KnowledgeBase) -> None:
    index = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for c in kb.criteria.values():
        assert f"#{c.anchor}" in index, f"{c.id} is not in the search index"


def test_glossary_page_and_tooltips_agree(built_site: Path, kb: KnowledgeBase) -> None:
    assert kb.glossary, "data/glossary.yml is missing"
    terms = kb.glossary.terms
    glossary = page(built_site, "glossary/index.html")
    for t in terms:
        heading = glossary.select_one(f"#{term_anchor(t.term)}")
        assert heading is not None, t.term
        if t.expansion:  # the glossary has no tooltips of its own: each heading gives the expansion
            assert heading.get_text().startswith(f"{t.term}: {t.expansion}"), t.term
    titles: dict[str, set[str]] = {}
    for rel in html_files(built_site):
        for abbr in soup(built_site, rel).find_all("abbr"):
            titles.setdefault(abbr.get_text(), set()).add(abbr.get("title", ""))
    # Each abbreviation's tooltip, wherever it shows, is its glossary expansion (a term only the data uses has none:
    # data text is ready HTML, which the abbreviation extension does not see); the glossary's own heading writes the
    # expansion out beside the term instead (no tooltip there: kb.postbuild.quiet_abbreviations).
    abbreviations = [t for t in terms if t.abbreviation]
    assert set(titles) <= {t.term for t in abbreviations}, sorted(set(titles))
    for t in abbreviations:
        assert titles.get(t.term, {abbreviation_title(t)}) == {abbreviation_title(t)}, t.term
        heading = glossary.select_one(f"#{term_anchor(t.term)}")
        assert heading is not None and abbreviation_title(t) in heading.get_text(), t.term
    assert len([t for t in abbreviations if t.term in titles]) >= len(abbreviations) * 3 // 4, sorted(titles)


def test_downloads_are_generated_from_the_data(built_site: Path, kb: KnowledgeBase) -> None:
    rows = (built_site / "downloads" / "criteria.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + len(kb.criteria)


def test_404_page_is_helpful(built_site: Path) -> None:
    soup = page(built_site, "404.html")
    assert "Page not found" in soup.get_text()
    assert soup.select_one("article a[href$='/criteria/']") is not None


def test_pages_cite_criteria_with_the_macro_not_bare_text(kb: KnowledgeBase) -> None:
    """A known criterion named in prose must go through the macro (IDs with no record, e.g. gaps, may be named)."""
    bare = []
    for path in scan_docs(ROOT / "docs"):
        text = (ROOT / "docs" / path).read_text(encoding="utf-8")
        body = re.sub(r"\{\{.*?\}\}", "", text.split("---", 2)[-1], flags=re.S)
        body = re.sub(r"`[^`]*`", "", body)
        for match in re.finditer(r"\b(?:criterion|criteria|MSC|ID)\s+(\d{1,2}\.\d{1,2})\b", body):
            if match.group(1) in kb.criteria:
                bare.append(f"{path}: {match.group(0)}")
    assert not bare, "cite criteria with the criterion macro:\n" + "\n".join(bare[:20])


def test_sources_lists_cite_each_source_once_and_include_data_sources(built_site: Path, kb: KnowledgeBase) -> None:
    for path in sorted(scan_docs(ROOT / "docs")):
        heading = page(built_site, html_path(path)).select_one("h2#sources")
        links = [a["href"] for a in heading.find_next_sibling("ul").select("li > a:first-child")]
        assert len(links) == len(set(links)), f"{path}: a source is listed twice"
    checklists = page(built_site, "tools/inspection-checklists/index.html").select_one("h2#sources")
    listed = {a["href"] for a in checklists.find_next_sibling("ul").select("li > a:first-child")}
    assert kb.checklists
    for item in kb.checklists.checklists:
        assert {kb.sources[s].url for s in item.sources} <= listed, item.slug


def test_a_disputed_pair_shows_both_sources_on_the_entity_page(built_site: Path) -> None:
    soup = page(built_site, "criteria/entities/importers/index.html")
    row = next(r for r in soup.select("article .kb-entity tbody tr") if r.find("td").get_text() == "7.4")
    cells = row.find_all("td")
    assert cells[2].get_text() == "Disputed" and len(cells[3].select("a[href*='sources/'][href*='#source-']")) >= 2


def test_every_criterion_entry_links_to_a_report_form_with_its_id(built_site: Path, kb: KnowledgeBase) -> None:
    for c in kb.criteria.values():
        soup = page(built_site, f"criteria/{kb.category_of(c).slug}/index.html")
        entry = soup.select_one(f"h3#{c.anchor}").find_next_sibling("div", class_="kb-entry")
        report = entry.select_one("a.kb-report")
        assert report and f"criterion={c.id}" in report["href"] and "template=content-error.yml" in report["href"]
        # the category's data file, which holds all of its criteria: one edit link for the page
        edit = soup.select("article a.kb-edit-data")
        assert len(edit) == 1 and edit[0]["href"].endswith(f"/data/criteria/{c.category:02d}-"
                                                           f"{kb.categories[c.category].slug}.yml")


def test_the_link_check_reads_the_ids_and_links_an_html_parser_finds_on_every_page(built_site: Path) -> None:
    """kb/linkcheck.py reads start tags with a focused scan, not an HTML parser: on every built page it must find
    the element ids and the links (a and link elements) that BeautifulSoup's parser finds."""
    from kb.linkcheck import _Page

    for path in sorted(built_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        page, parsed = _Page(text), BeautifulSoup(text, "html.parser")
        ids = {str(e["id"]) for e in parsed.find_all(id=True)} | {str(a["name"]) for a in parsed.find_all("a")
                                                                 if a.get("name")}
        hrefs = {str(a["href"]) for a in parsed.find_all(["a", "link"], href=True)}
        found = set(page.links) | set(page.assets) | {href for _, href in page.moved}
        assert page.ids == ids, path
        assert found >= {h for h in hrefs if h}, path
