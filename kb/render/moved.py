"""Sections moved to another page: old links to page#section go on to the section's new address.

A page whose sections moved (a long guide split into parts) names them in its front matter:

    moved_sections:
      incident-response: access-and-incidents.md#incident-response   # the old anchor: its new page (and anchor)

The build appends them to the page as hidden links (`moved_sections`), which the link check validates like any
other link (and fails with one line naming the page and the key when a target section does not exist), and
docs/assets/javascripts/on-page.js follows the one whose key the address's #fragment names, when the page itself
has no element with that id. The links are written for the engine and URL style of the build (kb.render.html.href),
so that they work on the published site, under instant navigation and in the offline copy (file://, .html pages).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from typing import Any

from kb.render import html as h

ROOT_ID = "kb-moved"
KEY = "data-kb-moved"
FROM = "data-kb-moved-from"
_ANCHOR = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")


def targets(page: str, moved: Any, pages: Collection[str]) -> dict[str, str]:
    """The front matter's moved_sections as {anchor: docs path#anchor}, each target resolved from the page's folder.

    Anything malformed is a ValueError of one line naming the page and the key."""
    where = f"docs/{page}: moved_sections"
    if not isinstance(moved, dict) or not moved:
        raise ValueError(f"{where} must be 'anchor: page.md#anchor' lines")
    result = {}
    for key, target in moved.items():
        if not isinstance(key, str) or not _ANCHOR.fullmatch(key):
            raise ValueError(f"{where} {key!r}: not an anchor (letters, digits, '-', '_', '.' or ':')")
        if not isinstance(target, str) or not target.strip():
            raise ValueError(f"{where} {key!r}: give its new address as page.md#anchor")
        path, _, anchor = target.strip().partition("#")
        if not path.endswith(".md") or (anchor and not _ANCHOR.fullmatch(anchor)):
            raise ValueError(f"{where} {key!r}: {target!r} is not page.md or page.md#anchor")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if resolved not in pages:
            raise ValueError(f"{where} {key!r}: no page {resolved} (from {target!r})")
        if resolved == page:
            raise ValueError(f"{where} {key!r}: {target!r} is this page itself")
        result[key] = resolved + (f"#{anchor}" if anchor else "")
    return result


def moved_sections(page: str, moved: Any, pages: Collection[str]) -> str:
    """The hidden links to the sections' new addresses (empty without moved_sections), as one HTML element."""
    if moved is None:
        return ""
    # In key order: Zensical gives the front matter's keys sorted, MkDocs in their order in the file.
    links = "".join(f'<a href="{h.attr(h.href(target, page))}" {KEY}="{h.attr(key)}"></a>'
                    for key, target in sorted(targets(page, moved, pages).items()))
    return f'<div id="{ROOT_ID}" hidden data-search-exclude {FROM}="{h.attr("docs/" + page)}">{links}</div>'
