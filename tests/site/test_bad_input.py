"""Each kind of bad input fails the build of a small fixture site, with a message that names the page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import BuildResult


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_fixture_site_builds_cleanly(build_fixture: Callable[[], BuildResult]) -> None:
    result = build_fixture()
    assert result.returncode == 0, result.output
    assert (result.site_dir / "other" / "index.html").exists()


def test_broken_link(fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    _edit(fixture_project, "docs/index.md", "(other.md#second-section)", "(missing.md)")
    result = build_fixture()
    assert result.returncode != 0
    assert "index.md" in result.output and "missing.md" in result.output


def test_broken_anchor(fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    _edit(fixture_project, "docs/index.md", "other.md#second-section", "other.md#no-such-section")
    result = build_fixture()
    assert result.returncode != 0
    assert "index.md" in result.output and "no-such-section" in result.output


def test_broken_link_in_raw_html(fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    _edit(fixture_project, "docs/index.md", '<a href="other/">', '<a href="nowhere/#x">')
    result = build_fixture()
    assert result.returncode != 0
    assert "index.html: broken link (no such file): nowhere/#x" in result.output


def test_broken_anchor_made_by_a_macro(fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    _edit(fixture_project, "docs/index.md", 'criterion("1.1")', 'criterion("1.9")')
    result = build_fixture()
    assert result.returncode != 0
    assert "index.md: criterion('1.9') names no criterion" in result.output


def test_undefined_macro_variable(fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    _edit(fixture_project, "docs/other.md", "## Second section", "## Second section\n\n{{ no_such_variable }}")
    result = build_fixture()
    assert result.returncode != 0
    assert "other.md" in result.output and "no_such_variable" in result.output


def test_exception_inside_a_macro(fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    _edit(fixture_project, "docs/other.md", "criteria_table(category=1)", "criteria_table(category=42)")
    result = build_fixture()
    assert result.returncode != 0
    assert "other.md" in result.output and "unknown category 42" in result.output


def test_page_missing_from_nav(fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    (fixture_project / "docs" / "orphan.md").write_text(
        "---\ntitle: Orphan\ndescription: Not in nav.\nlast_reviewed: 2026-11-27\nsources: [src-official]\n---\n\n"
        "# Orphan\n", encoding="utf-8")
    result = build_fixture()
    assert result.returncode != 0
    assert "orphan.md" in result.output and "not included in the \"nav\"" in result.output


def test_missing_front_matter(fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    _edit(fixture_project, "docs/other.md", "description: Another page of the fixture site.\n", "")
    result = build_fixture()
    assert result.returncode != 0
    assert "other.md: front matter has no 'description'" in result.output


def test_unknown_source_in_front_matter(fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    _edit(fixture_project, "docs/other.md", "sources: [src-official]", "sources: [src-unknown]")
    result = build_fixture()
    assert result.returncode != 0
    assert "other.md: front matter cites unknown source(s) ['src-unknown']" in result.output


def test_page_without_sources(fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    _edit(fixture_project, "docs/index.md", "sources: [src-official]\n", "")
    _edit(fixture_project, "docs/index.md", ' and {{ criterion("1.1") }}', "")
    result = build_fixture()
    assert result.returncode != 0
    assert "index.md: no sources" in result.output


def test_bad_data_fails_the_build_naming_file_record_and_field(
        fixture_project: Path, build_fixture: Callable[[], BuildResult]) -> None:
    _edit(fixture_project, "data/criteria/01-first-category.yml", "designation: must", "designation: maybe")
    result = build_fixture()
    assert result.returncode != 0
    assert "data/criteria/01-first-category.yml, record 1.3, field 'designation'" in result.output
