"""Renderers for the seminar tools: inspection checklists, the training matrix, the risk worksheet."""

from __future__ import annotations

from kb import markdown as md
from kb.macro import PageScope, Shown, macro, required, shown
from kb.models import Checklist, KnowledgeBase, RiskWorksheet, Training
from kb.render import html as h
from kb.render.common import criterion_links, csv_text

DOWNLOADS = "downloads"


def checklist_download(slug: str) -> str:
    return f"{DOWNLOADS}/checklist-{slug}.csv"


WORKSHEET_DOWNLOAD = f"{DOWNLOADS}/risk-assessment-worksheet.csv"


def checklist(kb: KnowledgeBase, item: Checklist, from_page: str, linked: set[str] | None = None) -> str:
    """A printable checklist: purpose, criteria served, fields to record, points to tick, a CSV copy.

    It prints as a form on a page of its own (extra.css, print part): the fields to record become lines to write on,
    with room for notes and a signature (a print-only block, kept out of the search index).
    """
    lines = ['<div class="kb-checklist" markdown>', "", f"**{md.text(item.title)}**", "", md.text(item.purpose), "",
             f"Serves: {criterion_links(kb, item.criteria, from_page, linked)}.", ""]
    if item.note:
        lines += [f"*{md.text(item.note)}*", ""]
    if item.record_fields:
        lines += ["Record on every inspection: " + "; ".join(md.text(f) for f in item.record_fields) + ".",
                  "{ .kb-record }", ""]
    number = 0
    for section in item.sections:
        lines += [f"*{md.text(section.name)}*", ""]
        for point in section.points:
            number += 1
            look = f": {md.text(point.look_for)}" if point.look_for else ""
            lines.append(f"- [ ] {number}. **{md.text(point.label)}**{look}")
        lines.append("")
    fields = [*item.record_fields, "Notes", "", "Signature"]
    lines += ['<div class="kb-form-lines" data-search-exclude>'
              + "".join(f"<p>{h.text(f)}</p>" for f in fields) + "</div>", ""]
    href = md.relative_link(checklist_download(item.slug), from_page)
    lines += [f"[Download this checklist as CSV]({href}){{ .md-button }}", "", "</div>"]
    return "\n".join(lines)


def checklist_csv(item: Checklist) -> str:
    rows: list[list[object]] = [["#", "Section", "Point", "Look for", "OK (Y/N)", "Notes"]]
    points = [(section, point) for section in item.sections for point in section.points]
    rows += [[n, s.name, p.label, p.look_for or "", "", ""] for n, (s, p) in enumerate(points, start=1)]
    rows += [["", "Record", field, "", "", ""] for field in item.record_fields]
    return csv_text(rows)


def training_matrix(kb: KnowledgeBase, training: Training, from_page: str, linked: set[str] | None = None) -> str:
    """Topics as rows, roles as columns; each topic names its criteria and timing (a criterion already linked on
    the page, in `linked`, by its ID alone: see common.criterion_link_once)."""
    roles = training.roles
    rows = []
    for t in training.topics:
        marks = ["Yes" if r.slug in t.roles else "&mdash;" for r in roles]
        rows.append([f"**{md.text(t.name)}**<br>{md.text(t.timing)}",
                     criterion_links(kb, t.criteria, from_page, linked), *marks])
    return md.table(["Topic and timing", "Criteria", *[md.text(r.name) for r in roles]], rows)


def risk_worksheet(kb: KnowledgeBase, ws: RiskWorksheet, from_page: str, linked: set[str] | None = None) -> str:
    """The threat types, the rating scale and the five steps with their worksheet columns."""
    threats = md.table(["Threat type", "What to look for"],
                       [[f"**{md.text(t.name)}**", md.cell(t.examples)] for t in ws.threats])
    steps = md.table(["Step", "Worksheet columns", "Criteria"],
                     [[f"{s.number}. {md.text(s.name)}", "; ".join(md.text(c) for c in s.columns),
                       criterion_links(kb, s.criteria, from_page, linked) or "&mdash;"] for s in ws.steps])
    ratings = ", ".join(md.text(r) for r in ws.ratings)
    href = md.relative_link(WORKSHEET_DOWNLOAD, from_page)
    return "\n".join([threats, "", f"Rate each threat and vulnerability: {ratings}.", "", steps, "",
                      f"[Download the worksheet as CSV]({href}){{ .md-button }}"])


def risk_worksheet_csv(ws: RiskWorksheet) -> str:
    """One row per threat type with a column for every step's fields, ready to fill in."""
    columns = [f"Step {s.number}: {c}" for s in ws.steps for c in s.columns]
    rows: list[list[object]] = [["Threat type", "What to look for", *columns]]
    rows += [[t.name, t.examples, *[""] * len(columns)] for t in ws.threats]
    return csv_text(rows)


# ---- macros ----------------------------------------------------------------------------------------------
@macro("checklist")
def checklist_macro(page: PageScope, slug: str) -> Shown:
    """One printable checklist from data/checklists.yml, with its CSV download."""
    item = page.kb.checklists.get(slug) if page.kb.checklists else None
    if item is None:
        raise ValueError(f"checklist({slug!r}) names no checklist in data/checklists.yml")
    criteria = [page.kb.criteria[c] for c in item.criteria]
    return shown(checklist(page.kb, item, page.path, page.linked), [item, *criteria])


@macro("training_matrix")
def training_matrix_macro(page: PageScope) -> Shown:
    """The role by topic training matrix, from data/training.yml."""
    training = required(page.kb.training, "training_matrix", "data/training.yml")
    criteria = [page.kb.criteria[c] for t in training.topics for c in t.criteria]
    return shown(training_matrix(page.kb, training, page.path, page.linked), [*training.topics, *criteria])


@macro("risk_worksheet")
def risk_worksheet_macro(page: PageScope) -> Shown:
    """The threat types, rating scale and five steps, from data/risk_worksheet.yml, with its CSV download."""
    ws = required(page.kb.risk_worksheet, "risk_worksheet", "data/risk_worksheet.yml")
    criteria = [page.kb.criteria[c] for s in ws.steps for c in s.criteria]
    return shown(risk_worksheet(page.kb, ws, page.path, page.linked), [ws, *criteria])
