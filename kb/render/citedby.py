"""What cites each source, for the Sources section's pages: the criteria (with per-entity pairs) and the pages."""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Mapping
from functools import reduce

from kb.citing import criteria_by_source, pages_by_source
from kb.models import KnowledgeBase
from kb.render import html as h
from kb.render.common import criterion_target

# The entity types' index page, which links every entity type's page.
ENTITY_INDEX = "criteria/entities/index.md"
# Where the Sources section lists the pages that show every criterion (kb.render.sources.sources_index).
EVERY_CRITERION = "sources/index.md#every-criterion"
# A seminar guide in several pages is a folder here with its entry page, index.md (seminars/<guide>/index.md).
GUIDES = "seminars/"


def citing_work(page: str, pages: Collection[str]) -> str:
    """The page that stands for `page` in "cited by" lines: a part of a seminar guide in several pages is named by
    the guide's entry page (its folder's index.md), as the guide was when it was one page; any other page by itself."""
    folder = posixpath.dirname(page)
    entry = f"{folder}/index.md"
    if page.startswith(GUIDES) and folder != GUIDES.rstrip("/") and entry in pages:
        return entry
    return page


def by_work(citations: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each citing work's sources: a guide in several pages cites what any of its pages cites, once each."""
    merged: dict[str, dict[str, None]] = {}
    for page, ids in citations.items():
        merged.setdefault(citing_work(page, citations), {}).update(dict.fromkeys(ids))
    return {work: tuple(ids) for work, ids in merged.items()}


class CitedBy:
    """The "cited by" lines of every source, as ready HTML for the page `from_page`. The pages in `bibliography`
    (the Sources section's) are never named: they list every source. A seminar guide in several pages is named
    once, by its entry page (citing_work)."""

    def __init__(self, kb: KnowledgeBase, citations: Mapping[str, tuple[str, ...]],
                 titles: Mapping[str, str], from_page: str, bibliography: Collection[str] = ()) -> None:
        self.kb, self.titles, self.from_page = kb, titles, from_page
        self.criteria = criteria_by_source(kb)
        self.pages = pages_by_source(by_work({p: ids for p, ids in citations.items()
                                              if p != from_page and p not in bibliography}))
        # The pages whose sources lists name every source of every criterion (those that show every criterion,
        # such as the explorer and each entity type's page): one link to their list stands for them.
        general = {s for c in kb.criteria.values() for s in c.sources}
        showing = [set(self.pages.get(s) or ()) for s in sorted(general)]
        every: set[str] = reduce(set.intersection, showing) if showing else set()
        self.every_criterion = every if len(every) > 1 else set()

    def criteria_line(self, source: str) -> str | None:
        """Criterion IDs in numeric order, linked; a pair citing the source names its entity types."""
        found = self.criteria.get(source)
        if not found:
            return None
        items = []
        for cid, slugs in found.items():
            link = h.link(h.text(cid), h.href(criterion_target(self.kb, self.kb.criteria[cid]), self.from_page))
            names = ", ".join(h.text(self.kb.entities[s].name) for s in slugs)
            items.append(f"{link} (for {names})" if names else link)
        return "Criteria: " + ", ".join(items) + "."

    def pages_line(self, source: str) -> str | None:
        """The pages whose sources list shows the source, by title. The pages that show every criterion, when they
        all show it (as for any source of a criterion), are one link to their list; likewise, when every entity
        type's page shows it, one link to the entity types' index stands for them."""
        found = set(self.pages.get(source) or ())
        if not found:
            return None
        items = []
        every_criterion = bool(self.every_criterion) and self.every_criterion <= found
        if every_criterion:
            found -= self.every_criterion
        entity_pages = {e.page for e in self.kb.entities.values()}
        every_entity = len(entity_pages) > 1 and entity_pages <= found and ENTITY_INDEX in self.titles
        if every_entity:
            found -= entity_pages
        links = sorted((self.titles.get(p, p), p) for p in found)
        items = [h.link(h.text(title), h.href(p, self.from_page)) for title, p in links]
        if every_entity:
            items.append(h.link(f"each of the {len(entity_pages)} entity types' pages",
                                h.href(ENTITY_INDEX, self.from_page)))
        if every_criterion:
            items.append(h.link(f"the {len(self.every_criterion)} pages that show every criterion",
                                h.href(EVERY_CRITERION, self.from_page)))
        return "Pages: " + ", ".join(items) + "."

    def lines(self, source: str) -> list[str]:
        return [line for line in (self.criteria_line(source), self.pages_line(source)) if line]
