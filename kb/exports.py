"""The criteria downloads, built from the data after every build (never committed): CSV, XLSX, JSON with its JSON
Schema, an OSCAL catalog and an OSCAL profile per entity type.

For all criteria and for each entity type:

- `downloads/ctpat-msc-<slug>.csv`: UTF-8 with a byte-order mark, so that Excel reads the accents right;
- `downloads/ctpat-msc-<slug>.xlsx`: a working copy (openpyxl) with a frozen header, wrapped text, an
  implementation status drop-down, Owner, Due date and Notes columns, and an About sheet;
- `downloads/ctpat-msc-<slug>.json`, valid against `downloads/ctpat-msc.schema.json`.

`<slug>` is `all` or the entity type's slug with hyphens. Every file of a type has one row per criterion, with the
type's status and evidence level beside the general designation; the all-criteria files carry every type's.
The OSCAL profile of a type selects the type's criteria: every criterion except those the type's CBP document
omits (not listed, or probably not listed by inference).

Builds are reproducible: nothing depends on the clock or on SOURCE_DATE_EPOCH (a rebuild on another day gives the
same bytes, tests/site/test_reproducible.py). The date inside the files, the XLSX document properties and the zip
entries' times is the data's own date: the newest dated change in the data (criterion history, program events,
MRA list). Every spreadsheet cell is neutralised against formula injection (kb.html_safety.spreadsheet_safe).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
import uuid
import zipfile
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from kb.feed import page_url
from kb.html_safety import spreadsheet_safe
from kb.models import Criterion, KnowledgeBase, Pair
from kb.render.common import (
    CONFIDENCE_LABEL,
    DESIGNATION_LABEL,
    EVIDENCE_LABEL,
    STATUS_LABEL,
    csv_text,
    status_key,
)

DIR = "downloads"
PREFIX = "ctpat-msc"
ALL = "all"
SCHEMA_PATH = f"{DIR}/{PREFIX}.schema.json"
CATALOG_PATH = f"{DIR}/{PREFIX}-oscal-catalog.json"
OSCAL_VERSION = "1.1.2"
PUBLISHER = "CTPAT Security Knowledge Base"
DISCLAIMER = ("Independent resource, not affiliated with or endorsed by U.S. Customs and Border Protection. "
              "Not legal advice. Our per-entity data is partial: CBP's own document for your entity type is the "
              "last word. Text licensed CC BY 4.0.")
# The member's own columns in the XLSX, with the choices of the status drop-down (the self-assessment's too).
IMPLEMENTATION = ("Implemented", "Partly", "Not started", "Not applicable")
WORK_COLUMNS = ("Implementation status", "Owner", "Due date", "Notes")
WRAPPED = "Wrapped text"  # the XLSX cells' named style: wrapped, top-aligned
# Statuses that leave a criterion out of a type's OSCAL profile: the type's document omits it.
OMITTED = ("not_listed", "probably_not_listed")


def file_slug(entity: str | None) -> str:
    return ALL if entity is None else entity.replace("_", "-")


def download_path(entity: str | None, ext: str) -> str:
    """'downloads/ctpat-msc-all.csv', 'downloads/ctpat-msc-highway-carriers.xlsx', ..."""
    return f"{DIR}/{PREFIX}-{file_slug(entity)}.{ext}"


def profile_path(entity: str) -> str:
    return f"{DIR}/{PREFIX}-{file_slug(entity)}-oscal-profile.json"


def _site(site_url: str) -> str:
    return site_url.rstrip("/") + "/"


def permalink(kb: KnowledgeBase, c: Criterion, site_url: str) -> str:
    return f"{page_url(site_url, kb.category_of(c).page)}#{c.anchor}"


# ---- the records every format is made from ---------------------------------------------------------------
def pair_record(kb: KnowledgeBase, pair: Pair | None) -> dict[str, Any]:
    """A criterion's status for one type: the status key (as the site's labels), evidence level, sources, note."""
    return {"status": status_key(pair), "evidence_level": kb.evidence_level(pair) if pair else None,
            "sources": list(pair.sources) if pair else [], "note": pair.note if pair else None}


def criterion_record(kb: KnowledgeBase, c: Criterion, site_url: str, entity: str | None) -> dict[str, Any]:
    category = kb.category_of(c)
    record: dict[str, Any] = {
        "id": c.id, "category": {"number": category.number, "name": category.name},
        "focus_area": kb.focus_areas[category.focus_area].name, "title": c.title, "summary": c.summary,
        "guidance": c.guidance, "evidence": list(c.evidence), "designation": c.designation,
        "confidence": c.confidence, "sources": list(c.sources), "permalink": permalink(kb, c, site_url)}
    if entity is None:
        record["by_type"] = {slug: pair_record(kb, c.pair(slug)) for slug in kb.entities}
    else:
        record["for_type"] = pair_record(kb, c.pair(entity))
    return record


_memo: tuple[KnowledgeBase | None, dict[tuple[str, ...], Any]] = (None, {})


def memo_for(kb: KnowledgeBase) -> dict[tuple[str, ...], Any]:
    """Results worked out from this knowledge base, kept until another is loaded: a build asks for the same
    records and data version for every format and type (dozens of times), and with 1,000 criteria each costs."""
    global _memo
    if _memo[0] is not kb:
        _memo = (kb, {})
    return _memo[1]


def records(kb: KnowledgeBase, site_url: str, entity: str | None = None) -> list[dict[str, Any]]:
    """One record per criterion, in ID order (a type's files list every criterion, with the type's status).
    The list is shared between callers: read it, never change it."""
    memo = memo_for(kb)
    key = ("records", site_url, entity or "")
    if key not in memo:
        memo[key] = [criterion_record(kb, c, site_url, entity) for c in kb.select()]
    result: list[dict[str, Any]] = memo[key]
    return result


def data_version(kb: KnowledgeBase) -> str:
    """A short fingerprint of the criteria data (text, designations, per-type evidence, sources): it changes when
    any of them does, and only then."""
    memo = memo_for(kb)
    if ("version",) not in memo:
        memo[("version",)] = _data_version(kb)
    version: str = memo[("version",)]
    return version


def _data_version(kb: KnowledgeBase) -> str:
    content = [{k: v for k, v in r.items() if k != "permalink"} for r in records(kb, "/")]
    cited = sorted({s for r in content for s in [*r["sources"], *(x for p in r["by_type"].values()
                                                                   for x in p["sources"])]})
    sources = {i: [kb.sources[i].title, kb.sources[i].publisher, kb.sources[i].date, kb.sources[i].url]
               for i in cited}
    text = json.dumps([content, sources], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _full_date(date: str) -> str:
    """A partial date (YYYY or YYYY-MM) as the first day of its period."""
    parts = [*date.split("-"), "01", "01"]
    return f"{parts[0]}-{parts[1]}-{parts[2]}"


def data_as_of(kb: KnowledgeBase) -> str:
    """The newest dated change recorded in the data, as YYYY-MM-DD (partial dates count as their first day)."""
    dates = [h.date for c in kb.criteria.values() for h in c.history]
    dates += [e.date for e in kb.updates.events] if kb.updates else []
    dates += [kb.mra.as_of] if kb.mra else []
    return max((_full_date(d) for d in dates), default="2019-01-01")


def _title(kb: KnowledgeBase, entity: str | None) -> str:
    who = "all entity types" if entity is None else kb.entities[entity].name
    return f"CTPAT Minimum Security Criteria: {who}"


# ---- CSV and XLSX ---------------------------------------------------------------------------------------
Column = tuple[str, Callable[[dict[str, Any]], str], int]  # header, cell text from a record, XLSX width


def _sources_text(kb: KnowledgeBase, ids: Sequence[str], sep: str) -> str:
    return sep.join(f"{kb.sources[i].publisher} ({kb.sources[i].date}), {kb.sources[i].title}: {kb.sources[i].url}"
                    for i in ids)


def _pair_columns(kb: KnowledgeBase, get: Callable[[dict[str, Any]], dict[str, Any]], name: str,
                  sep: str, *, with_sources: bool) -> list[Column]:
    columns: list[Column] = [
        (f"Status for {name}", lambda r: STATUS_LABEL[get(r)["status"]], 16),
        (f"Evidence level for {name}",
         lambda r: EVIDENCE_LABEL[get(r)["evidence_level"]] if get(r)["evidence_level"] else "", 18)]
    if with_sources:
        columns.append((f"Sources for {name}", lambda r: " ".join(x for x in [
            _sources_text(kb, get(r)["sources"], sep), get(r)["note"] or ""] if x), 40))
    return columns


def _by_type(slug: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda r: dict(r["by_type"][slug])


def columns(kb: KnowledgeBase, entity: str | None, sep: str) -> list[Column]:
    """The spreadsheet columns: a type's files carry its status, evidence level and their sources; the
    all-criteria files a status and evidence level per type."""
    start, per_type, end = _column_groups(kb, entity, sep)
    return [*start, *per_type, *end]


def _column_groups(kb: KnowledgeBase, entity: str | None,
                   sep: str) -> tuple[list[Column], list[Column], list[Column]]:
    """The columns every file has before the type's (`start`), the type's, and those every file has after."""
    start: list[Column] = [
        ("ID", lambda r: r["id"], 7),
        ("Category", lambda r: f'{r["category"]["number"]}. {r["category"]["name"]}', 22),
        ("Focus area", lambda r: r["focus_area"], 16),
        ("Title", lambda r: r["title"], 28),
        ("Summary", lambda r: r["summary"], 48),
        ("Guidance", lambda r: r["guidance"], 70),
        ("Evidence", lambda r: sep.join(r["evidence"]), 36),
        ("General designation", lambda r: DESIGNATION_LABEL[r["designation"]], 13)]
    if entity is None:
        per_type: list[Column] = []
        for slug, e in kb.entities.items():
            per_type += _pair_columns(kb, _by_type(slug), e.name, sep, with_sources=False)
    else:
        per_type = _pair_columns(kb, lambda r: r["for_type"], kb.entities[entity].name, sep, with_sources=True)
    end: list[Column] = [
        ("Confidence", lambda r: CONFIDENCE_LABEL[r["confidence"]], 12),
        ("Sources", lambda r: _sources_text(kb, r["sources"], sep), 44),
        ("Permalink", lambda r: r["permalink"], 40)]
    return start, per_type, end


T = TypeVar("T")


def _for_every_record(kb: KnowledgeBase, site_url: str, name: str, make: Callable[[dict[str, Any]], T]) -> list[T]:
    """`make` of every criterion's record, in ID order, worked out once per data set (memo_for): what the files of
    every entity type share, such as the cells before and after the type's columns."""
    memo = memo_for(kb)
    key = (name, site_url)
    if key not in memo:
        memo[key] = [make(r) for r in records(kb, site_url)]
    made: list[T] = memo[key]
    return made


