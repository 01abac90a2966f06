"""What Material's search plugin needs to read of a page: its HTML without the blocks it would skip anyway.

The plugin parses every page's HTML with `html.parser` and drops each element marked `data-search-exclude` with
everything inside it. Most of the generated HTML is such blocks (a criterion's guidance and record by type, the
summary and evidence tables; about 60 % of the article HTML with 1,000 criteria), and parsing them costs as much
as parsing what is indexed. `for_search` cuts them out before the plugin reads the page, which gives the plugin
the same sections, titles and text (tests/site/test_search_index.py compares them on every built page).

Only whole `<div>` elements are cut, found by counting `<div>` and `</div>` tags, and only when nothing inside them
could change what the plugin indexes (a heading starts a section even inside an excluded block). A page the count
cannot be trusted on (unbalanced `<div>` tags) is read whole, as before. Comments, scripts and styles are stepped
over: a `<div>` in them is not one.
"""

from __future__ import annotations

import re

# A <div> tag, or something whose text is not markup (skipped whole: a <div> inside it is not one).
_DIV_TAG = re.compile(r"<div\b[^>]*>|</div\s*>|<!--.*?-->|<(script|style|textarea)\b.*?</\1\s*>",
                      re.DOTALL | re.IGNORECASE)
_EXCLUDED = re.compile(r"\sdata-search-exclude(?=[\s=>/])")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_HEADING = re.compile(r"<h[1-6]\b", re.IGNORECASE)


def for_search(html: str) -> str:
    """`html` without its excluded `<div>` blocks that hold no heading, and without the content of each section
    whose heading is excluded; `html` itself when there is nothing to cut or the page cannot be cut safely."""
    if "data-search-exclude" not in html:
        return html
    return _without_excluded_sections(_without_excluded_divs(html))


_EXCLUDED_HEADING = re.compile(r"<h([1-6])\b[^>]*\sdata-search-exclude(?=[\s=>/])[^>]*>.*?</h\1\s*>",
                               re.IGNORECASE | re.DOTALL)
_NEXT_HEADING = re.compile(r"<h[1-6]\b", re.IGNORECASE)
_TAG_TOKEN = re.compile(r"<!--|<script\b|<style\b|<textarea\b|<(/?)([a-zA-Z][\w-]*)[^>]*?(/?)>", re.IGNORECASE)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
         "wbr"}


def _balanced(fragment: str) -> bool:
    """Whether every element opened in `fragment` closes in it and nothing outside it closes there (no comment,
    script or style, whose text would need reading)."""
    open_tags: list[str] = []
    for token in _TAG_TOKEN.finditer(fragment):
        if token[2] is None:
            return False
        name = token[2].lower()
        if name in _VOID or token[3]:
            continue
        if not token[1]:
            open_tags.append(name)
        elif not open_tags or open_tags.pop() != name:
            return False
    return not open_tags


def _without_excluded_sections(html: str) -> str:
    """The plugin drops the section a heading marked data-search-exclude starts (its title and text), but reads it
    all the same: what follows such a heading up to the next heading goes, when it is balanced markup."""
    kept: list[str] = []
    last = 0
    for heading in _EXCLUDED_HEADING.finditer(html):
        if heading.start() < last:
            continue
        following = _NEXT_HEADING.search(html, heading.end())
        end = following.start() if following else len(html)
        if _balanced(html[heading.end():end]):
            kept.append(html[last:heading.end()])
            last = end
    if not kept:
        return html
    kept.append(html[last:])
    return "".join(kept)


def _without_excluded_divs(html: str) -> str:
    kept: list[str] = []
    depth, last = 0, 0
    cut_from, cut_depth = -1, 0
    for tag in _DIV_TAG.finditer(html):
        if tag[0][1] in "!sStT":
            continue
        if tag[0][1] != "/":
            depth += 1
            if cut_from < 0 and _EXCLUDED.search(_QUOTED.sub('""', tag[0])):
                cut_from, cut_depth = tag.start(), depth
            continue
        if depth == 0:
            return html  # a </div> without its <div>: unbalanced
        if depth == cut_depth and cut_from >= 0:
            if not _HEADING.search(html, cut_from, tag.start()):
                kept.append(html[last:cut_from])
                last = tag.end()
            cut_from = -1
        depth -= 1
    if depth != 0:
        return html
    if not kept:
        return html
    kept.append(html[last:])
    return "".join(kept)


# What Material's search plugin removes from the page it has read (material/plugins/search/plugin.py,
# on_page_context): the page given back whole after the plugin read the cut one gets the same treatment.
_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
_ANY_SEARCH_ATTRIBUTE = re.compile(r"data-search-\w+=\"[^\"]")  # starts with text: found much faster


def as_search_leaves_it(html: str) -> str:
    """`html` as Material's search plugin leaves a page it has indexed."""
    return _SEARCH_ATTRIBUTES.sub("", html) if _ANY_SEARCH_ATTRIBUTE.search(html) else html
