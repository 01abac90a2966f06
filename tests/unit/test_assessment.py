"""The self-assessment's renderer: the data the script gets (every criterion once, its status for every type,
a fingerprint that follows the wording and only the wording), all of it escaped, and the page without JavaScript."""

from __future__ import annotations

import dataclasses
import html
import json
import re
from typing import Any

from kb import exports, postbuild
from kb.models import KnowledgeBase
from kb.render import assessment
from kb.render.common import status_key

PAGE = assessment.PAGE


def _data(out: str, kb: KnowledgeBase) -> dict[str, Any]:
    """The page data as the script reads it: the hidden element's text and the criteria script's criteria,
    expanded as self-assessment.js expands them."""
    found = re.search(r'<div class="kb-sa__data" id="kb-sa-data" hidden data-search-exclude>([^<]*)</div>', out)
    assert found, out[:300]
    data: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    script = assessment.criteria_script(kb)
    prefix = f"window.{assessment.CRITERIA_GLOBAL} = "
    assert script.startswith(prefix) and script.endswith(";\n")
    loaded = json.loads(script[len(prefix):-2])
    assert loaded["version"] == data["data_version"]
    data["criteria"] = loaded["criteria"]
    href = {cat["n"]: cat["href"] for cat in data["categories"]}
    for c in data["criteria"]:
        letters = c["s"]
        c["d"] = data["letters"]["designation"][c["d"]]
        c["s"] = {t["slug"]: data["letters"]["status"][letter] for t, letter in zip(data["types"], letters, strict=True)
                  if data["letters"]["status"][letter] != "unknown"}
        c["href"] = href[c["c"]] + "#criterion-" + c["id"].replace(".", "-")
    return data


def test_the_page_data_has_every_criterion_with_its_status_for_every_type(fixture_kb: KnowledgeBase) -> None:
    data = _data(assessment.tool(fixture_kb, PAGE), fixture_kb)
    assert data["format"] == assessment.FORMAT and data["schema"] == assessment.SCHEMA
    assert data["data_version"] == exports.data_version(fixture_kb)
    assert data["data_as_of"] == exports.data_as_of(fixture_kb)
    assert data["implementation"] == list(exports.IMPLEMENTATION)
    assert [t["slug"] for t in data["types"]] == list(fixture_kb.entities)
    assert [c["id"] for c in data["criteria"]] == [c.id for c in fixture_kb.select()]
    for item in data["criteria"]:
        c = fixture_kb.criteria[item["id"]]
        assert item["d"] == c.designation and item["title"] == c.title and item["c"] == c.category
        assert item["fp"] == assessment.fingerprint(c)
        assert item["s"] == {slug: status_key(c.pair(slug)) for slug in fixture_kb.entities
                             if status_key(c.pair(slug)) != "unknown"}
        page, _, anchor = item["href"].partition("#")
        assert anchor == c.anchor and page.startswith("../../criteria/")
    assert data["xlsx_library"] == "../../" + assessment.XLSX_LIBRARY
    assert data["criteria_script"] == "../" + assessment.criteria_script_path(fixture_kb).removeprefix("tools/")
    assert assessment.criteria_script_path(fixture_kb) in postbuild.downloads(fixture_kb), "the build writes it"


def test_the_fingerprint_follows_the_wording_only(fixture_kb: KnowledgeBase) -> None:
    c = next(iter(fixture_kb.criteria.values()))
    same = assessment.fingerprint(c)
    assert re.fullmatch(r"[0-9a-f]{10}", same)
    assert assessment.fingerprint(dataclasses.replace(c, designation="disputed", sources=())) == same
    for field in ("title", "summary", "guidance"):
        changed = dataclasses.replace(c, **{field: getattr(c, field) + " More."})
        assert assessment.fingerprint(changed) != same, field
    # The three fields are kept apart: moving words from one to the next changes the fingerprint.
    moved = dataclasses.replace(c, title=c.title + " " + c.summary.split()[0],
                                summary=" ".join(c.summary.split()[1:]))
    assert assessment.fingerprint(moved) != same


def test_data_text_cannot_break_out_of_its_element(fixture_kb: KnowledgeBase) -> None:
    c = next(iter(fixture_kb.criteria.values()))
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)> & \' `'
    kb = dataclasses.replace(fixture_kb, criteria={**fixture_kb.criteria,
                                                   c.id: dataclasses.replace(c, title=hostile, summary=hostile)})
    out = assessment.tool(kb, PAGE)
    assert "<script" not in out and "<img" not in out
    data = _data(out, kb)
    assert data["criteria"][[x["id"] for x in data["criteria"]].index(c.id)]["title"] == hostile


def test_the_form_is_hidden_and_the_page_without_javascript_links_every_spreadsheet(
        fixture_kb: KnowledgeBase) -> None:
    out = assessment.tool(fixture_kb, PAGE)
    assert '<form class="kb-sa__form" id="kb-sa-form" aria-label="Self-assessment" hidden>' in out
    notice = out[out.index('id="kb-sa-nojs"'):out.index("</div>", out.index('id="kb-sa-nojs"'))]
    links = re.findall(r'href="([^"]+)"', notice)
    assert links == ["../../" + exports.download_path(slug, "xlsx") for slug in fixture_kb.entities] + [
        "../downloads/"]
    assert 'id="kb-sa-message" role="status" aria-live="polite"' in out
    assert "style=" not in out and "<script" not in out
    for control in re.findall(r'<(?:select|input)[^>]*id="([^"]+)"', out):  # every control has a label
        assert f'<label for="{control}">' in out, control


def test_the_macro_shows_every_criterion_so_the_page_cites_their_sources(fixture_kb: KnowledgeBase) -> None:
    from kb.macro import MACROS, PageScope

    result = MACROS["self_assessment"](PageScope(fixture_kb, PAGE))
    assert [getattr(r, "id", None) for r in result.records] == [c.id for c in fixture_kb.select()]
    assert result.text.startswith("\n\n<div") and result.text.endswith("</div>\n\n")


def test_the_urls_in_the_data_are_the_same_for_both_engines(fixture_kb: KnowledgeBase) -> None:
    """Zensical rewrites links in the page but not URLs inside data: they are relative to the page's URL in both."""
    from kb.render import html as h

    mkdocs = _data(assessment.tool(fixture_kb, PAGE), fixture_kb)
    h.links_relative_to_source(True)
    try:
        zensical = _data(assessment.tool(fixture_kb, PAGE), fixture_kb)
    finally:
        h.links_relative_to_source(False)
    assert zensical == mkdocs
