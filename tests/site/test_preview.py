"""`make serve`'s preview: it stays up on bad input (the error shows in the page, the next good save recovers), and
each save rebuilds only what changed (`mkdocs serve --dirty`, kb/incremental.py) yet every page that depends on the
change: the edited page, the category pages whose "cited by" lines change, every page showing edited data, and the
whole site when a page is added or renamed. The search index keeps every page."""

from __future__ import annotations

import html
import json
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.postbuild import FIXED_MARK
from tests.support import BUILD_ENV, ROOT

PREVIEW_ENV = BUILD_ENV | {"KB_PREVIEW": "1", "KB_STRICT_MACROS": "false"}


def _serve_options() -> list[str]:
    """The options `make serve` passes to `mkdocs serve` (--dev-addr aside), read from the Makefile."""
    line = next(line for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
                if "mkdocs serve" in line)
    words = shlex.split(line.split("mkdocs serve", 1)[1])
    options = [w for w in words if w.startswith("--") and w != "--dev-addr"]
    assert "--dirty" in options and "--livereload" in options, words
    return options


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def served(fixture_project: Path, tmp_path: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str], Path]]:
    """The fixture site under `make serve`'s options: its project, its root URL, the server and its site folder
    (MkDocs serves from a temporary folder, here made under tmp_path)."""
    port = _free_port()
    temp = tmp_path / "temp"
    temp.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *_serve_options(), "--dev-addr",
                             f"127.0.0.1:{port}"], cwd=fixture_project, env=PREVIEW_ENV | {"TMPDIR": str(temp)},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        root = f"http://127.0.0.1:{port}/fixture/"
        _wait_for(root + "sources/", proc, FIXED_MARK)
        sites = list(temp.glob("mkdocs_*"))
        assert len(sites) == 1, sites
        yield fixture_project, root, proc, sites[0]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture()
def preview(served: tuple[Path, str, subprocess.Popen[str], Path]) -> tuple[Path, str, subprocess.Popen[str]]:
    project, root, proc, _ = served
    return project, root + "other/", proc


def _wait_for(url: str, proc: subprocess.Popen[str], wanted: str, absent: str = "", timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the preview server stopped:\n{proc.stdout.read() if proc.stdout else ''}"
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
        except OSError:
            body = ""
        if wanted in body and (not absent or absent not in body):
            return body
        time.sleep(0.5)
    raise AssertionError(f"{wanted!r} never showed at {url}; last page:\n{body[-2000:]}")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_data_error_shows_in_the_page_and_the_next_save_recovers(
        preview: tuple[Path, str, subprocess.Popen[str]]) -> None:
    project, url, proc = preview
    _wait_for(url, proc, "Second section")
    _replace(project / "data/updates.yml", 'criteria: ["1.1"]', 'criteria: ["9.99"]')
    page = _wait_for(url, proc, "The data has 1 problem(s)")
    assert "data/updates.yml:12: record 2023-01-01, field 'criteria[1]'" in html.unescape(page)
    _replace(project / "data/updates.yml", 'criteria: ["9.99"]', 'criteria: ["1.1"]')
    _wait_for(url, proc, "Second section", absent="The data has")


def test_a_page_error_shows_in_the_page_and_the_server_stays_up(
        preview: tuple[Path, str, subprocess.Popen[str]]) -> None:
    project, url, proc = preview
    _wait_for(url, proc, "Second section")
    _replace(project / "docs/other.md", "## Second section", '## Second section\n\n{{ criteria_table(category=42) }}')
    _wait_for(url, proc, "unknown category 42")
    _replace(project / "docs/other.md", "{{ criteria_table(category=42) }}", "")
    _wait_for(url, proc, "Second section", absent="unknown category 42")


PAGES = {"index.md": "index.html", "other.md": "other/index.html", "sources.md": "sources/index.html",
         "criteria/first-category.md": "criteria/first-category/index.html",
         "criteria/second-category.md": "criteria/second-category/index.html"}


def _written(site: Path) -> dict[str, int]:
    """Each page's HTML file's modification time: a page the preview rebuilds is written again."""
    return {page: (site / html_file).stat().st_mtime_ns for page, html_file in PAGES.items()}


def _rebuilt(url: str, proc: subprocess.Popen[str], wanted: str) -> str:
    """Wait until the page shows `wanted`, fixed up: the post-build step, the last of a rebuild, has run."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        body = _wait_for(url, proc, wanted, timeout=deadline - time.monotonic())
        if FIXED_MARK in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {wanted!r} fixed up")


def _gone(url: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the preview server stopped"
        try:
            urllib.request.urlopen(url, timeout=5).read()
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} is still served")


def _search_index(site: Path) -> dict[str, str]:
    """Search entry location -> its text."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {d["location"]: d["text"] for d in docs}


def _settle() -> None:
    time.sleep(1.1)  # file times: a file written again later gets a later time, on any file system


def test_a_page_edit_rebuilds_that_page_and_keeps_the_others_and_the_search_index(
        served: tuple[Path, str, subprocess.Popen[str], Path]) -> None:
    project, root, proc, site = served
    before, index_before = _written(site), _search_index(site)
    _settle()
    page = project / "docs/other.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nPreviewmarker one.\n", encoding="utf-8")
    _rebuilt(root + "other/", proc, "Previewmarker one")
    after = _written(site)
    assert after["other.md"] > before["other.md"]
    assert {p: t for p, t in after.items() if p != "other.md"} == {p: t for p, t in before.items() if p != "other.md"}
    index_after = _search_index(site)
    assert set(index_after) == set(index_before), "the search index lost or gained entries"
    assert any("Previewmarker one" in text for text in index_after.values())
    assert {k: v for k, v in index_after.items() if not k.startswith("other/")} == \
        {k: v for k, v in index_before.items() if not k.startswith("other/")}


