"""mkdocs-macros entry point: registers the page macros. All logic lives in the kb package."""

import sys
from pathlib import Path

# mkdocs-macros loads this file by path and does not put its folder on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb.site import Site

_site: Site | None = None


def define_env(env):  # type: ignore[no-untyped-def]
    """Load and validate the data once per build, then register the macros."""
    global _site
    _site = Site.load(Path(env.project_dir))
    for name, function in _site.macros().items():
        env.macro(function, name)


def on_pre_page_macros(env):  # type: ignore[no-untyped-def]
    assert _site is not None
    _site.start_page(env.page.file.src_uri, dict(env.page.meta))


def on_post_page_macros(env):  # type: ignore[no-untyped-def]
    assert _site is not None
    env.markdown = _site.finish_page(env.markdown)

