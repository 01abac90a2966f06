"""Renderers for the program pages: eligibility, Mutual Recognition Arrangements, the updates timeline."""

from __future__ import annotations

from collections.abc import Mapping

from kb import markdown as md
from kb.macro import PageScope, Shown, macro, required, shown
from kb.models import KnowledgeBase, Mra, Updates
from kb.render.common import CONFIDENCE_LABEL, confidence_badge, criterion_link


def eligibility_table(kb: KnowledgeBase, from_page: str) -> str:
    """Every entity type with its eligibility requirements, its criteria page and CBP's page."""
    parts = []
    for e in kb.entities.values():
        heading = f"### {md.text(e.name)} {{ #{e.slug.replace('_', '-')} }}"
        items = [f"- {md.text(item)}" for item in e.eligibility]
        if e.invitation_only:
            items.insert(0, "- **By invitation only.**")
        links = (f"[Criteria for this type]({md.relative_link(e.page, from_page)}) · "
                 f"[CBP's page]({e.official_url}) · How sure we are: {confidence_badge(e.confidence)}")
        parts += [heading, "", md.text(e.description), "", *items, "", links, ""]
    return "\n".join(parts)


def mra_table(mra: Mra) -> str:
    """The Mutual Recognition Arrangements with their as-of date and caveat."""
    rows = [[str(i), md.cell(a.partner), md.cell(a.program or ""), a.signed,
             CONFIDENCE_LABEL[a.confidence] + (f": {md.text(a.note)}" if a.note else "")]
            for i, a in enumerate(mra.arrangements, start=1)]
    table = md.table(["#", "Partner", "Partner program", "Signed", "Confidence"], rows)
    note = f"\n\n*As of {mra.as_of}.* " + (md.text(mra.note) if mra.note else "")
    return table + note.rstrip()


def updates_timeline(kb: KnowledgeBase, updates: Updates, from_page: str, limit: int | None = None,
                     titles: Mapping[str, str] | None = None) -> str:
    """Program events, newest first; each names its criteria and confidence."""
    lines = []
    for e in updates.newest_first(limit):
        line = f"- **{e.date}: {md.text(e.title)}.** {md.text(e.summary)}"
        if e.criteria:
            links = ", ".join(criterion_link(kb, kb.criteria[c], from_page) for c in e.criteria)
            line += f" Criteria: {links}."
        if e.page:
            title = (titles or {}).get(e.page, e.page)
            line += f" More in [{md.text(title)}]({md.relative_link(e.page, from_page)})."
        if e.confidence != "official":
            line += f" {confidence_badge(e.confidence)}"
        lines.append(line)
    return "\n".join(lines)


@macro("eligibility_table")
def eligibility_table_macro(page: PageScope) -> Shown:
    """Every entity type with its eligibility requirements and links."""
    return shown(eligibility_table(page.kb, page.path), page.kb.entities.values())


@macro("mra_table")
def mra_table_macro(page: PageScope) -> Shown:
    """The Mutual Recognition Arrangements, from data/mra.yml."""
    mra = required(page.kb.mra, "mra_table", "data/mra.yml")
    return shown(mra_table(mra), mra.arrangements)


@macro("updates_timeline")
def updates_timeline_macro(page: PageScope, limit: int | None = None) -> Shown:
    """Program events from data/updates.yml, newest first (optionally only the first `limit`)."""
    updates = required(page.kb.updates, "updates_timeline", "data/updates.yml")
    events = updates.newest_first(limit)
    criteria = [page.kb.criteria[c] for e in events for c in e.criteria]
    return shown(updates_timeline(page.kb, updates, page.path, limit, page.titles), [*events, *criteria])
