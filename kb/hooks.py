"""MkDocs hook: add the files generated from the data (CSV downloads) to the build, so links to them validate.

MkDocs loads this file by path, so the repository root is put on sys.path before importing the package.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.structure.files import File, Files  # noqa: E402

from kb.site import current  # noqa: E402


def on_files(files: Files, config: Any) -> Files:
    for path, content in current().downloads().items():
        files.append(File.generated(config, path, content=content))
    return files
