"""Typed, immutable records built from the validated data files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Designation = Literal["must", "should", "unknown"]
Confidence = Literal["official", "secondary", "unverified"]
SourceKind = Literal["official", "statute", "secondary"]


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
    new_in_2019: bool = False

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
class Criterion:
    id: str
    category: int
    title: str
    summary: str
    guidance: str
    evidence: tuple[str, ...]
    designation: Designation
    applies_to: dict[str, Designation]
    sources: tuple[str, ...]
    confidence: Confidence
    provenance: str
    related_pages: tuple[str, ...] = ()
    history: tuple[HistoryEntry, ...] = ()

    @property
    def anchor(self) -> str:
        """The stable permalink anchor, e.g. 'criterion-6-7'."""
        return "criterion-" + self.id.replace(".", "-")

    @property
    def sort_key(self) -> tuple[int, int]:
        major, minor = self.id.split(".")
        return int(major), int(minor)

    def designation_for(self, entity: str) -> Designation:
        """The designation for one entity type; 'unknown' when no source confirms it applies."""
        return self.applies_to.get(entity, "unknown")


@dataclass(frozen=True)
class KnowledgeBase:
    sources: dict[str, Source]
    focus_areas: dict[str, FocusArea]
    categories: dict[int, Category]
    entities: dict[str, Entity]
    criteria: dict[str, Criterion]
    extra: dict[str, Any] = field(default_factory=dict)

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
        if designation is not None and designation not in get_args(Designation):
            raise ValueError(f"unknown designation {designation!r}; expected must, should or unknown")
        if focus_area is not None and focus_area not in self.focus_areas:
            raise ValueError(f"unknown focus area {focus_area!r}; expected one of {sorted(self.focus_areas)}")
        chosen = []
        for c in sorted(self.criteria.values(), key=lambda c: c.sort_key):
            if category is not None and c.category != category:
                continue
            if focus_area is not None and self.category_of(c).focus_area != focus_area:
                continue
            if entity is not None and entity not in c.applies_to:
                continue
            level = c.designation_for(entity) if entity else c.designation
            if designation is not None and level != designation:
                continue
            chosen.append(c)
        return chosen
