"""The least HTML a built page could be while showing what it shows: is the 60 KB budget within reach for it?

    .venv/bin/python -m benchmarks.page_floor [SITE_DIR]     (default: site/, as `make build` leaves it)

For each page over the budget, the floor is the part of the page no markup can save:
- the theme's chrome (everything outside the article: header, navigation, table of contents, footer), as built;
- the article's visible text, each run of white space counted as one space and each character reference as the
  character itself;
- the address of every link and the id of every element in the article (a link or an anchor that must work);
- five bytes per element (`<p>` and `</p>` are seven; an element cannot be written in fewer).

A page whose floor is over the budget cannot get under it without showing less, or without being split (which
benchmarks/RESULTS.md weighs for each kind of page). Sizes in KB of 1,024 bytes, as in the byte-budget test.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from html import unescape
from pathlib import Path

BUDGET = 60 * 1024
_TAG = re.compile(r"<[^>]*>")
_ELEMENT = re.compile(r"<[a-zA-Z]")
_HREF = re.compile(r'\shref="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


@dataclass(frozen=True)
class Floor:
    page: int
    chrome: int
    text: int
    addresses: int
    elements: int

    @property
    def least(self) -> int:
        return self.chrome + self.text + self.addresses + 5 * self.elements


def floor(page_html: str) -> Floor:
    """The parts of a built page no markup can save (see the module's docstring)."""
    start, end = page_html.find("<article"), page_html.rfind("</article>")
    article = page_html[start:end] if 0 <= start < end else ""
    text = len(" ".join(unescape(_TAG.sub(" ", article)).split()).encode("utf-8"))
    addresses = sum(len(v) for v in _HREF.findall(article)) + sum(len(v) for v in _ID.findall(article))
    return Floor(len(page_html.encode("utf-8")), len(page_html.encode("utf-8")) - len(article.encode("utf-8")),
                 text, addresses, len(_ELEMENT.findall(article)))


def report(site: Path) -> str:
    rows = ["| page | HTML | chrome | article text | link addresses and ids | elements | floor | 60 KB possible |",
            "|---|---:|---:|---:|---:|---:|---:|---|"]
    for path in sorted(site.rglob("*.html")):
        if path.stat().st_size <= BUDGET:
            continue
        f = floor(path.read_text(encoding="utf-8"))
        rows.append(f"| {path.relative_to(site).as_posix()} | {f.page / 1024:.1f} | {f.chrome / 1024:.1f} | "
                    f"{f.text / 1024:.1f} | {f.addresses / 1024:.1f} | {f.elements} | {f.least / 1024:.1f} | "
                    f"{'no' if f.least > BUDGET else 'only with leaner markup'} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(report(Path(sys.argv[1] if len(sys.argv) > 1 else "site")))
