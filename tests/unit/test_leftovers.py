"""Editor leftovers (backup, swap, autosave and lock files) never reach the site or the data."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from kb.leftovers import is_editor_leftover
from kb.pages import scan_docs
from tests.support import ROOT

LEFTOVERS = ["index.md~", "04-cybersecurity.yml~", ".index.md.swp", ".index.md.swo", "#index.md#", ".#index.md"]
KEPT = ["index.md", "04-cybersecurity.yml", "a~b.md", "notes#1.md", ".pages"]


@pytest.mark.parametrize("name", LEFTOVERS)
def test_leftovers_are_recognised(name: str) -> None:
    assert is_editor_leftover(name)
    assert is_editor_leftover(Path("docs/criteria") / name)


@pytest.mark.parametrize("name", KEPT)
def test_real_files_are_not_leftovers(name: str) -> None:
    assert not is_editor_leftover(name)


@pytest.mark.parametrize("folder", ["docs", "docs/criteria", "data", "data/criteria"])
@pytest.mark.parametrize("name", LEFTOVERS)
def test_git_ignores_leftovers(folder: str, name: str) -> None:
    proc = subprocess.run(["git", "check-ignore", "--no-index", "-q", f"{folder}/{name}"], cwd=ROOT)
    assert proc.returncode == 0, f"{folder}/{name} is not in .gitignore"


@pytest.mark.parametrize("name", LEFTOVERS)
def test_mkdocs_excludes_leftovers_from_the_docs(name: str) -> None:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    spec = config["exclude_docs"]
    assert spec is not None and spec.match_file(f"criteria/{name}"), f"exclude_docs does not cover {name}"


def test_page_scan_skips_leftovers(tmp_path: Path) -> None:
    page = "---\ntitle: Home\n---\n# Home\n"
    (tmp_path / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "old.md~").write_text(page, encoding="utf-8")
    (tmp_path / ".#index.md").symlink_to(tmp_path / "no-such-file")  # Emacs' lock file: a dangling symlink
    assert list(scan_docs(tmp_path)) == ["index.md"]