def _csv_cells(cells: Sequence[object]) -> str:
    """The cells as csv_text writes them within a longer row, without the line's end (a row of one empty cell
    alone is written as two quotes, so an empty cell is added and its comma taken off)."""
    return csv_text([[*cells, ""]])[:-2]


def csv_bytes(kb: KnowledgeBase, site_url: str, entity: str | None = None) -> bytes:
    """The CSV: UTF-8 with a byte-order mark, a header row, one row per criterion, every cell neutralised.

    The cells every file shares (all but the type's) are written once per data set, not once per file: with
    1,000 criteria they were most of the fourteen files' cost."""
    start, per_type, end = _column_groups(kb, entity, "; ")
    shared = _for_every_record(kb, site_url, "csv shared cells", lambda r: (
        _csv_cells([get(r) for _, get, _ in start]), _csv_cells([get(r) for _, get, _ in end])))
    lines = [csv_text([[c[0] for c in [*start, *per_type, *end]]])]
    for r, (before, after) in zip(records(kb, site_url, entity), shared, strict=True):
        lines.append(f"{before},{_csv_cells([get(r) for _, get, _ in per_type])},{after}\n" if per_type else
                     f"{before},{after}\n")
    return b"\xef\xbb\xbf" + "".join(lines).encode("utf-8")


