"""The same site from both engines: MkDocs + Material (primary) and Zensical (its successor, see CONTRIBUTING).

Each engine builds once per session (the built_site and zensical_site fixtures). Whatever belongs to the engine
rather than to the site is listed in ENGINE_DIFFERENCES below, and only there, each entry with the reason.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from kb import KnowledgeBase
from kb.linkcheck import check_site
from tests.support import html_files, site_url
from tests.support import soup as parsed


@dataclass(frozen=True)
class EngineDifference:
    why: str
    mkdocs_files: tuple[str, ...] = ()    # globs (after HASH below) of files only MkDocs writes
    zensical_files: tuple[str, ...] = ()  # globs of files only Zensical writes
    zensical_ids: tuple[str, ...] = ()    # element ids inside <article> that only Zensical adds
    own_links: tuple[str, ...] = ()       # pages whose article links each engine writes its own way


# Every difference between the two builds that the parity tests accept. Nothing else may differ; and each entry
# must still be true (test_every_documented_difference_still_holds), so the list never goes stale.
ENGINE_DIFFERENCES = {
    "search index": EngineDifference(
        "Material writes a lunr index to search/search_index.json; Zensical writes its own format ('items' "
        "instead of 'docs', no lunr pipeline) to search.json in the site root. Both hold every criterion "
        "(test_each_search_index_holds_every_criterion).",
        mkdocs_files=("search/search_index.json",), zensical_files=("search.json",)),
    "lunr language files": EngineDifference(
        "Material's search runs lunr in the browser and ships its language and segmenter files; Zensical's "
        "search bundle has no lunr.",
        mkdocs_files=("assets/javascripts/lunr/*",)),
    "source maps": EngineDifference(
        "Material ships .map files next to its minified JavaScript and CSS; Zensical ships none.",
        mkdocs_files=("assets/*.map",)),
    "theme stylesheet folders": EngineDifference(
        "Zensical ships two looks, classic (Material's, chosen in zensical.yml) and modern, each in its own "
        "folder; Material has one, at the top of assets/stylesheets/.",
        mkdocs_files=("assets/stylesheets/main.HASH.min.css", "assets/stylesheets/palette.HASH.min.css"),
        zensical_files=("assets/stylesheets/classic/*.css", "assets/stylesheets/modern/*.css")),
    "JavaScript licence file": EngineDifference(
        "Zensical puts the licences of its bundled JavaScript in a file; Material keeps them in the bundle.",
        zensical_files=("assets/javascripts/LICENSE",)),
    "gzipped sitemap": EngineDifference(
        "MkDocs also writes sitemap.xml.gz; Zensical writes sitemap.xml only (and without <lastmod>). Both "
        "list the same pages (test_sitemaps_list_the_same_pages).",
        mkdocs_files=("sitemap.xml.gz",)),
    "skip-link target": EngineDifference(
        "Zensical's template puts the target of the 'Skip to content' link, <a id=\"__skip\">, at the top of "
        "the article; Material's link targets the content without an extra element.",
        zensical_ids=("__skip",)),
    "404 page links": EngineDifference(
        "MkDocs' on_template_context hook renders the 404 page with root-relative links that overrides/404.html "
        "points at the site's root in the browser (it works at any base path); Zensical runs no MkDocs hooks, so "
        "its 404 page keeps absolute links under site_url's path and works only where the site is served there.",
        own_links=("404.html",)),
}
# Asset file names carry a hash of their content, and the two engines ship different bundles
# (bundle.a5f9d56c.min.js against bundle.77dd0ce9.min.js): names are compared with the hash replaced.
HASH = re.compile(r"\.[0-9a-f]{8}\.")
# Where each engine writes its search index (see "search index" above).
SEARCH_INDEX = {"mkdocs": "search/search_index.json", "zensical": "search.json"}


def _files(site: Path) -> set[str]:
    return {HASH.sub(".HASH.", f.relative_to(site).as_posix()) for f in site.rglob("*") if f.is_file()}


def _matches(path: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(path, g) for g in globs)


Soups = dict[str, dict[str, BeautifulSoup]]


@pytest.fixture(scope="module")
def sites(built_site: Path, zensical_site: Path) -> dict[str, Path]:
    return {"mkdocs": built_site, "zensical": zensical_site}


@pytest.fixture(scope="module")
def pages(sites: dict[str, Path]) -> Soups:
    """Every HTML page of each build, parsed once."""
    return {engine: {rel: parsed(site, rel) for rel in html_files(site)} for engine, site in sites.items()}


def _article(soup: BeautifulSoup) -> Tag:
    article = soup.select_one("article")
    assert article is not None, "no <article> in the page"
    return article


def _links(soup: BeautifulSoup) -> list[str | None]:
    return [str(a.get("href")) for a in _article(soup).select("a[href]")]


def _compare(pages: Soups, what: str, extract: Callable[[BeautifulSoup], object]) -> None:
    """Extract the same thing from each page of both builds; fail with every page where they differ."""
    differ = []
    for rel, soup in pages["mkdocs"].items():
        mkdocs, zensical = extract(soup), extract(pages["zensical"][rel])
        if mkdocs != zensical:
            differ.append(f"{rel}:\n  MkDocs:   {str(mkdocs)[:400]}\n  Zensical: {str(zensical)[:400]}")
    assert not differ, f"{what} differs on {len(differ)} page(s):\n" + "\n".join(differ[:10])


def test_both_engines_build_the_same_pages(pages: Soups) -> None:
    assert len(pages["mkdocs"]) > 40
    assert sorted(pages["mkdocs"]) == sorted(pages["zensical"])


def test_other_files_differ_only_as_documented(sites: dict[str, Path]) -> None:
    mkdocs, zensical = _files(sites["mkdocs"]), _files(sites["zensical"])
    allowed_mkdocs = tuple(g for d in ENGINE_DIFFERENCES.values() for g in d.mkdocs_files)
    allowed_zensical = tuple(g for d in ENGINE_DIFFERENCES.values() for g in d.zensical_files)
    undocumented = sorted({f"only MkDocs: {f}" for f in mkdocs - zensical if not _matches(f, allowed_mkdocs)}
                          | {f"only Zensical: {f}" for f in zensical - mkdocs if not _matches(f, allowed_zensical)})
    assert not undocumented, "undocumented engine difference(s); explain them in ENGINE_DIFFERENCES:\n" + "\n".join(
        undocumented)


def test_every_documented_difference_still_holds(sites: dict[str, Path], pages: Soups) -> None:
    """An entry that no longer matches is stale: remove it (or fix its globs) so the list stays true."""
    files = {engine: _files(site) for engine, site in sites.items()}
    stale = []
    for name, diff in ENGINE_DIFFERENCES.items():
        assert diff.why and (diff.mkdocs_files or diff.zensical_files or diff.zensical_ids or diff.own_links), name
        for rel in diff.own_links:
            if _links(pages["mkdocs"][rel]) == _links(pages["zensical"][rel]):
                stale.append(f"{name}: {rel} has the same links in both builds")
        for engine, globs in (("mkdocs", diff.mkdocs_files), ("zensical", diff.zensical_files)):
            other = "zensical" if engine == "mkdocs" else "mkdocs"
            for g in globs:
                if not any(fnmatch.fnmatchcase(f, g) for f in files[engine] - files[other]):
                    stale.append(f"{name}: no file only {engine} writes matches {g}")
        for element_id in diff.zensical_ids:
            if _article(pages["zensical"]["index.html"]).select_one(f"[id='{element_id}']") is None:
                stale.append(f"{name}: Zensical's home page has no id {element_id} in its article")
            if _article(pages["mkdocs"]["index.html"]).select_one(f"[id='{element_id}']") is not None:
                stale.append(f"{name}: MkDocs' home page has id {element_id} in its article too")
    assert not stale, "\n".join(stale)


def test_each_page_has_the_same_title(pages: Soups) -> None:
    _compare(pages, "<title> and <h1>", lambda s: (s.title.get_text(strip=True) if s.title else None,
                                                   [h.get_text(" ", strip=True) for h in s.select("article h1")]))


def test_every_anchor_is_the_same(pages: Soups, kb: KnowledgeBase) -> None:
    """Every id in the article (criterion anchors, headings, glossary terms), in order."""
    ignored = {i for d in ENGINE_DIFFERENCES.values() for i in d.zensical_ids}
    _compare(pages, "the article's ids", lambda s: [e["id"] for e in _article(s).select("[id]")
                                                    if e["id"] not in ignored])
    zensical_anchors = {e["id"] for soup in pages["zensical"].values() for e in soup.select("h3[id^=criterion-]")}
    assert zensical_anchors == {c.anchor for c in kb.criteria.values()}


def test_sources_list_and_last_reviewed_date_are_the_same(pages: Soups) -> None:
    def sources(soup: BeautifulSoup) -> list[tuple[str, str]]:
        heading = soup.select_one("h2#sources")
        listing = heading.find_next_sibling("ul") if heading else None
        items = listing.select("li") if isinstance(listing, Tag) else []
        return [(li.get_text(" ", strip=True), str([a.get("href") for a in li.select("a")])) for li in items]

    _compare(pages, "the sources list", sources)
    _compare(pages, "the last-reviewed date", lambda s: [t.get("datetime") for t in s.select(".kb-reviewed time")])
    with_sources = [rel for rel, soup in pages["zensical"].items() if sources(soup)]
    assert len(with_sources) == len(pages["zensical"]) - 1, "every page but 404.html lists its sources"


def test_article_text_links_and_fix_ups_are_the_same(pages: Soups) -> None:
    _compare(pages, "the article's text", lambda s: _article(s).get_text(" ", strip=True))
    own = {rel for diff in ENGINE_DIFFERENCES.values() for rel in diff.own_links}
    _compare({engine: {rel: soup for rel, soup in found.items() if rel not in own} for engine, found in pages.items()},
             "the article's links", _links)
    _compare(pages, "the post-build fix-ups", lambda s: (
        [str(a) for a in s.select("abbr[tabindex]")], len(s.select("table[tabindex='0']")),
        len(s.select("input[type=checkbox][aria-hidden=true]"))))


def test_downloads_are_the_same_byte_for_byte(sites: dict[str, Path]) -> None:
    found = {engine: sorted(p.relative_to(site).as_posix() for p in (site / "downloads").rglob("*") if p.is_file())
             for engine, site in sites.items()}
    assert found["mkdocs"] == found["zensical"]
    assert "downloads/criteria.csv" in found["mkdocs"]
    for rel in found["mkdocs"]:
        assert (sites["mkdocs"] / rel).read_bytes() == (sites["zensical"] / rel).read_bytes(), rel


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_no_broken_links(sites: dict[str, Path], engine: str) -> None:
    problems = check_site(sites[engine], site_url())
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_each_search_index_holds_every_criterion(sites: dict[str, Path], engine: str, kb: KnowledgeBase) -> None:
    index = (sites[engine] / SEARCH_INDEX[engine]).read_text(encoding="utf-8")
    missing = [c.id for c in kb.criteria.values() if f"#{c.anchor}" not in index]
    assert not missing, f"{engine}'s search index lacks {missing}"


def test_sitemaps_list_the_same_pages(sites: dict[str, Path]) -> None:
    def locs(site: Path) -> list[str]:
        return sorted(re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))

    assert locs(sites["mkdocs"]) == locs(sites["zensical"])
    assert len(locs(sites["zensical"])) > 40


# Each file in overrides/ and what shows that it took effect. CONTRIBUTING ("Two engines") says how each one
# behaves under Zensical; a new override must be added to both.
OVERRIDES = {
    "main.html": lambda s: s.select_one(".kb-notice") is not None and s.select_one(".kb-reviewed time") is not None,
    "404.html": lambda s: "Page not found" in _article(s).get_text(),
    "partials/search.html": lambda s: s.select_one(".md-search[role=dialog][aria-label]") is not None,
    "partials/source.html": lambda s: (s.select_one("a.kb-source") is not None
                                       and s.select_one("[data-md-component=source]") is None),
    "partials/palette.html": lambda s: (s.select_one("form#kb-palette input[name=__palette]") is not None
                                        and s.select_one("[data-md-component=palette]") is None),
    "partials/javascripts/palette.html": lambda s: any("function kbPalette(" in (script.string or "")
                                                       for script in s.select("header script")),
}


def test_every_override_takes_effect_in_both_engines(pages: Soups, repo_root: Path) -> None:
    on_disk = sorted(p.relative_to(repo_root / "overrides").as_posix() for p in (repo_root / "overrides").rglob("*")
                     if p.is_file())
    assert on_disk == sorted(OVERRIDES), "a new override: add its check here and its Zensical note to CONTRIBUTING"
    failed = [f"{engine}: {name}" for engine in pages for name, check in OVERRIDES.items()
              if not check(pages[engine]["404.html" if name == "404.html" else "criteria/seal-security/index.html"])]
    assert not failed, f"override(s) without effect: {failed}"
