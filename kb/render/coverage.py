"""Renderers for the coverage page: confirmed pairs per entity type and category, and the known gaps."""

from __future__ import annotations

from kb import markdown as md
from kb.macro import PageScope, Shown, macro, shown
from kb.models import Category, Gap, KnowledgeBase
from kb.render import html as h
from kb.render.sources import sources_inline


def category_anchor(category: Category) -> str:
    """The anchor of an entity page's "### N. Category" heading (set by kb.render.criteria.entity_criteria)."""
    return f"category-{category.number}"


def coverage_counts(kb: KnowledgeBase, entity: str, category: int) -> tuple[int, int]:
    """(confirmed pairs, criteria) of one entity type in one category; confirmed as Pair.confirmed says."""
    criteria = kb.criteria_in(category)
    return sum(1 for c in criteria if c.confirmed_for(entity)), len(criteria)


def coverage_grid(kb: KnowledgeBase, from_page: str) -> str:
    """The entity types (rows) by the categories (columns): confirmed pairs out of the criteria in each cell.

    Ready HTML: a row header names the type, a column header the category (its name on hover), so that a cell's
    link needs no title of its own; it opens that category on the type's page."""
    categories = list(kb.categories.values())
    head = '<th scope="col">Entity type</th>' + "".join(
        f'<th scope="col">{h.link(str(c.number), h.href(c.page, from_page), title=c.name)}</th>' for c in categories)
    rows = []
    for slug, entity in kb.entities.items():
        cells = [f'<th scope="row">{h.link(h.text(entity.name), h.href(entity.page, from_page))}</th>']
        for c in categories:
            confirmed, total = coverage_counts(kb, slug, c.number)
            target = h.href(f"{entity.page}#{category_anchor(c)}", from_page)
            cells.append(f"<td>{h.link(f'{confirmed}/{total}', target)}</td>")
        confirmed = sum(1 for c in kb.criteria.values() if c.confirmed_for(slug))
        cells.append(f"<td><strong>{confirmed}/{len(kb.criteria)}</strong></td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    legend = "; ".join(f"{c.number} {h.text(c.name)}" for c in categories)
    return (f'<div class="kb-table kb-coverage"><table tabindex="0"><thead><tr>{head}<th scope="col">All</th></tr>'
            f"</thead><tbody>{''.join(rows)}</tbody></table></div><p><em>Categories:</em> {legend}.</p>")


def sorted_gaps(kb: KnowledgeBase) -> list[Gap]:
    return sorted(kb.gaps.gaps if kb.gaps else (), key=lambda g: g.sort_key)


def gaps_table(kb: KnowledgeBase, from_page: str) -> str:
    """The criterion IDs known to exist with no known text, each with why we think it exists and its sources."""
    gaps = sorted_gaps(kb)
    if not gaps:
        return "*No known gaps.*"
    rows = []
    for g in gaps:
        category = kb.categories[g.category]
        rows.append([f'<span id="gap-{g.id.replace(".", "-")}">{g.id}</span>',
                     f"[{category.number}. {md.text(category.name)}]({md.relative_link(category.page, from_page)})",
                     md.cell(g.reason), sources_inline(kb, g.sources)])
    return md.table(["ID", "Category", "Why we think it exists", "Source"], rows)


@macro("coverage_grid")
def coverage_grid_macro(page: PageScope) -> Shown:
    """The entity types by the categories: confirmed pairs out of the criteria in each, linked to the entity page."""
    pairs = [p for c in page.kb.criteria.values() for p in c.entities.values() if p.confirmed]
    return shown(h.block(coverage_grid(page.kb, page.path)), pairs)


@macro("gaps_table")
def gaps_table_macro(page: PageScope) -> Shown:
    """The criterion IDs known to exist whose text no source gives, from data/gaps.yml."""
    return shown(gaps_table(page.kb, page.path), sorted_gaps(page.kb))
