"""Abbreviations link to their glossary entries where the page allows a link (kb/postbuild.py)."""

from __future__ import annotations

from kb.postbuild import first_abbreviations as _first_abbreviations

LINKS = {"SCSS": "../glossary/#term-scss", "SVI": "../glossary/#term-svi"}
SCSS = '<abbr title="Supply Chain Security Specialist">SCSS</abbr>'


def test_the_first_use_links_to_the_glossary_entry_and_later_uses_stay_plain() -> None:
    out = _first_abbreviations(f"<p>Ask your {SCSS}. Your {SCSS} knows.</p>", LINKS)
    assert out == ('<p>Ask your <abbr title="Supply Chain Security Specialist"><a class="kb-abbr" '
                   f'href="../glossary/#term-scss">SCSS</a></abbr>. Your {SCSS} knows.</p>')


def test_no_link_inside_a_link_or_a_heading_there_the_abbreviation_takes_focus_and_a_later_use_links() -> None:
    focusable = '<abbr title="Supply Chain Security Specialist" tabindex="0">SCSS</abbr>'
    out = _first_abbreviations(f'<h2 id="x">The {SCSS}</h2><p><a href="y">{SCSS}</a> and {SCSS}.</p>', LINKS)
    assert out.count("<a ") == 2 and out.count('class="kb-abbr"') == 1
    assert out.startswith(f'<h2 id="x">The {focusable}</h2><p><a href="y">{SCSS}</a> and <abbr')


def test_a_term_without_a_glossary_entry_only_takes_focus() -> None:
    other = '<abbr title="Something else">XYZ</abbr>'
    assert _first_abbreviations(f"<p>{other}</p>", LINKS) == (
        '<p><abbr title="Something else" tabindex="0">XYZ</abbr></p>')


def test_fixing_a_page_twice_changes_nothing_the_second_time() -> None:
    from kb.postbuild import fix_html

    page = f'<html><head></head><body><p title="A &amp; B">{SCSS} and {SCSS}</p><table></table></body></html>'
    once = fix_html(page, LINKS)
    assert fix_html(once, LINKS) == once
    assert 'title="A &amp; B"' in once and once.count('class="kb-abbr"') == 1


CBP = '<abbr title="U.S. Customs and Border Protection">CBP</abbr>'


def test_an_abbreviation_whose_expansion_is_written_beside_it_in_its_block_gets_no_tooltip() -> None:
    from kb.postbuild import quiet_abbreviations

    assert quiet_abbreviations(f"<p>U&#46;S&#46; Customs and Border Protection ({CBP}) says.</p>") == (
        "<p>U&#46;S&#46; Customs and Border Protection (CBP) says.</p>")
    heading = f'<h3 id="term-cbp">{CBP}: U.S. Customs and Border Protection</h3>'
    assert quiet_abbreviations(f"{heading}<p>Ask {CBP}.</p>") == (
        f'<h3 id="term-cbp">CBP: U.S. Customs and Border Protection</h3><p>Ask {CBP}.</p>')
    # An expansion inside another abbreviation's title is not text on the page.
    assert quiet_abbreviations(f"<p>{CBP} and {CBP}</p>") == f"<p>{CBP} and {CBP}</p>"


def test_a_bibliography_quotes_titles_without_abbreviation_tooltips() -> None:
    from kb.postbuild import quiet_abbreviations

    page = (f'<article><p>The {CBP}.</p><h2 data-search-exclude id="sources">Sources</h2><ul><li><a href="u">'
            f'{CBP} guide</a>. {CBP}, 2020.</li></ul></article>')
    assert quiet_abbreviations(page) == (f'<article><p>The {CBP}.</p><h2 data-search-exclude id="sources">Sources'
                                         '</h2><ul><li><a href="u">CBP guide</a>. CBP, 2020.</li></ul></article>')
    entry = f'<li><a href="u" id="source-cbp-guide">{CBP} guide</a>. Notes on the {CBP} guide.</li>'
    assert quiet_abbreviations(entry) == (
        f'<li><a href="u" id="source-cbp-guide">CBP guide</a>. Notes on the {CBP} guide.</li>')
