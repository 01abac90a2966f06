"""The criteria downloads (kb.exports): every format parses, has the rows the data implies, is neutralised against
formulas. tests/site/test_downloads.py checks the built files (every one parsed, OSCAL through trestle) and that
they are the same bytes in another process, time zone and day."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openpyxl import load_workbook

from kb import KnowledgeBase, exports
from kb.render.common import STATUS_LABEL, status_key

SITE = "https://example.org/kb/"
FORMULA = ("=", "+", "-", "@", "\t", "\r")
OSCAL_TOKEN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def _types(kb: KnowledgeBase) -> list[str | None]:
    return [None, *kb.entities]


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 byte-order mark, for Excel"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))


def test_every_csv_has_a_row_per_criterion_with_the_types_status(kb: KnowledgeBase) -> None:
    for entity in _types(kb):
        rows = _csv_rows(exports.csv_bytes(kb, SITE, entity))
        header, body = rows[0], rows[1:]
        assert [r[0] for r in body] == [c.id for c in kb.select()]
        assert header[:8] == ["ID", "Category", "Focus area", "Title", "Summary", "Guidance", "Evidence",
                              "General designation"]
        assert header[-1] == "Permalink"
        for row in body:
            assert row[-1].startswith(SITE + "criteria/") and "#criterion-" in row[-1]
        if entity is not None:
            name = kb.entities[entity].name
            col = header.index(f"Status for {name}")
            assert [r[col] for r in body] == [STATUS_LABEL[status_key(c.pair(entity))] for c in kb.select()]
        else:
            assert len(header) == 11 + 2 * len(kb.entities)


def test_every_xlsx_is_a_working_copy(kb: KnowledgeBase) -> None:
    for entity in (None, "highway_carriers", "foreign_marine_port_terminal_operators"):  # all: tests/site
        wb = load_workbook(io.BytesIO(exports.xlsx_bytes(kb, SITE, entity)))
        assert wb.sheetnames == ["Criteria", "About"]
        ws = wb["Criteria"]
        header = [c.value for c in ws[1]]
        assert header[-4:] == list(exports.WORK_COLUMNS)
        assert ws.max_row == 1 + len(kb.criteria)
        assert [ws.cell(row=i, column=1).value for i in range(2, ws.max_row + 1)] == [c.id for c in kb.select()]
        assert ws.freeze_panes == "B2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(header)).column_letter}{ws.max_row}"
        assert ws.cell(row=2, column=6).alignment.wrap_text
        assert ws.column_dimensions["F"].width == 70
        validations = {v.type: v for v in ws.data_validations.dataValidation}
        status_col = ws.cell(row=1, column=len(header) - 3).column_letter
        assert validations["list"].formula1 == '"' + ",".join(exports.IMPLEMENTATION) + '"'
        assert str(validations["list"].sqref) == f"{status_col}2:{status_col}{ws.max_row}"
        assert validations["date"].sqref
        about = {r[0].value: r[1].value for r in wb["About"].iter_rows(max_col=2)}
        assert about["Data version"] == exports.data_version(kb)
        assert str(about["Data as of"]).startswith(exports.data_as_of(kb))
        assert about["Criteria"] == str(len(kb.criteria))
        assert wb.properties.modified.date().isoformat() == exports.data_as_of(kb)


def _poisoned(kb: KnowledgeBase) -> KnowledgeBase:
    """A data set whose texts start with formula characters."""
    first = kb.select()[0]
    bad = dataclasses.replace(first, title="=HYPERLINK(\"http://x.invalid\",\"Click\")", summary="+1+1",
                              guidance="-2+3", evidence=("@SUM(A1)", "\tx"))
    return dataclasses.replace(kb, criteria={**kb.criteria, first.id: bad})


def test_no_cell_of_any_spreadsheet_runs_as_a_formula(kb: KnowledgeBase) -> None:
    poisoned = _poisoned(kb)
    for entity in (None, "highway_carriers"):
        for row in _csv_rows(exports.csv_bytes(poisoned, SITE, entity)):
            assert not [cell for cell in row if cell.startswith(FORMULA)], row
        wb = load_workbook(io.BytesIO(exports.xlsx_bytes(poisoned, SITE, entity)))
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", cell.coordinate
                    assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA)), cell.value
        assert wb["Criteria"]["D2"].value == "'=HYPERLINK(\"http://x.invalid\",\"Click\")"


def test_every_json_matches_its_schema_and_the_data(kb: KnowledgeBase) -> None:
    schema = exports.json_schema(kb, SITE)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    for entity in _types(kb):
        document = json.loads(exports._dump(exports.json_document(kb, SITE, entity)))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
        assert document["$schema"] == SITE + exports.SCHEMA_PATH
        assert [r["id"] for r in document["criteria"]] == [c.id for c in kb.select()]
        for record, c in zip(document["criteria"], kb.select(), strict=True):
            pairs = [record["for_type"]] if entity else list(record["by_type"].values())
            expected = [c.pair(entity)] if entity else [c.pair(s) for s in kb.entities]
            assert [p["status"] for p in pairs] == [status_key(p) for p in expected]
            assert set(record["sources"]) | {s for p in pairs for s in p["sources"]} <= set(document["sources"])


def test_a_bad_json_download_fails_its_schema(kb: KnowledgeBase) -> None:
    validator = Draft202012Validator(exports.json_schema(kb, SITE))
    # A copy: the document's records are the ones every download of this data set is made from.
    document = json.loads(json.dumps(exports.json_document(kb, SITE, "highway_carriers")))
    document["criteria"][0]["for_type"]["status"] = "maybe"
    assert not validator.is_valid(document)


def test_the_oscal_catalog_has_every_criterion_once_as_a_valid_token(kb: KnowledgeBase) -> None:
    catalog = exports.oscal_catalog(kb, SITE)["catalog"]
    assert catalog["metadata"]["oscal-version"].startswith("1.1.")
    groups = catalog["groups"]
    assert [g["title"] for g in groups] == [c.name for n, c in kb.categories.items() if kb.criteria_in(n)]
    controls = [c for g in groups for c in g["controls"]]
    ids = [c["id"] for c in controls]
    assert len(ids) == len(set(ids)) == len(kb.criteria)
    all_ids = ids + [g["id"] for g in groups] + [p["id"] for c in controls for p in c["parts"]]
    assert len(all_ids) == len(set(all_ids))
    assert all(OSCAL_TOKEN.match(i) for i in all_ids)
    for control, c in zip(controls, kb.select(), strict=True):
        props = {p["name"]: p["value"] for p in control["props"]}
        assert props["label"] == c.id and props["designation"] == c.designation
        assert props["confidence"] == c.confidence
        assert [p["name"] for p in control["parts"]] == ["statement", "guidance", "evidence"]
        assert control["links"][0]["href"] == exports.permalink(kb, c, SITE)
    resources = {r["uuid"] for r in catalog["back-matter"]["resources"]}
    refs = {link["href"][1:] for c in controls for link in c["links"] if link["href"].startswith("#")}
    assert refs == resources


def test_each_profile_selects_the_types_criteria_with_their_status(kb: KnowledgeBase) -> None:
    for entity in kb.entities:
        profile = exports.oscal_profile(kb, SITE, entity)["profile"]
        chosen = [c for c in kb.select() if status_key(c.pair(entity)) not in ("not_listed", "probably_not_listed")]
        assert profile["imports"][0]["href"] == Path(exports.CATALOG_PATH).name
        assert profile["imports"][0]["include-controls"][0]["with-ids"] == [f"ctpat-{c.id}" for c in chosen]
        statuses = {a["control-id"]: a["adds"][0]["props"][0]["value"] for a in profile["modify"]["alters"]}
        assert statuses == {f"ctpat-{c.id}": status_key(c.pair(entity)) for c in chosen}


def _sheet_xml(rows: list[list[str | None]]) -> bytes:
    """The first sheet as openpyxl writes it, styled as the criteria sheet is (wrapped text, a date column)."""
    import zipfile

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, NamedStyle
    from openpyxl.writer.excel import ExcelWriter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    wb.add_named_style(NamedStyle(exports.WRAPPED, alignment=Alignment(wrap_text=True)))
    for values in rows:
        ws.append(values)
    for row in ws.iter_rows():
        for cell in row:
            cell.style = exports.WRAPPED
    for (cell,) in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        ExcelWriter(wb, archive).write_data()
    return zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml")


def test_the_rows_written_after_openpyxl_are_what_openpyxl_writes() -> None:
    """kb.exports.with_all_rows writes rows 3 on of the criteria sheet itself (openpyxl is slow at it): byte for
    byte what openpyxl writes, for text with markup characters, padding, line breaks, empty text and no value."""
    header: list[str | None] = ["ID", "Text", "Due", "Notes"]
    body: list[list[str | None]] = [["1.1", "a & b < c > d", None, "x"], ["1.2", "  padded ", None, ""],
                                    ["1.3", "two\nlines", None, None], ["1.4", "'=SUM(A1)", None, "   "]]
    whole = _sheet_xml([header, *body])
    assert exports.with_all_rows(_sheet_xml([header, body[0]]), body) == whole
    assert exports.with_all_rows(_sheet_xml([header]), []) == _sheet_xml([header]), "no rows: left as written"
    # Runs of cells shared with another sheet (its first and last columns) come out the same.
    runs: dict[tuple[object, ...], str] = {}
    for _ in range(2):
        assert exports.with_all_rows(_sheet_xml([header, body[0]]), body, shared=(1, 2), runs=runs) == whole
    assert runs, "the shared runs were kept for the next sheet"
    with pytest.raises(ValueError, match="do not fit"):
        exports.with_all_rows(_sheet_xml([header, body[0]]), body, shared=(3, 2))


def test_each_csv_is_what_the_csv_writer_writes_for_its_rows(kb: KnowledgeBase) -> None:
    """csv_bytes writes the cells every file shares once per data set; each file must still be, byte for byte,
    what csv_text writes for the whole header and rows (an empty cell, a cell with a comma, quote or line break,
    a formula-like cell included)."""
    from kb.render.common import csv_text

    tricky = dataclasses.replace(kb, criteria={
        cid: dataclasses.replace(c, title='=cmd, "quoted"\nline', summary="") if i == 0 else c
        for i, (cid, c) in enumerate(kb.criteria.items())})
    for base in (kb, tricky):
        for entity in _types(base):
            cols = exports.columns(base, entity, "; ")
            rows = [[c[0] for c in cols]]
            rows += [[get(r) for _, get, _ in cols] for r in exports.records(base, SITE, entity)]
            expected = b"\xef\xbb\xbf" + csv_text(rows).encode("utf-8")
            assert exports.csv_bytes(base, SITE, entity) == expected, entity
