"""Renderers for the criteria: tables, a category's full entries, an entity type's list, evidence, CSV."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kb import markdown as md
from kb.macro import PageScope, Shown, macro, refuse_number, shown
from kb.models import Criterion, Entity, KnowledgeBase
from kb.render.common import (
    DESIGNATION_LABEL,
    confidence_badge,
    criterion_link,
    criterion_target,
    csv_text,
    designation_badge,
)
from kb.render.sources import sources_inline


def criteria_table(kb: KnowledgeBase, criteria: Iterable[Criterion], from_page: str,
                   entity: str | None = None) -> str:
    """A table of criteria: ID (linked to its permalink), title and summary, designation, confidence."""
    rows = []
    for c in criteria:
        level = c.designation_for(entity) if entity else c.designation
        link = md.relative_link(criterion_target(kb, c), from_page)
        rows.append([f"[{c.id}]({link})", f"**{md.cell(c.title)}**<br>{md.cell(c.summary)}",
                     designation_badge(level), confidence_badge(c.confidence)])
    if not rows:
        return "*No criteria match.*"
    return md.table(["ID", "Criterion", "Must / Should", "Confidence"], rows)


def _applies_line(kb: KnowledgeBase, c: Criterion) -> str:
    if not c.applies_to:
        return "Not confirmed for any entity type yet; check CBP's document for your type."
    parts = []
    for slug, entity in kb.entities.items():
        if slug in c.applies_to:
            level = c.applies_to[slug]
            suffix = "" if level == c.designation else f" ({DESIGNATION_LABEL[level]})"
            parts.append(md.text(entity.name) + suffix)
    missing = len(kb.entities) - len(parts)
    tail = f"; not confirmed for the other {missing} types" if missing else ""
    return ", ".join(parts) + tail + "."


def criterion_section(kb: KnowledgeBase, c: Criterion, from_page: str,
                      cited_by: Mapping[str, str]) -> str:
    """The full entry for one criterion, under a heading with its permalink anchor."""
    lines = [f"### {c.id} {md.text(c.title)} {{ #{c.anchor} }}", "",
             f"{designation_badge(c.designation)} {confidence_badge(c.confidence)}", "",
             md.paragraphs(c.summary), "", "**How to meet it**", "", md.paragraphs(c.guidance), "",
             "**Evidence that shows it is in place**", ""]
    lines += [f"- {md.text(e)}" for e in c.evidence]
    lines += ["", f"**Applies to:** {_applies_line(kb, c)}", ""]
    if c.history:
        lines += ["**History:** " + "; ".join(f"{h.date}: {md.text(h.change)}" for h in c.history), ""]
    guides = {**{p: "" for p in c.related_pages}, **cited_by}
    if guides:
        links = [f"[{md.text(title) or md.text(page)}]({md.relative_link(page, from_page)})"
                 for page, title in sorted(guides.items(), key=lambda kv: kv[1] or kv[0])]
        lines += ["**Guidance that cites it:** " + ", ".join(links), ""]
    lines += [f"**Sources:** {sources_inline(kb, c.sources)}", "",
              f"**Provenance:** {md.text(c.provenance)}", ""]
    return "\n".join(lines)


def category_criteria(kb: KnowledgeBase, number: int, from_page: str,
                      backlinks: Mapping[str, Mapping[str, str]]) -> str:
    """A category page's body: the summary table, then every criterion in full."""
    criteria = kb.criteria_in(number)
    parts = [criteria_table(kb, criteria, from_page), ""]
    parts += [criterion_section(kb, c, from_page, backlinks.get(c.id, {})) for c in criteria]
    return "\n".join(parts)


def _count_line(criteria: list[Criterion], entity: str) -> str:
    must = sum(1 for c in criteria if c.designation_for(entity) == "must")
    should = sum(1 for c in criteria if c.designation_for(entity) == "should")
    other = len(criteria) - must - should
    extra = f", {other} with the designation not confirmed" if other else ""
    return (f'<span class="kb-count" data-must="{must}" data-should="{should}">'
            f"{must} Must, {should} Should{extra}</span>")


def entity_criteria(kb: KnowledgeBase, slug: str, from_page: str) -> str:
    """An entity page's body: confirmed criteria by category with counts, then the unconfirmed ones."""
    entity: Entity = kb.entities[slug]
    confirmed = kb.select(entity=slug)
    lines = [f"**Confirmed for this type:** {len(confirmed)} criteria: {_count_line(confirmed, slug)}.", ""]
    for number, category in kb.categories.items():
        in_cat = [c for c in confirmed if c.category == number]
        if in_cat:
            lines += [f"### {number}. {md.text(category.name)}", "", _count_line(in_cat, slug), "",
                      criteria_table(kb, in_cat, from_page, entity=slug), ""]
    pending = [c for c in sorted(kb.criteria.values(), key=lambda c: c.sort_key) if slug not in c.applies_to]
    lines += ["## Not yet confirmed for this type {#not-confirmed}", "",
              f"We have not yet confirmed in a source whether these {len(pending)} criteria apply to "
              f"{md.text(entity.name)}. They may well apply: CBP publishes one criteria document per entity "
              "type, and an ID missing from that document does not apply to the type. Check "
              f"[CBP's official page for this type]({entity.official_url}) before relying on this list.", ""]
    lines.append(criteria_table(kb, pending, from_page) if pending else "*None: every criterion is confirmed.*")
    return "\n".join(lines)


