"""kb.diff on a temporary git repository: one readable line per change to the criteria data."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from kb.diff import main
from tests.support import FIXTURES, ROOT

CATEGORY_1 = Path("data/criteria/01-first-category.yml")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org",
                    "-c", "commit.gpgsign=false", *args], check=True, capture_output=True)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    """A git repository holding the fixture data, the project's schemas and the fixture pages, committed once."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "data", repo / "data")
    shutil.copytree(ROOT / "schemas", repo / "schemas")
    shutil.copytree(FIXTURES / "site" / "docs", repo / "docs")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    return repo


def _edit(repo: Path, change: object) -> None:
    path = repo / CATEGORY_1
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "change")


def _run(repo: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> list[str]:
    assert main(["HEAD~1", "HEAD", "--repo", str(repo), *extra]) == 0
    return capsys.readouterr().out.splitlines()


def test_an_added_criterion_is_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def add(document: dict) -> None:  # type: ignore[type-arg]
        new = {**copy.deepcopy(document["criteria"][0]), "id": "1.9", "title": "A criterion added in this change"}
        document["criteria"].append(new)

    _edit(repo, add)
    lines = _run(repo, capsys)
    assert len(lines) == 1
    assert lines[0].startswith('1.9 added: "A criterion added in this change" (general ')


def test_a_changed_status_and_changed_sources_are_reported(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(document: dict) -> None:  # type: ignore[type-arg]
        first = document["criteria"][0]
        first["entities"]["highway_carriers"]["status"] = "should"
        first["entities"]["importers"]["sources"] = ["src-secondary"]
        first["sources"] = [*first["sources"], "src-secondary"]

    _edit(repo, change)
    lines = _run(repo, capsys)
    assert "1.1 for Highway Carriers: status must -> should" in lines
    assert any(line.startswith("1.1 for ") and "sources added src-secondary; removed src-official" in line
               for line in lines), lines
    assert "1.1 sources: added src-secondary" in lines


def test_a_removed_and_a_reworded_criterion(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(document: dict) -> None:  # type: ignore[type-arg]
        removed = document["criteria"].pop()
        document["criteria"][0]["title"] = "A new title"
        document["criteria"][0]["designation"] = "disputed"
        assert removed["id"] == "1.3"

    _edit(repo, change)
    lines = _run(repo, capsys, "--markdown")
    assert lines[0] == "## Criteria data: HEAD~1 -> HEAD"
    assert any(line.startswith('- 1.1 reworded: title "') and line.endswith('-> "A new title"') for line in lines)
    assert any(line.startswith("- 1.1 general designation: ") and line.endswith("-> disputed") for line in lines)
    assert any(line.startswith('- 1.3 removed: "') for line in lines)


def test_no_change_says_so(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _git(repo, "commit", "-q", "--allow-empty", "-m", "nothing")
    assert _run(repo, capsys) == ["No changes to the criteria data."]


def test_an_unknown_revision_is_an_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-rev", "HEAD", "--repo", str(repo)]) == 2
    assert "git could not read no-such-rev" in capsys.readouterr().err
