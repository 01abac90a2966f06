"""Generated HTML blocks skip Markdown under MkDocs: kept aside while a page's macros run, marked by a comment,
and put back into the page's HTML (kb.render.html.block, kb.hooks.on_page_content). Without keeping (Zensical,
unit renderers) a block is written in place."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kb.render import html as h


@pytest.fixture(autouse=True)
def nothing_kept_afterwards() -> Iterator[None]:
    yield
    h.put_back_blocks("")


def test_without_keeping_a_block_is_written_in_place() -> None:
    assert h.block("<table></table>") == "\n\n<table></table>\n\n"


def test_a_kept_block_is_a_mark_for_markdown_and_comes_back_in_the_html() -> None:
    h.keep_blocks()
    first, second = h.block('<div id="a&amp;b">one</div>'), h.block("<p>two</p>")
    assert first.strip() == "<!--kb-block 0-->" and second.strip() == "<!--kb-block 1-->"
    assert h.kept_blocks() == ['<div id="a&amp;b">one</div>', "<p>two</p>"]
    page, ids = h.put_back_blocks(f"<h1>T</h1>\n{first.strip()}\n<p>x</p>{second.strip()}")
    assert page == '<h1>T</h1>\n<div id="a&amp;b">one</div>\n<p>x</p><p>two</p>'
    assert ids == {"a&b"}  # as MkDocs' anchor check compares them: unescaped
    assert h.block("<p/>") == "\n\n<p/>\n\n", "putting back ends the page: nothing is kept after it"


def test_a_mark_without_its_block_stays_a_comment() -> None:
    h.keep_blocks()
    h.block("<p>only</p>")
    assert h.put_back_blocks("<!--kb-block 0--><!--kb-block 7-->")[0] == "<p>only</p><!--kb-block 7-->"


def test_macros_run_for_other_pages_keep_nothing_of_this_one() -> None:
    h.keep_blocks()
    h.block("<p>this page</p>")
    with h.blocks_in_place():
        assert h.block("<p>another page</p>") == "\n\n<p>another page</p>\n\n"
    assert h.kept_blocks() == ["<p>this page</p>"]


def test_ids_are_read_from_any_element_and_only_from_id_attributes() -> None:
    h.keep_blocks()
    h.block('<section data-id="no"><h3 class="x" id="criterion-6-7">6.7</h3><a name="n" href="#"></a></section>')
    assert h.put_back_blocks("<!--kb-block 0-->")[1] == {"criterion-6-7"}


def test_the_page_hook_puts_blocks_back_and_gives_mkdocs_their_ids() -> None:
    from types import SimpleNamespace

    from kb import hooks

    h.keep_blocks()
    mark = h.block('<p id="source-cbp">entry</p>').strip()
    page = SimpleNamespace(present_anchor_ids={"sources"})
    assert hooks.on_page_content(f"<h2 id=\"sources\">S</h2>{mark}", page) == (  # type: ignore[arg-type]
        '<h2 id="sources">S</h2><p id="source-cbp">entry</p>')
    assert page.present_anchor_ids == {"sources", "source-cbp"}
