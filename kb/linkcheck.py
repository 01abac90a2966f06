"""Check a built site: every internal link and #anchor resolves, and no page loads anything from another host.

MkDocs validates Markdown links; this also covers links in raw HTML, in templates and in macro output.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Tags and attributes that make the browser fetch something when the page loads.
_ASSET_ATTRS = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
                ("audio", "src"), ("embed", "src"), ("object", "data"), ("track", "src"), ("input", "src"),
                ("video", "poster"), ("img", "srcset"), ("source", "srcset")}
_NAV_LINK_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "search"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass(frozen=True)
class Problem:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.reason}: {self.target}"


# A focused scan instead of an HTML parser (about 5 times faster over the site; the same ids and links as an HTML
# parser on every built page, tests/site/test_built_site.py): comments and script bodies hold no elements; a start
# tag is its name and its attributes, whose quoted values may hold ">".
_HIDDEN = re.compile(r"<!--.*?-->|(<script\b[^>]*>).*?</script\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:\s*[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?|\s*/)*)\s*>""")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_STYLE_BODY = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
# Most tags (p, td, span, li) carry nothing the check reads: only these tags, or an id, a style or a moved-section
# mark (in any case, however spaced), send a tag's attributes to be read.
_READ_TAGS = {"a", "link"} | {tag for tag, _ in _ASSET_ATTRS}
_MAYBE_READ = re.compile(r"(?<![\w-])(?:id|style)\s*=|data-kb-moved", re.IGNORECASE)


def _without_hidden(page_html: str) -> str:
    """The page without its comments and script bodies (a script's start tag stays): what _HIDDEN.sub(r"\1", ...)
    gives, found with str.find on a lower-case copy (a regex tried at every "<" took a third of the scan)."""
    lower = page_html.lower()
    if "<!--" not in lower and "<script" not in lower:
        return page_html
    out: list[str] = []
    last = 0
    comment, script = lower.find("<!--"), lower.find("<script")
    while comment >= 0 or script >= 0:
        start = min(p for p in (comment, script) if p >= 0)
        match = _HIDDEN.match(page_html, start)
        if match is not None:
            out += [page_html[last:start], match[1] or ""]
            last = match.end()
        after = last if match is not None else start + 1
        if comment >= 0 and comment < after:
            comment = lower.find("<!--", after)
        if script >= 0 and script < after:
            script = lower.find("<script", after)
    out.append(page_html[last:])
    return "".join(out)


class _Page:
    """What the link check needs from a built page: its element ids (and duplicates), links, assets, styles."""

    def __init__(self, page_html: str) -> None:
        self.ids: set[str] = set()
        self.duplicate_ids: list[str] = []
        self.links: list[str] = []
        self.moved: list[tuple[str, str]] = []  # (old anchor, new address) of moved sections (kb.render.moved)
        self.moved_from = ""
        self.assets: list[str] = []
        self.styles: list[str] = [m[1] for m in _STYLE_BODY.finditer(page_html)]
        for tag in _TAG.finditer(_without_hidden(page_html)):
            self._start_tag(tag[1].lower(), tag[2])

    def _start_tag(self, tag: str, attributes: str) -> None:
        if tag not in _READ_TAGS and not _MAYBE_READ.search(attributes):
            return
        values: dict[str, str] = {}
        for m in _ATTR.finditer(attributes):
            value = m[2] if m[2] is not None else m[3] if m[3] is not None else m[4]
            if value is not None:
                values.setdefault(m[1].lower(), unescape(value))
        if "id" in values:
            if values["id"] in self.ids:
                self.duplicate_ids.append(values["id"])
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if "data-kb-moved-from" in values:
            self.moved_from = values["data-kb-moved-from"]
        if tag == "a" and "href" in values and "data-kb-moved" in values:
            self.moved.append((values["data-kb-moved"], values["href"]))
        elif tag == "a" and "href" in values:
            self.links.append(values["href"])
        elif tag == "link" and "href" in values:
            rels = set(values.get("rel", "").lower().split())
            (self.links if rels & _NAV_LINK_RELS else self.assets).append(values["href"])
        for attr in ("src", "data", "poster", "srcset"):
            if (tag, attr) in _ASSET_ATTRS and attr in values:
                raw = values[attr]
                urls = [p.strip().split(" ")[0] for p in raw.split(",")] if attr == "srcset" else [raw]
                self.assets += [u for u in urls if u]
        if "style" in values:
            self.styles.append(values["style"])


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data", "mailto", "tel", "javascript", "blob")