def entity_list(kb: KnowledgeBase, from_page: str) -> str:
    """A table of the entity types with links to their criteria pages and to CBP."""
    rows = []
    for e in kb.entities.values():
        confirmed = len(kb.select(entity=e.slug))
        rows.append([f"[{md.text(e.name)}]({md.relative_link(e.page, from_page)})", md.cell(e.description),
                     str(confirmed), f"[CBP page]({e.official_url})"])
    return md.table(["Entity type", "Who it is", "Criteria confirmed", "Official"], rows)


def evidence_table(kb: KnowledgeBase, from_page: str, category: int | None = None) -> str:
    """Each criterion with the example evidence recorded for it in the data."""
    rows = []
    for c in kb.select(category=category):
        link = md.relative_link(criterion_target(kb, c), from_page)
        rows.append([f"[{c.id}]({link})", md.cell(c.title), "<br>".join(md.text(e) for e in c.evidence)])
    return md.table(["ID", "Criterion", "Example evidence"], rows)


def criteria_csv(kb: KnowledgeBase) -> str:
    """Every criterion as one CSV row, for spreadsheets."""
    slugs = list(kb.entities)
    rows: list[list[object]] = [["id", "category", "title", "summary", "designation", "confidence", "sources", *slugs]]
    rows += [[c.id, kb.category_of(c).name, c.title, c.summary, c.designation, c.confidence, " ".join(c.sources),
              *[c.designation_for(s) for s in slugs]] for c in kb.select()]
    return csv_text(rows)


def category_table(kb: KnowledgeBase, from_page: str) -> str:
    """The categories grouped by focus area, each linked to its page, with its number of criteria."""
    rows = []
    for area in sorted(kb.focus_areas.values(), key=lambda f: f.number):
        for i, cat in enumerate(c for c in kb.categories.values() if c.focus_area == area.slug):
            rows.append([md.text(area.name) if i == 0 else "",
                         f"[{cat.number}. {md.text(cat.name)}]({md.relative_link(cat.page, from_page)})",
                         str(len(kb.criteria_in(cat.number)))])
    return md.table(["Focus area", "Category", "Criteria here"], rows)


# ---- macros ----------------------------------------------------------------------------------------------
def _criterion(page: PageScope, cid: object) -> Criterion:
    found = page.kb.criteria.get(refuse_number("criterion", cid))
    if found is None:
        raise ValueError(f"criterion({cid!r}) names no criterion in data/criteria/")
    return found


@macro("criterion")
def criterion_macro(page: PageScope, cid: object) -> Shown:
    """A link to one criterion: its ID and Must/Should badge; the title shows on hover."""
    c = _criterion(page, cid)
    return shown(criterion_link(page.kb, c, page.path), [c])


@macro("criteria_table")
def criteria_table_macro(page: PageScope, category: int | None = None, entity: str | None = None,
                         designation: str | None = None, focus_area: str | None = None) -> Shown:
    """A table of the criteria matching every filter given (category, entity, designation, focus_area)."""
    chosen = page.kb.select(category=category, entity=entity, designation=designation, focus_area=focus_area)
    return shown(criteria_table(page.kb, chosen, page.path, entity=entity), chosen)


@macro("criteria_count")
def criteria_count_macro(page: PageScope, category: int | None = None, entity: str | None = None,
                         designation: str | None = None, focus_area: str | None = None) -> Shown:
    """The number of criteria matching the same filters as criteria_table."""
    chosen = page.kb.select(category=category, entity=entity, designation=designation, focus_area=focus_area)
    return shown(str(len(chosen)), chosen)


@macro("category_table")
def category_table_macro(page: PageScope) -> Shown:
    """The categories by focus area, linked, with their number of criteria."""
    return shown(category_table(page.kb, page.path))


@macro("category_criteria")
def category_criteria_macro(page: PageScope, number: int) -> Shown:
    """A category page's body: the summary table, then every criterion in full."""
    if number not in page.kb.categories:
        raise ValueError(f"category_criteria({number!r}) names no category in data/categories.yml")
    chosen = page.kb.criteria_in(number)
    return shown(category_criteria(page.kb, number, page.path, page.backlinks), chosen)


def _entity(page: PageScope, name: str, slug: str) -> Entity:
    if slug not in page.kb.entities:
        raise ValueError(f"{name}({slug!r}) names no entity in data/entities.yml")
    return page.kb.entities[slug]


@macro("entity_intro")
def entity_intro_macro(page: PageScope, slug: str) -> Shown:
    """An entity type's description, from data/entities.yml."""
    entity = _entity(page, "entity_intro", slug)
    return shown(md.paragraphs(entity.description), [entity])


@macro("entity_criteria")
def entity_criteria_macro(page: PageScope, slug: str) -> Shown:
    """An entity page's body: the criteria confirmed for the type by category, then the unconfirmed ones."""
    _entity(page, "entity_criteria", slug)
    return shown(entity_criteria(page.kb, slug, page.path), page.kb.select())


@macro("entity_list")
def entity_list_macro(page: PageScope) -> Shown:
    """The entity types with links to their pages and to CBP."""
    return shown(entity_list(page.kb, page.path), page.kb.entities.values())


@macro("evidence_table")
def evidence_table_macro(page: PageScope, category: int | None = None) -> Shown:
    """Each criterion (optionally of one category) with its example evidence."""
    return shown(evidence_table(page.kb, page.path, category), page.kb.select(category=category))
