"""kb.search_view: what Material's search plugin is given to read is the page without the blocks it skips."""

from __future__ import annotations

import pytest

from kb.search_view import as_search_leaves_it, for_search


def test_an_excluded_block_is_cut_with_everything_inside_it() -> None:
    html = ('<h2 id="a">A</h2><p>kept</p><div class="x" data-search-exclude><div><p>gone</p></div><ul><li>gone'
            '</li></ul></div><p>after</p>')
    assert for_search(html) == '<h2 id="a">A</h2><p>kept</p><p>after</p>'


def test_several_blocks_are_cut_and_the_text_between_them_is_kept() -> None:
    html = "<div data-search-exclude>1</div> between <div data-search-exclude=\"\">2</div> end"
    assert for_search(html) == " between  end"


def test_a_block_inside_an_excluded_block_goes_with_it() -> None:
    html = "<div data-search-exclude><div data-search-exclude>in</div>out</div>kept"
    assert for_search(html) == "kept"


def test_a_div_tag_in_a_comment_a_script_or_a_style_is_not_counted() -> None:
    html = ("<!-- <div> --><div data-search-exclude><script>'<div>'</script><!-- </div> --><style>/*</div>*/"
            "</style></div><p>kept</p><SCRIPT>'</div>'</SCRIPT>")
    assert for_search(html) == "<!-- <div> --><p>kept</p><SCRIPT>'</div>'</SCRIPT>"


@pytest.mark.parametrize("html", [
    pytest.param("<p>no excluded block</p><div>x</div>", id="nothing to cut"),
    pytest.param('<div data-search-exclude><h3 id="c">C</h3></div>', id="a heading starts a section even there"),
    pytest.param("<div data-search-exclude>x</div></div>", id="a stray end tag"),
    pytest.param("<div data-search-exclude>x", id="an unclosed block"),
    pytest.param('<div title="data-search-exclude">x</div>', id="the words as an attribute value"),
    pytest.param('<div title="not data-search-exclude here">x</div>', id="the words in an attribute value"),
    pytest.param('<p data-search-exclude>x</p>', id="not a div: the plugin skips it itself"),
])
def test_a_page_that_cannot_be_cut_safely_is_read_whole(html: str) -> None:
    assert for_search(html) is html


def test_the_whole_page_is_given_back_as_the_search_plugin_leaves_a_page() -> None:
    html = '<div data-search-exclude="true" class="a">x</div><p data-search-boost="2">y</p><div data-search-exclude>'
    assert as_search_leaves_it(html) == '<div class="a">x</div><p>y</p><div data-search-exclude>'


def test_what_follows_an_excluded_heading_goes_up_to_the_next_heading() -> None:
    html = ('<h2 id="a">A</h2><p>kept</p><h2 data-search-exclude id="sources">Sources</h2><ul><li><a href="x">'
            'gone</a></li></ul><h3 id="b">B</h3><p>kept</p><h2 id="c" data-search-exclude>C</h2><p>gone</p>')
    assert for_search(html) == ('<h2 id="a">A</h2><p>kept</p><h2 data-search-exclude id="sources">Sources</h2>'
                                '<h3 id="b">B</h3><p>kept</p><h2 id="c" data-search-exclude>C</h2>')


@pytest.mark.parametrize("after", [
    pytest.param("<p>x</p></div><p>y</p>", id="it closes an element opened before the heading"),
    pytest.param("<div><p>x</p>", id="it leaves an element open"),
    pytest.param("<p>x</p><!-- c -->", id="a comment"),
    pytest.param("<script>s</script>", id="a script"),
])
def test_an_excluded_section_that_is_not_balanced_markup_is_kept(after: str) -> None:
    html = f'<div><h2 id="s" data-search-exclude>S</h2>{after}'
    assert for_search(html) is html
