"""The preview rebuilds only what changed: `make serve` runs `mkdocs serve --dirty`, and this module chooses the
pages each rebuild renders, in place of MkDocs' own choice.

MkDocs' dirty build renders a page only when its Markdown is newer than its HTML. Here a page counts as edited
when its Markdown's size or modification time differs from the previous build's (a save during a build is not
lost), and a page also depends on:

- the data: every page (its macros, its sources list, its abbreviations);
- the other pages' titles and paths: the navigation and the previous/next links of every page;
- which pages cite a criterion: the "Guidance that cites it" lines on the category pages (`backlinks`);
- every page's sources list: the Sources page's "cited by" lists (`citations`).

So this module keeps, for the life of the preview process, what the previous build was made from (`Snapshot`),
and each build renders:

- every page on the first build of a process, after a change to kb/, macros.py, mkdocs.yml, includes/
  (snippets) or overrides/ (theme), when a page is added, removed or renamed, when a page's title changes, while
  the preview shows a data error and just after it, and after a build that stopped half way;
- after a change to data/ or schemas/: every page's macros run again, and a page is rendered only when its
  Markdown after the macros differs from the previous build's (that Markdown is all its HTML is made from,
  besides the navigation and the configuration, whose changes render every page);
- otherwise, the edited pages, the pages that read a criterion's backlinks when the pages citing that criterion
  change (kb.context notes what each page's macros read), and the pages that read the sources lists (the Sources
  page) when an edited page's front-matter sources or macro calls change.

It also keeps the search index whole (Material's search plugin indexes only the pages a dirty build renders),
gives the pages it does not render their titles and dates (for the navigation and the sitemap), removes the HTML
of a removed or renamed page, and names the HTML files a build wrote, so that the post-build step fixes only
those.

What the preview does not redo for the pages it leaves: MkDocs' link and anchor warnings (a heading renamed on one
page is not reported on the pages linking to it; `make build` checks every link, and the preview never ran the
project's link check). A restart of `make serve` builds everything; `make build` and CI never build dirty.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from kb.citing import macro_calls
from kb.context import BuildContext, files_fingerprint
from kb.leftovers import is_editor_leftover
from kb.pages import PageInfo
from kb.yamlio import decode_text

# A change to these (files, or folders searched whole) renders every page again; the pages' names count too.
CODE = ("kb", "includes", "overrides", "macros.py", "mkdocs.yml")
# A change to these runs every page's macros again, and renders the pages whose Markdown then differs.
DATA = ("data", "schemas")

Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass
class Snapshot:
    """What the previous build of this process was made from."""

    inputs: Fingerprint                             # the code, configuration, theme and the pages' names
    data: Fingerprint                               # the data and its schemas
    stats: dict[str, tuple[int, int]]               # page -> size and modification time of its Markdown
    titles: dict[str, str]
    backlinks: dict[str, dict[str, str]]
    sources_inputs: dict[str, tuple[Any, ...]]      # page -> its front matter's sources and its macro calls
    reads: dict[str, set[str]]                      # page -> what its macros read of the other pages
    search: list[dict[str, Any]] | None = None      # the whole search index's entries
    rendered: dict[str, Rendered] = field(default_factory=dict)  # page -> its last rendering


@dataclass(frozen=True)
class Rendered:
    """A page's Markdown after the macros, and what MkDocs made of it."""

    markdown: str
    content: str
    toc: Any
    title: str | None
    anchors: frozenset[str]


@dataclass
class State:
    dirty: bool = False                 # the process builds dirty (mkdocs serve --dirty, mkdocs build --dirty)
    previous: Snapshot | None = None
    # this build: the pages to render (None: every page), and what was written
    planned: set[str] | None = None
    inputs: Fingerprint = ()
    data: Fingerprint = ()
    compare: bool = False   # render only the pages whose Markdown after the macros differs (a data edit)
    edited: set[str] = field(default_factory=set)               # pages whose source changed (always rendered)
    staged: dict[str, Rendered] = field(default_factory=dict)   # this build's renderings
    sources: dict[str, str] = field(default_factory=dict)       # page -> what keep() compared: Markdown and blocks
    reused: set[str] = field(default_factory=set)               # pages whose previous rendering stands
    stats: dict[str, tuple[int, int]] = field(default_factory=dict)
    sources_inputs: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    rendered: dict[str, str] = field(default_factory=dict)   # src_uri -> page URL, of the pages rendered
    written: list[Path] = field(default_factory=list)        # HTML files written (pages and theme templates)
    outputs: dict[str, Path] = field(default_factory=dict)   # src_uri -> HTML file, of every page written so far
    page_urls: list[str] = field(default_factory=list)       # every page's URL, in the build's order
    search_entries: list[dict[str, Any]] | None = None       # the whole search index this build wrote


