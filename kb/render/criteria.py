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
    criterion_link_once,
    criterion_target,
    csv_text,
    general_badges,
    status_badge,
    status_key,
)
from kb.render.sources import source_target

STATUS_ORDER = ("must", "should", "applies", "disputed", "not_listed", "probably_not_listed", "unknown")


def id_link(kb: KnowledgeBase, c: Criterion, from_page: str) -> str:
    return h.link(h.text(c.id), h.href(criterion_target(kb, c), from_page))


def criteria_table(kb: KnowledgeBase, criteria: Iterable[Criterion], from_page: str,
                   entity: str | None = None, *, searchable: bool = True, summaries: bool = True) -> str:
    """A table of criteria: ID (linked to its permalink), title and summary (the title alone with
    `summaries=False`), the general designation with its confidence, and, given an entity type, the status for
    that type."""
    rows = []
    for c in criteria:
        text = f"<strong>{h.text(c.title)}</strong><br>{h.text(c.summary)}" if summaries else h.text(c.title)
        row = [id_link(kb, c, from_page), text]
        if entity:
            row.append(status_badge(c.pair(entity)))
        rows.append([*row, general_badges(c)])
    if not rows:
        return "<p><em>No criteria match.</em></p>"
    headers = ["ID", "Criterion", *(["For this type"] if entity else []), "General (as the sources give it)"]
    return h.table(headers, rows, "kb-criteria kb-for-type" if entity else "kb-criteria", searchable=searchable,
                   cards=True)


def source_links(kb: KnowledgeBase, ids: Iterable[str], from_page: str) -> str:
    """Short links to entries in the Sources section: the publisher and date (the page's Sources list names them)."""
    return "; ".join(h.link(h.text(f"{kb.sources[i].publisher}, {kb.sources[i].date}"),
                            h.href(source_target(kb, i), from_page)) for i in ids)


def pair_evidence(kb: KnowledgeBase, pair: Pair, from_page: str) -> str:
    """A pair's evidence level, its sources (linked to the Sources page) and its note."""
    level = EVIDENCE_LABEL[kb.evidence_level(pair)]
    note = f" {h.text(pair.note)}" if pair.note else ""
    return f"{h.text(level)}: {source_links(kb, pair.sources, from_page)}.{note}"


def _entities_list(kb: KnowledgeBase, c: Criterion, from_page: str) -> str:
    """The per-entity evidence of a criterion: one item per status and evidence, naming the types it holds for
    (types with the same status, sources and note share an item), then the types with nothing recorded: named
    when there are at most three, otherwise counted, as "the other N" (every type not named above)."""
    groups: dict[tuple[str, tuple[str, ...], str], list[str]] = {}
    first: dict[tuple[str, tuple[str, ...], str], Pair] = {}
    for slug, pair in c.entities.items():
        key = (status_key(pair), pair.sources, pair.note or "")
        groups.setdefault(key, []).append(h.text(kb.entities[slug].name))
        first.setdefault(key, pair)
    order = sorted(groups, key=lambda k: STATUS_ORDER.index(k[0]))
    items = [f"<li>{status_badge(first[k])} for {', '.join(groups[k])}: {pair_evidence(kb, first[k], from_page)}</li>"
             for k in order]
    unknown = [h.text(e.name) for slug, e in kb.entities.items() if slug not in c.entities]
    if unknown and not items and len(kb.entities) > 1:
        items.append(f"<li>Not yet confirmed for any of the {len(kb.entities)} entity types.</li>")
    elif len(unknown) > 3:  # the types named above are the only ones with a record
        items.append(f"<li>Not yet confirmed for the other {len(unknown)} entity types.</li>")
    elif unknown:
        items.append(f"<li>Not yet confirmed for: {', '.join(unknown)}.</li>")
    return f"<ul>{''.join(items)}</ul>"


def report_url(repo_url: str, c: Criterion) -> str:
    """The content-error issue form with the criterion filled in (GitHub reads form fields from the query)."""
    query = urlencode({"template": "content-error.yml", "title": f"Criterion {c.id}: ", "criterion": c.id})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"


def criterion_section(kb: KnowledgeBase, c: Criterion, from_page: str, cited_by: Mapping[str, str],
                      repo_url: str = "") -> str:
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
    if repo_url:
        report = h.link("Report a problem or a source", report_url(repo_url, c), class_="kb-report")
        parts.append(f'<p class="kb-actions">{report}</p>')
    parts[body:] = ["<div data-search-exclude>", *parts[body:], "</div>"]
    return f"### {c.id} {md.text(c.title)} {{ #{c.anchor} }}" + h.block('<div class="kb-entry">' + "".join(parts)
                                                                          + "</div>")


def category_criteria(kb: KnowledgeBase, number: int, from_page: str,
                      backlinks: Mapping[str, Mapping[str, str]], repo_url: str = "", edit_base: str = "") -> str:
    """A category page's body: the summary table, then every criterion in full.

    One link under the summary table edits the category's data file, which holds all of its criteria."""
    criteria = kb.criteria_in(number)
    data_file = f"data/criteria/{number:02d}-{kb.categories[number].slug}.yml"
    # The summary table: ID, title and designation; each summary opens its entry below (which the index takes).
    table = criteria_table(kb, criteria, from_page, searchable=False, summaries=False)
    if edit_base:
        edit = h.link("Edit these criteria (their data file)", edit_base + data_file, class_="kb-edit-data")
        table += f'<p class="kb-actions">{edit}</p>'
    parts = [h.block(table)]
    parts += [criterion_section(kb, c, from_page, backlinks.get(c.id, {}), repo_url) for c in criteria]
    return "\n".join(parts)


