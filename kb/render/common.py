"""Pieces every renderer shares: the Must/Should and confidence badges, and links to a criterion."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from kb import markdown as md
from kb.html_safety import spreadsheet_safe
from kb.models import Confidence, Criterion, Designation, KnowledgeBase, Pair

DESIGNATION_LABEL = {"must": "Must", "should": "Should", "unknown": "Not confirmed", "disputed": "Disputed"}


DESIGNATION_HINT = {"must": "Must (required), as the listed sources give it",
                    "should": "Should (recommended), as the listed sources give it",
                    "unknown": "No source shows the designation",
                    "disputed": "The sources disagree on Must or Should"}

# A pair's status for one entity type; "unknown" when nothing is recorded for the type.
STATUS_LABEL = {"must": "Must", "should": "Should", "applies": "Listed", "not_listed": "Not listed",
                "probably_not_listed": "Probably not listed", "disputed": "Disputed", "unknown": "Not yet confirmed"}
STATUS_HINT = {"must": "Must for this entity type, per the sources shown",
               "should": "Should for this entity type, per the sources shown",
               "applies": "Listed for this entity type; its Must or Should is not known",
               "not_listed": "This entity type's document omits the criterion",
               "probably_not_listed": "Inferred from an omission; not confirmed",
               "disputed": "The sources disagree for this entity type",
               "unknown": "No source yet for this entity type"}
EVIDENCE_LABEL = {"cbp": "CBP document", "deck": "Training deck (third-party copy)", "secondary": "Secondary source",
                  "omission": "Inferred from an omission"}


CONFIDENCE_LABEL = {"official": "Official", "secondary": "Secondary", "unverified": "Unverified"}


CONFIDENCE_HINT = {"official": "Seen in a CBP document", "secondary": "Seen only in secondary sources",
                   "unverified": "Not confirmed in any source"}


def designation_badge(designation: Designation) -> str:
    return f'<span class="kb-badge kb-badge--{designation}">{DESIGNATION_LABEL[designation]}</span>'


def confidence_badge(confidence: Confidence) -> str:
    return f'<span class="kb-conf kb-conf--{confidence}">{CONFIDENCE_LABEL[confidence]}</span>'


def status_key(pair: Pair | None) -> str:
    """The label key for a pair: its status, 'probably_not_listed' for an inferred omission, or 'unknown'."""
    if pair is None:
        return "unknown"
    return "probably_not_listed" if pair.inferred else pair.status


def status_badge(pair: Pair | None) -> str:
    key = status_key(pair)
    return f'<span class="kb-status kb-status--{key}">{STATUS_LABEL[key]}</span>'


def general_badges(c: Criterion) -> str:
    """The general designation with the criterion's confidence beside it, as every badge shows it."""
    return f"{designation_badge(c.designation)} {confidence_badge(c.confidence)}"


def criterion_target(kb: KnowledgeBase, c: Criterion) -> str:
    return f"{kb.category_of(c).page}#{c.anchor}"


def criterion_link(kb: KnowledgeBase, c: Criterion, from_page: str) -> str:
    """Inline link: the ID, its general designation and confidence; the title shows on hover."""
    href = md.relative_link(criterion_target(kb, c), from_page)
    return f'[{c.id} {general_badges(c)}]({href} "{md.text(c.title)}"){{ .kb-criterion }}'


def criterion_id_link(kb: KnowledgeBase, c: Criterion, from_page: str) -> str:
    """Inline link with the ID alone, for a criterion the page has already linked with its badges and title."""
    return f"[{c.id}]({md.relative_link(criterion_target(kb, c), from_page)}){{ .kb-criterion }}"


def criterion_link_once(kb: KnowledgeBase, c: Criterion, from_page: str, linked: set[str] | None) -> str:
    """criterion_link the first time on a page, criterion_id_link after that. `linked` holds the IDs the page has
    linked in full so far (PageScope.linked) and gains this one; None links in full."""
    if linked is not None and c.id in linked:
        return criterion_id_link(kb, c, from_page)
    if linked is not None:
        linked.add(c.id)
    return criterion_link(kb, c, from_page)


def criterion_links(kb: KnowledgeBase, ids: Iterable[str], from_page: str, linked: set[str] | None = None) -> str:
    return ", ".join(criterion_link_once(kb, kb.criteria[i], from_page, linked) for i in ids)


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """CSV for spreadsheets: every cell neutralised so that no text runs as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([spreadsheet_safe(v) for v in row])
    return out.getvalue()
