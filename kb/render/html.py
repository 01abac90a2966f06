"""Ready HTML for generated content: escaped for its context, with links resolved to their final URLs.

Generated tables and lists skip Markdown: data text is escaped once with the standard library (element text or
attribute), so it stays text, and the build does not parse it again. Links are written as the built site's
relative URLs (directory URLs, or .html files when the configuration's use_directory_urls is off, as in the
offline copy), which the post-build link check validates.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager


def text(value: str) -> str:
    """Element text: whitespace collapsed, &, < and > escaped."""
    return html.escape(" ".join(value.split()), quote=False)


def attr(value: str) -> str:
    """An attribute value (inside double quotes)."""
    return html.escape(" ".join(value.split()), quote=True)


def paragraphs(value: str) -> str:
    """Paragraphs of text; blank lines in the data separate them."""
    return "".join(f"<p>{text(p)}</p>" for p in value.split("\n\n") if p.strip())


_DIRECTORY_URLS = [True]


def use_directory_urls(on: bool) -> None:
    """Follow MkDocs' use_directory_urls: on (the published site) 'a/b.md' is at 'a/b/'; off (the offline copy,
    which a browser opens from file://, where a folder is not its index.html) it is at 'a/b.html'. The macros
    set it from the configuration before each page (kb.preview)."""
    _DIRECTORY_URLS[0] = on


def page_url(md_path: str) -> str:
    """The site URL path of a docs page: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/', 'index.md' -> ''; without
    directory URLs 'a/b.md' -> 'a/b.html', 'a/index.md' -> 'a/index.html'."""
    stem = md_path.removesuffix(".md")
    if not _DIRECTORY_URLS[0]:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


_SOURCE_RELATIVE = [False]


def links_relative_to_source(on: bool) -> None:
    """Zensical resolves relative links in raw HTML against the page's source folder and rewrites them for the
    page's URL, as it does for Markdown links; MkDocs leaves raw HTML alone, so links are written relative to
    the page's URL there. kb.zensical switches this on."""
    _SOURCE_RELATIVE[0] = on


def href(target: str, from_page: str, *, for_script: bool = False) -> str:
    """A relative URL from one docs page to a docs path (optionally with #anchor) or a generated file.

    `for_script=True` gives it relative to the page's URL in both engines: for URLs a page script reads from
    data, which no engine rewrites."""
    path, _, anchor = target.partition("#")
    source_relative = _SOURCE_RELATIVE[0] and not for_script
    # Without directory URLs a page's address is a file in its source folder, so links start from that folder.
    # (A page at the root has the folder "", never "/", which relpath would read as the machine's root.)
    here = posixpath.dirname(from_page) if source_relative or not _DIRECTORY_URLS[0] else page_url(from_page)
    if path == from_page and (anchor or not source_relative):
        if anchor:
            return f"#{anchor}"
        return "./" if _DIRECTORY_URLS[0] else posixpath.basename(page_url(from_page))
    there = page_url(path) if path.endswith(".md") else path
    rel = _relative(there, here)
    if rel == "./" and source_relative and path.endswith(".md"):
        # The index page of the linking page's own folder: Zensical rewrites "index.md" to the page's URL as MkDocs
        # writes it ("../"), where it would keep "./" as ".././".
        rel = posixpath.basename(path)
    return rel + (f"#{anchor}" if anchor else "")


@functools.lru_cache(maxsize=4096)
def _relative(there: str, here: str) -> str:
    """posixpath.relpath, remembered: a page links to the same few pages hundreds of times (entity pages, with
    1,000 criteria, spent seconds here)."""
    rel = posixpath.relpath(there or ".", here or ".")
    return "./" if rel == "." else rel + ("/" if there.endswith("/") and not rel.endswith("/") else "")


