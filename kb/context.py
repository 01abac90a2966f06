"""The page-aware layer between mkdocs-macros and the pure renderers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kb.loader import load_knowledge_base
from kb.models import KnowledgeBase
from kb.pages import PageInfo, backlinks, front_matter_problems, scan_docs
from kb.render import common, criteria, glossary, program, sources, tools

SOURCES_MARK = "<!-- kb:page-sources -->"
_current: BuildContext | None = None


def current() -> BuildContext:
    """The BuildContext loaded for this build (by macros.define_env)."""
    if _current is None:
        raise RuntimeError("the knowledge base is not loaded: is the macros plugin enabled in mkdocs.yml?")
    return _current


class BuildContext:
    """Holds the data loaded once per build, plus what the page being rendered needs."""

    def __init__(self, kb: KnowledgeBase, pages: dict[str, PageInfo]) -> None:
        self.kb = kb
        self.pages = pages
        self.backlinks = backlinks(pages)
        self.page = ""
        self.meta: dict[str, Any] = {}
        self.data_sources: list[str] = []

    @classmethod
    def load(cls, root: Path) -> BuildContext:
        global _current
        _current = cls(load_knowledge_base(root), scan_docs(root / "docs"))
        return _current

    def start_page(self, path: str, meta: dict[str, Any]) -> None:
        """Begin a page; a page without its required front matter stops the build, naming the page."""
        problems = front_matter_problems(PageInfo(path, meta, ()))
        if problems:
            raise ValueError("; ".join(problems) + " (every page needs title, description and last_reviewed)")
        self.page, self.meta, self.data_sources = path, meta, []

    def _criterion(self, cid: str) -> Any:
        if cid not in self.kb.criteria:
            raise ValueError(f"{self.page}: criterion({cid!r}) names no criterion in data/criteria/")
        return self.kb.criteria[cid]

    def _cite(self, ids: Any) -> None:
        """Record sources of data shown on this page, once each, for the page's sources list."""
        self.data_sources += [s for s in dict.fromkeys(ids) if s not in self.data_sources]

    def _uses(self, criteria: list[Any]) -> None:
        self._cite(s for c in criteria for s in c.sources)

    # ---- macros ------------------------------------------------------------------------------------
    def criterion(self, cid: str) -> str:
        return common.criterion_link(self.kb, self._criterion(cid), self.page)

    def criteria_table(self, category: int | None = None, entity: str | None = None,
                       designation: str | None = None, focus_area: str | None = None) -> str:
        chosen = self.kb.select(category=category, entity=entity, designation=designation,
                               focus_area=focus_area)
        self._uses(chosen)
        return criteria.criteria_table(self.kb, chosen, self.page, entity=entity)

    def criteria_count(self, category: int | None = None, entity: str | None = None,
                       designation: str | None = None, focus_area: str | None = None) -> int:
        return len(self.kb.select(category=category, entity=entity, designation=designation,
                                 focus_area=focus_area))

    def category_criteria(self, number: int) -> str:
        self._uses(self.kb.criteria_in(number))
        return criteria.category_criteria(self.kb, number, self.page, self.backlinks)

    def entity_criteria(self, slug: str) -> str:
        if slug not in self.kb.entities:
            raise ValueError(f"{self.page}: entity_criteria({slug!r}) names no entity in data/entities.yml")
        self._uses(list(self.kb.criteria.values()))
        return criteria.entity_criteria(self.kb, slug, self.page)

    def entity_list(self) -> str:
        return criteria.entity_list(self.kb, self.page)

    def sources_page(self) -> str:
        return sources.sources_by_kind(self.kb)

    def _extra(self, name: str) -> Any:
        if name not in self.kb.extra:
            raise ValueError(f"{self.page}: needs data/{name}, which does not exist")
        return self.kb.extra[name]

    def eligibility_table(self) -> str:
        self._cite(s for e in self.kb.entities.values() for s in e.sources)
        return program.eligibility_table(self.kb, self.page)

    def mra_table(self) -> str:
        mra = self._extra("mra.yml")
        self._cite(s for a in mra["arrangements"] for s in a["sources"])
        return program.mra_table(mra)

    def updates_timeline(self, limit: int | None = None) -> str:
        updates = self._extra("updates.yml")
        events = sorted(updates["events"], key=lambda e: e["date"], reverse=True)[:limit]
        self._cite(s for e in events for s in e["sources"])
        return program.updates_timeline(self.kb, updates, self.page, limit)

    def glossary(self) -> str:
        titles = {path: info.title for path, info in self.pages.items()}
        self._cite(s for t in self._extra("glossary.yml")["terms"] for s in t["sources"])
        return glossary.glossary(self._extra("glossary.yml"), self.page, titles)

    def checklist(self, slug: str) -> str:
        found = [c for c in self._extra("checklists.yml")["checklists"] if c["slug"] == slug]
        if not found:
            raise ValueError(f"{self.page}: checklist({slug!r}) names no checklist in data/checklists.yml")
        self._cite(found[0]["sources"])
        return tools.checklist(self.kb, found[0], self.page)

    def training_matrix(self) -> str:
        training = self._extra("training.yml")
        self._cite(s for t in training["topics"] for s in t["sources"])
        return tools.training_matrix(self.kb, training, self.page)

    def risk_worksheet(self) -> str:
        worksheet = self._extra("risk_worksheet.yml")
        self._cite(worksheet["sources"])
        return tools.risk_worksheet(self.kb, worksheet, self.page)

    def evidence_table(self, category: int | None = None) -> str:
        return criteria.evidence_table(self.kb, self.page, category)

    def page_sources(self) -> str:
        ids = list(self.meta.get("sources") or [])
        unknown = [i for i in ids if i not in self.kb.sources]
        if unknown:
            raise ValueError(f"{self.page}: front matter cites unknown source(s) {unknown}; see data/sources.yml")
        ids += [s for s in self.data_sources if s not in ids]
        if not ids:
            raise ValueError(f"{self.page}: no sources; list source ids under 'sources:' in the front matter")
        return f"{SOURCES_MARK}\n\n## Sources {{ #sources }}\n\n{sources.sources_list(self.kb, ids)}\n"

    def macros(self) -> dict[str, Callable[..., Any]]:
        return {"criterion": self.criterion, "criteria_table": self.criteria_table,
                "criteria_count": self.criteria_count, "category_criteria": self.category_criteria,
                "entity_criteria": self.entity_criteria, "entity_list": self.entity_list,
                "page_sources": self.page_sources, "sources_page": self.sources_page,
                "eligibility_table": self.eligibility_table, "mra_table": self.mra_table,
                "updates_timeline": self.updates_timeline, "glossary": self.glossary, "checklist": self.checklist,
                "training_matrix": self.training_matrix,
                "risk_worksheet": self.risk_worksheet, "evidence_table": self.evidence_table}

    def finish_page(self, markdown: str) -> str:
        """Append the sources list (unless the page placed it) and the glossary's abbreviations."""
        if SOURCES_MARK not in markdown:
            markdown = markdown.rstrip() + "\n\n" + self.page_sources()
        if "glossary.yml" in self.kb.extra:
            markdown = markdown.rstrip() + "\n\n" + glossary.abbreviations(self.kb.extra["glossary.yml"]) + "\n"
        return markdown

    def downloads(self) -> dict[str, str]:
        """Files generated at build time from the data: path under the site -> text."""
        files = {"downloads/criteria.csv": criteria.criteria_csv(self.kb)}
        for item in self.kb.extra.get("checklists.yml", {}).get("checklists", []):
            files[tools.checklist_download(item["slug"])] = tools.checklist_csv(item)
        if "risk_worksheet.yml" in self.kb.extra:
            worksheet = self.kb.extra["risk_worksheet.yml"]
            files[tools.WORKSHEET_DOWNLOAD] = tools.risk_worksheet_csv(worksheet)
        return files
