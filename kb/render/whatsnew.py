"""The What's new page: criterion history entries and program events, newest first (see kb.feed)."""

from __future__ import annotations

from kb import markdown as md
from kb.feed import FEED_PATH, Change, changes
from kb.macro import Cited, PageScope, Shown, macro, shown
from kb.models import KnowledgeBase
from kb.render.common import confidence_badge, criterion_link


def change_line(kb: KnowledgeBase, change: Change, from_page: str) -> str:
    """One list item with its stable anchor."""
    start = f'- <span id="{change.anchor}"></span>**{change.date}**: '
    if change.criterion is not None:
        c = change.criterion
        return start + f"{criterion_link(kb, c, from_page)} {md.text(c.title)}. {md.text(change.summary)}"
    assert change.event is not None
    e = change.event
    line = start + f"**{md.text(e.title)}.** {md.text(e.summary)}"
    if e.criteria:
        line += " Criteria: " + ", ".join(criterion_link(kb, kb.criteria[i], from_page) for i in e.criteria) + "."
    if e.page:
        line += f" [More]({md.relative_link(e.page, from_page)})."
    if e.confidence != "official":
        line += f" {confidence_badge(e.confidence)}"
    return line + "\n  {: data-search-exclude }"  # the program updates page indexes the same event


def whats_new(kb: KnowledgeBase, from_page: str, limit: int | None = None) -> str:
    """The changes, newest first, then the link to the feed."""
    lines = [change_line(kb, ch, from_page) for ch in changes(kb)[:limit]]
    feed = md.relative_link(FEED_PATH, from_page)
    return "\n".join(lines) + f"\n\nFollow these changes in a feed reader: [Atom feed]({feed}){{ .kb-feed }}."


@macro("whats_new")
def whats_new_macro(page: PageScope, limit: int | None = None) -> Shown:
    """Criterion history entries and program events from the data, newest first, with the Atom feed's link."""
    chosen = changes(page.kb)[:limit]
    records: list[Cited] = []
    for ch in chosen:
        records += [ch.criterion] if ch.criterion else []
        if ch.event:
            records += [ch.event, *(page.kb.criteria[i] for i in ch.event.criteria)]
    return shown(whats_new(page.kb, page.path, limit), records)
