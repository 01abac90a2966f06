"""MkDocs hooks: the CSV downloads generated from the data, and the post-build step (kb/postbuild.py).

The work lives in kb.postbuild, which runs on any built site (Zensical's too); these hooks only call it, so that
`mkdocs build` and `mkdocs serve` alone give the same site as `make build`.
MkDocs loads this file by path, so the repository root is put on sys.path before importing the package.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from kb import postbuild
from kb.context import current
from kb.preview import data_failed, in_preview


def on_files(files: Files, config: Any) -> Files:
    """Declare the downloads, so that MkDocs validates links to them like any other (postbuild writes them too)."""
    if data_failed():
        return files
    for path, content in postbuild.downloads(current().kb).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_post_build(config: Any) -> None:
    """Run the post-build step: downloads, HTML fix-ups, and a link check that fails the build.

    The link check is skipped in the preview, where it would slow every save; `make build` and CI run it.
    """
    if data_failed():
        postbuild.fix_pages(Path(config["site_dir"]))
        return
    problems = postbuild.run(Path(config["site_dir"]), config.get("site_url") or "", current().kb,
                             check_links=not in_preview())
    if problems:
        listing = "\n".join(f"  {p}" for p in problems)
        raise PluginError(f"{len(problems)} broken link(s) or external asset(s) in the built site:\n{listing}")
