"""The self-assessment (tools/self-assessment/): the member's own record of each criterion for their entity type,
kept in their browser by docs/assets/javascripts/self-assessment.js.

The page gets its settings as JSON, the text of a hidden element (html.json_text), and the criteria from a script
of their own (criteria_script), which self-assessment.js loads: for each criterion its ID, category, title,
summary, general designation and status for every entity type (one letter each, as the explorer's
data-statuses), and a short fingerprint of its text; the script derives each link from its category's page. A
saved assessment stores the data version and the fingerprints it was made against, so that the script can list
what changed since: criteria added, removed or reworded, designations and statuses for the type changed. Without
JavaScript the page shows a notice and the XLSX working copy for each type instead.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from kb import exports
from kb.macro import PageScope, Shown, macro, shown
from kb.models import Criterion, KnowledgeBase
from kb.render import html as h
from kb.render.common import DESIGNATION_LABEL, STATUS_LABEL
from kb.render.explorer import STATUS_LETTER, status_letters

PAGE = "tools/self-assessment.md"
FORMAT = "ctpat-kb-self-assessment"
SCHEMA = 1  # the saved state's format version (the script refuses a higher one)
XLSX_LIBRARY = "assets/vendor/write-excel-file/write-excel-file.js"
DATA_ID = "kb-sa-data"
CRITERIA_GLOBAL = "kbSelfAssessmentCriteria"  # what criteria_script sets
# A designation as one letter: its key's first (must m, should s, unknown u, disputed d).
DESIGNATION_LETTER = {key: key[0] for key in DESIGNATION_LABEL}
if len(set(DESIGNATION_LETTER.values())) != len(DESIGNATION_LABEL):
    raise ValueError("two designations share a first letter: the self-assessment's data needs another code")


def fingerprint(c: Criterion) -> str:
    """A short hash of the criterion's wording (title, summary, guidance): it changes when any of them does."""
    text = json.dumps([c.title, c.summary, c.guidance], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def criterion_data(kb: KnowledgeBase, c: Criterion) -> dict[str, Any]:
    """One criterion, compactly: the script derives its link (its category's page and Criterion.anchor) and reads
    the designation and the status for each type as letters (DESIGNATION_LETTER, STATUS_LETTER)."""
    return {"id": c.id, "c": c.category, "title": c.title, "summary": c.summary, "d": DESIGNATION_LETTER[c.designation],
            "fp": fingerprint(c), "s": status_letters(kb, c)}


def criteria_script_path(kb: KnowledgeBase) -> str:
    """The site path of the criteria's script, named by the data version, so that no cache serves an old one."""
    return f"tools/self-assessment-criteria-{exports.data_version(kb)}.js"


def criteria_script(kb: KnowledgeBase) -> str:
    """The criteria for the self-assessment, as a script that sets CRITERIA_GLOBAL: a file of its own rather than
    the page's HTML (about 33 KB: the page stays within its byte budget, and the browser caches it). A script, not
    JSON to fetch, because the offline copy opened from file:// may load scripts but not fetch files."""
    body = json.dumps({"version": exports.data_version(kb), "criteria": [criterion_data(kb, c) for c in kb.select()]},
                      ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"window.{CRITERIA_GLOBAL} = {body};\n"


def page_data(kb: KnowledgeBase, from_page: str) -> dict[str, Any]:
    """Everything the script needs but the criteria (criteria_script), and nothing it can work out itself."""
    return {
        "format": FORMAT, "schema": SCHEMA,
        "data_version": exports.data_version(kb), "data_as_of": exports.data_as_of(kb),
        "xlsx_library": h.href(XLSX_LIBRARY, from_page, for_script=True),
        "implementation": list(exports.IMPLEMENTATION),
        "labels": {"status": STATUS_LABEL, "designation": DESIGNATION_LABEL},
        "letters": {"status": {letter: key for key, letter in STATUS_LETTER.items()},
                    "designation": {letter: key for key, letter in DESIGNATION_LETTER.items()}},
        "types": [{"slug": slug, "name": e.name} for slug, e in kb.entities.items()],
        "categories": [{"n": n, "name": cat.name, "href": h.href(cat.page, from_page, for_script=True)}
                       for n, cat in kb.categories.items()],
        "criteria_script": h.href(criteria_script_path(kb), from_page, for_script=True),
    }


def no_script_notice(kb: KnowledgeBase, from_page: str) -> str:
    """What the page shows without JavaScript: the spreadsheet working copy for each type."""
    links = "".join(f"<li>{h.link(h.text(e.name), h.href(exports.download_path(slug, 'xlsx'), from_page))}</li>"
                    for slug, e in kb.entities.items())
    downloads = h.link("Downloads", h.href("tools/downloads.md", from_page))
    return (f'<div class="admonition note kb-sa__nojs" id="kb-sa-nojs"><p class="admonition-title">This tool needs '
            f"JavaScript</p><p>The self-assessment runs in your browser, and JavaScript is off or has not loaded. "
            f"You can keep the same record in the spreadsheet working copy for your entity type: it has columns "
            f"for the implementation status, owner, due date and notes.</p><ul>{links}</ul>"
            f"<p>Every format is on the {downloads} page.</p></div>")


def _button(element_id: str, label: str, extra: str = "") -> str:
    return f'<button type="button" class="md-button" id="{element_id}"{extra}>{h.text(label)}</button>'


def tool(kb: KnowledgeBase, from_page: str) -> str:
    """The notice, the form (hidden until the script enables it), the live message region and the data."""
    types = "".join(f'<option value="{h.attr(slug)}">{h.text(e.name)}</option>' for slug, e in kb.entities.items())
    picker = (f'<div class="kb-sa__field"><label for="kb-sa-type">Your entity type</label>'
              f'<select id="kb-sa-type" name="type"><option value="">Choose your entity type</option>{types}'
              f"</select></div>")
    actions = (
        '<div class="kb-sa__actions" role="group" aria-label="Save, print or clear your answers">'
        + _button("kb-sa-export-csv", "Export CSV") + _button("kb-sa-export-xlsx", "Export XLSX")
        + _button("kb-sa-export-json", "Export JSON")
        + '<span class="kb-sa__import"><label for="kb-sa-import">Import JSON</label>'
          '<input type="file" id="kb-sa-import" accept="application/json,.json"></span>'
        + _button("kb-sa-print", "Print report") + _button("kb-sa-clear", "Clear everything")
        + "</div>"
        '<div class="kb-sa__confirm" id="kb-sa-confirm" role="group" aria-labelledby="kb-sa-confirm-text" hidden>'
        '<p id="kb-sa-confirm-text"><strong>Clear everything?</strong> This deletes every answer this page has '
        "saved in this browser. It cannot be undone; export JSON first if you may need them.</p>"
        + _button("kb-sa-clear-yes", "Yes, clear everything") + _button("kb-sa-clear-no", "Cancel") + "</div>")
    sections = (
        '<section class="kb-sa__changes" id="kb-sa-changes" aria-labelledby="kb-sa-changes-title" hidden></section>'
        '<section class="kb-sa__progress" id="kb-sa-progress" aria-labelledby="kb-sa-progress-title" hidden>'
        "</section>"
        '<div class="kb-sa__list" id="kb-sa-list"></div>')
    form = (f'<form class="kb-sa__form" id="kb-sa-form" aria-label="Self-assessment" hidden>{picker}{actions}'
            f"{sections}</form>")
    message = '<p class="kb-sa__message" id="kb-sa-message" role="status" aria-live="polite"></p>'
    report = '<div class="kb-sa__report" id="kb-sa-report" data-search-exclude></div>'
    data = (f'<div class="kb-sa__data" id="{DATA_ID}" hidden data-search-exclude>'
            f"{h.json_text(page_data(kb, from_page))}</div>")
    return f'<div class="kb-sa" id="kb-sa">{no_script_notice(kb, from_page)}{message}{form}{report}{data}</div>'



@macro("self_assessment")
def self_assessment_macro(page: PageScope) -> Shown:
    """The self-assessment tool: the form its script enables, its settings and criteria as data, a notice without JS.

    The criteria come from criteria_script, a file of their own that the page's script loads."""
    return shown(h.block(tool(page.kb, page.path)), page.kb.select())
