"""The per-build macro context: the data loaded once, the page being rendered, and what it cites."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import kb.render  # noqa: F401  # registers the macros
from kb.errors import DataErrors
from kb.macro import MACROS, PageScope, Shown
from kb.models import KnowledgeBase
from kb.pages import PageInfo, backlinks, citation_problems, front_matter_problems, scan_docs
from kb.render import glossary, sources

SOURCES_MARK = "<!-- kb:page-sources -->"
_current: BuildContext | None = None


def current() -> BuildContext:
    """The BuildContext loaded for this build (by macros.define_env)."""
    if _current is None:
        raise RuntimeError("the knowledge base is not loaded: is the macros plugin enabled in mkdocs.yml?")
    return _current


class BuildContext:
    """Holds the data loaded once per build, plus the page being rendered and the sources it shows."""

    def __init__(self, kb: KnowledgeBase, pages: dict[str, PageInfo]) -> None:
        self.kb = kb
        self.pages = pages
        self.titles = {path: info.title for path, info in pages.items()}
        self.backlinks = backlinks(pages)
        self.page = ""
        self.meta: dict[str, Any] = {}
        self.data_sources: list[str] = []
        self.shown: list[Shown] = []

    @classmethod
    def load(cls, root: Path) -> BuildContext:
        """Load and check the data and every page's citations; all problems are reported in one DataErrors."""
        global _current
        from kb.loader import load_knowledge_base

        kb_, pages = load_knowledge_base(root), scan_docs(root / "docs")
        problems = citation_problems(pages, set(kb_.criteria))
        if problems:
            raise DataErrors(problems)
        _current = cls(kb_, pages)
        return _current

    def start_page(self, path: str, meta: dict[str, Any]) -> None:
        """Begin a page; a page without its required front matter stops the build, naming the page."""
        problems = front_matter_problems(PageInfo(path, meta))
        if problems:
            raise ValueError("; ".join(problems) + " (every page needs title, description and last_reviewed)")
        self.page, self.meta, self.data_sources, self.shown = path, meta, [], []

    def scope(self) -> PageScope:
        return PageScope(self.kb, self.page, self.titles, self.backlinks)

    def _cite(self, result: Shown) -> str:
        """Record what a macro showed; its records' sources join the page's sources list, once each."""
        self.shown.append(result)
        for record in result.records:
            self.data_sources += [s for s in record.sources if s not in self.data_sources]
        return result.text

    def _bind(self, function: Callable[..., Shown]) -> Callable[..., str]:
        def bound(*args: Any, **kwargs: Any) -> str:
            return self._cite(function(self.scope(), *args, **kwargs))

        bound.__name__, bound.__doc__ = function.__name__, function.__doc__
        return bound

    def macros(self) -> dict[str, Callable[..., Any]]:
        """Every registered macro bound to this context, plus page_sources."""
        bound: dict[str, Callable[..., Any]] = {name: self._bind(f) for name, f in MACROS.items()}
        bound["page_sources"] = self.page_sources
        return bound

    def page_sources(self) -> str:
        """The page's sources list: its front matter's sources, then those of every record shown."""
        ids = list(self.meta.get("sources") or [])
        unknown = [i for i in ids if i not in self.kb.sources]
        if unknown:
            raise ValueError(f"{self.page}: front matter cites unknown source(s) {unknown}; see data/sources.yml")
        ids += [s for s in self.data_sources if s not in ids]
        if not ids:
            raise ValueError(f"{self.page}: no sources; list source ids under 'sources:' in the front matter")
        return f"{SOURCES_MARK}\n\n## Sources {{ #sources }}\n\n{sources.sources_list(self.kb, ids)}\n"

    def finish_page(self, markdown: str) -> str:
        """Append the sources list (unless the page placed it) and the glossary's abbreviations."""
        if SOURCES_MARK not in markdown:
            markdown = markdown.rstrip() + "\n\n" + self.page_sources()
        if self.kb.glossary is not None:
            markdown = markdown.rstrip() + "\n\n" + glossary.abbreviations(self.kb.glossary) + "\n"
        return markdown
