"""The page-aware layer between mkdocs-macros and the pure renderers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kb import render
from kb.loader import load_knowledge_base
from kb.models import KnowledgeBase
from kb.pages import PageInfo, backlinks, scan_docs

SOURCES_MARK = "<!-- kb:page-sources -->"


class Site:
    """Holds the data loaded once per build, plus what the page being rendered needs."""

    def __init__(self, kb: KnowledgeBase, pages: dict[str, PageInfo]) -> None:
        self.kb = kb
        self.pages = pages
        self.backlinks = backlinks(pages)
        self.page = ""
        self.meta: dict[str, Any] = {}
        self.data_sources: list[str] = []

    @classmethod
    def load(cls, root: Path) -> Site:
        return cls(load_knowledge_base(root), scan_docs(root / "docs"))

    def start_page(self, path: str, meta: dict[str, Any]) -> None:
        self.page, self.meta, self.data_sources = path, meta, []

    def _criterion(self, cid: str) -> Any:
        if cid not in self.kb.criteria:
            raise ValueError(f"{self.page}: criterion({cid!r}) names no criterion in data/criteria/")
        return self.kb.criteria[cid]

    def _uses(self, criteria: list[Any]) -> None:
        for c in criteria:
            self.data_sources += [s for s in c.sources if s not in self.data_sources]

    # ---- macros ------------------------------------------------------------------------------------
    def criterion(self, cid: str) -> str:
        return render.criterion_link(self.kb, self._criterion(cid), self.page)

    def criteria_table(self, category: int | None = None, entity: str | None = None,
                       designation: str | None = None, focus_area: str | None = None) -> str:
        chosen = render.select(self.kb, category=category, entity=entity, designation=designation,
                               focus_area=focus_area)
        self._uses(chosen)
        return render.criteria_table(self.kb, chosen, self.page, entity=entity)

    def criteria_count(self, category: int | None = None, entity: str | None = None,
                       designation: str | None = None, focus_area: str | None = None) -> int:
        return len(render.select(self.kb, category=category, entity=entity, designation=designation,
                                 focus_area=focus_area))

    def category_criteria(self, number: int) -> str:
        self._uses(self.kb.criteria_in(number))
        return render.category_criteria(self.kb, number, self.page, self.backlinks)

    def entity_criteria(self, slug: str) -> str:
        if slug not in self.kb.entities:
            raise ValueError(f"{self.page}: entity_criteria({slug!r}) names no entity in data/entities.yml")
        self._uses(list(self.kb.criteria.values()))
        return render.entity_criteria(self.kb, slug, self.page)

    def entity_list(self) -> str:
        return render.entity_list(self.kb, self.page)

    def sources_page(self) -> str:
        return render.sources_by_kind(self.kb)

    def page_sources(self) -> str:
        ids = list(self.meta.get("sources") or [])
        unknown = [i for i in ids if i not in self.kb.sources]
        if unknown:
            raise ValueError(f"{self.page}: front matter cites unknown source(s) {unknown}; see data/sources.yml")
        ids += [s for s in self.data_sources if s not in ids]
        if not ids:
            raise ValueError(f"{self.page}: no sources; list source ids under 'sources:' in the front matter")
        return f"{SOURCES_MARK}\n\n## Sources {{ #sources }}\n\n{render.sources_list(self.kb, ids)}\n"

    def macros(self) -> dict[str, Callable[..., Any]]:
        return {"criterion": self.criterion, "criteria_table": self.criteria_table,
                "criteria_count": self.criteria_count, "category_criteria": self.category_criteria,
                "entity_criteria": self.entity_criteria, "entity_list": self.entity_list,
                "page_sources": self.page_sources, "sources_page": self.sources_page}

    def finish_page(self, markdown: str) -> str:
        """Append the sources list unless the page placed it itself."""
        if SOURCES_MARK not in markdown:
            markdown = markdown.rstrip() + "\n\n" + self.page_sources()
        return markdown