def status_counts(criteria: Iterable[Criterion], entity: str) -> dict[str, int]:
    """How many criteria have each status for the type (keys as in STATUS_ORDER)."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for c in criteria:
        counts[status_key(c.pair(entity))] += 1
    return counts


def _count_line(criteria: Iterable[Criterion], entity: str, *, data: bool = True) -> str:
    """'4 Must, 1 Should, …' for the type; with `data`, in a span that carries each count as an attribute."""
    counts = status_counts(criteria, entity)
    text = ", ".join(f"{n} {STATUS_LABEL[key]}" for key, n in counts.items() if n)
    if not data:
        return text
    attrs = " ".join(f'data-{key.replace("_", "-")}="{n}"' for key, n in counts.items())
    return f'<span class="kb-count" {attrs}>{text}</span>'


def entity_criteria(kb: KnowledgeBase, slug: str, from_page: str) -> str:
    """An entity page's body: by category, a row for each criterion a source speaks to for this type (its ID,
    title, status for the type and the evidence), then one line naming the criteria not yet confirmed for it.

    Each ID links to the criterion's full text on its category page (guidance, evidence, general designation,
    sources): none of it is repeated here. The category sections stay out of the search index (a search for a
    category should find its page, not the thirteen entity pages' sections of the same name).
    """
    entity: Entity = kb.entities[slug]
    name = h.text(entity.name)
    everything = kb.select()
    intro = (f"<p><strong>For {name}, by status:</strong> {_count_line(everything, slug)}.</p>"
             "<p><em>For this type</em> is what a source says for this entity type, with the evidence beside it. "
             "Each ID links to the criterion's full text on its category page, with the designation its sources "
             f"give without naming a type. CBP's own document for the type is the last word: see "
             f"{h.link('CBP&#39;s page for this type', entity.official_url)}.</p>")
    parts = [h.block(intro + downloads.entity_links(kb, slug, from_page))]
    for number, category in kb.categories.items():
        in_cat = [c for c in everything if c.category == number]
        if not in_cat:
            continue
        body = f"<p>{_count_line(in_cat, slug, data=False)}</p>"
        rows = [[id_link(kb, c, from_page), h.text(c.title), status_badge(pair), pair_evidence(kb, pair, from_page)]
                for c in in_cat if (pair := c.pair(slug))]
        if rows:
            body += h.table(["ID", "Criterion", "For this type", "Evidence"], rows, "kb-criteria kb-entity",
                            searchable=False, cards=True)
        unknown = [id_link(kb, c, from_page) for c in in_cat if not c.pair(slug)]
        if unknown:
            body += (f'<p class="kb-unconfirmed">{status_badge(None)} for {name}, no source yet: '
                     f'{", ".join(unknown)}.</p>')
        parts += [f"### {number}. {md.text(category.name)} {{ #category-{number} data-search-exclude }}",
                  h.block(body)]
    return "\n".join(parts)


def entity_list(kb: KnowledgeBase, from_page: str) -> str:
    """A table of the entity types with links to their criteria pages and to CBP."""
    rows = [[h.link(h.text(e.name), h.href(e.page, from_page)), h.text(e.description),
             str(len(kb.select(entity=e.slug))), h.link("CBP page", e.official_url)] for e in kb.entities.values()]
    return h.table(["Entity type", "Who it is", "Criteria confirmed", "Official"], rows)


def evidence_table(kb: KnowledgeBase, from_page: str, category: int | None = None) -> str:
    """Each criterion with the example evidence recorded for it in the data: one item a line (line breaks in
    the text, which the stylesheet keeps, rather than an element for each)."""
    rows = [[id_link(kb, c, from_page), h.text(c.title), "\n".join(h.text(e) for e in c.evidence)]
            for c in kb.select(category=category)]
    return h.table(["ID", "Criterion", "Example evidence"], rows, "kb-evidence", searchable=False)


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
    """A link to one criterion: its ID and Must/Should badge, the title on hover; the ID alone when repeated."""
    c = _criterion(page, cid)
    return shown(criterion_link_once(page.kb, c, page.path, page.linked), [c])


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
    return shown(lambda: category_criteria(page.kb, number, page.path, page.backlinks, page.repo_url,
                                           page.edit_base), [*chosen, *pairs])


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
    # The page's sources: those of each row (the criterion and its evidence for the type). A criterion with
    # nothing recorded for the type is only named and linked, as not yet confirmed; its sources are on its page.
    rows = [(c, pair) for c in page.kb.select() if (pair := c.pair(slug))]
    return shown(lambda: entity_criteria(page.kb, slug, page.path), [r for row in rows for r in row])


@macro("entity_list")
def entity_list_macro(page: PageScope) -> Shown:
    """The entity types with links to their pages and to CBP."""
    return shown(h.block(entity_list(page.kb, page.path)), page.kb.entities.values())


@macro("evidence_table")
def evidence_table_macro(page: PageScope, category: int | None = None) -> Shown:
    """Each criterion (optionally of one category) with its example evidence."""
    return shown(lambda: h.block(evidence_table(page.kb, page.path, category)), page.kb.select(category=category))
