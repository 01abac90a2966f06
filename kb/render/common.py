"""Pieces every renderer shares: the Must/Should and confidence badges, and links to a criterion."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from kb import markdown as md
from kb.html_safety import spreadsheet_safe
from kb.models import Confidence, Criterion, Designation, KnowledgeBase

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


def criterion_links(kb: KnowledgeBase, ids: Iterable[str], from_page: str) -> str:
    return ", ".join(criterion_link(kb, kb.criteria[i], from_page) for i in ids)


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """CSV for spreadsheets: every cell neutralised so that no text runs as a formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow([spreadsheet_safe(v) for v in row])
    return out.getvalue()
