"""The post-build step on tiny hand-made sites: downloads, HTML fix-ups, link check, and its command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb import KnowledgeBase, postbuild
from kb.render import tools
from tests.support import FIXTURES


def _fixed(html: str) -> str:
    """fix_html's output without the mark it leaves at the end."""
    out = postbuild.fix_html(html)
    assert out.endswith(postbuild.FIXED_MARK + "\n")
    return out.removesuffix("\n" + postbuild.FIXED_MARK + "\n")


def make_site(root: Path, pages: dict[str, str]) -> Path:
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'<html><body><h1 id="top">x</h1>{body}</body></html>', encoding="utf-8")
    return root


def test_task_boxes_leave_the_accessibility_tree() -> None:
    html = '<li class="task-list-item"><input type="checkbox" disabled/> a</li><input type="checkbox" disabled>'
    assert _fixed(html) == (
        '<li class="task-list-item"><input type="checkbox" disabled aria-hidden="true" tabindex="-1"/> a</li>'
        '<input type="checkbox" disabled aria-hidden="true" tabindex="-1"/>')


def test_tables_can_be_scrolled_from_the_keyboard() -> None:
    assert _fixed("<table><tr><td>1</td></tr></table>") == (
        '<table tabindex="0"><tr><td>1</td></tr></table>')


def test_only_the_first_use_of_each_abbreviation_takes_focus() -> None:
    html = ('<abbr title="Customs">CBP</abbr> <abbr title="Program">CTPAT</abbr> '
            '<abbr title="Customs">CBP</abbr>')
    assert _fixed(html) == ('<abbr title="Customs" tabindex="0">CBP</abbr> '
                                        '<abbr title="Program" tabindex="0">CTPAT</abbr> '
                                        '<abbr title="Customs">CBP</abbr>')


@pytest.mark.parametrize("html", [
    '<input type="checkbox" disabled> <table> <abbr title="a">A</abbr> <abbr title="a">A</abbr>',
    '<abbr title="a" tabindex="0">A</abbr> <abbr title="a">A</abbr> <abbr title="b">B</abbr>',
])
def test_fix_ups_can_run_twice(html: str) -> None:
    """make build runs the step after MkDocs' own on_post_build ran it: a second run must change nothing."""
    once = postbuild.fix_html(html)
    assert postbuild.fix_html(once) == once


def test_fix_pages_fixes_each_page_once(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.html": "<table></table>", "a/index.html": "plain"})
    assert postbuild.fix_pages(site) == 2
    assert '<table tabindex="0">' in (site / "index.html").read_text(encoding="utf-8")
    assert postbuild.fix_pages(site) == 0


def test_downloads_come_from_the_data(fixture_kb: KnowledgeBase) -> None:
    files = postbuild.downloads(fixture_kb)
    assert files["downloads/criteria.csv"].splitlines()[0].startswith("id,")
    assert len(files["downloads/criteria.csv"].splitlines()) == 1 + len(fixture_kb.criteria)
    assert fixture_kb.checklists
    for item in fixture_kb.checklists.checklists:
        assert tools.checklist_download(item.slug) in files


def test_downloads_are_written_byte_for_byte(tmp_path: Path) -> None:
    postbuild.write_downloads(tmp_path, {"downloads/x.csv": "a,é\r\nb,c\r\n"})
    assert (tmp_path / "downloads" / "x.csv").read_bytes() == "a,é\r\nb,c\r\n".encode()


def test_links_to_downloads_are_checked_after_they_are_written(tmp_path: Path, fixture_kb: KnowledgeBase) -> None:
    site = make_site(tmp_path, {"index.html": '<a href="downloads/criteria.csv">csv</a>',
                                "tools/index.html": '<a href="../downloads/nothing.csv">csv</a>'})
    problems = postbuild.run(site, "", fixture_kb)
    assert [str(p) for p in problems] == [
        "tools/index.html: broken link (no such file): ../downloads/nothing.csv"]
    assert postbuild.run(site, "", fixture_kb, check_links=False) == []


def test_site_url_comes_from_mkdocs_yml_and_its_environment_variable(monkeypatch: pytest.MonkeyPatch,
                                                                     tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text('site_name: x\nsite_url: !ENV [SITE_URL, "https://a.example/kb/"]\n'
                                         "plugins:\n  - x:\n      y: !!python/name:os.sep\n", encoding="utf-8")
    monkeypatch.delenv("SITE_URL", raising=False)
    assert postbuild.configured_site_url(tmp_path) == "https://a.example/kb/"
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000/")
    assert postbuild.configured_site_url(tmp_path) == "http://127.0.0.1:8000/"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """The fixture data set as a project, with an mkdocs.yml that names its site_url."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "data", root / "data")
    shutil.copytree(FIXTURES / "site" / "docs", root / "docs")
    shutil.copy(FIXTURES / "site" / "mkdocs.yml", root / "mkdocs.yml")
    return root


def test_command_line_fails_on_a_broken_link_and_names_it(project: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path / "site", {"index.html": '<a href="https://example.invalid/fixture/gone/">x</a>'})
    assert postbuild.main([str(site), "--project-dir", str(project)]) == 1
    err = capsys.readouterr().err
    assert "index.html: broken link (no such file): https://example.invalid/fixture/gone/" in err
    assert postbuild.main([str(site), "--project-dir", str(project), "--site-url", ""]) == 0
    assert postbuild.main([str(site), "--project-dir", str(project), "--no-link-check"]) == 0
    assert (site / "downloads" / "criteria.csv").is_file()


def test_command_line_refuses_a_folder_that_is_not_a_site(project: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert postbuild.main([str(tmp_path / "nowhere"), "--project-dir", str(project)]) == 2
    assert "no index.html" in capsys.readouterr().err


def test_command_line_names_a_data_error_in_one_line(project: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    site = make_site(tmp_path / "site", {"index.html": ""})
    updates = project / "data" / "updates.yml"
    updates.write_text(updates.read_text(encoding="utf-8").replace('criteria: ["1.1"]', 'criteria: ["9.99"]'),
                       encoding="utf-8")
    assert postbuild.main([str(site), "--project-dir", str(project)]) == 1
    assert "data/updates.yml:12: record 2023-01-01, field 'criteria[1]'" in capsys.readouterr().err
