"""Typed, immutable records built from the validated data files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

Designation = Literal["must", "should", "unknown", "disputed"]
PairStatus = Literal["must", "should", "applies", "not_listed", "disputed"]
Confidence = Literal["official", "secondary", "unverified"]
SourceKind = Literal["official", "statute", "deck", "secondary"]
# The evidence level of a pair, best first: CBP's own document (a table for the type or a CBP notice); a CBP-style
# training deck seen only in a third-party copy; secondary sources only; inferred from an omission.
EvidenceLevel = Literal["cbp", "deck", "secondary", "omission"]
EVIDENCE_OF_KIND: dict[str, EvidenceLevel] = {"official": "cbp", "statute": "cbp", "deck": "deck",
                                              "secondary": "secondary"}
CONFIRMED: tuple[PairStatus, ...] = ("must", "should", "applies")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str
    url: str
    kind: SourceKind
    official_url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class FocusArea:
    slug: str
    number: int
    name: str


@dataclass(frozen=True)
class Category:
    number: int
    slug: str
    name: str
    focus_area: str
    description: str

    @property
    def page(self) -> str:
        """The docs-relative path of the category page."""
        return f"criteria/{self.slug}.md"


@dataclass(frozen=True)
class Entity:
    slug: str
    name: str
    description: str
    eligibility: tuple[str, ...]
    official_url: str
    sources: tuple[str, ...]
    confidence: Confidence
    invitation_only: bool = False

    @property
    def page(self) -> str:
        """The docs-relative path of the entity's criteria page."""
        return f"criteria/entities/{self.slug.replace('_', '-')}.md"


@dataclass(frozen=True)
class HistoryEntry:
    date: str
    change: str


@dataclass(frozen=True)
class Pair:
    """What is known about one criterion for one entity type, and on what evidence."""

    status: PairStatus
    sources: tuple[str, ...]
    inferred: bool = False
    note: str | None = None

    @property
    def confirmed(self) -> bool:
        """Listed for the type on a source's word (must, should or applies); never an inference or a dispute."""
        return self.status in CONFIRMED and not self.inferred


