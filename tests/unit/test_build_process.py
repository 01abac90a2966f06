"""How the hooks set up the Python process: a one-shot build runs without the cycle collector, the preview keeps
it (kb/hooks.py, on_startup and on_shutdown)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from kb import hooks, incremental


@pytest.fixture(autouse=True)
def _collector_back_on() -> Iterator[None]:
    yield
    gc.enable()
    incremental.start(dirty=False)


def test_a_build_runs_without_the_cycle_collector_and_turns_it_back_on_at_the_end() -> None:
    hooks.on_startup(command="build", dirty=False)
    assert not gc.isenabled()
    hooks.on_shutdown()
    assert gc.isenabled()


@pytest.mark.parametrize("dirty", [True, False])
def test_the_preview_keeps_the_cycle_collector(dirty: bool) -> None:
    hooks.on_startup(command="serve", dirty=dirty)
    assert gc.isenabled()
