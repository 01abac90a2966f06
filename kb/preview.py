"""The mkdocs-macros hooks, and what a data error does in a build and in the preview.

In a build (`make build`, CI) a data error stops the build with one line per problem naming the file, line,
record and field, and no traceback. Under `make serve` (KB_PREVIEW=1) the preview stays up: every page shows
the problems in a banner, and the next good save recovers.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from kb import zensical
from kb.context import BuildContext, current, repository_links
from kb.errors import DataError
from kb.macro import MACROS
from kb.render.html import keep_blocks, use_directory_urls

_preview_error: DataError | None = None


def data_failed() -> bool:
    """True while the preview shows a data error instead of the pages (the other hooks then stand down)."""
    return _preview_error is not None


def in_preview() -> bool:
    return os.environ.get("KB_PREVIEW") == "1"


def _build_error(message: str) -> Exception:
    """MkDocs shows a PluginError as its message alone, with no traceback; without MkDocs, a plain error."""
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # Zensical's virtualenv has no MkDocs
        return RuntimeError(message)
    return PluginError(message)


def error_banner(error: DataError) -> str:
    """A raw-HTML alert listing each problem as escaped text, placed before the page's Markdown."""
    lines = str(error).splitlines()
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return (f'<div class="admonition failure" role="alert"><p class="admonition-title">The data has '
            f"{len(lines)} problem(s); pages show without their data until it is fixed</p><ul>{items}</ul>"
            "<p>Fix the file and save: the preview rebuilds.</p></div>\n\n")


def define_env(env: Any) -> None:
    """Load and check the data and the pages' citations once per build, then register the macros.

    Zensical calls this once per page instead, with no page hooks: kb.zensical handles that case.
    """
    global _preview_error
    if zensical.is_zensical(env):
        zensical.define_env(env)
        return
    _preview_error = None
    try:
        context = BuildContext.load(Path(env.project_dir), *repository_links(env.conf))
    except DataError as error:
        if not in_preview():
            raise _build_error(str(error)) from None
        _preview_error = error
        for name in [*MACROS, "page_sources"]:
            env.macro(lambda *args, **kwargs: "", name)
        return
    for name, function in context.macros().items():
        env.macro(function, name)


def on_pre_page_macros(env: Any) -> None:
    """Tell the macros which page they render (links are relative to it) and whether the site has directory
    URLs (the offline copy has not: Material's offline plugin turns them off in its on_config); checks the
    page's front matter."""
    use_directory_urls(bool(env.conf.get("use_directory_urls", True)))
    keep_blocks()  # the page's generated HTML skips Markdown; kb.hooks.on_page_content puts it back
    if _preview_error is None:
        current().start_page(env.page.file.src_uri, dict(env.page.meta))


def on_post_page_macros(env: Any) -> None:
    """Append the page's sources list and abbreviations, or in a broken preview, the error banner."""
    if _preview_error is not None:
        env.markdown = error_banner(_preview_error) + env.markdown
    else:
        env.markdown = current().finish_page(env.markdown)
