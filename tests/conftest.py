"""Shared fixtures: the repository, the loaded data, the session's builds of the real site, a fixture site.

The real site is built once per engine per session (plus once more on another day, for the reproducibility test).
Those builds start in the background as soon as collection shows that a selected test needs them, and run while
the unit and data tests do (pyproject.toml runs tests/unit and tests/data first); the fixtures below wait for them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kb import KnowledgeBase, load_knowledge_base
from tests.support import (
    FIXTURES,
    ROOT,
    BuildResult,
    Builds,
    copy_fixture_project,
    mkdocs_build,
    mkdocs_build_on_another_day,
    offline_build,
    zensical_build,
)

# The real site's builds, by the fixture that serves each; three threads so that they all start at once.
_SESSION_BUILDS = Builds(workers=3)


def _session_build(name: str, factory: pytest.TempPathFactory) -> Callable[[], BuildResult]:
    """The build behind each session fixture; its directory is made here, in the main thread (mktemp is not
    thread-safe)."""
    if name == "built_site":
        site = factory.mktemp("site") / "site"
        return lambda: mkdocs_build(ROOT, site)
    if name == "other_day_site":
        site = factory.mktemp("other_day") / "site"
        return lambda: mkdocs_build_on_another_day(site)
    if name == "offline_zip":
        output = factory.mktemp("offline") / "ctpat-kb-offline.zip"
        return lambda: offline_build(output)
    assert name == "zensical_site", name
    project = factory.mktemp("zensical") / "project"
    return lambda: zensical_build(project)


def _tmp_path_factory(config: pytest.Config) -> pytest.TempPathFactory:
    factory = config._tmp_path_factory  # type: ignore[attr-defined]  # set by pytest's tmp_path plugin at configure
    assert isinstance(factory, pytest.TempPathFactory)
    return factory


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start, in the background, each build of the real site that a selected test needs."""
    if session.config.option.collectonly:
        return
    needed = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    for name in ("built_site", "zensical_site", "other_day_site", "offline_zip"):
        if name in needed:
            _SESSION_BUILDS.start(name, _session_build(name, _tmp_path_factory(session.config)))


def pytest_sessionfinish(session: pytest.Session) -> None:
    _SESSION_BUILDS.shutdown()


def _wait_for(name: str, factory: pytest.TempPathFactory, what: str) -> Path:
    if not _SESSION_BUILDS.started(name):  # not started at collection (a test asked for it by name)
        _SESSION_BUILDS.start(name, _session_build(name, factory))
    result = _SESSION_BUILDS.result(name)
    assert result.returncode == 0, f"{what} failed:\n{result.output[-4000:]}"
    return result.site_dir


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
    """One strict build of the real site for all built-site and browser tests (`make build`)."""
    return _wait_for("built_site", tmp_path_factory, "the strict build")


@pytest.fixture(scope="session")
def other_day_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same strict build on another day (SOURCE_DATE_EPOCH) in another time zone (TZ)."""
    return _wait_for("other_day_site", tmp_path_factory, "the strict build on another day")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One strict build of the real site with Zensical, then the post-build step (`make build-zensical`)."""
    return _wait_for("zensical_site", tmp_path_factory, "the Zensical build or post-build")


@pytest.fixture(scope="session")
def builds() -> Iterator[Builds]:
    """Fixture-site builds in the background, two at a time: a module starts all it needs in one module-scoped
    fixture (`builds.fixture_site(tmp / "case" / "project", edit)` for each case), then each test waits for its own."""
    pool = Builds(workers=2)
    yield pool
    pool.shutdown()


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One offline copy for the site and browser tests: the strict build for file:// and its zip (`make offline`)."""
    return _wait_for("offline_zip", tmp_path_factory, "the offline build")


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
    return copy_fixture_project(tmp_path / "project")


@pytest.fixture()
def build_fixture(fixture_project: Path, tmp_path: Path) -> Callable[[], BuildResult]:
    return lambda: mkdocs_build(fixture_project, tmp_path / "out")
