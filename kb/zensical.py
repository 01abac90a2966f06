"""What Zensical needs to build the same pages as MkDocs: its macros extension has no page hooks.

mkdocs-macros calls define_env once per build, then on_pre_page_macros and on_post_page_macros around every
page (kb/preview.py). Zensical's macros extension instead runs macros.py's define_env for every page, with the
page on env.page, and calls nothing after rendering. So under Zensical:

- define_env loads the data once and reuses it while data/, schemas/ and docs/ are unchanged, registers the
  macros and starts the page (what on_pre_page_macros does under MkDocs);
- this module is also a Markdown extension (listed in zensical.yml), whose preprocessor runs right after the
  macros and finishes the page: the sources list and the abbreviations (what on_post_page_macros does).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown  # type: ignore[import-untyped]

from kb.context import BuildContext, repository_links
from kb.render.html import links_relative_to_source

# Zensical's macros preprocessor has priority 35 and pymdownx.snippets 32: finish the page between them, as
# MkDocs does (macros and on_post_page_macros both run before any Markdown processing).
FINISH_PRIORITY = 34
_WATCHED = ("data", "schemas", "docs")

_loaded: tuple[tuple[tuple[str, int, int], ...], BuildContext] | None = None
_started: BuildContext | None = None


def is_zensical(env: Any) -> bool:
    """True for the env object of Zensical's macros extension (mkdocs-macros passes its plugin)."""
    return type(env).__module__.startswith("zensical.")


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Path, size and modification time of every input file: a change to any of them reloads the data."""
    found = []
    for name in _WATCHED:
        for folder, _dirs, files in os.walk(root / name):
            for file in files:
                stat = os.stat(os.path.join(folder, file))
                found.append((os.path.join(folder, file), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def context_for(root: Path, repo_url: str = "", edit_base: str = "") -> BuildContext:
    """The BuildContext for root, loaded again only when an input file changed (define_env runs per page)."""
    global _loaded
    fingerprint = _fingerprint(root)
    if _loaded is None or _loaded[0] != fingerprint:
        links_relative_to_source(True)
        _loaded = (fingerprint, BuildContext.load(root, repo_url, edit_base))
    return _loaded[1]


def define_env(env: Any) -> None:
    """Zensical's define_env for one page: the macros bound to the loaded data, and the page started."""
    global _started
    conf = getattr(env, "conf", None) or getattr(env, "config", None) or {}
    context = context_for(Path(env.project_dir), *repository_links(conf))
    for name, function in context.macros().items():
        env.macro(function, name)
    context.start_page(str(env.page.path), dict(env.page.meta))
    _started = context


class _FinishPage:
    """Appends the sources list and abbreviations to the page whose macros just rendered."""

    def run(self, lines: list[str]) -> list[str]:
        global _started
        context, _started = _started, None
        if context is None:  # Markdown rendered without macros (no page was started): leave it alone
            return lines
        return context.finish_page("\n".join(lines)).split("\n")


class KbZensicalExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_FinishPage(), "kb_finish_page", FINISH_PRIORITY)


def makeExtension(**kwargs: Any) -> KbZensicalExtension:
    return KbZensicalExtension(**kwargs)
