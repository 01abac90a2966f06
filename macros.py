"""mkdocs-macros entry point: registers the page macros. All logic lives in the kb package."""

import sys
from pathlib import Path

# mkdocs-macros loads this file by path and does not put its folder on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb.context import BuildContext, current


def define_env(env):  # type: ignore[no-untyped-def]
    """Load and validate the data once per build, then register the macros."""
    for name, function in BuildContext.load(Path(env.project_dir)).macros().items():
        env.macro(function, name)


def on_pre_page_macros(env):  # type: ignore[no-untyped-def]
    """Tell the macros which page they render (links are relative to it); checks its front matter."""
    current().start_page(env.page.file.src_uri, dict(env.page.meta))


def on_post_page_macros(env):  # type: ignore[no-untyped-def]
    """Append the page's sources list and the glossary's abbreviations."""
    env.markdown = current().finish_page(env.markdown)
