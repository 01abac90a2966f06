"""mkdocs-macros entry point: registers the page macros. All logic lives in the kb package."""

import sys
from pathlib import Path

# mkdocs-macros loads this file by path and does not put its folder on sys.path; Zensical loads it for every page.
_ROOT = str(Path(__file__).resolve().parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from kb.preview import define_env, on_post_page_macros, on_pre_page_macros  # noqa: E402 (after the path)

__all__ = ["define_env", "on_post_page_macros", "on_pre_page_macros"]
