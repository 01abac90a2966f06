"""Which pages and criteria cite each source: the Sources page's "cited by" lists.

A page's sources list is its front matter's `sources:` plus the sources of every record its macros show
(kb.context). The pages are read once more here and each macro call is run with the page's scope, so the
"cited by" lists agree with what each page lists, with no second list to keep up to date.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kb.macro import MACROS, PageScope
from kb.models import KnowledgeBase

_CALL = re.compile(r"\{\{-?\s*([a-z_][a-z0-9_]*)\s*\((.*?)\)\s*-?\}\}", re.DOTALL)
# Macros that show no records, or that list the citations themselves (running them here would recurse).
SKIPPED = frozenset({"sources_page", "sources_index", "page_sources"})


def macro_calls(text: str) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    """Every `{{ name(args) }}` in a page whose arguments are literals, as (name, args, kwargs)."""
    calls = []
    for match in _CALL.finditer(text):
        try:
            call = ast.parse(f"f({match.group(2)})", mode="eval").body
        except SyntaxError:
            continue
        if not isinstance(call, ast.Call):
            continue
        try:
            args = tuple(ast.literal_eval(a) for a in call.args)
            kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg}
        except ValueError:
            continue
        calls.append((match.group(1), args, kwargs))
    return calls


def page_sources(kb: KnowledgeBase, path: str, meta: Mapping[str, Any], text: str,
                 scope: Callable[[str], PageScope]) -> tuple[str, ...]:
    """The source ids a page lists: its front matter's, then those of every record its macros show."""
    ids = [str(s) for s in meta.get("sources") or [] if str(s) in kb.sources]
    for name, args, kwargs in macro_calls(text):
        if name in SKIPPED or name not in MACROS:
            continue
        try:
            result = MACROS[name](scope(path), *args, **kwargs)
        except (ValueError, KeyError, TypeError):
            continue  # the build itself reports a bad call, naming the page
        ids += [s for record in result.records for s in record.sources]
    return tuple(dict.fromkeys(ids))


def pages_by_source(per_page: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Source id -> the pages that list it, in page order."""
    result: dict[str, list[str]] = {}
    for page in sorted(per_page):
        for source in per_page[page]:
            result.setdefault(source, []).append(page)
    return result


def criteria_by_source(kb: KnowledgeBase) -> dict[str, dict[str, list[str]]]:
    """Source id -> {criterion ID: entity slugs whose pair cites it}, in ID order; a criterion whose own
    sources include it maps to the entity slugs as well (possibly none)."""
    result: dict[str, dict[str, list[str]]] = {}
    for c in sorted(kb.criteria.values(), key=lambda c: c.sort_key):
        for source in c.sources:
            result.setdefault(source, {}).setdefault(c.id, [])
        for slug, pair in c.entities.items():
            for source in pair.sources:
                result.setdefault(source, {}).setdefault(c.id, []).append(slug)
    return result
