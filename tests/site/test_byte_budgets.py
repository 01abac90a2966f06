"""Byte budgets of the built site: no page over 60 KB of HTML, and the search index within 120 KB gzip.

Every built page is checked. The pages that are still over the budget are strict expected failures, each with its
size when last measured and why it is still over (benchmarks/RESULTS.md, "HTML byte budget"): a page brought under
the budget then fails its test, and its entry here must go. Sizes are of the files as built (KB = 1,024 bytes).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kb.pages import scan_docs
from tests.site.test_built_site import html_path
from tests.support import ROOT

PAGE_BUDGET = 60 * 1024
SEARCH_INDEX_GZIP_BUDGET = 120 * 1024

_CATEGORY = ("every criterion in full: the practice (summary, how to meet it, evidence) and the record (status by "
             "type, citing guides, sources, provenance), plus about 25 KB of Material's chrome; splitting it is "
             "left for a decision")
# Measured 2026-12-01 after the reductions of branch perf, and for the category pages after branch pages-a
# (benchmarks/RESULTS.md): page -> why it is still over. The long seminar guides were split into parts (branch topics).
OVER_BUDGET = {
    "tools/explorer/index.html": ("107 KB: a row for each of 101 criteria with its ID link, title, summary, "
                                  "category and badges (about 68 KB), for use without JavaScript, and the sources "
                                  "list of every criterion (13 KB)"),
    "criteria/procedural-security/index.html": f"93 KB: {_CATEGORY} (17 criteria: practice 22 KB, record 27 KB)",
    "criteria/conveyance-and-iit-security/index.html": (f"82 KB: {_CATEGORY} (13 criteria: practice 19 KB, "
                                                        "record 22 KB)"),
    "criteria/physical-security/index.html": f"83 KB: {_CATEGORY} (15 criteria: practice 21 KB, record 17 KB)",
    "criteria/cybersecurity/index.html": f"75 KB: {_CATEGORY} (13 criteria: practice 17 KB, record 16 KB)",
    "criteria/education-training-and-awareness/index.html": (f"66 KB: {_CATEGORY} (9 criteria: practice 12 KB, "
                                                             "record 11 KB)"),
    "criteria/business-partners/index.html": f"62 KB: {_CATEGORY} (7 criteria: practice 11 KB, record 13 KB)",
}
PAGES = sorted({html_path(path) for path in scan_docs(ROOT / "docs")} | {"404.html"})


def test_every_built_page_is_checked(built_site: Path) -> None:
    built = {str(f.relative_to(built_site)) for f in built_site.rglob("*.html")}
    assert built == set(PAGES)
    assert set(OVER_BUDGET) <= built, "an expected failure names a page that is not built"


@pytest.mark.parametrize("path", [
    pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=OVER_BUDGET[p])) if p in OVER_BUDGET else p
    for p in PAGES])
def test_page_html_is_within_60_kb(built_site: Path, path: str) -> None:
    size = (built_site / path).stat().st_size
    assert size <= PAGE_BUDGET, f"{path}: {size / 1024:.1f} KB of HTML, budget {PAGE_BUDGET / 1024:.0f} KB"


def test_search_index_is_within_120_kb_gzip(built_site: Path) -> None:
    raw = (built_site / "search" / "search_index.json").read_bytes()
    packed = len(gzip.compress(raw, 6))
    assert packed <= SEARCH_INDEX_GZIP_BUDGET, f"{packed / 1024:.1f} KB gzip, budget 120 KB"
