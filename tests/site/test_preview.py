"""`make serve`'s preview stays up on bad input: it shows the error in the page, and the next good save recovers."""

from __future__ import annotations

import html
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import BUILD_ENV

PREVIEW_ENV = BUILD_ENV | {"KB_PREVIEW": "1", "KB_STRICT_MACROS": "false"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def preview(fixture_project: Path) -> Iterator[tuple[Path, str, subprocess.Popen[str]]]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr",
                             f"127.0.0.1:{port}"], cwd=fixture_project, env=PREVIEW_ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield fixture_project, f"http://127.0.0.1:{port}/fixture/other/", proc
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _wait_for(url: str, proc: subprocess.Popen[str], wanted: str, absent: str = "", timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the preview server stopped:\n{proc.stdout.read() if proc.stdout else ''}"
        try:
            body = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
        except OSError:
            body = ""
        if wanted in body and (not absent or absent not in body):
            return body
        time.sleep(0.5)
    raise AssertionError(f"{wanted!r} never showed at {url}; last page:\n{body[-2000:]}")


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_data_error_shows_in_the_page_and_the_next_save_recovers(
        preview: tuple[Path, str, subprocess.Popen[str]]) -> None:
    project, url, proc = preview
    _wait_for(url, proc, "Second section")
    _replace(project / "data/updates.yml", 'criteria: ["1.1"]', 'criteria: ["9.99"]')
    page = _wait_for(url, proc, "The data has 1 problem(s)")
    assert "data/updates.yml:12: record 2023-01-01, field 'criteria[1]'" in html.unescape(page)
    _replace(project / "data/updates.yml", 'criteria: ["9.99"]', 'criteria: ["1.1"]')
    _wait_for(url, proc, "Second section", absent="The data has")


def test_a_page_error_shows_in_the_page_and_the_server_stays_up(
        preview: tuple[Path, str, subprocess.Popen[str]]) -> None:
    project, url, proc = preview
    _wait_for(url, proc, "Second section")
    _replace(project / "docs/other.md", "## Second section", '## Second section\n\n{{ criteria_table(category=42) }}')
    _wait_for(url, proc, "unknown category 42")
    _replace(project / "docs/other.md", "{{ criteria_table(category=42) }}", "")
    _wait_for(url, proc, "Second section", absent="unknown category 42")
