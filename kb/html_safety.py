"""Make page HTML safe where the browser or the theme decodes text a second time.

Material's tooltips (`content.tooltips`) copy the decoded `title` attribute into `innerHTML`, so a title that
is correctly escaped once would still run as markup. Every title is therefore escaped twice: once decoded, it
is still text.
"""

from __future__ import annotations

import html
import re

_TITLE = re.compile(r'(\stitle=)"([^"]*)"')


def titles_safe_after_decoding(page_html: str) -> str:
    """Each `title="..."` re-encoded so that its decoded value, put into innerHTML, shows as text."""

    def twice(match: re.Match[str]) -> str:
        text = html.unescape(match.group(2))
        return f'{match.group(1)}"{html.escape(html.escape(text, quote=False))}"'

    return _TITLE.sub(twice, page_html)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A cell value that a spreadsheet will not run as a formula: text starting with = + - @ tab or CR gets a '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