def test_a_new_citation_rebuilds_the_cited_criterions_category_page(
        served: tuple[Path, str, subprocess.Popen[str], Path]) -> None:
    project, root, proc, site = served
    category = "criteria/second-category/index.html"
    assert "Other page" not in _article(site, category)
    before = _written(site)
    _settle()
    page = project / "docs/other.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nCitemarker {{ criterion("2.1") }}.\n', encoding="utf-8")
    _rebuilt(root + "other/", proc, "Citemarker")
    assert "Other page" in _article(site, category)  # 2.1's "cited by" names the page that now cites it
    after = _written(site)
    assert after["criteria/second-category.md"] > before["criteria/second-category.md"]
    assert after["criteria/first-category.md"] == before["criteria/first-category.md"]
    assert after["index.md"] == before["index.md"]


def _article(site: Path, html_file: str) -> str:
    text = (site / html_file).read_text(encoding="utf-8")
    match = re.search(r"<article.*?</article>", text, re.DOTALL)
    return html.unescape(match.group(0) if match else "")


def test_a_data_edit_reaches_every_page_showing_the_data(
        served: tuple[Path, str, subprocess.Popen[str], Path]) -> None:
    project, root, proc, site = served
    old, new = "Statement of support", "Statement of backing"
    showing = {page for page, html_file in PAGES.items() if old in _article(site, html_file)}
    assert {"other.md", "criteria/first-category.md"} <= showing
    assert "criteria/second-category.md" not in showing
    before = _written(site)
    _settle()
    data = project / "data/criteria/01-first-category.yml"
    data.write_text(data.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    _rebuilt(root + "other/", proc, new)
    _wait_for(root + "criteria/first-category/", proc, new, absent=old)
    after = _written(site)
    for page in showing:
        assert after[page] > before[page], f"{page} shows the edited data but was not rebuilt"
        article = _article(site, PAGES[page])
        assert new in article and old not in article, page
    # A page whose Markdown comes out the same is not rendered again.
    assert after["criteria/second-category.md"] == before["criteria/second-category.md"]
    assert any(new in text for text in _search_index(site).values())


def test_a_new_page_and_a_renamed_page_appear(served: tuple[Path, str, subprocess.Popen[str], Path]) -> None:
    project, root, proc, _ = served
    meta = "---\ntitle: {title}\ndescription: A new page.\nlast_reviewed: 2026-11-27\nsources: [src-official]\n---\n"
    (project / "docs/added.md").write_text(meta.format(title="Added page") + "\n# Added page\n\nAddedmarker.\n",
                                           encoding="utf-8")
    _rebuilt(root + "added/", proc, "Addedmarker")
    (project / "docs/other.md").rename(project / "docs/moved.md")
    _rebuilt(root + "moved/", proc, "Second section")
    _gone(root + "other/", proc)  # the old address no longer serves the page


def test_a_front_matter_edit_saved_with_a_data_edit_is_not_lost(
        served: tuple[Path, str, subprocess.Popen[str], Path]) -> None:
    """A data edit renders only the pages whose Markdown changes, but an edited page always: its front matter (here
    its description) is not in its Markdown."""
    project, root, proc, _ = served
    page = project / "docs/criteria/second-category.md"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "description: The fixture criteria of category 2.", "description: Describedmarker."), encoding="utf-8")
    data = project / "data/criteria/01-first-category.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("Statement of support", "Statement of backing"),
                    encoding="utf-8")
    _rebuilt(root + "other/", proc, "Statement of backing")
    _rebuilt(root + "criteria/second-category/", proc, "Describedmarker")
