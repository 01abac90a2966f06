"""The step after any build, MkDocs or Zensical: write the downloads, fix up the HTML, check every link.

    python -m kb.postbuild SITE_DIR [--site-url URL] [--project-dir DIR] [--no-link-check]

`make build` and `make build-zensical` run it after the engine; kb/hooks.py runs it from MkDocs' on_post_build,
so `mkdocs build` alone gives the same site. Every step can run twice on the same site with the same result.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterable
from html import unescape
from pathlib import Path
from typing import Any

import yaml

from kb import exports
from kb.csp import fill as fill_content_security_policy
from kb.errors import DataError
from kb.feed import FEED_PATH, atom_feed
from kb.linkcheck import Problem, check_site
from kb.loader import load_knowledge_base
from kb.models import KnowledgeBase
from kb.render import assessment, criteria, tools

_TASK_BOX = re.compile(r'<input type="checkbox" disabled\s*/?>')


def downloads(kb: KnowledgeBase, site_url: str = "/") -> dict[str, str | bytes]:
    """Files generated from the data: path under the site -> text or bytes (the CSV downloads, the Atom feed,
    the self-assessment's criteria script, and the criteria in CSV, XLSX, JSON and OSCAL from kb.exports).

    Made once per loaded data set and site_url (kb.exports.memo_for): a build asks for them to declare them as
    files, to list their sizes on the Downloads page and to write them, and the preview reloads the data only
    when a data file changes. The mapping is shared: read it, never change it."""
    memo = exports.memo_for(kb)
    key = ("downloads", site_url or "/")
    if key not in memo:
        memo[key] = _generated(kb, site_url)
    made: dict[str, str | bytes] = memo[key]
    return made


def _generated(kb: KnowledgeBase, site_url: str) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"downloads/criteria.csv": criteria.criteria_csv(kb),
                                     FEED_PATH: atom_feed(kb, site_url or "/")}
    for item in kb.checklists.checklists if kb.checklists else ():
        files[tools.checklist_download(item.slug)] = tools.checklist_csv(item)
    if kb.risk_worksheet is not None:
        files[tools.WORKSHEET_DOWNLOAD] = tools.risk_worksheet_csv(kb.risk_worksheet)
    files[assessment.criteria_script_path(kb)] = assessment.criteria_script(kb)
    files.update(exports.files(kb, site_url or "/"))
    return files


def write_downloads(site_dir: Path, files: dict[str, str] | dict[str, str | bytes]) -> None:
    """Write the downloads: text as UTF-8 with the newlines the renderers made (no platform translation), bytes
    as they are."""
    for rel, content in files.items():
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


FIXED_MARK = "<!-- kb:postbuild -->"
# Elements whose text keeps its whitespace (or is code): left exactly as built.
_KEEP_WHITESPACE = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_INDENTATION = re.compile(r"\n[ \t\r\n]+")
# An abbreviation, or the start or end of an element inside which it cannot link (a link, a heading).
_ABBR_OR_CONTEXT = re.compile(r'<(/?)(a|h[1-6])\b[^>]*>|<abbr title="([^"]*)">([^<]*)</abbr>', re.IGNORECASE)


# A bibliography: the page's own sources list (its heading to the next h2 or the article's end), or a source's
# title on the Sources page (the link that carries the source's anchor).
_BIBLIOGRAPHY = re.compile(r'<h2\b[^>]*\bid="sources".*?(?=<h2\b|</article>)|<a\b[^>]*\bid="source-[^"]*">.*?</a>',
                           re.IGNORECASE | re.DOTALL)
_ABBR = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')
_TAG = re.compile(r"<[^>]*>")
_NEARBY = 160  # characters of markup either side of an abbreviation, within its block, where the expansion counts
_BLOCK_EDGE = re.compile(r"</?(?:p|li|dt|dd|td|th|h[1-6]|div|ul|ol|table|tr|br)\b[^>]*>", re.IGNORECASE)


def quiet_abbreviations(html: str) -> str:
    """Abbreviations whose tooltip would repeat what the reader sees become plain text (a tooltip there says
    nothing new):

    - in a bibliography (document titles as published, in the page's sources list or on the Sources page);
    - where the expansion is written out beside it, in the same paragraph, item, cell or heading: "U.S. Customs
      and Border Protection (CBP)", or a glossary heading "CBP: U.S. Customs and Border Protection".

    Every other use keeps its tooltip, and first_abbreviations then links the first one to the glossary.
    """
    html = _BIBLIOGRAPHY.sub(lambda m: _ABBR.sub(r"\2", m.group(0)), html)

    def text_of(markup: str) -> str:
        """The visible text of a piece of markup cut from a page, less any tag cut in half at either end."""
        start, end = markup.find(">"), markup.rfind("<")
        if start >= 0 and (markup.find("<") < 0 or start < markup.find("<")):
            markup = markup[start + 1:]
        if end >= 0 and markup.find(">", end) < 0:
            markup = markup[:end]
        return " ".join(unescape(_TAG.sub(" ", markup)).split()).lower()

    def shown_beside(m: re.Match[str]) -> str:
        expansion = " ".join(unescape(m.group(1)).split()).lower()
        before = _BLOCK_EDGE.split(html[max(0, m.start() - _NEARBY):m.start()])[-1]
        after = _BLOCK_EDGE.split(html[m.end():m.end() + _NEARBY])[0]
        nearby = text_of(before) + " | " + text_of(after)
        return m.group(2) if expansion and expansion in nearby else m.group(0)

    return _ABBR.sub(shown_beside, html)


def fix_html(html: str, glossary_links: dict[str, str] | None = None) -> str:
    """Keyboard and screen-reader fixes to a built page, then the safety steps; a page is fixed once.

    Task-list boxes are printed tick boxes, not form fields, so assistive technology skips them; tables get
    tabindex=0 because a wide table scrolls sideways on a phone and must be scrollable from the keyboard;
    abbreviations link to their glossary entries (see first_abbreviations). Then the page's Content Security
    Policy gets the hashes of its inline scripts (kb.csp); it runs last, on the finished page, in either engine.
    Before it the templates' indentation goes (without_indentation: about 9 KB a page). The mark at the end keeps
    a second run (the hook, then `make build`) from doing the work again.
    """
    if FIXED_MARK in html:
        return html
    html = _TASK_BOX.sub('<input type="checkbox" disabled aria-hidden="true" tabindex="-1"/>', html)
    html = quiet_abbreviations(html.replace("<table>", '<table tabindex="0">'))
    html = first_abbreviations(html, glossary_links or {})
    html = fill_content_security_policy(without_indentation(html))
    return html.rstrip("\n") + "\n" + FIXED_MARK + "\n"


def without_indentation(html: str) -> str:
    """The page less the whitespace that follows each line break (the templates' indentation and blank lines).

    A run of whitespace with a line break in it shows as one space or none, as a single line break does, so
    the page looks the same; inside <pre>, <textarea>, <script> and <style> nothing changes.
    """
    out: list[str] = []
    last = 0
    for match in _KEEP_WHITESPACE.finditer(html):
        out += [_INDENTATION.sub("\n", html[last:match.start()]), match.group(0)]
        last = match.end()
    out.append(_INDENTATION.sub("\n", html[last:]))
    return "".join(out)


def first_abbreviations(html: str, links: dict[str, str]) -> str:
    """The first use of each abbreviation on a page can take keyboard focus, so its tooltip shows on focus too.

    Where the page allows a link (not inside a link or a heading), that use links to the term's glossary entry:
    <abbr title="..."><a class="kb-abbr" href="...#term-scss">SCSS</a></abbr>, so the tooltip shows while the
    link has focus. Otherwise the abbreviation itself takes focus, and a later use that allows a link gets it.
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


def glossary_links(site_dir: Path, page: Path, kb: KnowledgeBase | None) -> dict[str, str]:
    """Each abbreviation's link from this built page to its glossary entry (none when the site has no glossary)."""
    found = [p for p in (site_dir / "glossary" / "index.html", site_dir / "glossary.html") if p.is_file()]
    if kb is None or kb.glossary is None or not found or page == found[0]:
        return {}
    # A folder's address where the site has directory URLs (glossary/index.html), else the file (offline copy).
    rel = os.path.relpath(found[0], page.parent).replace(os.sep, "/").removesuffix("index.html")
    return {t.term: f"{rel}#{t.anchor}" for t in kb.glossary.terms if t.abbreviation}


def fix_pages(site_dir: Path, kb: KnowledgeBase | None = None, pages: Iterable[Path] | None = None) -> int:
    """Apply fix_html to every HTML file of the site (or to `pages`, those a dirty build wrote); the number of
    files changed."""
    changed = 0
    for file in sorted(site_dir.rglob("*.html") if pages is None else set(pages)):
        before = file.read_text(encoding="utf-8")
        after = fix_html(before, glossary_links(site_dir, file, kb))
        if after != before:
            file.write_text(after, encoding="utf-8", newline="")
            changed += 1
    return changed


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: !ENV [NAME, default] gives the variable's value, or the default (as MkDocs does)."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names: list[Any] = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [
        loader.construct_scalar(node)]  # type: ignore[arg-type]
    default = names.pop() if len(names) > 1 else None
    return next((os.environ[str(n)] for n in names if str(n) in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def configured_site_url(project_dir: Path) -> str:
    """site_url as mkdocs.yml sets it (the SITE_URL variable overrides its default), or "" if unset."""
    with (project_dir / "mkdocs.yml").open(encoding="utf-8") as f:
        config = yaml.load(f, Loader=_ConfigLoader)
    return str(config.get("site_url") or "")


def run(site_dir: Path, site_url: str, kb: KnowledgeBase, *, check_links: bool = True,
        files: dict[str, str | bytes] | None = None, directory_urls: bool = True,
        pages: Iterable[Path] | None = None) -> list[Problem]:
    """Every post-build step on one built site; the link problems found (none when check_links is off).

    The downloads (`files`, when the caller has them already) are written before the link check, so that links
    to them are checked like any other. Without directory URLs (the offline copy) a link to a folder is a problem.
    `pages`: only these HTML files are fixed up (a dirty build's; the others were fixed when they were written).
    """
    write_downloads(site_dir, downloads(kb, site_url) if files is None else files)
    fix_pages(site_dir, kb, pages)
    return check_site(site_dir, site_url, directory_urls=directory_urls) if check_links else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb.postbuild", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="the built site")
    parser.add_argument("--site-url", help="the published address; links to it count as internal (default: "
                        "site_url in the project's mkdocs.yml)")
    parser.add_argument("--project-dir", type=Path, default=Path.cwd(), help="where data/ is (default: here)")
    parser.add_argument("--no-link-check", action="store_true", help="skip the link check (the fast preview)")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: no index.html: is this a built site?", file=sys.stderr)
        return 2
    try:
        site_url = configured_site_url(args.project_dir) if args.site_url is None else args.site_url
        kb = load_knowledge_base(args.project_dir)
        problems = run(args.site_dir, site_url, kb, check_links=not args.no_link_check)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} broken link(s) or external asset(s) in {args.site_dir}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