def _skip(url: str) -> bool:
    return urlsplit(url).scheme in ("data", "mailto", "tel", "javascript", "blob")


def _resolve(files: set[str], page: str, url: str) -> tuple[str | None, str]:
    """The site file a link points at (None if there is none) and its fragment; pure string work."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(page), path) if path else page
    norm = posixpath.normpath(joined) if joined else "."
    if norm == ".." or norm.startswith("../"):
        return None, unquote(parts.fragment)
    norm = "" if norm == "." else norm
    for candidate in (norm, posixpath.join(norm, "index.html")):
        if candidate in files:
            return candidate, unquote(parts.fragment)
    return None, unquote(parts.fragment)


def _names_file(url: str, target: str) -> bool:
    """Whether a link that resolved to `target` names the file itself (rather than its folder)."""
    path = unquote(urlsplit(url).path)
    return not path or posixpath.basename(path) == posixpath.basename(target)


def _parse(file: Path) -> _Page:
    return _Page(file.read_text(encoding="utf-8", errors="replace"))


def check_site(site_dir: Path, site_url: str = "", *, directory_urls: bool = True) -> list[Problem]:
    """All broken internal links and anchors, and all external assets, in the built site.

    With directory_urls off (the offline copy, opened from file://, where a folder shows as a file listing, not
    its index.html) a link must name the file: a link that only resolves to a folder's index.html is a problem.
    """
    site_dir = site_dir.resolve()
    base_path = urlsplit(site_url).path.rstrip("/") + "/" if site_url else "/"
    files = {f.relative_to(site_dir).as_posix() for f in site_dir.rglob("*") if f.is_file()}
    pages = {rel: _parse(site_dir / rel) for rel in sorted(files) if rel.endswith(".html")}
    problems: list[Problem] = []
    # Where a link leads depends on its page's folder only (a link to "#x" or "?q" on the page itself): pages in one
    # folder share most of their links (the entity pages link every criterion), so each is resolved once.
    resolved: dict[tuple[str, str], tuple[bool, str | None, str]] = {}
    for rel, parsed in pages.items():
        problems += [Problem(rel, f"#{i}", "duplicate id (two elements on the page share it)")
                     for i in parsed.duplicate_ids]
        for url in parsed.assets + [u for s in parsed.styles for m in _CSS_URL.finditer(s) for u in m.groups() if u]:
            if _is_external(url) and not (site_url and url.startswith(site_url)):
                problems.append(Problem(rel, url, "loads a file from another host"))
        for url in parsed.links + parsed.assets:
            local = url
            if site_url and url.startswith(site_url):
                local = "/" + url[len(site_url):]
            elif url.startswith(base_path):
                local = "/" + url[len(base_path):]
            link = (rel if local[:1] in "#?" else posixpath.dirname(rel), local)
            if link not in resolved:
                outside = _skip(local) or _is_external(local)
                resolved[link] = (outside, None, "") if outside else (False, *_resolve(files, rel, local))
            outside, target, fragment = resolved[link]
            if outside:
                continue
            if target is None:
                problems.append(Problem(rel, url, "broken link (no such file)"))
            elif not directory_urls and target.endswith("index.html") and not _names_file(local, target):
                problems.append(Problem(rel, url, "links to a folder (opened from file://, it lists the folder)"))
            elif fragment and target in pages and fragment not in pages[target].ids:
                problems.append(Problem(rel, url, f"broken anchor (no id '{fragment}' in the target)"))
        for key, url in parsed.moved:
            target, fragment = _resolve(files, rel, url)
            if target is None or target not in pages or (fragment and fragment not in pages[target].ids) or (
                    not directory_urls and not _names_file(url, target)):
                where = parsed.moved_from or rel
                problems.append(Problem(where, url, f"moved_sections '{key}': no such page or section (built {rel})"))
    for css in sorted(site_dir.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for match in _CSS_URL.finditer(text):
            url = next(u for u in match.groups() if u)
            if _is_external(url):
                problems.append(Problem(css.relative_to(site_dir).as_posix(), url, "loads a file from another host"))
    return problems


def external_links(site_dir: Path, site_url: str = "") -> dict[str, list[str]]:
    """External link targets -> the pages that use them (for the external link check)."""
    found: dict[str, list[str]] = {}
    for file in sorted(site_dir.rglob("*.html")):
        rel = file.relative_to(site_dir).as_posix()
        for url in _parse(file).links:
            own = bool(site_url) and url.startswith(site_url)
            if _is_external(url) and urlsplit(url).scheme in ("http", "https") and not own:
                found.setdefault(url.split("#")[0], []).append(rel)
    return found
