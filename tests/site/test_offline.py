"""The offline copy's zip (`make offline`): one folder with the home page, the search index as a script, every page
of the published sitemap as an .html file, the iframe-worker shim, and nothing that loads from another host."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from kb import iframe_worker, offline
from kb.linkcheck import check_site
from tests.support import site_url

FOLDER = offline.FOLDER + "/"


def _names(offline_zip: Path) -> set[str]:
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    assert all(n.startswith(FOLDER) for n in names), [n for n in names if not n.startswith(FOLDER)][:5]
    return {n.removeprefix(FOLDER) for n in names}


def test_the_zip_holds_the_home_page_the_search_script_and_the_shim(offline_zip: Path) -> None:
    names = _names(offline_zip)
    assert {"index.html", "search/search_index.js", iframe_worker.SITE_PATH} <= names
    assert "search/search_index.json" not in names and "404.html" not in names
    with zipfile.ZipFile(offline_zip) as archive:
        index = archive.read(FOLDER + "search/search_index.js").decode("utf-8")
    assert index.startswith("var __index = {") and "criterion-6-7" in index


def test_every_page_of_the_published_sitemap_is_an_html_file_in_the_zip(offline_zip: Path, built_site: Path) -> None:
    names = _names(offline_zip)
    locs = re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(locs) > 40
    missing = []
    for loc in locs:
        path = loc.removeprefix(site_url())
        candidates = {path + "index.html"} | ({path.rstrip("/") + ".html"} if path else set())
        if len(candidates & names) != 1:
            missing.append(f"{loc}: none or both of {sorted(candidates)}")
    assert missing == []


def test_nothing_loads_from_another_host_and_every_link_names_a_file(offline_site: Path) -> None:
    """The link check of the offline build, run again on what the reader unzips (links to folders are problems)."""
    assert check_site(offline_site, directory_urls=False) == []
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "unpkg.com" not in text, page
        assert not re.search(r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["']?(?:https?:)?//""", text), page
        # Stylesheets, icons and preloads load; the canonical address of the page on the web does not.
        assert not re.search(r"""<link\b(?![^>]*\brel="canonical")[^>]*\bhref=["']?(?:https?:)?//""", text), page


def test_the_downloads_page_of_the_copy_names_it_without_linking_itself(offline_site: Path) -> None:
    text = (offline_site / "tools" / "downloads.html").read_text(encoding="utf-8")
    assert f"{offline.ZIP_NAME} <span class=\"kb-size\">(the copy you are reading)" in text
    assert f'href="../{offline.OFFLINE_ZIP_PATH}"' not in text
