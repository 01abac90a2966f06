"""The self-assessment in a real browser: answers kept across a reload, exports (JSON round trip, CSV and XLSX read
back), every kind of bad import and a full localStorage (a message, and nothing saved is lost), what changed since
the answers were saved, the printed report, the folded "probably not listed" section, the keyboard, the page
without JavaScript, and axe in light and dark at phone width. The every-page test covers the page untouched."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import openpyxl
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from kb import KnowledgeBase, exports
from kb.models import Criterion
from kb.render.assessment import fingerprint
from kb.render.common import status_key
from tests.browser.hosting import serve
from tests.support import site_url

pytestmark = pytest.mark.browser

URL = "tools/self-assessment/"
KEY = "ctpat-kb-self-assessment"
TYPE = "importers"
_AXE_OPTIONS = json.dumps({"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                           "resultTypes": ["violations"]})
FULL_STORAGE = """Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};"""


def _open(page: Page, base_url: str) -> None:
    page.goto(base_url + URL, wait_until="load")
    page.wait_for_selector("#kb-sa-form:not([hidden])")


def _slug(cid: str) -> str:
    return cid.replace(".", "-")


def _confirmed(kb: KnowledgeBase, slug: str = TYPE) -> list[Criterion]:
    return [c for c in kb.select() if status_key(c.pair(slug)) in ("must", "should", "applies")]


def _folded(kb: KnowledgeBase, slug: str = TYPE) -> list[Criterion]:
    return [c for c in kb.select() if status_key(c.pair(slug)) in ("not_listed", "probably_not_listed")]


def _stored(page: Page) -> str | None:
    value = page.evaluate(f"() => localStorage.getItem('{KEY}')")
    assert value is None or isinstance(value, str)
    return value


def _message(page: Page) -> str:
    return page.inner_text("#kb-sa-message")


def _fill(page: Page, kb: KnowledgeBase) -> dict[str, str]:
    """Choose the type and record answers for the first confirmed criterion and one not yet confirmed."""
    page.select_option("#kb-sa-type", TYPE)
    first = _confirmed(kb)[0]
    s = _slug(first.id)
    page.select_option(f"#kb-sa-{s}-status", "Partly")
    page.fill(f"#kb-sa-{s}-owner", "Dana, security manager")
    page.fill(f"#kb-sa-{s}-due", "2027-03-31")
    page.fill(f"#kb-sa-{s}-evidence", "Shared drive / CTPAT / 2027")
    page.fill(f"#kb-sa-{s}-note", '=Quote "this", and a comma; é')
    other = next(c for c in kb.select() if status_key(c.pair(TYPE)) == "unknown")
    page.check(f"#kb-sa-{_slug(other.id)}-applies-no")
    return {"first": first.id, "other": other.id}


def _download(page: Page, button: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.click(button)
    download = info.value
    path = download.path()
    assert path is not None
    return download.suggested_filename, Path(path).read_bytes()


def test_answers_are_kept_across_a_reload_and_counted(page: Page, base_url: str, kb: KnowledgeBase) -> None:
    _open(page, base_url)
    assert page.is_hidden("#kb-sa-nojs")
    assert page.inner_text("#kb-sa-list") == "Choose your entity type to see its criteria."
    ids = _fill(page, kb)
    page.reload(wait_until="load")
    page.wait_for_selector("#kb-sa-form:not([hidden])")
    assert page.input_value("#kb-sa-type") == TYPE
    s = _slug(ids["first"])
    assert page.input_value(f"#kb-sa-{s}-status") == "Partly"
    assert page.input_value(f"#kb-sa-{s}-owner") == "Dana, security manager"
    assert page.input_value(f"#kb-sa-{s}-due") == "2027-03-31"
    assert page.input_value(f"#kb-sa-{s}-evidence") == "Shared drive / CTPAT / 2027"
    assert page.input_value(f"#kb-sa-{s}-note") == '=Quote "this", and a comma; é'
    assert page.is_checked(f"#kb-sa-{_slug(ids['other'])}-applies-no")
    assert page.is_hidden(f"#kb-sa-{_slug(ids['other'])}-status")  # no work fields where it does not apply
    # Defaults: yes where our data confirms the pair, not checked yet elsewhere.
    for c in kb.select():
        if c.id in ids.values():
            continue
        expected = "yes" if c in _confirmed(kb) else "unchecked"
        assert page.is_checked(f"#kb-sa-{_slug(c.id)}-applies-{expected}"), c.id
    # Progress: every confirmed criterion applies by default; one of them is partly done.
    confirmed = _confirmed(kb)

    def counted(c: Criterion) -> str:
        pair = status_key(c.pair(TYPE))
        return pair if pair in ("must", "should") else c.designation

    first_kind = counted(kb.criteria[ids["first"]])
    total = sum(counted(c) == first_kind for c in confirmed)
    summary = page.inner_text("#kb-sa-progress-summary")
    label = first_kind.capitalize()
    assert f"{label} 0 of {total} implemented, 1 partly" in summary
    assert f"Applies to you: {len(confirmed)}" in summary
    assert f"does not apply: 1; not checked yet: {len(kb.criteria) - len(confirmed) - 1}." in summary


def test_json_export_then_import_round_trips_exactly(page: Page, base_url: str, kb: KnowledgeBase,
                                                      tmp_path: Path) -> None:
    _open(page, base_url)
    _fill(page, kb)
    name, exported = _download(page, "#kb-sa-export-json")
    assert name.startswith("ctpat-self-assessment-importers-") and name.endswith(".json")
    saved = _stored(page)
    assert saved is not None and json.loads(exported) == json.loads(saved)
    state = json.loads(exported)
    assert state["data_version"] == exports.data_version(kb)
    assert state["baseline"]["6.7"] == {"fp": fingerprint(kb.criteria["6.7"]), "d": kb.criteria["6.7"].designation,
                                        "s": {k: status_key(v) for k, v in kb.criteria["6.7"].entities.items()
                                              if status_key(v) != "unknown"}}
    page.click("#kb-sa-clear")
    assert page.evaluate("() => document.activeElement.id") == "kb-sa-clear-no"
    page.click("#kb-sa-clear-yes")
    assert _stored(page) is None
    assert page.input_value("#kb-sa-type") == ""
    file = tmp_path / name
    file.write_bytes(exported)
    page.set_input_files("#kb-sa-import", str(file))
    page.wait_for_function("() => document.querySelector('#kb-sa-message').textContent.startsWith('Imported')")
    assert page.input_value("#kb-sa-type") == TYPE
    assert _stored(page) == saved
    _, again = _download(page, "#kb-sa-export-json")
    assert again == exported


def test_csv_and_xlsx_exports_have_a_row_per_criterion(page: Page, base_url: str, kb: KnowledgeBase) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    _open(page, base_url)
    ids = _fill(page, kb)
    name, data = _download(page, "#kb-sa-export-csv")
    assert name.endswith(".csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert len(rows) == 1 + len(kb.criteria)
    header = rows[0]
    assert [r[0] for r in rows[1:]] == [c.id for c in kb.select()]
    first = dict(zip(header, next(r for r in rows if r[0] == ids["first"]), strict=True))
    assert first["Implementation status"] == "Partly"
    assert first["Note"] == '\'=Quote "this", and a comma; é'  # a formula is neutralised
    assert first["Due date"] == "2027-03-31"
    other = dict(zip(header, next(r for r in rows if r[0] == ids["other"]), strict=True))
    assert other["Applies to us"] == "No"

    assert not any("write-excel-file" in u for u in requested)  # the XLSX library loads only when asked for
    name, data = _download(page, "#kb-sa-export-xlsx")
    assert name.endswith(".xlsx")
    assert any("write-excel-file" in u for u in requested)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Self-assessment", "About"]
    sheet = book["Self-assessment"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert len(values) == 1 + len(kb.criteria)
    assert values[0] == header
    xfirst = dict(zip(header, next(r for r in values if r[0] == ids["first"]), strict=True))
    assert xfirst["Owner"] == "Dana, security manager"
    assert xfirst["Note"] == '\'=Quote "this", and a comma; é'
    about = {row[0].value: row[1].value for row in book["About"].iter_rows()}
    assert exports.data_version(kb) in about["Data version"]


def _future(state: dict[str, Any]) -> dict[str, Any]:
    return {**state, "data_version": "ffffffffffff", "data_as_of": "2999-01-01"}


def _unknown_id(state: dict[str, Any]) -> dict[str, Any]:
    answer = {"applies": "yes", "status": "Implemented", "note": "", "owner": "", "due": "", "evidence": ""}
    return {**state, "answers": {**state["answers"], "99.98": answer}}


BAD_IMPORTS: dict[str, tuple[Callable[[str], bytes], str]] = {
    "not json": (lambda text: b"ID,Title\n1.1,Something\n", "This is not a JSON file."),
    "truncated": (lambda text: text[: len(text) // 2].encode("utf-8"), "The file is damaged or cut short"),
    "someone else's json": (lambda text: json.dumps({"name": "a package", "version": "1.0.0"}).encode("utf-8"),
                            "not a self-assessment saved by this page"),
    "unknown criterion": (lambda text: json.dumps(_unknown_id(json.loads(text))).encode("utf-8"),
                          "answers for criteria this site does not have (99.98)"),
    "future data version": (lambda text: json.dumps(_future(json.loads(text))).encode("utf-8"),
                            "made against newer criteria data (as of 2999-01-01)"),
    "hand-edited answer": (lambda text: text.replace('"Partly"', '"Done, mostly"').encode("utf-8"),
                           "damaged or was edited by hand: the answer for criterion"),
}


@pytest.mark.parametrize("case", list(BAD_IMPORTS))
def test_a_bad_import_says_why_and_keeps_what_is_saved(page: Page, base_url: str, kb: KnowledgeBase,
                                                       tmp_path: Path, case: str) -> None:
    _open(page, base_url)
    ids = _fill(page, kb)
    _, exported = _download(page, "#kb-sa-export-json")
    page.fill(f"#kb-sa-{_slug(ids['first'])}-owner", "Changed after the export")
    saved = _stored(page)
    make, expected = BAD_IMPORTS[case]
    bad = make(exported.decode("utf-8"))
    assert bad != exported
    file = tmp_path / "bad.json"
    file.write_bytes(bad)
    page.set_input_files("#kb-sa-import", str(file))
    page.wait_for_function("() => document.querySelector('#kb-sa-message').textContent.includes('Nothing was')")
    message = _message(page)
    assert expected in message and "your saved answers are unchanged" in message, message
    assert page.get_attribute("#kb-sa-message", "aria-live") == "polite"
    assert _stored(page) == saved
    assert page.input_value(f"#kb-sa-{_slug(ids['first'])}-owner") == "Changed after the export"
    page.reload(wait_until="load")
    page.wait_for_selector("#kb-sa-form:not([hidden])")
    assert page.input_value(f"#kb-sa-{_slug(ids['first'])}-owner") == "Changed after the export"


def test_a_damaged_saved_state_is_reported_and_left_alone(page: Page, base_url: str, kb: KnowledgeBase) -> None:
    _open(page, base_url)
    page.evaluate(f"() => localStorage.setItem('{KEY}', '{{\"format\": \"ctpat-kb-self-ass')")
    page.reload(wait_until="load")
    page.wait_for_selector("#kb-sa-form:not([hidden])")
    assert "could not be read" in _message(page)
    page.select_option("#kb-sa-type", TYPE)  # a change is not saved over it
    assert _stored(page) == '{"format": "ctpat-kb-self-ass'
    assert "could not be read" in _message(page)
    page.click("#kb-sa-clear")
    page.click("#kb-sa-clear-yes")
    page.select_option("#kb-sa-type", TYPE)
    assert json.loads(_stored(page) or "{}")["entity_type"] == TYPE


def test_a_full_storage_says_so_and_loses_nothing(browser: Browser, base_url: str, kb: KnowledgeBase,
                                                  tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open(page, base_url)
    ids = _fill(page, kb)
    _, exported = _download(page, "#kb-sa-export-json")
    saved = _stored(page)
    context.add_init_script(FULL_STORAGE)
    page.reload(wait_until="load")
    page.wait_for_selector("#kb-sa-form:not([hidden])")
    s = _slug(ids["first"])
    assert page.input_value(f"#kb-sa-{s}-owner") == "Dana, security manager"
    page.fill(f"#kb-sa-{s}-owner", "Someone else")
    assert "storage for this site is full" in _message(page)
    assert "Export JSON now" in _message(page)
    assert _stored(page) == saved
    _, kept = _download(page, "#kb-sa-export-json")  # the unsaved change can still be exported
    assert json.loads(kept)["answers"][ids["first"]]["owner"] == "Someone else"
    changed = json.loads(exported)
    changed["answers"][ids["first"]]["owner"] = "From a file"
    file = tmp_path / "import.json"
    file.write_text(json.dumps(changed), encoding="utf-8")
    page.set_input_files("#kb-sa-import", str(file))
    page.wait_for_function("() => document.querySelector('#kb-sa-message').textContent.includes('not imported')")
    assert "storage for this site is full" in _message(page)
    assert _stored(page) == saved
    page.reload(wait_until="load")
    page.wait_for_selector("#kb-sa-form:not([hidden])")
    assert page.input_value(f"#kb-sa-{s}-owner") == "Dana, security manager"
    context.close()


def test_what_changed_since_the_answers_were_saved(page: Page, base_url: str, kb: KnowledgeBase) -> None:
    _open(page, base_url)
    _fill(page, kb)
    assert page.is_hidden("#kb-sa-changes")
    state = json.loads(_stored(page) or "{}")
    ids = [c.id for c in kb.select()]
    added, reworded, redesignated = ids[0], ids[1], ids[2]
    retyped = _confirmed(kb)[-1].id
    del state["baseline"][added]
    state["baseline"][reworded]["fp"] = "0000000000"
    state["baseline"][redesignated]["d"] = "should" if kb.criteria[redesignated].designation != "should" else "must"
    state["baseline"][retyped]["s"].pop(TYPE)
    state["baseline"]["99.97"] = {"fp": "1111111111", "d": "must", "s": {}}
    state["data_version"] = "000000000000"
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps(state)])
    page.reload(wait_until="load")
    page.wait_for_selector("#kb-sa-form:not([hidden])")
    assert page.is_visible("#kb-sa-changes")
    text = page.inner_text("#kb-sa-changes")
    assert "saved against data version 000000000000" in text
    assert page.inner_text(".kb-sa__changes-added") == f"{added} {kb.criteria[added].title}"
    assert page.inner_text(".kb-sa__changes-removed") == "99.97"
    assert page.inner_text(".kb-sa__changes-reworded") == f"{reworded} {kb.criteria[reworded].title}"
    changed = page.eval_on_selector_all(".kb-sa__changes-designation li", "lis => lis.map(li => li.textContent)")
    assert len(changed) == 2
    assert changed[0].startswith(f"{redesignated}: general designation ")
    assert changed[1] == f"{retyped}: for {kb.entities[TYPE].name}: Not yet confirmed \u2192 " + {
        "must": "Must", "should": "Should", "applies": "Listed"}[status_key(kb.criteria[retyped].pair(TYPE))]
    page.click("#kb-sa-reviewed")
    assert page.is_hidden("#kb-sa-changes")
    assert json.loads(_stored(page) or "{}")["data_version"] == exports.data_version(kb)
    page.reload(wait_until="load")
    page.wait_for_selector("#kb-sa-form:not([hidden])")
    assert page.is_hidden("#kb-sa-changes")


def test_print_shows_a_clean_report(page: Page, base_url: str, kb: KnowledgeBase) -> None:
    _open(page, base_url)
    ids = _fill(page, kb)
    assert page.is_hidden("#kb-sa-report")
    page.emulate_media(media="print")
    assert page.is_visible("#kb-sa-report")
    for hidden in ("#kb-sa-form", "#kb-sa-type", "#kb-sa-export-csv", "#kb-sa-message", ".md-sidebar", ".md-header"):
        assert page.is_hidden(hidden), hidden
    rows = page.eval_on_selector_all(".kb-sa__report-table tbody tr",
                                     "rows => rows.map(r => [...r.cells].map(c => c.textContent))")
    assert len(rows) == len(kb.criteria)
    first = next(r for r in rows if r[0] == ids["first"])
    assert first[3:8] == ["Yes", "Partly", "Dana, security manager", "2027-03-31", "Shared drive / CTPAT / 2027"]
    assert page.eval_on_selector_all("#kb-sa-report input, #kb-sa-report select, #kb-sa-report button",
                                     "nodes => nodes.length") == 0
    assert "Importers" in page.inner_text("#kb-sa-report h2")


def test_probably_not_listed_criteria_are_folded(page: Page, base_url: str, kb: KnowledgeBase) -> None:
    folded = _folded(kb)
    assert folded, "the test needs a type with criteria probably not listed"
    _open(page, base_url)
    page.select_option("#kb-sa-type", TYPE)
    assert page.get_attribute("#kb-sa-folded", "open") is None
    inside = page.eval_on_selector_all("#kb-sa-folded .kb-sa__item", "items => items.map(i => i.dataset.id)")
    assert inside == [c.id for c in folded]
    outside = page.eval_on_selector_all("#kb-sa-list > .kb-sa__item", "items => items.map(i => i.dataset.id)")
    assert outside == [c.id for c in kb.select() if c not in folded]
    assert page.is_hidden(f"#kb-sa-{_slug(folded[0].id)}-applies-yes")
    assert page.is_checked(f"#kb-sa-{_slug(folded[0].id)}-applies-unchecked")
    page.click("#kb-sa-folded > summary")
    assert page.is_visible(f"#kb-sa-{_slug(folded[0].id)}-applies-yes")


def test_it_works_from_the_keyboard_with_visible_focus(page: Page, base_url: str, kb: KnowledgeBase) -> None:
    _open(page, base_url)
    page.focus("#kb-sa-type")
    page.keyboard.press("ArrowDown")  # the first entity type
    first_type = next(iter(kb.entities))
    assert page.input_value("#kb-sa-type") == first_type
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "kb-sa-export-csv"
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") not in ("", "none")
    c = next(c for c in kb.select() if status_key(c.pair(first_type)) == "unknown")
    s = _slug(c.id)
    page.focus(f"#kb-sa-{s}-applies-unchecked")
    page.keyboard.press("ArrowLeft")  # radio group: back to "No"
    page.keyboard.press("ArrowLeft")  # then "Yes": the work fields appear
    assert page.is_checked(f"#kb-sa-{s}-applies-yes")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == f"kb-sa-{s}-status"
    page.keyboard.press("ArrowDown")
    assert page.input_value(f"#kb-sa-{s}-status") == "Implemented"
    page.keyboard.press("Tab")
    page.keyboard.type("Lee")
    assert json.loads(_stored(page) or "{}")["answers"][c.id]["owner"] == "Lee"
    page.focus("#kb-sa-clear")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "kb-sa-clear-no"
    page.keyboard.press("Enter")  # Cancel keeps everything
    assert page.evaluate("() => document.activeElement.id") == "kb-sa-clear"
    assert json.loads(_stored(page) or "{}")["answers"][c.id]["owner"] == "Lee"
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")  # from Cancel to "Yes, clear everything"
    page.keyboard.press("Enter")
    assert _stored(page) is None
    assert page.evaluate("() => document.activeElement.id") == "kb-sa-type"


def test_without_javascript_the_page_points_to_the_spreadsheets(browser: Browser, base_url: str,
                                                                kb: KnowledgeBase) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + URL)
    assert page.is_visible("#kb-sa-nojs")
    assert page.is_hidden("#kb-sa-form")
    hrefs = page.eval_on_selector_all("#kb-sa-nojs li a", "as => as.map(a => a.href)")
    assert hrefs == [base_url + exports.download_path(slug, "xlsx") for slug in kb.entities]
    for href in hrefs[:2]:
        assert page.request.get(href).status == 200
    context.close()


def test_criteria_that_cannot_load_are_reported_and_the_spreadsheets_stay(browser: Browser, base_url: str) -> None:
    """The criteria come in a script of their own: if it does not load, the page says so and keeps the notice
    with the spreadsheets; the form stays hidden."""
    context = browser.new_context()
    page = context.new_page()
    page.route("**/self-assessment-criteria-*.js", lambda route: route.abort())
    page.goto(base_url + URL, wait_until="load")
    page.wait_for_selector("#kb-sa-message.kb-sa__message--error")
    assert "could not be loaded" in _message(page)
    assert page.is_visible("#kb-sa-nojs") and page.is_hidden("#kb-sa-form")
    context.close()


def test_instant_navigation_starts_the_tool(browser: Browser, built_site: Path) -> None:
    """On the default port, where Material's instant navigation works (see hosting.py): a link from the Tools page
    swaps the self-assessment in without a reload, and the script starts it."""
    context = browser.new_context()
    address, foreign = serve(context, built_site, urlsplit(site_url()).path)
    page = context.new_page()
    page.goto(address + "tools/", wait_until="load")
    page.evaluate("() => { window.kbSameDocument = true; }")
    page.click("article a[href$='self-assessment/']")
    page.wait_for_selector("#kb-sa-form:not([hidden])")
    assert page.is_hidden("#kb-sa-nojs")
    assert page.evaluate("() => window.kbSameDocument === true")  # Material swapped the page in, no reload
    page.select_option("#kb-sa-type", TYPE)
    assert json.loads(_stored(page) or "{}")["entity_type"] == TYPE
    assert foreign == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_passes_with_answers_at_phone_width(page: Page, base_url: str, kb: KnowledgeBase, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    _open(page, base_url)
    _fill(page, kb)
    page.click("#kb-sa-folded > summary")
    page.click("#kb-sa-clear")  # the confirmation too
    page.set_input_files("#kb-sa-import", {"name": "x.json", "mimeType": "application/json", "buffer": b"{}"})
    page.wait_for_function("() => document.querySelector('#kb-sa-message').textContent.includes('Nothing was')")
    page.evaluate(Axe().axe_script)
    page.set_viewport_size({"width": 375, "height": 740})
    result = page.evaluate(f"async () => await axe.run(document, {_AXE_OPTIONS})")
    assert [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]] == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