STATE = State()


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory, by template and source checksum (Jinja compares the checksum)."""

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._store:
            bucket.bytecode_from_string(self._store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = MemoryBytecodeCache()


def start(dirty: bool) -> None:
    """The process starts (on_startup): dirty or not, and nothing built yet."""
    global STATE
    STATE = State(dirty=dirty)


def inputs_fingerprint(root: Path, pages: Iterable[str]) -> Fingerprint:
    return files_fingerprint(root, CODE) + tuple((f"docs/{p}", 0, 0) for p in sorted(pages))


def sources_inputs(info: PageInfo, text: str) -> tuple[Any, ...]:
    """What a page's sources list is made of besides the data: its front matter's sources and its macro calls."""
    return (repr(info.meta.get("sources")), repr(macro_calls(text)))


def changed_backlinks(old: Mapping[str, Mapping[str, str]], new: Mapping[str, Mapping[str, str]]) -> set[str]:
    """The criteria whose citing pages differ."""
    return {cid for cid in {*old, *new} if dict(old.get(cid, {})) != dict(new.get(cid, {}))}


def readers(reads: Mapping[str, set[str]], keys: Iterable[str]) -> set[str]:
    """The pages that read any of the keys ("backlinks:<ID>", "citations"); "backlinks:*" reads every ID."""
    wanted = set(keys)
    if any(k.startswith("backlinks:") for k in wanted):
        wanted.add("backlinks:*")
    return {page for page, read in reads.items() if read & wanted}


def _stat(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def plan(root: Path, context: BuildContext | None) -> set[str] | None:
    """The pages this build renders: None for every page, else the edited pages plus the pages whose output
    depends on what changed. `context` is None while the data shows an error."""
    state = STATE
    state.rendered, state.written, state.sources_inputs, state.search_entries = {}, [], {}, None
    state.compare, state.staged, state.reused, state.edited = False, {}, set(), set()
    previous = state.previous
    docs = root / "docs"
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if not is_editor_leftover(p)}
    for page in state.outputs.keys() - pages:  # removed or renamed: its old address no longer serves it
        state.outputs.pop(page).unlink(missing_ok=True)
    if context is None:
        state.planned, state.inputs = None, ()
        return None
    state.inputs = inputs_fingerprint(root, context.pages)
    state.data = files_fingerprint(root, DATA)
    state.stats = {page: _stat(root / "docs" / page) for page in context.pages}
    if previous is None or previous.inputs != state.inputs or previous.titles != context.titles:
        state.planned = None
        return None
    modified = [page for page, stat in state.stats.items() if previous.stats.get(page) != stat]
    if previous.data != state.data:
        state.planned, state.compare, state.edited = None, True, set(modified)
        return None
    planned = set(modified)
    changed = changed_backlinks(previous.backlinks, context.backlinks)
    keys = {f"backlinks:{cid}" for cid in changed}
    for page in modified:
        text = decode_text((root / "docs" / page).read_bytes(), f"docs/{page}")
        state.sources_inputs[page] = sources_inputs(context.pages[page], text)
        if previous.sources_inputs.get(page) != state.sources_inputs[page]:
            keys.add("citations")
    planned |= readers(previous.reads, keys)
    state.planned = planned
    return planned


def rendered(src_uri: str, url: str, html_file: Path) -> None:
    """A page was rendered and written (on_post_page)."""
    STATE.rendered[src_uri] = url
    STATE.outputs[src_uri] = html_file
    STATE.written.append(html_file)


def template_written(html_file: Path) -> None:
    STATE.written.append(html_file)


def keep(page: Any, markdown: str) -> None:
    """After the macros (on_page_markdown, last): note the page's Markdown, with the generated HTML blocks kept out
    of it (kb.render.html.block); in a data edit's build, a page whose Markdown is the same as in the previous
    build keeps its previous HTML, and MkDocs neither converts nor writes it again (the Markdown after the macros
    is all a page's HTML is made from, besides the navigation, the titles and the configuration, whose changes
    render every page)."""
    state = STATE
    state.sources[page.file.src_uri] = markdown
    before = state.previous.rendered.get(page.file.src_uri) if state.previous else None
    if not state.compare or before is None or before.markdown != markdown or page.file.src_uri in state.edited:
        return  # (an edited page is rendered: its front matter, not in the Markdown, may have changed)

    def reuse(config: Any, files: Any) -> None:
        page.content, page.toc, page._title_from_render = before.content, before.toc, before.title
        page.present_anchor_ids = set(before.anchors)

    setattr(page, "render", reuse)  # noqa: B010 (an instance's method)
    setattr(page.file, "is_modified", lambda: False)  # noqa: B010
    state.reused.add(page.file.src_uri)
    state.staged[page.file.src_uri] = before


def converted(page: Any, html: str) -> None:
    """After the Markdown conversion (on_page_content): remember the page's rendering for the next build."""
    if page.file.src_uri not in STATE.reused:
        STATE.staged[page.file.src_uri] = Rendered(STATE.sources.get(page.file.src_uri, page.markdown), html, page.toc,
                                                   page._title_from_render, frozenset(page.present_anchor_ids or ()))


