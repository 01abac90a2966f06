"""MkDocs hooks: CSV downloads from the data, accessible task lists, abbreviations linked to the glossary, sitemap
dates from the pages' review dates, the Content Security Policy of each page, base-independent links on the 404 page,
and a link check of the output.

MkDocs loads this file by path, so the repository root is put on sys.path before importing the package.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from kb.context import current
from kb.csp import fill as fill_content_security_policy
from kb.html_safety import titles_safe_after_decoding
from kb.linkcheck import check_site
from kb.preview import data_failed, in_preview
from kb.render.html import href

_TASK_BOX = re.compile(r'<input type="checkbox" disabled\s*/?>')
# An abbreviation, or the start or end of an element inside which it cannot link (a link, a heading).
_ABBR_OR_CONTEXT = re.compile(r'<(/?)(a|h[1-6])\b[^>]*>|<abbr title="([^"]*)">([^<]*)</abbr>', re.IGNORECASE)
GLOSSARY_PAGE = "glossary.md"


def on_files(files: Files, config: Any) -> Files:
    """Add the files generated from the data, so that links to them validate like any other."""
    if data_failed():
        return files
    for path, content in current().downloads().items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    """A page's date in the sitemap is its review date, not the build date, so a build does not depend on the day.

    MkDocs also stamps sitemap.xml.gz with the latest of these dates, which makes that file reproducible too.
    """
    reviewed = page.meta.get("last_reviewed")
    if reviewed:
        page.update_date = str(reviewed)
    return markdown


def on_page_content(html: str, page: Page, files: Files, **kwargs: Any) -> str:
    """Keyboard and screen-reader fixes to Markdown output.

    Task-list boxes are printed tick boxes, not form fields, so assistive technology skips them; tables get
    tabindex=0 because a wide table scrolls sideways on a phone and must be scrollable from the keyboard;
    abbreviations link to their glossary entries (see _first_abbreviations).
    """
    html = _TASK_BOX.sub('<input type="checkbox" disabled aria-hidden="true" tabindex="-1"/>', html)
    html = titles_safe_after_decoding(html)
    return _first_abbreviations(html.replace("<table>", '<table tabindex="0">'), _glossary_links(page, files))


def _glossary_links(page: Page, files: Files) -> dict[str, str]:
    """Each glossary term's link from this page to its entry: none for a site without a glossary page, or while
    the data fails in the preview."""
    glossary = None if data_failed() else current().kb.glossary
    if glossary is None or files.get_file_from_path(GLOSSARY_PAGE) is None:
        return {}
    return {t.term: href(f"{GLOSSARY_PAGE}#{t.anchor}", page.file.src_uri) for t in glossary.terms}


def _first_abbreviations(html: str, links: dict[str, str]) -> str:
    """The first use of each abbreviation on a page can take keyboard focus, so its tooltip shows on focus too.

    Where the page allows a link (not inside a link or a heading), that use links to the term's glossary entry:
    <abbr title="..."><a href="...#term-scss">SCSS</a></abbr>, so the tooltip shows while the link has focus.
    Otherwise the abbreviation itself takes focus, and a later use that allows a link gets it.
    Only once each: making every "CTPAT" a tab stop would bury the page's links.
    """
    focusable: set[str] = set()
    linked: set[str] = set()
    open_links = open_headings = 0
    out: list[str] = []
    last = 0
    for match in _ABBR_OR_CONTEXT.finditer(html):
        closing, tag, title, term = match.groups()
        if tag:
            step = -1 if closing else 1
            if tag.lower() == "a":
                open_links = max(0, open_links + step)
            else:
                open_headings = max(0, open_headings + step)
            continue
        if term in linked:
            continue
        if not open_links and not open_headings and term in links:
            replacement = f'<abbr title="{title}"><a class="kb-abbr" href="{links[term]}">{term}</a></abbr>'
            linked.add(term)
        elif term not in focusable:
            replacement = f'<abbr title="{title}" tabindex="0">{term}</abbr>'
        else:
            continue
        focusable.add(term)
        out += [html[last:match.start()], replacement]
        last = match.end()
    out.append(html[last:])
    return "".join(out)


def on_post_page(output: str, **kwargs: Any) -> str:
    """Put each page's Content Security Policy, with the hashes of its inline scripts, in its meta tag."""
    return fill_content_security_policy(output)


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """The 404 page links relative to the site's root, which overrides/404.html finds in the browser."""
    if template_name == "404.html":
        context["base_url"] = "."
        context["extra_css"] = [normalize_url(path, base=".") for path in config["extra_css"]]
        context["kb_root_path"] = urlsplit(config.get("site_url") or "/").path or "/"
    return context


def on_post_template(output_content: str, **kwargs: Any) -> str:
    """The same for the theme's own pages (404.html); the sitemap has no placeholder and is left alone."""
    return fill_content_security_policy(output_content)


def on_post_build(config: Any) -> None:
    """Fail the build on a broken internal link or anchor anywhere in the output, raw HTML included.

    Skipped in the preview, where it would slow every save; `make build` and CI run it.
    """
    if in_preview():
        return
    problems = check_site(Path(config["site_dir"]), config.get("site_url") or "")
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise PluginError(f"{len(problems)} broken link(s) or external asset(s) in the built site:\n{listing}")