@dataclass(frozen=True)
class Criterion:
    id: str
    category: int
    title: str
    summary: str
    guidance: str
    evidence: tuple[str, ...]
    designation: Designation
    entities: dict[str, Pair]
    sources: tuple[str, ...]
    confidence: Confidence
    provenance: str
    related_pages: tuple[str, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    note: str | None = None

    @property
    def anchor(self) -> str:
        """The stable permalink anchor, e.g. 'criterion-6-7'."""
        return "criterion-" + self.id.replace(".", "-")

    @property
    def sort_key(self) -> tuple[int, int]:
        major, minor = self.id.split(".")
        return int(major), int(minor)

    def pair(self, entity: str) -> Pair | None:
        """The evidence for one entity type, or None when nothing is known."""
        return self.entities.get(entity)

    def confirmed_for(self, entity: str) -> bool:
        found = self.entities.get(entity)
        return found is not None and found.confirmed


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    definition: str
    sources: tuple[str, ...]
    expansion: str | None = None
    abbreviation: bool = False
    links: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        """The glossary anchor, e.g. 'ISO 17712' -> 'term-iso-17712'."""
        return "term-" + re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")


@dataclass(frozen=True)
class Glossary:
    terms: tuple[GlossaryTerm, ...]


@dataclass(frozen=True)
class Arrangement:
    partner: str
    signed: str
    sources: tuple[str, ...]
    confidence: Confidence
    program: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Mra:
    as_of: str
    arrangements: tuple[Arrangement, ...]
    note: str | None = None


@dataclass(frozen=True)
class UpdateEvent:
    date: str
    title: str
    summary: str
    sources: tuple[str, ...]
    confidence: Confidence
    criteria: tuple[str, ...] = ()
    page: str | None = None


@dataclass(frozen=True)
class Updates:
    events: tuple[UpdateEvent, ...]

    def newest_first(self, limit: int | None = None) -> list[UpdateEvent]:
        return sorted(self.events, key=lambda e: e.date, reverse=True)[:limit]


@dataclass(frozen=True)
class ChecklistPoint:
    label: str
    look_for: str | None = None


@dataclass(frozen=True)
class ChecklistSection:
    name: str
    points: tuple[ChecklistPoint, ...]


@dataclass(frozen=True)
class Checklist:
    slug: str
    title: str
    purpose: str
    criteria: tuple[str, ...]
    sections: tuple[ChecklistSection, ...]
    sources: tuple[str, ...]
    confidence: Confidence
    record_fields: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Checklists:
    checklists: tuple[Checklist, ...]

    def get(self, slug: str) -> Checklist | None:
        return next((c for c in self.checklists if c.slug == slug), None)


@dataclass(frozen=True)
class TrainingRole:
    slug: str
    name: str


@dataclass(frozen=True)
class TrainingTopic:
    slug: str
    name: str
    summary: str
    criteria: tuple[str, ...]
    roles: tuple[str, ...]
    timing: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Training:
    roles: tuple[TrainingRole, ...]
    topics: tuple[TrainingTopic, ...]


@dataclass(frozen=True)
class Threat:
    slug: str
    name: str
    examples: str


@dataclass(frozen=True)
class WorksheetStep:
    number: int
    name: str
    columns: tuple[str, ...]
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskWorksheet:
    threats: tuple[Threat, ...]
    ratings: tuple[str, ...]
    steps: tuple[WorksheetStep, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Gap:
    """A criterion ID a source implies exists, with no text or designation in any source we read."""

    id: str
    reason: str
    sources: tuple[str, ...]

    @property
    def category(self) -> int:
        return int(self.id.split(".")[0])

    @property
    def sort_key(self) -> tuple[int, int]:
        major, minor = self.id.split(".")
        return int(major), int(minor)


@dataclass(frozen=True)
class Gaps:
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything under data/. A field after `criteria` is a table: data/<field>.yml, schemas/<field>.schema.json,
    built into the field's dataclass by the loader. A table file may be absent; its field is then None."""

    sources: dict[str, Source]
    focus_areas: dict[str, FocusArea]
    categories: dict[int, Category]
    entities: dict[str, Entity]
    criteria: dict[str, Criterion]
    glossary: Glossary | None = None
    mra: Mra | None = None
    updates: Updates | None = None
    checklists: Checklists | None = None
    training: Training | None = None
    risk_worksheet: RiskWorksheet | None = None
    gaps: Gaps | None = None

    def evidence_level(self, pair: Pair) -> EvidenceLevel:
        """The pair's evidence level, from its best source; an inferred omission is always 'omission'."""
        if pair.inferred:
            return "omission"
        levels = [EVIDENCE_OF_KIND[self.sources[s].kind] for s in pair.sources]
        return min(levels, key=list(get_args(EvidenceLevel)).index)

    def criteria_in(self, category: int) -> list[Criterion]:
        return sorted((c for c in self.criteria.values() if c.category == category), key=lambda c: c.sort_key)

    def category_of(self, criterion: Criterion) -> Category:
        return self.categories[criterion.category]

    def select(self, *, category: int | None = None, entity: str | None = None,
               designation: str | None = None, focus_area: str | None = None) -> list[Criterion]:
        """Criteria matching every given filter, in ID order. Unknown filter values are an error."""
        if category is not None and category not in self.categories:
            raise ValueError(f"unknown category {category!r}; expected one of {sorted(self.categories)}")
        if entity is not None and entity not in self.entities:
            raise ValueError(f"unknown entity {entity!r}; expected one of {sorted(self.entities)}")
        if designation is not None and designation not in (*get_args(Designation), *get_args(PairStatus)):
            raise ValueError(f"unknown designation {designation!r}; expected must, should, applies or unknown")
        if focus_area is not None and focus_area not in self.focus_areas:
            raise ValueError(f"unknown focus area {focus_area!r}; expected one of {sorted(self.focus_areas)}")
        chosen = []
        for c in sorted(self.criteria.values(), key=lambda c: c.sort_key):
            if category is not None and c.category != category:
                continue
            if focus_area is not None and self.category_of(c).focus_area != focus_area:
                continue
            if entity is not None and not c.confirmed_for(entity):
                continue
            level = c.entities[entity].status if entity else c.designation
            if designation is not None and level != designation:
                continue
            chosen.append(c)
        return chosen
