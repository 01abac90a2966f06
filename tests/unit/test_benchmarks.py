"""The benchmark's pure helpers: the gzip server, the generated inputs and the page mapping (no timing here)."""

from __future__ import annotations

import gzip
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from benchmarks.build import page_type, page_url
from benchmarks.gzip_server import accepts_gzip, serve_site
from benchmarks.synthetic import (
    PAGE_BYTES,
    SINGLE,
    markdown_pages,
    multiply_pages,
    records,
    synthesize_criteria,
    write_default_site,
)
from kb import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.parametrize(("header", "expected"), [
    ("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.8", True), ("GZIP", True), ("x-gzip", True), ("*", True),
    (None, False), ("", False), ("identity", False), ("br", False), ("gzip;q=0", False), ("gzip;q=0.0, br", False),
    ("*;q=0", False), ("gzip;q=0, *", False), ("br, *;q=0.1", True),
])
def test_accepts_gzip(header: str | None, expected: bool) -> None:
    assert accepts_gzip(header) is expected


def get(url: str, encoding: str | None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_server_compresses_text_only_for_clients_that_accept_gzip(tmp_path: Path) -> None:
    page = b"<html>" + b"CTPAT " * 2000 + b"</html>"
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "index.html").write_bytes(page)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG not really")
    (tmp_path / "404.html").write_bytes(b"<html>missing</html>")
    with serve_site(tmp_path) as base:
        status, headers, body = get(base + "guide/", "gzip, br")
        assert (status, headers.get("Content-Encoding"), headers["Vary"]) == (200, "gzip", "Accept-Encoding")
        assert gzip.decompress(body) == page and int(headers["Content-Length"]) == len(body) < len(page)
        status, headers, body = get(base + "guide/", None)
        assert (status, headers.get("Content-Encoding"), body) == (200, None, page)
        status, headers, body = get(base + "guide/", "gzip;q=0")
        assert (headers.get("Content-Encoding"), body) == (None, page)
        status, headers, body = get(base + "logo.png", "gzip")
        assert (headers.get("Content-Encoding"), body) == (None, b"\x89PNG not really")
        status, headers, body = get(base + "nowhere/", "gzip")
        assert (status, gzip.decompress(body)) == (404, b"<html>missing</html>")


