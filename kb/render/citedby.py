"""What cites each source, for the Sources page: the criteria (with per-entity pairs) and the pages."""

from __future__ import annotations

from collections.abc import Mapping

from kb import markdown as md
from kb.citing import criteria_by_source, pages_by_source
from kb.macro import Cited
from kb.models import KnowledgeBase
from kb.render.common import criterion_target

# The entity types' index page, which links every entity type's page.
ENTITY_INDEX = "criteria/entities/index.md"


class CitedBy:
    """The "cited by" lines of every source, computed once for the Sources page."""

    def __init__(self, kb: KnowledgeBase, citations: Mapping[str, tuple[str, ...]],
                 titles: Mapping[str, str], from_page: str) -> None:
        self.kb, self.titles, self.from_page = kb, titles, from_page
        self.criteria = criteria_by_source(kb)
        self.pages = pages_by_source({p: ids for p, ids in citations.items() if p != from_page})

    def criteria_line(self, source: str) -> str | None:
        """Criterion IDs in numeric order, linked; a pair citing the source names its entity types."""
        found = self.criteria.get(source)
        if not found:
            return None
        items = []
        for cid, slugs in found.items():
            link = f"[{cid}]({md.relative_link(criterion_target(self.kb, self.kb.criteria[cid]), self.from_page)})"
            names = ", ".join(md.text(self.kb.entities[s].name) for s in slugs)
            items.append(f"{link} (for {names})" if names else link)
        return "Criteria: " + ", ".join(items) + "."

    def pages_line(self, source: str) -> str | None:
        """The pages whose sources list shows the source, by title. When every entity type's page shows it (as
        for a criterion recorded for every type), one link to the entity types' index stands for them."""
        found = set(self.pages.get(source) or ())
        if not found:
            return None
        entity_pages = {e.page for e in self.kb.entities.values()}
        every_entity = len(entity_pages) > 1 and entity_pages <= found and ENTITY_INDEX in self.titles
        if every_entity:
            found -= entity_pages
        links = sorted((md.text(self.titles.get(p, p)), md.relative_link(p, self.from_page)) for p in found)
        items = [f"[{title}]({href})" for title, href in links]
        if every_entity:
            items.append(f"[each of the {len(entity_pages)} entity types' pages]"
                         f"({md.relative_link(ENTITY_INDEX, self.from_page)})")
        return "Pages: " + ", ".join(items) + "."

    def records(self) -> list[Cited]:
        """The criteria and pairs the lines link to, so that the page cites them as any page does."""
        shown: dict[str, Cited] = {}
        for cited in self.criteria.values():
            for cid, slugs in cited.items():
                c = self.kb.criteria[cid]
                shown[cid] = c
                shown.update({f"{cid} {s}": c.entities[s] for s in slugs})
        return list(shown.values())

    def lines(self, source: str) -> list[str]:
        return [line for line in (self.criteria_line(source), self.pages_line(source)) if line]
