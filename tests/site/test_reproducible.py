"""The sitemap dates come from the pages, and a build does not depend on the day or the time zone it runs in."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from kb.pages import scan_docs
from tests.support import ROOT, site_url


def _lastmods(sitemap: str) -> dict[str, str]:
    return dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))


def test_sitemap_lastmod_is_each_pages_last_reviewed(built_site: Path) -> None:
    root = site_url()
    expected = {}
    for path, info in scan_docs(ROOT / "docs").items():
        stem = path.removesuffix(".md")
        url = root + (stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/")
        expected[url] = str(info.meta["last_reviewed"])
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert _lastmods(sitemap) == expected
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap


def _contents(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_builds_on_different_days_and_time_zones_are_byte_identical(built_site: Path, other_day_site: Path) -> None:
    """built_site ran on today's clock; other_day_site (built alongside it, in another process) believes it is
    another day, in another time zone."""
    first, second = _contents(built_site), _contents(other_day_site)
    assert sorted(first) == sorted(second), "the two builds have different files"
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"{len(differing)} file(s) differ between the two builds: {differing[:10]}"
