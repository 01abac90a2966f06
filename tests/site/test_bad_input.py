"""Each kind of bad input fails the build of a small fixture site, with a message that names the page.

Every case is a real strict build of its own edited copy of the fixture site. The module's builds all start
together (the `cases` fixture) and run two at a time in the background; each test waits for its own.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import pytest

from tests.support import BuildResult, Builds

ORPHAN = ("---\ntitle: Orphan\ndescription: Not in nav.\nlast_reviewed: 2026-11-27\nsources: [src-official]\n---\n\n"
          "# Orphan\n")

# (case, [(file, old text, new text)], fragments the build output must contain)
CASES = [
    ("broken link", [("docs/index.md", "(other.md#second-section)", "(missing.md)")], ["index.md", "missing.md"]),
    ("broken anchor", [("docs/index.md", "other.md#second-section", "other.md#no-such-section")],
     ["index.md", "no-such-section"]),
    ("broken link in raw HTML", [("docs/index.md", '<a href="other/">', '<a href="nowhere/#x">')],
     ["index.html: broken link (no such file): nowhere/#x"]),
    ("macro link to a missing criterion", [("docs/index.md", 'criterion("1.1")', 'criterion("1.9")')],
     ['ERROR   -  docs/index.md:10: criterion("1.9") names no criterion in data/criteria/']),
    ("unknown criterion in a data table", [("data/updates.yml", 'criteria: ["1.1"]', 'criteria: ["9.99"]')],
     ["ERROR   -  data/updates.yml:12: record 2023-01-01, field 'criteria[1]': unknown criteria id '9.99'"]),
    ("unknown source in a data table", [("data/checklists.yml", "sources: [src-official]", "sources: [no-such]")],
     ["ERROR   -  data/checklists.yml:14: record box, field 'sources[1]': unknown sources id 'no-such'"]),
    ("undefined macro variable",
     [("docs/other.md", "## Second section", "## Second section\n\n{{ no_such_variable }}")],
     ["other.md", "no_such_variable"]),
    ("exception inside a macro", [("docs/other.md", "criteria_table(category=1)", "criteria_table(category=42)")],
     ["other.md", "unknown category 42"]),
    ("missing front matter", [("docs/other.md", "description: Another page of the fixture site.\n", "")],
     ["other.md: front matter has no 'description'"]),
    ("unknown source", [("docs/other.md", "sources: [src-official]", "sources: [src-unknown]")],
     ["other.md: front matter cites unknown source(s) ['src-unknown']"]),
    ("page without sources", [("docs/index.md", "sources: [src-official]\n", ""),
                              ("docs/index.md", ' and {{ criterion("1.1") }}', "")], ["index.md: no sources"]),
    ("heading takes over a criterion's permalink",
     [("docs/criteria/first-category.md", "{{ category_criteria(1) }}",
       "{{ category_criteria(1) }}\n\n## Mine { #criterion-1-1 }")],
     ["criteria/first-category/index.html: duplicate id (two elements on the page share it): #criterion-1-1"]),
    ("review date in the future", [("docs/other.md", "last_reviewed: 2026-11-27", "last_reviewed: 2099-01-01")],
     ["other.md: last_reviewed 2099-01-01 is after today"]),
    ("bad data", [("data/criteria/01-first-category.yml", "designation: must", "designation: maybe")],
     ["ERROR   -  data/criteria/01-first-category.yml:31: record 1.3, field 'designation'"]),
]


def _edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{rel} no longer contains {old!r}: update the test case"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _edits(edits: list[tuple[str, str, str]]) -> Callable[[Path], None]:
    def prepare(project: Path) -> None:
        for rel, old, new in edits:
            _edit(project, rel, old, new)
    return prepare


def _orphan(project: Path) -> None:
    (project / "docs" / "orphan.md").write_text(ORPHAN, encoding="utf-8")


def _bom_and_crlf(project: Path) -> None:
    index = project / "docs" / "index.md"
    index.write_bytes(b"\xef\xbb\xbf" + index.read_bytes().replace(b"\n", b"\r\n"))


def _formulas(project: Path) -> None:
    _edit(project, "data/criteria/01-first-category.yml", "title: Statement of support",
          'title: \'=HYPERLINK("http://x.invalid","Click")\'')
    _edit(project, "data/checklists.yml", "label: Lid", "label: '+1+1'")
    _edit(project, "data/risk_worksheet.yml", "name: Contraband smuggling", "name: '@SUM(A1)'")


def _leftovers(project: Path) -> None:
    docs = project / "docs"
    page = (docs / "other.md").read_text(encoding="utf-8")
    for name in ("other.md~", ".other.md.swp", "#other.md#"):
        (docs / name).write_text(page.replace("Second section", "{{ broken"), encoding="utf-8")
    (docs / ".#other.md").symlink_to(docs / "no-such-file")  # Emacs' lock file: a dangling symlink


# Every build this module checks, by name: the clean fixture site, each bad-input case, and the edits below.
BUILDS: dict[str, Callable[[Path], None]] = {
    "clean": lambda project: None,
    **{case: _edits(edits) for case, edits, _ in CASES},
    "orphan": _orphan,
    "bom and crlf": _bom_and_crlf,
    "formulas": _formulas,
    "leftovers": _leftovers,
}


@pytest.fixture(scope="module")
def cases(builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Future[BuildResult]]:
    """Start every build of the module at once; a test waits only for the one it checks."""
    return {name: builds.fixture_site(tmp_path_factory.mktemp("bad-input") / "project", prepare)
            for name, prepare in BUILDS.items()}


def test_fixture_site_builds_cleanly(cases: dict[str, Future[BuildResult]]) -> None:
    result = cases["clean"].result()
    assert result.returncode == 0, result.output
    assert (result.site_dir / "other" / "index.html").exists()


@pytest.mark.parametrize(("case", "expected"), [(c, x) for c, _, x in CASES], ids=[c for c, _, _ in CASES])
def test_bad_input_fails_the_build_naming_the_page(cases: dict[str, Future[BuildResult]], case: str,
                                                    expected: list[str]) -> None:
    result = cases[case].result()
    assert result.returncode != 0, "the build passed despite the bad input"
    for fragment in expected:
        assert fragment in result.output, f"{fragment!r} not in the build output:\n{result.output[-3000:]}"


def test_page_missing_from_nav(cases: dict[str, Future[BuildResult]]) -> None:
    result = cases["orphan"].result()
    assert result.returncode != 0
    assert "orphan.md" in result.output and "not included in the \"nav\"" in result.output


def test_a_data_error_is_one_line_with_no_traceback(cases: dict[str, Future[BuildResult]]) -> None:
    """The same edit as the "unknown criterion in a data table" case, so the same build: its whole output."""
    result = cases["unknown criterion in a data table"].result()
    errors = [line for line in result.output.splitlines() if line.startswith("ERROR")]
    assert result.returncode == 1 and "Traceback" not in result.output
    assert errors == ["ERROR   -  data/updates.yml:12: record 2023-01-01, field 'criteria[1]': unknown criteria id "
                      "'9.99'; it must be one of the ids in data/criteria/01-first-category.yml, "
                      "data/criteria/02-second-category.yml"]


def test_a_page_with_a_bom_and_crlf_builds_with_its_title(cases: dict[str, Future[BuildResult]]) -> None:
    result = cases["bom and crlf"].result()
    assert result.returncode == 0, result.output[-3000:]
    criterion_page = (result.site_dir / "criteria" / "first-category" / "index.html").read_text(encoding="utf-8")
    assert ">Fixture home</a>" in criterion_page, "the backlink shows a path instead of the page title"


def test_downloads_neutralise_formulas(cases: dict[str, Future[BuildResult]]) -> None:
    result = cases["formulas"].result()
    assert result.returncode == 0, result.output[-3000:]
    downloads = result.site_dir / "downloads"
    assert """'=HYPERLINK(""http://x.invalid"",""Click"")""" in (downloads / "criteria.csv").read_text(encoding="utf-8")
    assert ",'+1+1," in (downloads / "checklist-box.csv").read_text(encoding="utf-8")
    assert "'@SUM(A1)," in (downloads / "risk-assessment-worksheet.csv").read_text(encoding="utf-8")


def test_editor_leftovers_in_docs_neither_break_the_build_nor_get_published(
        cases: dict[str, Future[BuildResult]]) -> None:
    result = cases["leftovers"].result()
    assert result.returncode == 0, result.output[-3000:]
    published = [p.name for p in result.site_dir.rglob("*")]
    assert not [n for n in published if "other.md" in n], published


def test_material_tooltips_fail_the_build_in_one_line(fixture_project: Path,
                                                      build_fixture: Callable[[], BuildResult]) -> None:
    """Material's tooltips would run titles as markup (kb/html_safety.py): the build stops and says so."""
    _edit(fixture_project, "mkdocs.yml", "  font: false\n", "  font: false\n  features: [content.tooltips]\n")
    result = build_fixture()
    errors = [line for line in result.output.splitlines() if line.startswith("ERROR")]
    assert result.returncode != 0 and "Traceback" not in result.output
    assert len(errors) == 1 and "theme.features has content.tooltips" in errors[0], result.output[-3000:]
