"""Helpers the tests share: where things are, the published site_url, real strict builds (in the background, two
at a time where a test module needs several), and copies of the fixture site."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

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


@functools.cache
def soup(site: Path, rel: str) -> BeautifulSoup:
    """A built page, parsed once per session for every test that reads it (read it; never change it)."""
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def tiny_site(root: Path, pages: dict[str, str], before: str = "") -> Path:
    """A hand-made built site for the link check: each page's body is `before` and its text."""
    for rel, body in pages.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"<html><body>{before}{body}</body></html>", encoding="utf-8")
    return root


def html_files(site: Path) -> list[str]:
    """Every HTML file of a built site, relative to it, in order."""
    return [f.relative_to(site).as_posix() for f in sorted(site.rglob("*.html"))]


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


def mkdocs_build_on_another_day(site_dir: Path) -> BuildResult:
    """The real site built as if on another day, in another time zone (tests/site/test_reproducible.py)."""
    env = BUILD_ENV | {"SOURCE_DATE_EPOCH": OTHER_DAY, "TZ": "Pacific/Kiritimati"}
    if os.environ.get("SOURCE_DATE_EPOCH") == OTHER_DAY:
        env["SOURCE_DATE_EPOCH"] = str(int(OTHER_DAY) + 86400)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site_dir)


OTHER_DAY = "1000000000"  # 2001-09-09: a build date no page could share by chance


def copy_fixture_project(project: Path) -> Path:
    """A copy of the small fixture site wired to the project's own macros, hooks, schemas and kb package."""
    shutil.copytree(FIXTURES / "site", project)
    shutil.copytree(FIXTURES / "data", project / "data")
    shutil.copytree(ROOT / "kb", project / "kb", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "schemas", project / "schemas")
    shutil.copy(ROOT / "macros.py", project / "macros.py")
    return project


class Builds:
    """Builds that run in threads (each a subprocess), so they overlap with each other and with the tests.

    `start(name, build)` starts a build once under a name; `result(name)` waits for it. The session's builds of the
    real site start as soon as collection shows a test needs them (tests/conftest.py); the fixture-site builds a
    module needs are started together with `fixture_site(...)` and run two at a time (the machine has two cores).
    """

    def __init__(self, workers: int) -> None:
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="build")
        self._started: dict[str, Future[BuildResult]] = {}

    def start(self, name: str, build: Callable[[], BuildResult]) -> Future[BuildResult]:
        if name not in self._started:
            self._started[name] = self._pool.submit(build)
        return self._started[name]

    def started(self, name: str) -> bool:
        return name in self._started

    def result(self, name: str) -> BuildResult:
        return self._started[name].result()

    def fixture_site(self, project: Path, prepare: Callable[[Path], object]) -> Future[BuildResult]:
        """Copy the fixture site to `project`, let `prepare` edit it, then build it into `project`/../out."""
        def build() -> BuildResult:
            copy_fixture_project(project)
            prepare(project)
            return mkdocs_build(project, project.parent / "out")

        return self.start(str(project), build)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


def offline_build(output: Path) -> BuildResult:
    """`make offline`: the strict build for file:// and its zip, written to `output` (the result's site_dir)."""
    proc = subprocess.run([sys.executable, "-m", "kb.offline", "--output", str(output)], cwd=ROOT, env=BUILD_ENV,
                          capture_output=True, text=True, timeout=600)
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, output)


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
