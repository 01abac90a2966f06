"""MkDocs hooks: the downloads and the Atom feed from the data, sitemap dates from the pages' review dates,
base-independent links on the 404 page, the post-build step (kb/postbuild.py), and in a dirty build (`make serve`)
the choice of pages to rebuild and the whole search index (kb/incremental.py).

The work lives in kb.postbuild, which runs on any built site (Zensical's too); these hooks only call it, so that
`mkdocs build` and `mkdocs serve` alone give the same site as `make build`.
MkDocs loads this file by path, so the repository root is put on sys.path before importing the package.
"""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from kb import iframe_worker, incremental, postbuild
from kb.context import current
from kb.html_safety import refuse_material_tooltips
from kb.offline import OFFLINE_ZIP_PATH, offline_zip
from kb.preview import data_failed, in_preview
from kb.render.html import kept_blocks, put_back_blocks
from kb.search_view import as_search_leaves_it, for_search

_downloads: dict[str, str | bytes] = {}  # made in on_files, written again by the post-build step


def on_startup(command: str, dirty: bool) -> None:
    """`mkdocs serve --dirty` (make serve) rebuilds only what changed; kb.incremental keeps what each build used.

    MkDocs' warning on every dirty build (that the navigation may be inaccurate) does not apply: kb.incremental
    rebuilds every page when the navigation changes. It is left out of the log.
    """
    incremental.start(dirty)
    if command == "build":
        # A build is one short process, and almost all it makes is freed by reference counting: Python's cycle
        # collector only walks the ever larger heap of loaded data and pages (0.2 s of CPU at 100 criteria,
        # 0.6 s at 1,000, for about 13 MB it would free). Off for the build, back on at the end (on_shutdown);
        # the preview (`serve`) runs for hours and keeps it.
        gc.disable()
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(
            lambda record: not record.getMessage().startswith("A 'dirty' build is being performed"))


def on_shutdown() -> None:
    gc.enable()


def offline(config: Any) -> bool:
    """True when Material's offline plugin is on: the offline copy (KB_OFFLINE=true; see kb/offline.py)."""
    plugin = config["plugins"].get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(-100)  # after the offline plugin's on_config, which adds the shim's unpkg.com address
def on_config(config: Any) -> Any:
    """The offline copy loads the iframe-worker shim from itself, never from unpkg.com, and has no instant
    navigation: on file:// Material turns it off by completing its document$ stream before the page emits, so
    every script that waits for document$ (the explorer's, any page's) would never start.

    Material's tooltips (content.tooltips) stop the build: they would run titles as markup (kb/html_safety.py)."""
    refused = refuse_material_tooltips(config["theme"].get("features") or [])
    if refused:
        raise PluginError(refused)
    if offline(config):
        polyfills = [p for p in config["extra"].get("polyfills", []) if "iframe-worker" not in str(p)]
        config["extra"]["polyfills"] = [*polyfills, iframe_worker.SITE_PATH]
        features = config["theme"]["features"]
        features[:] = [f for f in features if not f.startswith("navigation.instant")]
    return config


def on_files(files: Files, config: Any) -> Files:
    """Declare the downloads and the feed, so that MkDocs validates links to them (postbuild writes them too);
    the offline copy also gets its iframe-worker shim, and a build given the offline copy's zip publishes it."""
    if offline(config):
        files.append(File.generated(config, iframe_worker.SITE_PATH, abs_src_path=str(iframe_worker.SHIM)))
    elif (zipped := offline_zip()) is not None:
        files.append(File.generated(config, OFFLINE_ZIP_PATH, abs_src_path=str(zipped)))
    if incremental.STATE.dirty:
        _plan(files, config)
    if data_failed():
        return files
    _downloads.clear()
    _downloads.update(postbuild.downloads(current().kb, config["site_url"] or "/"))
    for path, content in _downloads.items():
        files.append(File.generated(config, path, content=content))
    return files


def _plan(files: Files, config: Any) -> None:
    """A dirty build renders the pages kb.incremental chooses (all of them when it cannot tell), not MkDocs."""
    root = Path(config["config_file_path"]).parent
    planned = incremental.plan(root, None if data_failed() else current())
    pages = files.documentation_pages()
    incremental.STATE.page_urls = ["" if file.url in (".", "./") else file.url for file in pages]  # as Page.url
    for file in pages:
        chosen = planned is None or file.src_uri in planned
        setattr(file, "is_modified", (lambda: True) if chosen else (lambda: False))  # noqa: B010 (a method)


def on_env(env: Any, config: Any, files: Files) -> Any:
    """In a dirty build, the pages not rendered keep their titles (navigation) and review dates (sitemap), and the
    theme's templates are compiled once per process, not once per build (MkDocs makes a new template environment
    for every build; a template whose source changes is compiled again)."""
    if incremental.STATE.dirty:
        env.bytecode_cache = incremental.TEMPLATES
        if not data_failed():
            incremental.unrendered_pages([f.page for f in files.documentation_pages()], current().pages)
    return env


