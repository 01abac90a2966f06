"""Pure renderers for the program pages: eligibility, MRAs, the updates timeline and the glossary."""

from __future__ import annotations

import re
from typing import Any

from kb import markdown as md
from kb.models import KnowledgeBase
from kb.render import CONFIDENCE_LABEL, confidence_badge, criterion_link

_TERM_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 .&/-]*$")


def term_anchor(term: str) -> str:
    """The glossary anchor for a term, e.g. 'ISO 17712' -> 'term-iso-17712'."""
    return "term-" + re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-")


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


def glossary(glossary_data: dict[str, Any], from_page: str, titles: dict[str, str] | None = None) -> str:
    """The glossary as a definition list, sorted, each term with a permalink anchor; links show page titles."""
    titles = titles or {}
    lines = []
    for t in sorted(glossary_data["terms"], key=lambda t: t["term"].lower()):
        lines.append(f"**{md.text(t['term'])}**{{ #{term_anchor(t['term'])} }}")
        text = (f"*{md.text(t['expansion'])}.* " if t.get("expansion") else "") + md.text(t["definition"])
        if t.get("links"):
            links = [f"[{md.text(titles.get(p.split('#')[0], p))}]({md.relative_link(p, from_page)})"
                     for p in t["links"]]
            text += " See " + ", ".join(links) + "."
        lines += [f":   {text}", ""]
    return "\n".join(lines)


def abbreviation_title(term: dict[str, Any]) -> str:
    """The tooltip text for an abbreviation: its expansion, else its definition."""
    return " ".join(str(term.get("expansion") or term["definition"]).split())


def abbreviations(glossary_data: dict[str, Any]) -> str:
    """Markdown abbreviation definitions (`*[SCSS]: ...`) for every term marked as an abbreviation."""
    lines = []
    for t in glossary_data["terms"]:
        if not t.get("abbreviation"):
            continue
        if not _TERM_SAFE.match(t["term"]):
            raise ValueError(f"data/glossary.yml, record {t['term']}, field 'term': abbreviations may use only "
                             "letters, digits, spaces and . & / -")
        lines.append(f"*[{t['term']}]: {abbreviation_title(t)}")
    return "\n".join(lines)