def criteria_ids(data: Path) -> list[str]:
    return [str(r["id"]) for p in sorted((data / "criteria").glob("*.yml"))
            for r in records(yaml.safe_load(p.read_text(encoding="utf-8")))]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    for name in ("data", "docs", "schemas"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


# 1,000 criteria (the benchmark's size) take about 8 s to load: that case runs with the built-site tests
# (tests/site/test_benchmark_scale.py), so that `make check` stays fast.
@pytest.mark.parametrize("total", [150])
def test_synthetic_criteria_set_holds_exactly_the_number_asked_and_is_valid_data(project: Path, total: int) -> None:
    real = criteria_ids(project / "data")
    assert synthesize_criteria(project / "data", project / "docs", total) == total
    ids = criteria_ids(project / "data")
    assert len(ids) == len(set(ids)) == total
    assert set(real) <= set(ids)
    assert len(load_knowledge_base(project).criteria) == total  # the project's own loader and schemas accept it


def test_synthetic_criteria_set_at_the_real_size_is_the_real_set(project: Path) -> None:
    real = criteria_ids(project / "data")
    assert synthesize_criteria(project / "data", project / "docs", len(real)) == len(real)
    assert criteria_ids(project / "data") == real


def test_synthetic_criteria_set_cannot_drop_criteria_that_pages_name(project: Path) -> None:
    with pytest.raises(ValueError, match="the pages name"):
        synthesize_criteria(project / "data", project / "docs", 10)


def nav_pages(nav: object) -> list[str]:
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    if isinstance(nav, dict):
        return nav_pages(list(nav.values()))
    return [str(nav)]


def test_multiplied_pages_are_all_in_the_nav_once(project: Path) -> None:
    from mkdocs.utils.yaml import yaml_load

    pages = markdown_pages(project / "docs")
    multiply_pages(project, 3)
    multiplied = markdown_pages(project / "docs")
    copied = [p for p in pages if not p.startswith(SINGLE)]  # the Sources section exists once
    assert copied and len(copied) < len(pages)
    assert len(multiplied) == len(pages) + 2 * len(copied)
    with (project / "mkdocs.yml").open(encoding="utf-8") as f:
        config = yaml_load(f)
    assert sorted(nav_pages(config["nav"])) == multiplied
    assert config["plugins"] == yaml_load((ROOT / "mkdocs.yml").open(encoding="utf-8"))["plugins"]


def test_default_site_has_the_same_pages_each_of_the_set_size(tmp_path: Path) -> None:
    pages = markdown_pages(ROOT / "docs")
    write_default_site(tmp_path / "default", pages)
    assert markdown_pages(tmp_path / "default" / "docs") == pages
    sizes = [len((tmp_path / "default" / "docs" / p).read_bytes()) for p in pages]
    assert all(PAGE_BYTES <= size < PAGE_BYTES + 2048 for size in sizes)
    assert yaml.safe_load((tmp_path / "default" / "mkdocs.yml").read_text())["plugins"] == ["search"]


def test_page_urls_and_types() -> None:
    assert [page_url(p) for p in ("index.md", "criteria/index.md", "criteria/seal-security.md")] == [
        "", "criteria/", "criteria/seal-security/"]
    assert [page_type(p) for p in ("index.md", "criteria/entities/index.md", "criteria/entities/importers.md",
                                   "criteria/seal-security.md", "seminars/risk-assessment.md", "glossary.md",
                                   "seminars/index.md", "seminars/breach-prevention/index.md",
                                   "seminars/breach-prevention/scenarios.md", "tools/explorer.md",
                                   "tools/downloads.md")] == [
        "home", "section index", "entity", "category", "topic", "glossary", "section index", "topic", "topic",
        "explorer", "tools"]


def test_lighthouse_audits_every_page_type_the_issue_names() -> None:
    """Issue 12: the median of 3 runs per page type (home, category, entity, topic, explorer)."""
    from benchmarks.build import PAGE_TYPES
    from benchmarks.lighthouse import AUDITED_TYPES
    assert AUDITED_TYPES == ["home", "category", "entity", "topic", "explorer"]
    assert set(AUDITED_TYPES) <= {name for name, _ in PAGE_TYPES}


def test_a_copied_page_links_what_exists_once_one_folder_up(tmp_path: Path) -> None:
    from benchmarks.synthetic import links_out_of_copy

    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "explorer.md").write_text("# E\n", encoding="utf-8")
    text = ("[s](../sources/index.md#x) [d](../downloads/criteria.csv) [e](explorer.md#f) [a](#top) "
            "[w](https://cbp.gov/x)")
    assert links_out_of_copy(text, "tools/index.md", tmp_path) == (
        "[s](../../sources/index.md#x) [d](../../downloads/criteria.csv) [e](explorer.md#f) [a](#top) "
        "[w](https://cbp.gov/x)")


def test_a_page_floor_counts_the_chrome_the_text_the_addresses_and_five_bytes_an_element() -> None:
    from benchmarks.page_floor import floor

    page = ('<html><body><nav>menu</nav><article class="x"><h2 id="a">Hi &amp;\n   there</h2>'
            '<p><a href="../b/">link</a></p></article></body></html>')
    f = floor(page)
    assert (f.page, f.text, f.addresses, f.elements) == (len(page), len("Hi & there link"), len("a") + len("../b/"), 4)
    assert f.chrome == len(page) - len(page[page.find("<article"):page.rfind("</article>")])
    assert f.least == f.chrome + f.text + f.addresses + 5 * 4
