"""Renderers for the program pages: eligibility, Mutual Recognition Arrangements, the updates timeline."""

from __future__ import annotations

from typing import Any

from kb import markdown as md
from kb.models import KnowledgeBase
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


def mra_table(mra: dict[str, Any]) -> str:
    """The Mutual Recognition Arrangements with their as-of date and caveat."""
    rows = [[str(i), md.cell(a["partner"]), md.cell(a.get("program", "")), a["signed"],
             CONFIDENCE_LABEL[a["confidence"]] + (f": {md.text(a['note'])}" if a.get("note") else "")]
            for i, a in enumerate(mra["arrangements"], start=1)]
    table = md.table(["#", "Partner", "Partner program", "Signed", "Confidence"], rows)
    note = f"\n\n*As of {mra['as_of']}.* " + (md.text(mra["note"]) if mra.get("note") else "")
    return table + note.rstrip()


def updates_timeline(kb: KnowledgeBase, updates: dict[str, Any], from_page: str, limit: int | None = None) -> str:
    """Program events, newest first; each names its criteria and confidence."""
    events = sorted(updates["events"], key=lambda e: e["date"], reverse=True)
    if limit is not None:
        events = events[:limit]
    lines = []
    for e in events:
        line = f"- **{e['date']}: {md.text(e['title'])}.** {md.text(e['summary'])}"
        if e.get("criteria"):
            links = ", ".join(criterion_link(kb, kb.criteria[c], from_page) for c in e["criteria"])
            line += f" Criteria: {links}."
        if e.get("page"):
            line += f" [More]({md.relative_link(e['page'], from_page)})."
        if e["confidence"] != "official":
            line += f" {confidence_badge(e['confidence'])}"
        lines.append(line)
    return "\n".join(lines)
