"""The sitemap dates come from the pages, and a build does not depend on the day or the time zone it runs in."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

from kb.pages import scan_docs
from tests.support import BUILD_ENV, ROOT, site_url

OTHER_DAY = "1000000000"  # 2001-09-09: a build date no page could share by chance


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


def test_builds_on_different_days_and_time_zones_are_byte_identical(built_site: Path, tmp_path: Path) -> None:
    """built_site ran on today's clock; this one believes it is another day, in another time zone."""
    env = BUILD_ENV | {"SOURCE_DATE_EPOCH": OTHER_DAY, "TZ": "Pacific/Kiritimati"}
    if os.environ.get("SOURCE_DATE_EPOCH") == OTHER_DAY:
        env["SOURCE_DATE_EPOCH"] = str(int(OTHER_DAY) + 86400)
    out = tmp_path / "again"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    first, second = _contents(built_site), _contents(out)
    assert sorted(first) == sorted(second), "the two builds have different files"
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"{len(differing)} file(s) differ between the two builds: {differing[:10]}"
