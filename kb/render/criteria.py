"""Renderers for the criteria: tables, a category's full entries, an entity type's list, evidence, CSV."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kb import markdown as md
from kb.macro import PageScope, Shown, macro, refuse_number, shown
from kb.models import Criterion, Entity, KnowledgeBase, Pair
from kb.render.common import (
    EVIDENCE_LABEL,
    STATUS_LABEL,
    criterion_link,
    criterion_target,
    csv_text,
    general_badges,
    status_badge,
    status_key,
)
from kb.render.sources import sources_inline


def criteria_table(kb: KnowledgeBase, criteria: Iterable[Criterion], from_page: str,
                   entity: str | None = None) -> str:
    """A table of criteria: ID (linked to its permalink), title and summary, the general designation with its
    confidence, and, given an entity type, the status for that type."""
    rows = []
    for c in criteria:
        link = md.relative_link(criterion_target(kb, c), from_page)
        row = [f"[{c.id}]({link})", f"**{md.cell(c.title)}**<br>{md.cell(c.summary)}"]
        if entity:
            row.append(status_badge(c.pair(entity)))
        rows.append([*row, general_badges(c)])
    if not rows:
        return "*No criteria match.*"
    headers = ["ID", "Criterion", *(["For this type"] if entity else []), "General (as the sources give it)"]
    return md.table(headers, rows)


def pair_evidence(kb: KnowledgeBase, pair: Pair) -> str:
    """A pair's evidence level, its sources (linked to the Sources page) and its note."""
    level = EVIDENCE_LABEL[kb.evidence_level(pair)]
    text = f"{level}: {sources_inline(kb, pair.sources)}"
    return text + (f". {md.text(pair.note)}" if pair.note else "")


def _entities_lines(kb: KnowledgeBase, c: Criterion) -> list[str]:
    """The per-entity evidence of a criterion, one item per recorded type, then the unknown ones."""
    items = [f"- {md.text(kb.entities[slug].name)}: {status_badge(pair)} {pair_evidence(kb, pair)}"
             for slug, pair in c.entities.items()]
    unknown = [md.text(e.name) for slug, e in kb.entities.items() if slug not in c.entities]
    if unknown:
        items.append(f"- Not yet confirmed for: {', '.join(unknown)}.")
    return items


def criterion_section(kb: KnowledgeBase, c: Criterion, from_page: str,
                      cited_by: Mapping[str, str]) -> str:
    """The full entry for one criterion, under a heading with its permalink anchor."""
    lines = [f"### {c.id} {md.text(c.title)} {{ #{c.anchor} }}", "",
             general_badges(c), "",
             md.paragraphs(c.summary), "", "**How to meet it**", "", md.paragraphs(c.guidance), "",
             "**Evidence that shows it is in place**", ""]
    lines += [f"- {md.text(e)}" for e in c.evidence]
    if c.note:
        lines += ["", f"*Note:* {md.text(c.note)}"]
    lines += ["", "**By entity type:**", "", *_entities_lines(kb, c), ""]
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


STATUS_ORDER = ("must", "should", "applies", "disputed", "not_listed", "probably_not_listed", "unknown")


def status_counts(criteria: Iterable[Criterion], entity: str) -> dict[str, int]:
    """How many criteria have each status for the type (keys as in STATUS_ORDER)."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for c in criteria:
        counts[status_key(c.pair(entity))] += 1
    return counts


def _count_line(criteria: Iterable[Criterion], entity: str) -> str:
    counts = status_counts(criteria, entity)
    parts = [f"{n} {STATUS_LABEL[key]}" for key, n in counts.items() if n]
    data = " ".join(f'data-{key.replace("_", "-")}="{n}"' for key, n in counts.items())
    return f'<span class="kb-count" {data}>{", ".join(parts)}</span>'


def entity_criteria(kb: KnowledgeBase, slug: str, from_page: str) -> str:
    """An entity page's body: every criterion by category, with the status for this type and its evidence."""
    entity: Entity = kb.entities[slug]
    everything = kb.select()
    lines = [f"**For {md.text(entity.name)}, by status:** {_count_line(everything, slug)}.", "",
             "*For this type* is what a source says for this entity type, with the evidence beside it. "
             "*General* is the designation the criterion's sources give without naming a type: it is not a "
             f"finding for {md.text(entity.name)}. CBP's own document for the type is the last word: see "
             f"[CBP's page for this type]({entity.official_url}).", ""]
    for number, category in kb.categories.items():
        in_cat = [c for c in everything if c.category == number]
        if not in_cat:
            continue
        rows = []
        for c in in_cat:
            pair = c.pair(slug)
            link = md.relative_link(criterion_target(kb, c), from_page)
            evidence = pair_evidence(kb, pair) if pair else "&mdash;"
            rows.append([f"[{c.id}]({link})", md.cell(c.title), status_badge(pair), evidence, general_badges(c)])
        lines += [f"### {number}. {md.text(category.name)}", "", _count_line(in_cat, slug), "",
                  md.table(["ID", "Criterion", "For this type", "Evidence", "General (not for this type)"], rows),
                  ""]
    return "\n".join(lines)


def entity_list(kb: KnowledgeBase, from_page: str) -> str:
    """A table of the entity types with links to their criteria pages and to CBP."""
    rows = []
    for e in kb.entities.values():
        confirmed = len(kb.select(entity=e.slug))  # listed on a source's word; inferences and disputes excluded
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
    """Every criterion as one CSV row, for spreadsheets; a column per entity type holds the pair's status."""
    slugs = list(kb.entities)
    rows: list[list[object]] = [["id", "category", "title", "summary", "designation", "confidence", "sources", *slugs]]
    rows += [[c.id, kb.category_of(c).name, c.title, c.summary, c.designation, c.confidence, " ".join(c.sources),
              *[status_key(c.pair(s)) for s in slugs]] for c in kb.select()]
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
    pairs = [pair for c in chosen if entity and (pair := c.pair(entity))]
    return shown(criteria_table(page.kb, chosen, page.path, entity=entity), [*chosen, *pairs])


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
    pairs = [pair for c in chosen for pair in c.entities.values()]
    return shown(category_criteria(page.kb, number, page.path, page.backlinks), [*chosen, *pairs])


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
    everything = page.kb.select()
    pairs = [pair for c in everything if (pair := c.pair(slug))]
    return shown(entity_criteria(page.kb, slug, page.path), [*everything, *pairs])


@macro("entity_list")
def entity_list_macro(page: PageScope) -> Shown:
    """The entity types with links to their pages and to CBP."""
    return shown(entity_list(page.kb, page.path), page.kb.entities.values())


@macro("evidence_table")
def evidence_table_macro(page: PageScope, category: int | None = None) -> Shown:
    """Each criterion (optionally of one category) with its example evidence."""
    return shown(evidence_table(page.kb, page.path, category), page.kb.select(category=category))