def on_post_page(output: str, page: Page, config: Any) -> str:
    if incremental.STATE.dirty:
        incremental.rendered(page.file.src_uri, page.url, Path(page.file.abs_dest_path))
    return output


def on_post_template(output: str, template_name: str, config: Any) -> str:
    if incremental.STATE.dirty and template_name.endswith(".html"):
        incremental.template_written(Path(config["site_dir"]) / template_name)
    return output


@event_priority(-1000)  # after the macros: the page's final Markdown
def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    """A page's date in the sitemap is its review date, not the build date, so a build does not depend on the day.

    MkDocs also stamps sitemap.xml.gz with the latest of these dates, which makes that file reproducible too.
    In a dirty build after a data edit, a page whose Markdown came out as before is not rendered again.
    """
    reviewed = page.meta.get("last_reviewed")
    if reviewed:
        page.update_date = str(reviewed)
    if incremental.STATE.dirty:  # the generated HTML kept out of the Markdown counts as part of it
        incremental.keep(page, "\n".join([markdown, *kept_blocks()]))
    return markdown


def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    """Put the page's generated HTML blocks back (kb.render.html.block) and tell MkDocs' anchor check their ids;
    in a dirty build, note the page's rendering (kb.incremental)."""
    html, ids = put_back_blocks(html)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= ids
    if incremental.STATE.dirty:
        incremental.converted(page, html)
    return html


_whole_pages: dict[str, str] = {}  # page -> its whole HTML while Material's search plugin reads the cut one


def _search_plugin_on(config: Any) -> bool:
    search = config["plugins"].get("material/search")
    return bool(search is not None and search.config.enabled)


@event_priority(100)  # before Material's search plugin (priority 0) reads page.content
def _search_reads_less(context: Any, page: Page, config: Any, nav: Any) -> Any:
    """The search plugin reads the page without the blocks it would skip (kb.search_view): same index, less to
    parse."""
    _whole_pages.pop(page.file.src_uri, None)  # none left by a build that stopped half way (the preview goes on)
    if _search_plugin_on(config):
        cut = for_search(page.content or "")
        if cut is not page.content:
            _whole_pages[page.file.src_uri] = page.content or ""
            page.content = cut
    return context


@event_priority(-100)  # after Material's search plugin
def _page_whole_again(context: Any, page: Page, config: Any, nav: Any) -> Any:
    whole = _whole_pages.pop(page.file.src_uri, None)
    if whole is not None:
        page.content = as_search_leaves_it(whole)
    return context


on_page_context = CombinedEvent(_search_reads_less, _page_whole_again)


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """The 404 page links relative to the site's root, which overrides/404.html finds in the browser."""
    if template_name == "404.html":
        context["base_url"] = "."
        context["extra_css"] = [normalize_url(path, base=".") for path in config["extra_css"]]
        context["kb_root_path"] = urlsplit(config.get("site_url") or "/").path or "/"
    return context


@event_priority(50)  # before Material's search plugin writes the index
def _whole_search_index(config: Any) -> None:
    """A dirty build indexes only the pages it renders: the index keeps the previous build's entries of the others
    (and Material's own merge, which assumes one page per rebuild, is turned off)."""
    search = config["plugins"].get("material/search")
    if not incremental.STATE.dirty or search is None or not search.config.enabled:
        return
    search.search_index_prev = None
    merged = incremental.merged_search(search.search_index.entries, incremental.STATE.page_urls)
    search.search_index.entries = incremental.STATE.search_entries = merged


def _post_build(config: Any) -> None:
    """Run the post-build step: downloads, HTML fix-ups, and a link check that fails the build.

    The link check is skipped in the preview, where it would slow every save; `make build` and CI run it. A dirty
    build fixes up only the HTML files it wrote.
    """
    state = incremental.STATE
    if data_failed():
        postbuild.fix_pages(Path(config["site_dir"]))
        if state.dirty:
            incremental.finish(None, None)
        return
    if offline(config):  # a browser never shows the 404 page from file://, and its links are folders
        (Path(config["site_dir"]) / "404.html").unlink(missing_ok=True)
    written = state.written if state.dirty and (state.planned is not None or state.compare) else None
    problems = postbuild.run(Path(config["site_dir"]), config.get("site_url") or "", current().kb,
                             check_links=not in_preview(), files=dict(_downloads),
                             directory_urls=bool(config["use_directory_urls"]), pages=written)
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise PluginError(f"{len(problems)} broken link(s) or external asset(s) in the built site:\n{listing}")
    if state.dirty:
        incremental.finish(current(), state.search_entries)
        logging.getLogger("mkdocs.kb").info(
            f"Rendered {len(state.rendered)} of {len(state.page_urls)} pages (the others are unchanged)")


on_post_build = CombinedEvent(_whole_search_index, _post_build)


def on_build_error(error: Exception) -> None:
    """A build that stops half way may have written some pages: the next one renders every page."""
    if incremental.STATE.dirty:
        incremental.finish(None, None)
