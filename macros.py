"""mkdocs-macros entry point: registers the page macros. All logic lives in the kb package."""

import sys
from pathlib import Path

# mkdocs-macros loads this file by path and does not put its folder on sys.path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb.preview import define_env, on_post_page_macros, on_pre_page_macros

__all__ = ["define_env", "on_post_page_macros", "on_pre_page_macros"]
