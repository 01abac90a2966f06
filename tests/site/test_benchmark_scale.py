"""The benchmark's synthetic criteria set at its full size: exactly 1,000 criteria that the loader accepts."""

from __future__ import annotations

from pathlib import Path

from tests.unit.test_benchmarks import project  # noqa: F401  # the fixture, shared
from tests.unit.test_benchmarks import (
    test_synthetic_criteria_set_holds_exactly_the_number_asked_and_is_valid_data as check_synthetic_set,
)


def test_a_thousand_synthetic_criteria(project: Path) -> None:  # noqa: F811
    check_synthetic_set(project, 1000)
