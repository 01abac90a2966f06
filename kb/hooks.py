"""MkDocs hook: add the files generated from the data (CSV downloads) to the build, so links to them validate.

MkDocs loads this file by path, so the repository root is put on sys.path before importing the package.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kb.linkcheck import check_site
from kb.site import current


def on_files(files: Files, config: Any) -> Files:
    for path, content in current().downloads().items():
        files.append(File.generated(config, path, content=content))
    return files


def on_post_build(config: Any) -> None:
    """Fail the build on a broken internal link or anchor anywhere in the output, raw HTML included."""
    problems = check_site(Path(config["site_dir"]), config.get("site_url") or "")
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise PluginError(f"{len(problems)} broken link(s) or external asset(s) in the built site:\n{listing}")
