"""Pure renderers: models in, Markdown out. No I/O; every piece of data text goes through kb.markdown."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kb import markdown as md
from kb.models import Confidence, Criterion, Designation, Entity, KnowledgeBase

DESIGNATION_LABEL = {"must": "Must", "should": "Should", "unknown": "Not confirmed"}
DESIGNATION_HINT = {"must": "Must: required", "should": "Should: recommended",
                    "unknown": "Designation not confirmed in a source"}
CONFIDENCE_LABEL = {"official": "Official", "secondary": "Secondary", "unverified": "Unverified"}
CONFIDENCE_HINT = {"official": "Seen in a CBP document", "secondary": "Seen only in secondary sources",
                   "unverified": "Not confirmed in any source"}


def designation_badge(designation: Designation) -> str:
    return (f'<span class="kb-badge kb-badge--{designation}" title="{DESIGNATION_HINT[designation]}">'
            f"{DESIGNATION_LABEL[designation]}</span>")


def confidence_badge(confidence: Confidence) -> str:
    return (f'<span class="kb-conf kb-conf--{confidence}" title="{CONFIDENCE_HINT[confidence]}">'
            f"{CONFIDENCE_LABEL[confidence]}</span>")


def criterion_target(kb: KnowledgeBase, c: Criterion) -> str:
    return f"{kb.category_of(c).page}#{c.anchor}"


def criterion_link(kb: KnowledgeBase, c: Criterion, from_page: str) -> str:
    """Inline link: the ID and its designation badge; the title shows on hover."""
    href = md.relative_link(criterion_target(kb, c), from_page)
    return f'[{c.id} {designation_badge(c.designation)}]({href} "{md.text(c.title)}"){{ .kb-criterion }}'


def select(kb: KnowledgeBase, *, category: int | None = None, entity: str | None = None,
           designation: str | None = None, focus_area: str | None = None) -> list[Criterion]:
    """Criteria matching every given filter, in ID order. Unknown filter values are an error."""
    if category is not None and category not in kb.categories:
        raise ValueError(f"unknown category {category!r}; expected one of {sorted(kb.categories)}")
    if entity is not None and entity not in kb.entities:
        raise ValueError(f"unknown entity {entity!r}; expected one of {sorted(kb.entities)}")
    if designation is not None and designation not in DESIGNATION_LABEL:
        raise ValueError(f"unknown designation {designation!r}; expected must, should or unknown")
    if focus_area is not None and focus_area not in kb.focus_areas:
        raise ValueError(f"unknown focus area {focus_area!r}; expected one of {sorted(kb.focus_areas)}")
    chosen = []
    for c in sorted(kb.criteria.values(), key=lambda c: c.sort_key):
        if category is not None and c.category != category:
            continue
        if focus_area is not None and kb.category_of(c).focus_area != focus_area:
            continue
        if entity is not None and entity not in c.applies_to:
            continue
        level = c.designation_for(entity) if entity else c.designation
        if designation is not None and level != designation:
            continue
        chosen.append(c)
    return chosen


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


def sources_inline(kb: KnowledgeBase, ids: Iterable[str]) -> str:
    return "; ".join(f"[{md.text(kb.sources[i].title)}]({kb.sources[i].url})" for i in ids)


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
    confirmed = select(kb, entity=slug)
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
        confirmed = len(select(kb, entity=e.slug))
        rows.append([f"[{md.text(e.name)}]({md.relative_link(e.page, from_page)})", md.cell(e.description),
                     str(confirmed), f"[CBP page]({e.official_url})"])
    return md.table(["Entity type", "Who it is", "Criteria confirmed", "Official"], rows)


def sources_list(kb: KnowledgeBase, ids: Iterable[str]) -> str:
    """A bulleted list of sources: title (linked), publisher, date, kind, and the official copy if any."""
    lines = []
    for i in ids:
        s = kb.sources[i]
        date = "undated" if s.date == "undated" else s.date
        item = f"- [{md.text(s.title)}]({s.url}). {md.text(s.publisher)}, {date}. *{s.kind.capitalize()}*"
        if s.official_url:
            item += f"; [official publication]({s.official_url})"
        lines.append(item + ".")
    return "\n".join(lines)


SOURCE_KIND_HEADING = {"official": "Official CBP and DHS publications", "statute": "Statute",
                       "secondary": "Secondary sources: trade press, consultants and mock-ups"}


def sources_by_kind(kb: KnowledgeBase) -> str:
    """The bibliography grouped by kind, each entry with a permalink anchor."""
    lines = []
    for kind, heading in SOURCE_KIND_HEADING.items():
        chosen = sorted((s for s in kb.sources.values() if s.kind == kind), key=lambda s: s.title.lower())
        if not chosen:
            continue
        lines += [f"## {heading} {{ #{kind} }}", ""]
        for s in chosen:
            lines.append(f"- [{md.text(s.title)}]({s.url}){{ #source-{s.id} }}. "
                         f"{md.text(s.publisher)}, {s.date}."
                         + (f" [Official publication]({s.official_url})." if s.official_url else "")
                         + (f" {md.text(s.note)}" if s.note else "") + f" <code>{s.id}</code>")
        lines.append("")
    return "\n".join(lines)
