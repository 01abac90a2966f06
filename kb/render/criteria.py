"""Renderers for the criteria: tables, a category's full entries, an entity type's list, evidence, CSV.

Tables and entries are ready HTML (kb.render.html); only headings stay Markdown, for the table of contents
and permalinks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from kb import markdown as md
from kb.macro import PageScope, Shown, macro, refuse_number, shown
from kb.models import Criterion, Entity, KnowledgeBase, Pair
from kb.render import downloads
from kb.render import html as h
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

SOURCES_PAGE = "sources.md"


def id_link(kb: KnowledgeBase, c: Criterion, from_page: str) -> str:
    return h.link(h.text(c.id), h.href(criterion_target(kb, c), from_page))


def criteria_table(kb: KnowledgeBase, criteria: Iterable[Criterion], from_page: str,
                   entity: str | None = None, *, searchable: bool = True) -> str:
    """A table of criteria: ID (linked to its permalink), title and summary, the general designation with its
    confidence, and, given an entity type, the status for that type."""
    rows = []
    for c in criteria:
        row = [id_link(kb, c, from_page), f"<strong>{h.text(c.title)}</strong><br>{h.text(c.summary)}"]
        if entity:
            row.append(status_badge(c.pair(entity)))
        rows.append([*row, general_badges(c)])
    if not rows:
        return "<p><em>No criteria match.</em></p>"
    headers = ["ID", "Criterion", *(["For this type"] if entity else []), "General (as the sources give it)"]
    return h.table(headers, rows, "kb-criteria kb-for-type" if entity else "kb-criteria", searchable=searchable,
                   cards=True)


def source_links(kb: KnowledgeBase, ids: Iterable[str], from_page: str) -> str:
    """Short links to entries on the Sources page: the publisher and date (the page's Sources list names them)."""
    return "; ".join(h.link(h.text(f"{kb.sources[i].publisher}, {kb.sources[i].date}"),
                            h.href(f"{SOURCES_PAGE}#source-{i}", from_page)) for i in ids)


def pair_evidence(kb: KnowledgeBase, pair: Pair, from_page: str) -> str:
    """A pair's evidence level, its sources (linked to the Sources page) and its note."""
    level = EVIDENCE_LABEL[kb.evidence_level(pair)]
    note = f" {h.text(pair.note)}" if pair.note else ""
    return f"{h.text(level)}: {source_links(kb, pair.sources, from_page)}.{note}"


def _entities_list(kb: KnowledgeBase, c: Criterion, from_page: str) -> str:
    """The per-entity evidence of a criterion, one item per recorded type, then the unknown ones (when no type is
    recorded, one line says so instead of naming all of them)."""
    items = [f"<li>{h.text(kb.entities[slug].name)}: {status_badge(pair)} {pair_evidence(kb, pair, from_page)}</li>"
             for slug, pair in c.entities.items()]
    unknown = [h.text(e.name) for slug, e in kb.entities.items() if slug not in c.entities]
    if unknown and not items and len(kb.entities) > 1:
        items.append(f"<li>Not yet confirmed for any of the {len(kb.entities)} entity types.</li>")
    elif unknown:
        items.append(f"<li>Not yet confirmed for: {', '.join(unknown)}.</li>")
    return f"<ul>{''.join(items)}</ul>"


def report_url(repo_url: str, c: Criterion) -> str:
    """The content-error issue form with the criterion filled in (GitHub reads form fields from the query)."""
    query = urlencode({"template": "content-error.yml", "title": f"Criterion {c.id}: ", "criterion": c.id})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def criterion_section(kb: KnowledgeBase, c: Criterion, from_page: str, cited_by: Mapping[str, str],
                      repo_url: str = "", edit_url: str = "") -> str:
    """The full entry for one criterion: a Markdown heading with its permalink anchor, then an HTML body.

    The search index takes the practice: the requirement (summary) and the evidence, under the ID and title. The
    guidance ("How to meet it", about 60 % of the entry's text) and the record around it (status by entity type,
    history, citing pages, sources, provenance, report links) stay out of it, which keeps the index within its
    budget (tests/site/test_byte_budgets.py); the Sources page indexes the sources."""
    parts = [f"<p>{general_badges(c)}</p>", h.paragraphs(c.summary),
             "<div data-search-exclude><p><strong>How to meet it</strong></p>", h.paragraphs(c.guidance), "</div>",
             "<p><strong>Evidence that shows it is in place</strong></p>",
             "<ul>" + "".join(f"<li>{h.text(e)}</li>" for e in c.evidence) + "</ul>"]
    if c.note:
        parts.append(f"<p><em>Note:</em> {h.text(c.note)}</p>")
    body = len(parts)  # what follows is about the record, not the practice: kept out of the search index
    parts += ["<p><strong>By entity type:</strong></p>", _entities_list(kb, c, from_page)]
    if c.history:
        changes = "; ".join(f"{h.text(x.date)}: {h.text(x.change)}" for x in c.history)
        parts.append(f"<p><strong>History:</strong> {changes}</p>")
    guides = {page: title for page, title in {**{p: "" for p in c.related_pages}, **cited_by}.items()
              if page != from_page}
    if guides:
        links = [h.link(h.text(title or page), h.href(page, from_page))
                 for page, title in sorted(guides.items(), key=lambda kv: kv[1] or kv[0])]
        parts.append("<p><strong>Guidance that cites it:</strong> " + ", ".join(links) + "</p>")
    parts += [f"<p><strong>Sources:</strong> {source_links(kb, c.sources, from_page)}</p>",
              f"<p><strong>Provenance:</strong> {h.text(c.provenance)}</p>"]
    actions = []
    if repo_url:
        actions.append(h.link("Report a problem or a source", report_url(repo_url, c), class_="kb-report"))
    if edit_url:
        actions.append(h.link("Edit this criterion's data", edit_url, class_="kb-edit-data"))
    if actions:
        parts.append(f'<p class="kb-actions">{" · ".join(actions)}</p>')
    parts[body:] = ["<div data-search-exclude>", *parts[body:], "</div>"]
    return f"### {c.id} {md.text(c.title)} {{ #{c.anchor} }}" + h.block('<div class="kb-entry">' + "".join(parts)
                                                                          + "</div>")


def category_criteria(kb: KnowledgeBase, number: int, from_page: str,
                      backlinks: Mapping[str, Mapping[str, str]], repo_url: str = "", edit_base: str = "") -> str:
    """A category page's body: the summary table, then every criterion in full."""
    criteria = kb.criteria_in(number)
    data_file = f"data/criteria/{number:02d}-{kb.categories[number].slug}.yml"
    edit_url = f"{edit_base}{data_file}" if edit_base else ""
    parts = [h.block(criteria_table(kb, criteria, from_page, searchable=False))]  # the entries below are indexed
    parts += [criterion_section(kb, c, from_page, backlinks.get(c.id, {}), repo_url, edit_url) for c in criteria]
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
    """An entity page's body: every criterion by category, with the status for this type and its evidence.

    Each row links to the criterion's full text on its category page; guidance is not repeated here. The
    category headings stay out of the search index (a search for a category should find its page, not the
    thirteen entity pages' sections of the same name, with only their counts).
    """
    entity: Entity = kb.entities[slug]
    everything = kb.select()
    intro = (f"<p><strong>For {h.text(entity.name)}, by status:</strong> {_count_line(everything, slug)}.</p>"
             "<p><em>For this type</em> is what a source says for this entity type, with the evidence beside it. "
             "<em>General</em> is the designation the criterion's sources give without naming a type: it is not a "
             f"finding for {h.text(entity.name)}. CBP's own document for the type is the last word: see "
             f"{h.link('CBP&#39;s page for this type', entity.official_url)}.</p>")
    parts = [h.block(intro + downloads.entity_links(kb, slug, from_page))]
    for number, category in kb.categories.items():
        in_cat = [c for c in everything if c.category == number]
        if not in_cat:
            continue
        rows = []
        for c in in_cat:
            pair = c.pair(slug)
            evidence = pair_evidence(kb, pair, from_page) if pair else "&mdash;"
            rows.append([id_link(kb, c, from_page), h.text(c.title), status_badge(pair), evidence, general_badges(c)])
        table = h.table(["ID", "Criterion", "For this type", "Evidence", "General (not for this type)"], rows,
                        "kb-criteria kb-entity", searchable=False, cards=True)
        parts += [f"### {number}. {md.text(category.name)} {{ #category-{number} data-search-exclude }}",
                  h.block(f"<p>{_count_line(in_cat, slug)}</p>{table}")]
    return "\n".join(parts)


def entity_list(kb: KnowledgeBase, from_page: str) -> str:
    """A table of the entity types with links to their criteria pages and to CBP."""
    rows = [[h.link(h.text(e.name), h.href(e.page, from_page)), h.text(e.description),
             str(len(kb.select(entity=e.slug))), h.link("CBP page", e.official_url)] for e in kb.entities.values()]
    return h.table(["Entity type", "Who it is", "Criteria confirmed", "Official"], rows)


def evidence_table(kb: KnowledgeBase, from_page: str, category: int | None = None) -> str:
    """Each criterion with the example evidence recorded for it in the data."""
    rows = [[id_link(kb, c, from_page), h.text(c.title), "<br>".join(h.text(e) for e in c.evidence)]
            for c in kb.select(category=category)]
    return h.table(["ID", "Criterion", "Example evidence"], rows, searchable=False)


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
            rows.append([h.text(area.name) if i == 0 else "",
                         h.link(h.text(f"{cat.number}. {cat.name}"), h.href(cat.page, from_page)),
                         str(len(kb.criteria_in(cat.number)))])
    return h.table(["Focus area", "Category", "Criteria here"], rows)


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
    return shown(h.block(criteria_table(page.kb, chosen, page.path, entity=entity)), [*chosen, *pairs])


@macro("criteria_count")
def criteria_count_macro(page: PageScope, category: int | None = None, entity: str | None = None,
                         designation: str | None = None, focus_area: str | None = None) -> Shown:
    """The number of criteria matching the same filters as criteria_table."""
    chosen = page.kb.select(category=category, entity=entity, designation=designation, focus_area=focus_area)
    return shown(str(len(chosen)), chosen)


@macro("category_table")
def category_table_macro(page: PageScope) -> Shown:
    """The categories by focus area, linked, with their number of criteria."""
    return shown(h.block(category_table(page.kb, page.path)))


@macro("category_criteria")
def category_criteria_macro(page: PageScope, number: int) -> Shown:
    """A category page's body: the summary table, then every criterion in full."""
    if number not in page.kb.categories:
        raise ValueError(f"category_criteria({number!r}) names no category in data/categories.yml")
    chosen = page.kb.criteria_in(number)
    pairs = [pair for c in chosen for pair in c.entities.values()]
    text = category_criteria(page.kb, number, page.path, page.backlinks, page.repo_url, page.edit_base)
    return shown(text, [*chosen, *pairs])


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
    return shown(h.block(entity_list(page.kb, page.path)), page.kb.entities.values())


@macro("evidence_table")
def evidence_table_macro(page: PageScope, category: int | None = None) -> Shown:
    """Each criterion (optionally of one category) with its example evidence."""
    return shown(h.block(evidence_table(page.kb, page.path, category)), page.kb.select(category=category))
