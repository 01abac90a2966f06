"""The offline copy's pieces without a build: links that follow use_directory_urls, the folder-link rule of the link
check, glossary links in either URL style, the iframe-worker shim's inline script in the policy, the zip, and the
Downloads page's row for it."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb import csp, iframe_worker, offline
from kb.linkcheck import check_site
from kb.models import KnowledgeBase
from kb.postbuild import glossary_links
from kb.render import downloads
from kb.render import html as h
from tests.support import tiny_site


@pytest.fixture()
def html_files() -> Iterator[None]:
    """Links as the offline copy writes them (use_directory_urls: false), put back afterwards."""
    h.use_directory_urls(False)
    yield
    h.use_directory_urls(True)


@pytest.mark.parametrize(("target", "from_page", "directory_url", "html_file"), [
    ("criteria/seal-security.md", "tools/explorer.md", "../../criteria/seal-security/",
     "../criteria/seal-security.html"),
    ("criteria/seal-security.md#criterion-6-7", "index.md", "criteria/seal-security/#criterion-6-7",
     "criteria/seal-security.html#criterion-6-7"),
    ("criteria/index.md", "criteria/seal-security.md", "../", "index.html"),
    ("index.md", "tools/index.md", "..", "../index.html"),
    ("tools/index.md", "tools/downloads.md", "../", "index.html"),
    ("tools/explorer.md", "tools/explorer.md", "./", "explorer.html"),
    ("tools/explorer.md#kb-explorer", "tools/explorer.md", "#kb-explorer", "#kb-explorer"),
    ("downloads/criteria.csv", "tools/downloads.md", "../../downloads/criteria.csv", "../downloads/criteria.csv"),
    ("downloads/criteria.csv", "index.md", "downloads/criteria.csv", "downloads/criteria.csv"),
])
def test_links_follow_use_directory_urls(target: str, from_page: str, directory_url: str, html_file: str) -> None:
    assert h.href(target, from_page) == directory_url
    h.use_directory_urls(False)
    try:
        assert h.href(target, from_page) == html_file
    finally:
        h.use_directory_urls(True)


@pytest.mark.usefixtures("html_files")
def test_page_urls_without_directory_urls_are_html_files() -> None:
    assert [h.page_url(p) for p in ("index.md", "criteria/index.md", "criteria/seal-security.md")] == [
        "index.html", "criteria/index.html", "criteria/seal-security.html"]


def test_a_source_relative_link_from_the_home_page_stays_in_the_site() -> None:
    """(Zensical's mode: the home page's folder is "", which relpath must not read as the machine's root.)"""
    h.links_relative_to_source(True)
    try:
        assert h.href("criteria/seal-security.md#x", "index.md") == "criteria/seal-security/#x"
    finally:
        h.links_relative_to_source(False)


def test_a_source_relative_link_to_the_own_folders_index_names_its_file() -> None:
    """(Zensical's mode: it rewrites "index.md" to "../" as MkDocs writes it; "./" would become ".././".)"""
    h.links_relative_to_source(True)
    try:
        assert h.href("sources/index.md#every-criterion", "sources/official.md") == "index.md#every-criterion"
        assert h.href("sources/secondary-2.md", "sources/secondary-1.md") == "secondary-2/"
    finally:
        h.links_relative_to_source(False)
    assert h.href("sources/index.md#every-criterion", "sources/official.md") == "../#every-criterion"




TOP = '<h2 id="top">x</h2>'


def test_without_directory_urls_a_link_to_a_folder_is_a_problem(tmp_path: Path) -> None:
    pages = {"index.html": '<a href="guide/">g</a><a href="guide/index.html#top">ok</a>'
                           '<a href="#top">self</a><a href="page.html">ok</a>',
             "guide/index.html": '<a href="../">up</a><a href="../index.html">ok</a>',
             "page.html": '<a href=".">here</a>'}
    site = tiny_site(tmp_path, pages, before=TOP)
    assert check_site(site) == []
    found = sorted((p.page, p.target) for p in check_site(site, directory_urls=False))
    assert found == [("guide/index.html", "../"), ("index.html", "guide/"), ("page.html", ".")]


@pytest.mark.parametrize(("glossary", "page", "link"), [
    ("glossary/index.html", "tools/index.html", "../glossary/#term-scss"),
    ("glossary/index.html", "index.html", "glossary/#term-scss"),
    ("glossary.html", "tools/explorer.html", "../glossary.html#term-scss"),
    ("glossary.html", "index.html", "glossary.html#term-scss"),
])
def test_abbreviations_link_to_the_glossary_in_either_url_style(tmp_path: Path, fixture_kb: KnowledgeBase,
                                                                glossary: str, page: str, link: str) -> None:
    site = tiny_site(tmp_path, {glossary: "", page: ""}, before=TOP)
    assert glossary_links(site, site / page, fixture_kb) == {"SCSS": link}


def test_the_shims_inline_script_is_its_two_helpers_and_the_workers_address() -> None:
    script = iframe_worker.runtime("../assets/javascripts/workers/search.x.min.js")
    assert script.startswith("postMessage=function c(s,n){parent.postMessage(s,n||\"*\")};importScripts=function d(")
    assert script.endswith('{filename:"../assets/javascripts/workers/search.x.min.js",error}))})')
    assert "${" not in script


def test_the_vendored_shim_is_the_pinned_npm_release() -> None:
    lock = json.loads((iframe_worker.SHIM.parent / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/iframe-worker"]["version"] == "1.0.4"
    # Refresh both together (CONTRIBUTING.md): the sha256 of node_modules/iframe-worker/shim/index.js of 1.0.4.
    import hashlib
    digest = hashlib.sha256(iframe_worker.SHIM.read_bytes()).hexdigest()
    assert digest == "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"


def _page(with_shim: bool) -> str:
    shim = f'<script src="../{iframe_worker.SITE_PATH}"></script>' if with_shim else ""
    config = json.dumps({"base": "..", "search": "../assets/javascripts/workers/search.x.min.js"})
    return (f'<head><meta http-equiv="Content-Security-Policy" content="{csp.PLACEHOLDER}">{shim}</head>'
            f'<body><script id="__config" type="application/json">{config}</script><script>var a=1</script></body>')


def test_an_offline_page_allows_exactly_the_shims_script_and_an_online_page_is_unchanged() -> None:
    online, offline_page = csp.fill(_page(False)), csp.fill(_page(True))
    shim_hash = csp.script_hash(iframe_worker.runtime("../assets/javascripts/workers/search.x.min.js"))
    assert online == _page(False).replace(csp.PLACEHOLDER, csp.policy([csp.script_hash("var a=1")]))
    assert shim_hash not in online and shim_hash in offline_page
    assert "unsafe" not in offline_page


def test_the_zip_holds_one_folder_and_is_the_same_bytes_every_time(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    site = tiny_site(tmp_path / "site", {"index.html": "", "tools/explorer.html": "", "search/search_index.json": "",
                                         "sitemap.xml": ""}, before=TOP)
    (site / "search" / "search_index.js").write_text("var __index = {}", encoding="utf-8")
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    assert offline.zip_site(site, first) == offline.zip_site(site, second) == 3
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["ctpat-kb-offline/index.html", "ctpat-kb-offline/search/search_index.js",
                                      "ctpat-kb-offline/tools/explorer.html"]
        assert {i.date_time for i in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_the_downloads_row_links_the_zip_only_where_the_build_publishes_it(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(offline.ZIP_ENV, raising=False)
    monkeypatch.delenv(offline.OFFLINE_ENV, raising=False)
    assert "href" not in downloads.offline_copy_cell("tools/downloads.md")
    assert "not in this build" in downloads.offline_copy_cell("tools/downloads.md")
    zipped = tmp_path / offline.ZIP_NAME
    zipped.write_bytes(b"x" * 3000)
    monkeypatch.setenv(offline.ZIP_ENV, str(zipped))
    assert downloads.offline_copy_cell("tools/downloads.md") == (
        '<a href="../../downloads/ctpat-kb-offline.zip" download="ctpat-kb-offline.zip">ctpat-kb-offline.zip</a>'
        ' <span class="kb-size">(3 KB)</span>')
    monkeypatch.setenv(offline.OFFLINE_ENV, "true")
    assert "the copy you are reading" in downloads.offline_copy_cell("tools/downloads.md")
    monkeypatch.delenv(offline.OFFLINE_ENV)
    monkeypatch.setenv(offline.ZIP_ENV, str(tmp_path / "missing.zip"))
    with pytest.raises(FileNotFoundError, match="make offline"):
        offline.offline_zip()
