"""Editor leftovers: backup, swap, autosave and lock files that editors leave beside the files being edited."""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import PurePath

# Keep in step with .gitignore and exclude_docs in mkdocs.yml (tests/unit/test_leftovers.py checks both).
PATTERNS = ("*~", ".*.sw?", "#*#", ".#*")


def is_editor_leftover(path: str | PurePath) -> bool:
    """True for a file name an editor leaves behind (vim, Emacs, nano, most others), not for a real file."""
    name = PurePath(path).name
    return any(fnmatchcase(name, pattern) for pattern in PATTERNS)