# zlib's level 5, not its default 6: the fourteen workbooks 1 % larger (854 -> 862 KB at 100 criteria), their
# compression a third faster (0.52 -> 0.33 s of CPU at 1,000 criteria).
_XLSX_DEFLATE_LEVEL = 5


def _fixed_times(xlsx: bytes, when: datetime.date,
                 rewrite: dict[str, Callable[[bytes], bytes]] | None = None) -> bytes:
    """The same zip with every entry dated `when` (openpyxl stamps entries with the clock), and the entries named
    in `rewrite` passed through their function."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            content = src.read(info.filename)
            if rewrite and info.filename in rewrite:
                content = rewrite[info.filename](content)
            dst.writestr(entry, content, compresslevel=_XLSX_DEFLATE_LEVEL)
    return out.getvalue()


def xlsx_bytes(kb: KnowledgeBase, site_url: str, entity: str | None = None) -> bytes:
    """The working copy: a Criteria sheet (frozen header and ID column, filters, wrapped text, the member's own
    columns with a status drop-down and a date check) and an About sheet (data version and date, disclaimer)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.writer.excel import ExcelWriter

    when = datetime.date.fromisoformat(data_as_of(kb))
    stamp = datetime.datetime(when.year, when.month, when.day)
    wb = Workbook()
    wb.properties.creator = PUBLISHER
    wb.properties.lastModifiedBy = PUBLISHER
    wb.properties.title = _title(kb, entity)
    wb.properties.created = wb.properties.modified = stamp
    ws = wb.active
    assert ws is not None
    ws.title = "Criteria"
    start, per_type, end = _column_groups(kb, entity, "\n")
    cols = [*start, *per_type, *end]
    headers = [c[0] for c in cols] + list(WORK_COLUMNS)
    widths = [c[2] for c in cols] + [18, 18, 12, 30]
    ws.append(headers)
    rows = records(kb, site_url, entity)
    shared = _for_every_record(kb, site_url, "xlsx shared cells", lambda r: (
        [spreadsheet_safe(get(r)) for _, get, _ in start], [spreadsheet_safe(get(r)) for _, get, _ in end]))
    cells = [[*before, *(spreadsheet_safe(get(r)) for _, get, _ in per_type), *after, *[None] * len(WORK_COLUMNS)]
             for r, (before, after) in zip(rows, shared, strict=True)]
    # openpyxl writes the header and the first row, which sets the sheet's styles; sheet_rows writes the rest the
    # same way, at a tenth of the cost (with 1,000 criteria the 14 workbooks took most of a build).
    for values in cells[:1]:
        ws.append(values)
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE3F5")
    # A named style: setting a style object on each cell hashes it each time (a third of the file's cost).
    wb.add_named_style(NamedStyle(WRAPPED, alignment=wrap))
    for row in ws.iter_rows(min_row=1, max_row=min(len(rows), 1) + 1, max_col=len(headers)):
        for cell in row:
            cell.style = WRAPPED
    for cell in ws[1]:
        cell.font, cell.fill = bold, fill
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    last_row, last_col = len(rows) + 1, get_column_letter(len(headers))
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{last_col}{last_row}"
    status_col = get_column_letter(len(cols) + 1)
    due_col = get_column_letter(len(cols) + 3)
    choices = DataValidation(type="list", formula1='"' + ",".join(IMPLEMENTATION) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle="Implementation status",
                             error="Choose one of: " + ", ".join(IMPLEMENTATION) + ".",
                             showInputMessage=True, promptTitle="Implementation status",
                             prompt="Pick from the list.")
    choices.add(f"{status_col}2:{status_col}{last_row}")
    dates = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True,
                           showErrorMessage=True, errorTitle="Due date", error="Enter a date, e.g. 2027-03-31.")
    dates.add(f"{due_col}2:{due_col}{last_row}")
    ws.add_data_validation(choices)
    ws.add_data_validation(dates)
    for (cell,) in ws.iter_rows(min_row=2, max_row=min(last_row, 2), min_col=len(cols) + 3, max_col=len(cols) + 3):
        cell.number_format = "yyyy-mm-dd"
    about = wb.create_sheet("About")
    facts: list[tuple[str, str]] = [
        ("Title", _title(kb, entity)),
        ("Entity type", kb.entities[entity].name if entity else "All entity types (a status column per type)"),
        ("Criteria", str(len(rows))),
        ("Data version", data_version(kb)),
        ("Data as of", f"{data_as_of(kb)} (the newest dated change recorded in the data)"),
        ("Published by", f"{PUBLISHER}: {_site(site_url)}"),
        ("All downloads", f"{_site(site_url)}tools/downloads/"),
        ("Status for the type", "What a source says for this entity type: Must, Should, Listed (designation not "
                                "known), Disputed, Probably not listed (inferred from an omission), or Not yet "
                                "confirmed (no source yet). General designation is not a finding for a type."),
        ("Your columns", f"{WORK_COLUMNS[0]} ({', '.join(IMPLEMENTATION)}), {', '.join(WORK_COLUMNS[1:])}."),
        ("Notice", DISCLAIMER)]
    for key, value in facts:
        about.append([key, spreadsheet_safe(value)])
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 100
    for key_cell, value_cell in about.iter_rows(max_col=2):
        key_cell.font = bold
        key_cell.alignment = value_cell.alignment = wrap
    out = io.BytesIO()
    # openpyxl's save() stamps the modified date with the clock; its writer, called directly, keeps ours.
    # Stored, not deflated: _fixed_times compresses each entry once when it re-dates it.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        ExcelWriter(wb, archive).write_data()
    sheet = f"xl/worksheets/sheet{wb.sheetnames.index('Criteria') + 1}.xml"
    memo = memo_for(kb)
    inline: dict[str, str] = memo.setdefault(("xlsx inline strings", site_url), {})
    runs: dict[tuple[object, ...], str] = memo.setdefault(("xlsx shared runs", site_url), {})
    same = (len(start), len(end) + len(WORK_COLUMNS))  # the cells every workbook's row has: see `shared` above
    return _fixed_times(out.getvalue(), when,
                        {sheet: lambda xml: with_all_rows(xml, cells, inline, shared=same, runs=runs)})


