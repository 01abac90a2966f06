"""MkDocs hooks: the downloads and the Atom feed from the data, sitemap dates from the pages' review dates,
base-independent links on the 404 page, and the post-build step (kb/postbuild.py).

The work lives in kb.postbuild, which runs on any built site (Zensical's too); these hooks only call it, so that
`mkdocs build` and `mkdocs serve` alone give the same site as `make build`.
MkDocs loads this file by path, so the repository root is put on sys.path before importing the package.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from kb import iframe_worker, postbuild
from kb.context import current
from kb.offline import OFFLINE_ZIP_PATH, offline_zip
from kb.preview import data_failed, in_preview
from kb.render.html import put_back_blocks

_downloads: dict[str, str | bytes] = {}  # made once per build in on_files, written again by the post-build step


def offline(config: Any) -> bool:
    """True when Material's offline plugin is on: the offline copy (KB_OFFLINE=true; see kb/offline.py)."""
    plugin = config["plugins"].get("material/offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(-100)  # after the offline plugin's on_config, which adds the shim's unpkg.com address
def on_config(config: Any) -> Any:
    """The offline copy loads the iframe-worker shim from itself, never from unpkg.com, and has no instant
    navigation: on file:// Material turns it off by completing its document$ stream before the page emits, so
    every script that waits for document$ (the explorer's, any page's) would never start."""
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
    if data_failed():
        return files
    _downloads.clear()
    _downloads.update(postbuild.downloads(current().kb, config["site_url"] or "/"))
    for path, content in _downloads.items():
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


def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    """Put the page's generated HTML blocks back (kb.render.html.block) and tell MkDocs' anchor check their ids."""
    html, ids = put_back_blocks(html)
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= ids
    return html


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    """The 404 page links relative to the site's root, which overrides/404.html finds in the browser."""
    if template_name == "404.html":
        context["base_url"] = "."
        context["extra_css"] = [normalize_url(path, base=".") for path in config["extra_css"]]
        context["kb_root_path"] = urlsplit(config.get("site_url") or "/").path or "/"
    return context


def on_post_build(config: Any) -> None:
    """Run the post-build step: downloads, HTML fix-ups, and a link check that fails the build.

    The link check is skipped in the preview, where it would slow every save; `make build` and CI run it.
    """
    if data_failed():
        postbuild.fix_pages(Path(config["site_dir"]))
        return
    if offline(config):  # a browser never shows the 404 page from file://, and its links are folders
        (Path(config["site_dir"]) / "404.html").unlink(missing_ok=True)
    problems = postbuild.run(Path(config["site_dir"]), config.get("site_url") or "", current().kb,
                             check_links=not in_preview(), files=dict(_downloads),
                             directory_urls=bool(config["use_directory_urls"]))
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise PluginError(f"{len(problems)} broken link(s) or external asset(s) in the built site:\n{listing}")
