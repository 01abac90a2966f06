"""Renderers for the seminar tools: inspection checklists, the training matrix, the risk worksheet."""

from __future__ import annotations

import csv
import io
from typing import Any

from kb import markdown as md
from kb.models import KnowledgeBase
from kb.render.common import criterion_links

DOWNLOADS = "downloads"


def checklist_download(slug: str) -> str:
    return f"{DOWNLOADS}/checklist-{slug}.csv"


WORKSHEET_DOWNLOAD = f"{DOWNLOADS}/risk-assessment-worksheet.csv"


def checklist(kb: KnowledgeBase, item: dict[str, Any], from_page: str) -> str:
    """A printable checklist: purpose, criteria served, fields to record, points to tick, a CSV copy."""
    lines = [f"**{md.text(item['title'])}**", "", md.text(item["purpose"]), "",
             f"Serves: {criterion_links(kb, item['criteria'], from_page)}.", ""]
    if item.get("note"):
        lines += [f"*{md.text(item['note'])}*", ""]
    if item.get("record_fields"):
        lines += ["Record on every inspection: " + "; ".join(md.text(f) for f in item["record_fields"]) + ".", ""]
    number = 0
    for section in item["sections"]:
        lines += [f"*{md.text(section['name'])}*", ""]
        for point in section["points"]:
            number += 1
            look = f": {md.text(point['look_for'])}" if point.get("look_for") else ""
            lines.append(f"- [ ] {number}. **{md.text(point['label'])}**{look}")
        lines.append("")
    href = md.relative_link(checklist_download(item["slug"]), from_page)
    lines.append(f"[Download this checklist as CSV]({href}){{ .md-button }}")
    return "\n".join(lines)


def checklist_csv(item: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["#", "Section", "Point", "Look for", "OK (Y/N)", "Notes"])
    number = 0
    for section in item["sections"]:
        for point in section["points"]:
            number += 1
            writer.writerow([number, section["name"], point["label"], point.get("look_for", ""), "", ""])
    for field in item.get("record_fields", []):
        writer.writerow(["", "Record", field, "", "", ""])
    return out.getvalue()


def training_matrix(kb: KnowledgeBase, training: dict[str, Any], from_page: str) -> str:
    """Topics as rows, roles as columns; each topic names its criteria and timing."""
    roles = training["roles"]
    role_slugs = {r["slug"] for r in roles}
    rows = []
    for t in training["topics"]:
        unknown = [r for r in t["roles"] if r not in role_slugs]
        if unknown:
            raise ValueError(f"data/training.yml, record {t['slug']}, field 'roles': unknown role(s) {unknown}")
        marks = ["Yes" if r["slug"] in t["roles"] else "&mdash;" for r in roles]
        rows.append([f"**{md.text(t['name'])}**<br>{md.text(t['timing'])}",
                     criterion_links(kb, t["criteria"], from_page), *marks])
    return md.table(["Topic and timing", "Criteria", *[md.text(r["name"]) for r in roles]], rows)


def risk_worksheet(kb: KnowledgeBase, ws: dict[str, Any], from_page: str) -> str:
    """The threat types, the rating scale and the five steps with their worksheet columns."""
    threats = md.table(["Threat type", "What to look for"],
                       [[f"**{md.text(t['name'])}**", md.cell(t["examples"])] for t in ws["threats"]])
    steps = md.table(["Step", "Worksheet columns", "Criteria"],
                     [[f"{s['number']}. {md.text(s['name'])}", "; ".join(md.text(c) for c in s["columns"]),
                       criterion_links(kb, s.get("criteria", []), from_page) or "&mdash;"] for s in ws["steps"]])
    ratings = ", ".join(md.text(r) for r in ws["ratings"])
    href = md.relative_link(WORKSHEET_DOWNLOAD, from_page)
    return "\n".join([threats, "", f"Rate each threat and vulnerability: {ratings}.", "", steps, "",
                      f"[Download the worksheet as CSV]({href}){{ .md-button }}"])


def risk_worksheet_csv(ws: dict[str, Any]) -> str:
    """One row per threat type with a column for every step's fields, ready to fill in."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = [f"Step {s['number']}: {c}" for s in ws["steps"] for c in s["columns"]]
    writer.writerow(["Threat type", "What to look for", *columns])
    for t in ws["threats"]:
        writer.writerow([t["name"], t["examples"], *[""] * len(columns)])
    return out.getvalue()