_ROW_2 = re.compile(r'<row r="2"[^>]*>(.*?)</row>', re.DOTALL)
_CELL_STYLE = re.compile(r'<c r="[A-Z]+2"( s="\d+")?')
_DIMENSION = re.compile(r'<dimension ref="A1:([A-Z]+)\d+" />')


def with_all_rows(sheet_xml: bytes, cells: Sequence[Sequence[object]], inline: dict[str, str] | None = None, *,
                  shared: tuple[int, int] = (0, 0), runs: dict[tuple[object, ...], str] | None = None) -> bytes:
    """The sheet openpyxl wrote with the header and the first row only, given every row from the second on.

    Each cell is written as openpyxl's own writer writes it (an inline string, or an empty cell of type n for
    None), with the style of its column in the first row: tests/unit/test_exports.py checks that the result is
    byte for byte what openpyxl writes for the whole sheet. `inline` keeps each text's inline-string XML for the
    next sheet (the fourteen workbooks share most of their text). With `runs`, the caller promises that the first
    and last `shared` cells of each row are the same in every sheet it passes them for (the columns every workbook
    of a data set has): their XML is made once for a row, its columns' letters and styles."""
    inline = {} if inline is None else inline
    runs = {} if runs is None else runs
    text = sheet_xml.decode("utf-8")
    first = _ROW_2.search(text)
    if first is None:
        return sheet_xml
    styles = [m[1] or "" for m in _CELL_STYLE.finditer(first[1])]
    letters = [_column_letter(i) for i in range(1, len(styles) + 1)]
    width = len(styles)
    n_head, n_tail = shared
    if min(shared) < 0 or sum(shared) > width:
        raise ValueError(f"shared cells {shared} do not fit a sheet of {width} columns")
    head_key = (tuple(styles[:n_head]),)
    tail_key = (tuple(letters[width - n_tail:]), tuple(styles[width - n_tail:]))

    def cells_xml(number: int, values: Sequence[object], start: int, stop: int) -> str:
        return "".join(_cell(f"{letters[i]}{number}", styles[i], values[i], inline) for i in range(start, stop))

    rows = []
    for number, values in enumerate(cells[1:], start=3):
        if len(values) != width:
            raise ValueError(f"row {number} has {len(values)} cells, the sheet {width} columns")
        head = runs.get((number, *head_key)) if n_head else ""
        if head is None:
            head = runs[(number, *head_key)] = cells_xml(number, values, 0, n_head)
        tail = runs.get((number, *tail_key)) if n_tail else ""
        if tail is None:
            tail = runs[(number, *tail_key)] = cells_xml(number, values, width - n_tail, width)
        rows.append(f'<row r="{number}">{head}{cells_xml(number, values, n_head, width - n_tail)}{tail}</row>')
    text = text[:first.end()] + "".join(rows) + text[first.end():]
    text = _DIMENSION.sub(lambda m: f'<dimension ref="A1:{m[1]}{len(cells) + 1}" />', text, count=1)
    return text.encode("utf-8")


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, style: str, value: object, inline: dict[str, str]) -> str:
    if not isinstance(value, str | None):
        raise TypeError(f"{ref}: only text is written this way, not {type(value).__name__}")
    if value is None or value == "":
        return f'<c r="{ref}"{style} t="n" />' if value is None else f'<c r="{ref}"{style} t="inlineStr" />'
    string = inline.get(value)
    if string is None:
        space = ' xml:space="preserve"' if value.strip() and value != value.strip() else ""
        escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        string = inline[value] = f"<is><t{space}>{escaped}</t></is>"
    return f'<c r="{ref}"{style} t="inlineStr">{string}</c>'