def merged_search(entries: list[dict[str, Any]], page_urls: Sequence[str]) -> list[dict[str, Any]]:
    """The whole search index: this build's entries for the pages it rendered, the previous build's for the
    others, in the order of `page_urls` (the site's pages); pages no longer in the site drop out."""
    partial = STATE.planned is not None or STATE.compare
    previous = STATE.previous.search if STATE.previous and partial else None
    if previous is None:
        return entries
    by_page: dict[str, list[dict[str, Any]]] = {}
    for entry in previous:
        by_page.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
    for url in STATE.rendered.values():
        by_page[url] = []
    for entry in entries:
        by_page.setdefault(str(entry["location"]).split("#", 1)[0], []).append(entry)
    return [entry for url in page_urls for entry in by_page.get(url, [])]


def finish(context: BuildContext | None, search: list[dict[str, Any]] | None) -> None:
    """The build succeeded: remember what it was made from. With no context (a data error shown, or a build that
    stopped half way) nothing is remembered, and the next build renders every page."""
    state = STATE
    if context is None or not state.inputs:
        state.previous = None
        return
    kept = state.previous if state.planned is not None or state.compare else None
    rendered = {**(kept.rendered if kept else {}), **state.staged}
    reads = dict(kept.reads) if kept else {}
    reads.update(context.reads)  # every page whose macros ran in this build
    # Each page's sources inputs: kept for the pages not edited since they were read, read for the others.
    sources = {page: inputs for page, inputs in (kept.sources_inputs if kept else {}).items()
               if kept and kept.stats.get(page) == state.stats.get(page)}
    sources.update(state.sources_inputs)
    for page, info in context.pages.items():
        if page not in sources:
            text = decode_text((context.docs_dir or Path("docs")).joinpath(page).read_bytes(), f"docs/{page}")
            sources[page] = sources_inputs(info, text)
    backlinks = {cid: dict(pages) for cid, pages in context.backlinks.items()}
    state.previous = Snapshot(state.inputs, state.data, state.stats, dict(context.titles), backlinks, sources, reads,
                              search, rendered)


def unrendered_pages(pages: Iterable[Any], infos: Mapping[str, PageInfo]) -> None:
    """Pages a dirty build does not render keep their title (the navigation), meta and date (the sitemap)."""
    for page in pages:
        if page.markdown is not None:
            continue
        info = infos.get(page.file.src_uri)
        if info is None:
            continue
        page.meta = dict(info.meta)
        page.title = info.title
        if info.meta.get("last_reviewed"):
            page.update_date = str(info.meta["last_reviewed"])
