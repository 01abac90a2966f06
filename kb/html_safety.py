"""Keep text from data as text where something decodes it a second time: tooltips, and spreadsheets.

Titles are escaped once, as any attribute is (the renderers' `h.attr`, Markdown's serializer, the templates'
autoescape). The site's tooltips (docs/assets/javascripts/tooltips.js) put a title into the page with
`textContent`, so a title decoded once is shown as text, never parsed. Material's own tooltips
(`content.tooltips`) copy the decoded title into `innerHTML` instead, where a title escaped once would run as
markup; the build refuses that feature (`refuse_material_tooltips`, called from kb/hooks.py) rather than escape
every title twice, which would show readers `&lt;` and `&amp;` in every tooltip and native title.
"""

from __future__ import annotations

from collections.abc import Iterable

MATERIAL_TOOLTIPS = "content.tooltips"


def refuse_material_tooltips(features: Iterable[str]) -> str | None:
    """The one-line reason to stop the build when Material's tooltips are on, else None."""
    if MATERIAL_TOOLTIPS not in features:
        return None
    return (f"theme.features has {MATERIAL_TOOLTIPS}: Material's tooltips read each title as HTML, and this site's "
            "titles are escaped once, for its own tooltips (docs/assets/javascripts/tooltips.js, in "
            f"extra_javascript); remove {MATERIAL_TOOLTIPS} (see kb/html_safety.py)")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A cell value that a spreadsheet will not run as a formula: text starting with = + - @ tab or CR gets a '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