def link(label_html: str, url: str, **attrs: str) -> str:
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{attr(v)}"' for k, v in attrs.items())
    return f'<a href="{attr(url)}"{extra}>{label_html}</a>'


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], css: str = "", *, searchable: bool = True,
          cards: bool = False) -> str:
    """A table with column headers; cells are HTML. (The phone layout labels cells from CSS, per table class.)

    `searchable=False` keeps it out of the search index, for tables that repeat text indexed elsewhere.
    `cards=True` marks a table that a phone shows as stacked cards (extra.css, class kb-cards): the cards change
    the CSS display of rows and cells, so the table's roles are written out to keep it a table for screen readers.
    """
    def role(name: str) -> str:
        return f' role="{name}"' if cards else ""

    # No role on <th>: Material would give role=columnheader a sort icon, and the header row keeps its display.
    head = "".join(f'<th scope="col">{text(h)}</th>' for h in headers)
    body = "".join(f"<tr{role('row')}>" + "".join(f"<td{role('cell')}>{cell}</td>" for cell in row) + "</tr>"
                   for row in rows)
    cls = " ".join(part for part in ("kb-table", "kb-cards" if cards else "", attr(css)) if part)
    exclude = "" if searchable else " data-search-exclude"
    return (f'<div class="{cls}"{exclude}><table tabindex="0"{role("table")}><thead{role("rowgroup")}>'
            f'<tr{role("row")}>{head}</tr></thead><tbody{role("rowgroup")}>{body}</tbody></table></div>')


_KEPT: list[list[str]] = []  # while MkDocs renders a page: its HTML blocks, kept out of Markdown


def block(inner: str) -> str:
    """A raw HTML block for a Markdown page: blank lines around it, so Markdown leaves it alone.

    While MkDocs renders a page (keep_blocks), the block is kept aside and Markdown sees a one-line comment in
    its place, which put_back_blocks replaces in the page's HTML: Markdown and MkDocs would otherwise run an HTML
    parser over every generated table (md_in_html's block handling, and MkDocs' search for anchor ids), about a
    tenth of a build. Zensical renders pages without that hook, so there the block is written in place."""
    if not _KEPT:
        return f"\n\n{inner}\n\n"
    _KEPT[-1].append(inner)
    return f"\n\n<!--kb-block {len(_KEPT[-1]) - 1}-->\n\n"


def keep_blocks() -> None:
    """Start keeping a page's HTML blocks aside (kb.preview, before the page's macros)."""
    _KEPT[:] = [[]]


@contextmanager
def blocks_in_place() -> Iterator[None]:
    """Write blocks in place for a while: macros run for another page (kb.citing) keep nothing of this one's."""
    saved = _KEPT[:]
    _KEPT[:] = []
    try:
        yield
    finally:
        _KEPT[:] = saved


def kept_blocks() -> list[str]:
    """The page's kept HTML blocks so far (empty when none are kept)."""
    return _KEPT[-1] if _KEPT else []


_KEPT_MARK = re.compile(r"<!--kb-block (\d+)-->")
_ID = re.compile(r'<[a-zA-Z][^>]*?\sid="([^"]*)"')  # values are escaped (attr): no raw > or " inside


def put_back_blocks(page_html: str) -> tuple[str, set[str]]:
    """The page's HTML with its kept blocks back in place, and the element ids they hold (for MkDocs' anchor
    check, which did not see them); stops keeping blocks. A mark without its block stays as a comment."""
    kept, _KEPT[:] = kept_blocks(), []
    if not kept:
        return page_html, set()
    page_html = _KEPT_MARK.sub(lambda m: kept[int(m[1])] if int(m[1]) < len(kept) else m[0], page_html)
    return page_html, {html.unescape(i) for inner in kept for i in _ID.findall(inner)}



def json_text(data: object) -> str:
    """Data for a page script, as JSON in the text of a hidden element: the script reads it with
    JSON.parse(el.textContent). Only &, < and > are escaped there (an attribute would need every quote escaped
    too, 6 bytes each). Not a <script type="application/json"> element: Material's instant navigation re-creates
    every script of the new page as one to run, which the CSP then blocks."""
    import json

    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return html.escape(body, quote=False)
