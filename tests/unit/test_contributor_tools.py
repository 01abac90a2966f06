"""What contributors rely on besides the site: the macro list in CONTRIBUTING, the preview's port check."""

from __future__ import annotations

import socket

from kb.macro import with_reference
from kb.port import port_problem
from tests.support import ROOT


def test_contributing_lists_every_macro_from_the_code() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert text == with_reference(text), "stale macro list: run python -m kb.macro --write CONTRIBUTING.md"


def test_a_busy_port_gives_one_line_naming_another_port() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        problem = port_problem(port)
    assert problem is not None and "\n" not in problem and f"make serve PORT={port + 1}" in problem


def test_a_free_port_is_fine() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert port_problem(port) is None
