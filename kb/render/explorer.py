"""The criteria explorer: every criterion in one static table (it works without JavaScript), with the filter form
that docs/assets/javascripts/explorer.js enables. A row shows the ID (linked to the criterion's full entry on its
category page, with its guidance, evidence and sources), the title and summary, the category and the badges; the
guidance stays on the category page (it was 90 KB of this page).

Each row carries what the filters need as data attributes: category, focus area, general designation, confidence,
and in data-statuses the status for every entity type, one letter a type in the order of the type filter's options:
the first letter of the status key (kb.render.common.status_key; STATUS_LETTER), which the script reads back from
the status filter's option values. The status column shows only once the script has a type chosen (the class
kb-explorer--typed, extra.css). The option labels of the form are the site's labels, so the script needs no copy
of them. The table stays out of the search index: each criterion is an entry of its own on its category page.
"""

from __future__ import annotations

from kb.macro import PageScope, Shown, macro, shown
from kb.models import Criterion, KnowledgeBase
from kb.render import html as h
from kb.render.common import CONFIDENCE_LABEL, DESIGNATION_LABEL, STATUS_LABEL, general_badges, status_key
from kb.render.criteria import STATUS_ORDER

PAGE = "tools/explorer.md"
# The status filter: any status, the confirmed ones together, then each status.
CONFIRMED_OPTION = ("confirmed", "Confirmed (Must, Should or Listed)")
# URL query names of the filters, in the order the form shows them.
FILTERS = ("type", "status", "designation", "category", "focus", "confidence", "q")


# A status as one letter: its key's first (must m, should s, applies a, disputed d, not_listed n, ...).
STATUS_LETTER = {key: key[0] for key in STATUS_ORDER}
if len(set(STATUS_LETTER.values())) != len(STATUS_ORDER):
    raise ValueError("two statuses share a first letter: the explorer's data-statuses needs another code")


def status_letters(kb: KnowledgeBase, c: Criterion) -> str:
    """The row's data-statuses: a status letter for every entity type, in kb.entities order ('ssums...')."""
    return "".join(STATUS_LETTER[status_key(c.pair(slug))] for slug in kb.entities)


def _select(name: str, label: str, options: list[tuple[str, str]], any_label: str, hint: str = "") -> str:
    opts = f'<option value="">{h.text(any_label)}</option>' + "".join(
        f'<option value="{h.attr(value)}">{h.text(text)}</option>' for value, text in options)
    described = f' aria-describedby="kb-x-{name}-hint"' if hint else ""
    hint_html = f'<span class="kb-explorer__hint" id="kb-x-{name}-hint">{h.text(hint)}</span>' if hint else ""
    return (f'<div class="kb-explorer__field"><label for="kb-x-{name}">{h.text(label)}</label>'
            f'<select id="kb-x-{name}" name="{name}"{described}>{opts}</select>{hint_html}</div>')


def filter_form(kb: KnowledgeBase) -> str:
    """The filters, hidden until the script shows them (without JavaScript they would do nothing)."""
    types = [(slug, e.name) for slug, e in kb.entities.items()]
    statuses = [CONFIRMED_OPTION, *((key, STATUS_LABEL[key]) for key in STATUS_ORDER)]
    areas = sorted(kb.focus_areas.values(), key=lambda f: f.number)
    fields = [
        _select("type", "Entity type", types, "All entity types"),
        _select("status", "Status for the type", statuses, "Any status", "Choose an entity type first."),
        _select("designation", "General designation", list(DESIGNATION_LABEL.items()), "Any designation"),
        _select("category", "Category", [(str(n), f"{n}. {c.name}") for n, c in kb.categories.items()],
                "All categories"),
        _select("focus", "Focus area", [(f.slug, f.name) for f in areas], "All focus areas"),
        _select("confidence", "Confidence", list(CONFIDENCE_LABEL.items()), "Any confidence"),
        ('<div class="kb-explorer__field kb-explorer__field--wide"><label for="kb-x-q">Search ID, title and '
         'summary</label><input type="search" id="kb-x-q" name="q" autocomplete="off" '
         'spellcheck="false"></div>'),
        '<div class="kb-explorer__field kb-explorer__actions"><button type="reset" class="md-button">Clear '
        "filters</button></div>"]
    return (f'<form class="kb-explorer__filters" id="kb-explorer-filters" aria-label="Filter the criteria" '
            f'hidden>{"".join(fields)}</form>')


def _row(kb: KnowledgeBase, c: Criterion, from_page: str) -> str:
    category = kb.category_of(c)
    href = h.href(f"{category.page}#{c.anchor}", from_page)
    return (f'<tr role="row" data-id="{h.attr(c.id)}" data-category="{category.number}" '
            f'data-focus="{category.focus_area}" data-designation="{c.designation}" '
            f'data-confidence="{c.confidence}" data-statuses="{status_letters(kb, c)}">'
            f'<td role="cell">{h.link(h.text(c.id), href)}</td>'
            f'<td role="cell"><strong>{h.text(c.title)}</strong><br>{h.text(c.summary)}</td>'
            f'<td role="cell">{category.number}. {h.text(category.name)}</td>'
            f'<td role="cell" class="kb-explorer__status"><span class="kb-status"></span></td>'
            f'<td role="cell">{general_badges(c)}</td></tr>')


def explorer(kb: KnowledgeBase, from_page: str) -> str:
    """The filter form, the live result count and the table of every criterion."""
    rows = "".join(_row(kb, c, from_page) for c in kb.select())
    total = len(kb.criteria)
    head = "".join(f'<th scope="col"{extra}>{text}</th>' for text, extra in [
        ("ID", ""), ("Criterion", ""), ("Category", ""),
        ("For the type", ' class="kb-explorer__status"'), ("General (as the sources give it)", "")])
    # The rows are grids from the first paint (extra.css, kb-explorer--grid), so the table's roles are written out:
    # a grid row is no table row to a screen reader otherwise. No role on the <th>, which Material would give a
    # sort icon. Laid out as grids, rows off screen are not laid out at load (content-visibility).
    table = ('<div class="kb-table kb-explorer__table" data-search-exclude>'
             '<table tabindex="0" id="kb-explorer-table" role="table">'
             '<caption class="kb-explorer__caption">Every Minimum Security Criterion, in ID order</caption>'
             f'<thead role="rowgroup"><tr role="row">{head}</tr></thead><tbody role="rowgroup">{rows}</tbody>'
             '</table></div>')
    count = (f'<p class="kb-explorer__count" id="kb-explorer-count" role="status" aria-live="polite" '
             f'data-total="{total}">All {total} criteria.</p>')
    empty = '<p class="kb-explorer__empty" id="kb-explorer-empty" hidden>No criterion matches these filters.</p>'
    return f'<div class="kb-explorer kb-explorer--grid" id="kb-explorer">{filter_form(kb)}{count}{empty}{table}</div>'


@macro("criteria_explorer")
def criteria_explorer_macro(page: PageScope) -> Shown:
    """Every criterion in one static table, with the filters that the explorer script enables."""
    everything = page.kb.select()
    return shown(lambda: h.block(explorer(page.kb, page.path)), everything)
