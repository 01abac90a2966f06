"""Helpers the tests share: where things are, the published site_url, and a real strict build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
ZENSICAL_PYTHON = ROOT / ".venv-zensical" / "bin" / "python"
# What a Zensical build reads: the project less its tests, caches and virtualenvs.
PROJECT_INPUTS = ("docs", "data", "includes", "kb", "overrides", "schemas", "macros.py", "mkdocs.yml", "zensical.yml")
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


def zensical_build(project: Path) -> BuildResult:
    """`make build-zensical` in a copy of the project: Zensical keeps site_dir inside the project it builds."""
    assert ZENSICAL_PYTHON.is_file(), (
        f"{ZENSICAL_PYTHON} is missing: `make test` and `make build-zensical` install it "
        "from requirements-zensical.txt")
    project.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    output = ""
    for step in (["-m", "zensical", "build", "--strict", "--clean", "-f", "zensical.yml"],
                 ["-m", "kb.postbuild", "site-zensical"]):
        proc = subprocess.run([str(ZENSICAL_PYTHON), *step], cwd=project, env=BUILD_ENV, capture_output=True,
                              text=True, timeout=300)
        output += proc.stdout + proc.stderr
        if proc.returncode != 0:
            return BuildResult(proc.returncode, output, project / "site-zensical")
    return BuildResult(0, output, project / "site-zensical")
