"""Shared fixtures: the repository, the loaded data, one strict build of the real site, a fixture site."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kb import KnowledgeBase, load_knowledge_base
from tests.support import BUILD_ENV, FIXTURES, ROOT, BuildResult, mkdocs_build, zensical_build


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(ROOT)


@pytest.fixture(scope="session")
def fixture_kb() -> KnowledgeBase:
    """The small data set under tests/fixtures/data (its root is tests/fixtures)."""
    return load_knowledge_base(FIXTURES, FIXTURES / "site" / "docs")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One strict build of the real site for all built-site and browser tests."""
    result = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, f"strict build failed:\n{result.output[-4000:]}"
    return result.site_dir


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One strict build of the real site with Zensical, then the post-build step (`make build-zensical`)."""
    result = zensical_build(tmp_path_factory.mktemp("zensical") / "project")
    assert result.returncode == 0, f"Zensical build or post-build failed:\n{result.output[-4000:]}"
    return result.site_dir


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One offline copy for the site and browser tests: the strict build for file:// and its zip (`make offline`)."""
    output = tmp_path_factory.mktemp("offline") / "ctpat-kb-offline.zip"
    proc = subprocess.run([sys.executable, "-m", "kb.offline", "--output", str(output)], cwd=ROOT, env=BUILD_ENV,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"the offline build failed:\n{(proc.stdout + proc.stderr)[-4000:]}"
    return output


@pytest.fixture(scope="session")
def offline_site(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy unzipped, as a reader would: the folder holding index.html."""
    root = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(root)
    return root / "ctpat-kb-offline"


@pytest.fixture()
def fixture_project(tmp_path: Path) -> Path:
    """A copy of the small fixture site wired to the project's own macros, hooks, schemas and kb package."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "site", project)
    shutil.copytree(FIXTURES / "data", project / "data")
    shutil.copytree(ROOT / "kb", project / "kb", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "schemas", project / "schemas")
    shutil.copy(ROOT / "macros.py", project / "macros.py")
    return project


@pytest.fixture()
def build_fixture(fixture_project: Path, tmp_path: Path) -> Callable[[], BuildResult]:
    return lambda: mkdocs_build(fixture_project, tmp_path / "out")