# ---- JSON and its schema ---------------------------------------------------------------------------------
def json_document(kb: KnowledgeBase, site_url: str, entity: str | None = None) -> dict[str, Any]:
    rows = records(kb, site_url, entity)
    cited = sorted({s for r in rows for s in [*r["sources"], *(
        x for p in ([r["for_type"]] if entity else r["by_type"].values()) for x in p["sources"])]})
    e = kb.entities[entity] if entity else None
    return {
        "$schema": _site(site_url) + SCHEMA_PATH,
        "title": _title(kb, entity),
        "publisher": PUBLISHER,
        "site": _site(site_url),
        "notice": DISCLAIMER,
        "data_version": data_version(kb),
        "data_as_of": data_as_of(kb),
        "entity_type": {"slug": e.slug, "name": e.name, "official_url": e.official_url} if e else None,
        "criteria": rows,
        "sources": {i: {"title": kb.sources[i].title, "publisher": kb.sources[i].publisher,
                        "date": kb.sources[i].date, "url": kb.sources[i].url, "kind": kb.sources[i].kind}
                    for i in cited},
    }


def _dump(document: dict[str, Any]) -> str:
    """Compact JSON: Python's C encoder takes no indent (indented, the 29 documents took 0.7 s of CPU with 1,000
    criteria against 0.25 s), and the files are a third smaller. Browsers and jq show it indented."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


def json_schema(kb: KnowledgeBase, site_url: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON downloads, published beside them."""
    text = {"type": "string", "minLength": 1}
    pair = {"type": "object", "additionalProperties": False,
            "required": ["status", "evidence_level", "sources", "note"],
            "properties": {
                "status": {"enum": list(STATUS_LABEL), "description": "The criterion's status for the type: "
                           + "; ".join(f"{k} = {v}" for k, v in STATUS_LABEL.items())},
                "evidence_level": {"enum": [*EVIDENCE_LABEL, None], "description": "The best evidence for the "
                                   "status: " + "; ".join(f"{k} = {v}" for k, v in EVIDENCE_LABEL.items())
                                   + "; null when nothing is recorded for the type"},
                "sources": {"type": "array", "items": text, "description": "Keys of the top-level sources"},
                "note": {"type": ["string", "null"]}}}
    criterion = {
        "type": "object", "additionalProperties": False,
        "required": ["id", "category", "focus_area", "title", "summary", "guidance", "evidence", "designation",
                     "confidence", "sources", "permalink"],
        "properties": {
            "id": {"type": "string", "pattern": r"^[0-9]{1,2}\.[0-9]{1,2}$", "description": "CBP's criterion ID"},
            "category": {"type": "object", "additionalProperties": False, "required": ["number", "name"],
                         "properties": {"number": {"type": "integer", "minimum": 1}, "name": text}},
            "focus_area": text, "title": text, "summary": text, "guidance": text,
            "evidence": {"type": "array", "items": text, "description": "Example evidence that it is in place"},
            "designation": {"enum": list(DESIGNATION_LABEL), "description": "The general designation, as the "
                            "sources give it without naming an entity type"},
            "confidence": {"enum": list(CONFIDENCE_LABEL)},
            "sources": {"type": "array", "items": text, "minItems": 1},
            "permalink": {"type": "string", "format": "uri"},
            "for_type": {"$ref": "#/$defs/pair"},
            "by_type": {"type": "object", "additionalProperties": {"$ref": "#/$defs/pair"},
                        "propertyNames": {"pattern": "^[a-z_]+$"}}},
        "oneOf": [{"required": ["for_type"]}, {"required": ["by_type"]}]}
    source = {"type": "object", "additionalProperties": False, "required": ["title", "publisher", "date", "url",
                                                                              "kind"],
              "properties": {"title": text, "publisher": text, "date": text, "url": {"type": "string"},
                             "kind": {"enum": ["official", "statute", "deck", "secondary"]}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _site(site_url) + SCHEMA_PATH,
        "title": "CTPAT Minimum Security Criteria download",
        "description": f"The JSON downloads of the {PUBLISHER}: all criteria, or the criteria with one entity "
                       "type's status (entity_type set, each criterion with for_type).",
        "type": "object", "additionalProperties": False,
        "required": ["$schema", "title", "publisher", "site", "notice", "data_version", "data_as_of", "entity_type",
                     "criteria", "sources"],
        "properties": {
            "$schema": {"type": "string"}, "title": text, "publisher": text, "site": {"type": "string"},
            "notice": text,
            "data_version": {"type": "string", "pattern": "^[0-9a-f]{12}$",
                             "description": "Fingerprint of the criteria data; changes when the data does"},
            "data_as_of": {"type": "string", "format": "date",
                           "description": "The newest dated change recorded in the data"},
            "entity_type": {"oneOf": [{"type": "null"}, {
                "type": "object", "additionalProperties": False, "required": ["slug", "name", "official_url"],
                "properties": {"slug": text, "name": text, "official_url": {"type": "string"}}}]},
            "criteria": {"type": "array", "items": {"$ref": "#/$defs/criterion"}},
            "sources": {"type": "object", "additionalProperties": {"$ref": "#/$defs/source"}}},
        "$defs": {"pair": pair, "criterion": criterion, "source": source}}


# ---- OSCAL -----------------------------------------------------------------------------------------------
def _uuid(site_url: str, name: str) -> str:
    """A stable UUID per subject, as OSCAL asks: the same catalog or source keeps its UUID across builds.

    Made from a hash of the subject's address, in version 4 form: compliance-trestle recognises only version 4
    UUIDs in links to back-matter resources (it warns that version 5 ones are unreferenced).
    """
    digest = hashlib.sha256((_site(site_url) + name).encode("utf-8")).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


def oscal_ns(site_url: str) -> str:
    return _site(site_url) + "ns/oscal"


def control_id(c: Criterion) -> str:
    """An OSCAL token: 'ctpat-6.7'."""
    return f"ctpat-{c.id}"


def _metadata(kb: KnowledgeBase, site_url: str, title: str) -> dict[str, Any]:
    return {"title": title, "last-modified": f"{data_as_of(kb)}T00:00:00Z", "version": data_version(kb),
            "oscal-version": OSCAL_VERSION,
            "links": [{"href": _site(site_url), "rel": "alternate", "text": PUBLISHER}],
            "remarks": DISCLAIMER}


def _prop(name: str, value: str, ns: str | None = None) -> dict[str, str]:
    return {"name": name, **({"ns": ns} if ns else {}), "value": value}


def oscal_catalog(kb: KnowledgeBase, site_url: str) -> dict[str, Any]:
    """Every criterion as a control, grouped by category: statement and guidance as parts, example evidence as
    a part of our namespace, designation and confidence as props; a link to its permalink and to its sources."""
    ns = oscal_ns(site_url)
    groups = []
    for number, category in kb.categories.items():
        controls = []
        for c in kb.criteria_in(number):
            cid = control_id(c)
            major, minor = c.id.split(".")
            controls.append({
                "id": cid, "class": "msc", "title": c.title,
                "props": [_prop("label", c.id), _prop("sort-id", f"{int(major):02d}.{int(minor):02d}"),
                          _prop("designation", c.designation, ns), _prop("confidence", c.confidence, ns)],
                "links": [{"href": permalink(kb, c, site_url), "rel": "alternate",
                           "text": f"Criterion {c.id} on the {PUBLISHER}"},
                          *({"href": f"#{_uuid(site_url, 'sources/' + s)}", "rel": "reference"} for s in c.sources)],
                "parts": [{"id": f"{cid}_smt", "name": "statement", "prose": c.summary},
                          {"id": f"{cid}_gdn", "name": "guidance", "prose": c.guidance},
                          {"id": f"{cid}_evd", "name": "evidence", "ns": ns,
                           "prose": "\n".join(f"- {e}" for e in c.evidence)}]})
        if controls:
            groups.append({"id": f"category-{number}", "class": "category", "title": category.name,
                           "props": [_prop("label", str(number)),
                                     _prop("focus-area", kb.focus_areas[category.focus_area].name, ns)],
                           "controls": controls})
    cited = sorted({s for c in kb.criteria.values() for s in c.sources})
    resources = [{"uuid": _uuid(site_url, "sources/" + i), "title": kb.sources[i].title,
                  "citation": {"text": f"{kb.sources[i].publisher} ({kb.sources[i].date}). {kb.sources[i].title}."},
                  "rlinks": [{"href": kb.sources[i].url}]} for i in cited]
    return {"catalog": {"uuid": _uuid(site_url, CATALOG_PATH),
                        "metadata": _metadata(kb, site_url, _title(kb, None)),
                        "groups": groups, "back-matter": {"resources": resources}}}


def profile_criteria(kb: KnowledgeBase, entity: str) -> list[Criterion]:
    """The type's criteria: every criterion except those the type's document omits (OMITTED)."""
    return [c for c in kb.select() if status_key(c.pair(entity)) not in OMITTED]


def oscal_profile(kb: KnowledgeBase, site_url: str, entity: str) -> dict[str, Any]:
    """The type's baseline: imports the catalog (beside it), selects the type's criteria and adds to each its
    status and evidence level for the type as props."""
    ns = oscal_ns(site_url)
    chosen = profile_criteria(kb, entity)
    alters = []
    for c in chosen:
        record = pair_record(kb, c.pair(entity))
        props = [_prop("status", record["status"], ns)]
        if record["evidence_level"]:
            props.append(_prop("evidence-level", record["evidence_level"], ns))
        alters.append({"control-id": control_id(c), "adds": [{"position": "ending", "props": props}]})
    catalog = CATALOG_PATH.removeprefix(f"{DIR}/")
    return {"profile": {
        "uuid": _uuid(site_url, profile_path(entity)),
        "metadata": _metadata(kb, site_url, _title(kb, entity)),
        "imports": [{"href": catalog, "include-controls": [{"with-ids": [control_id(c) for c in chosen]}]}],
        "merge": {"as-is": True},
        "modify": {"alters": alters}}}


# ---- every file ------------------------------------------------------------------------------------------
def files(kb: KnowledgeBase, site_url: str) -> dict[str, str | bytes]:
    """Every criteria download: path under the site -> content. Computed once per data set and site_url (kb's
    postbuild.downloads keeps them with the other generated files; see memo_for)."""
    memo = memo_for(kb)
    key = ("files", site_url)
    if key in memo:
        cached: dict[str, str | bytes] = memo[key]
        return cached
    made: dict[str, str | bytes] = {}
    for entity in [None, *kb.entities]:
        made[download_path(entity, "csv")] = csv_bytes(kb, site_url, entity)
        made[download_path(entity, "xlsx")] = xlsx_bytes(kb, site_url, entity)
        made[download_path(entity, "json")] = _dump(json_document(kb, site_url, entity))
    made[SCHEMA_PATH] = _dump(json_schema(kb, site_url))
    made[CATALOG_PATH] = _dump(oscal_catalog(kb, site_url))
    for entity in kb.entities:
        made[profile_path(entity)] = _dump(oscal_profile(kb, site_url, entity))
    memo[key] = made
    return made
