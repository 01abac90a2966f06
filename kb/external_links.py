"""Check the external links of a built site (needs a network): `python -m kb.external_links --site-dir site`.

Reports every link that does not answer with a success status, and exits 1 if there is any.
Run by `make linkcheck-external` and by the weekly workflow, never by offline CI.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kb.linkcheck import external_links

_HEADERS = {"User-Agent": "Mozilla/5.0 (compatible; ctpat-kb-linkcheck)"}


def status_of(url: str, timeout: float = 20.0) -> str | None:
    """None when the URL answers with success; otherwise a short reason."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=_HEADERS)
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as exc:
            if method == "GET" or exc.code not in (403, 405, 501):
                return f"HTTP {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return f"unreachable ({getattr(exc, 'reason', exc)})"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args()
    if not (args.site_dir / "index.html").exists():
        print(f"{args.site_dir} holds no built site: run `make build` first", file=sys.stderr)
        return 2
    links = external_links(args.site_dir)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(links, pool.map(status_of, links), strict=True))
    bad = {url: reason for url, reason in results.items() if reason}
    for url, reason in sorted(bad.items()):
        print(f"{reason}: {url} (on {', '.join(sorted(set(links[url]))[:3])})")
    print(f"{len(links)} external links checked, {len(bad)} broken")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
