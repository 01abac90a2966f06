"""Sections moved to another page (front matter moved_sections): the hidden links the page gets, escaped and
written for the build's URL style; malformed entries and missing targets fail with one line naming the page and
the key, at render time (pages) and in the link check (sections)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kb.context import BuildContext
from kb.linkcheck import check_site
from kb.render import html as h
from kb.render.moved import moved_sections, targets
from tests.support import ROOT, tiny_site

GUIDE = "seminars/guide/index.md"
PAGES = {GUIDE, "seminars/guide/part.md", "seminars/other.md", "tools/index.md"}


@pytest.fixture()
def html_files() -> Iterator[None]:
    h.use_directory_urls(False)
    try:
        yield
    finally:
        h.use_directory_urls(True)


def _links(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    root = soup.select_one("#kb-moved")
    assert root is not None and root.has_attr("hidden") and root.has_attr("data-search-exclude")
    assert root["data-kb-moved-from"] == f"docs/{GUIDE}"
    return [(str(a["data-kb-moved"]), str(a["href"])) for a in root.select("a")]


def test_each_moved_section_is_a_hidden_link_to_its_new_address() -> None:
    out = moved_sections(GUIDE, {"seals": "part.md#seals", "all": "part.md", "far": "../other.md#x"}, PAGES)
    assert _links(out) == [("all", "part/"), ("far", "../other/#x"), ("seals", "part/#seals")]  # in key order


def test_in_the_offline_copy_the_links_name_html_files(html_files: None) -> None:
    out = moved_sections(GUIDE, {"seals": "part.md#seals", "far": "../../tools/index.md#t"}, PAGES)
    assert _links(out) == [("far", "../../tools/index.html#t"), ("seals", "part.html#seals")]


def test_no_moved_sections_adds_nothing() -> None:
    assert moved_sections(GUIDE, None, PAGES) == ""


def test_keys_and_addresses_are_escaped_as_attributes() -> None:
    out = moved_sections(GUIDE, {"a:b.c_d": "part.md#x"}, PAGES)
    assert 'data-kb-moved="a:b.c_d"' in out
    with pytest.raises(ValueError, match="not an anchor"):
        moved_sections(GUIDE, {'x"><script>alert(1)</script>': "part.md#x"}, PAGES)
    with pytest.raises(ValueError, match=r"is not page\.md or page\.md#anchor"):
        moved_sections(GUIDE, {"x": 'part.md#"><b>'}, PAGES)


SEALS = "docs/seminars/guide/index.md: moved_sections 'seals': "


@pytest.mark.parametrize(("moved", "message"), [
    ({"seals": "gone.md#seals"}, SEALS + "no page seminars/guide/gone.md"),
    ({"seals": "index.md#seals"}, SEALS + "'index.md#seals' is this page"),
    ({"seals": "part.html#seals"}, SEALS + "'part.html#seals' is not "),
    ({"seals": ""}, SEALS + "give its new address"),
    (["seals"], "docs/seminars/guide/index.md: moved_sections must be"),
    ({}, "docs/seminars/guide/index.md: moved_sections must be"),
])
def test_a_bad_entry_is_one_line_naming_the_page_and_key(moved: object, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        targets(GUIDE, moved, PAGES)
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)


def test_the_page_gets_the_links_after_its_sources() -> None:
    context = BuildContext.load(ROOT)
    path = "seminars/breach-prevention/index.md"
    context.start_page(path, dict(context.pages[path].meta))
    out = context.finish_page("# Guide\n")
    assert out.index("## Sources") < out.index('<div id="kb-moved"')
    assert '<a href="access-and-incidents/#incident-response" data-kb-moved="incident-response"></a>' in out




def test_the_link_check_names_the_page_and_key_of_a_missing_section(tmp_path: Path) -> None:
    moved = ('<div id="kb-moved" hidden data-kb-moved-from="docs/g/index.md">'
             '<a href="part/#here" data-kb-moved="here"></a><a href="part/#gone" data-kb-moved="old-name"></a>'
             '<a href="nowhere/" data-kb-moved="lost"></a></div>')
    site = tiny_site(tmp_path, {"g/index.html": moved, "g/part/index.html": '<h2 id="here">Here</h2>'})
    assert [str(p) for p in check_site(site)] == [
        "docs/g/index.md: moved_sections 'old-name': no such page or section (built g/index.html): part/#gone",
        "docs/g/index.md: moved_sections 'lost': no such page or section (built g/index.html): nowhere/",
    ]


def test_offline_a_moved_link_must_name_the_file(tmp_path: Path) -> None:
    moved = '<div id="kb-moved" hidden><a href="part/#here" data-kb-moved="here"></a></div>'
    site = tiny_site(tmp_path, {"g/index.html": moved, "g/part/index.html": '<h2 id="here">Here</h2>'})
    assert check_site(site) == []
    assert [p.reason for p in check_site(site, directory_urls=False)] == [
        "moved_sections 'here': no such page or section (built g/index.html)"]
