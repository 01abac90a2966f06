"""Shared fixtures: the repository, the loaded data, one strict build of the real site, a fixture site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kb import KnowledgeBase, load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BUILD_ENV = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {
    "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def site_url() -> str:
    """The published site_url from mkdocs.yml (its !ENV default), read with MkDocs' own YAML loader."""
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as f:
        config = yaml_load(f)
    return str(config["site_url"])


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    output: str
    site_dir: Path


def mkdocs_build(project: Path, site_dir: Path) -> BuildResult:
    """Run a real strict build (never with -q: it hides warnings from the strict counter)."""
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=project, env=BUILD_ENV, capture_output=True, text=True, timeout=300)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site_dir)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(ROOT)


@pytest.fixture(scope="session")
def fixture_kb() -> KnowledgeBase:
    """The small data set under tests/fixtures/data (its root is tests/fixtures)."""
    return load_knowledge_base(FIXTURES)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One strict build of the real site for all built-site and browser tests."""
    result = mkdocs_build(ROOT, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, f"strict build failed:\n{result.output[-4000:]}"
    return result.site_dir


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
