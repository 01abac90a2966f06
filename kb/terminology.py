"""Terminology check: `python -m kb.terminology docs data` fails on spellings the style guide forbids."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from kb.leftovers import is_editor_leftover

RULES = [
    (re.compile(r"\bISO\s*17172\b"), "write ISO 17712 (the seal standard), not 17172"),
    (re.compile(r"\bISO17712\b"), "write ISO 17712 with a space"),
    (re.compile(r"\bCT-PAT\b|\bC-tpat\b|\bCtpat\b|\bC-T-PAT\b|\bC\.T\.P\.A\.T\b"), "spell the program CTPAT"),
    (re.compile(r"\bC-TPAT\b"), "spell the program CTPAT (the hyphen was dropped around 2019)"),
    (re.compile(r"\bISPM-?15\b|\bISPM15\b"), "write ISPM 15"),
]
# An old spelling is fine in quotation marks or italics (a document title), or where the line calls it the old spelling.
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|'[^']*C-TPAT[^']*'|\*[^*]*C-TPAT[^*]*\*")
_ALLOWED_FILES = {"sources.yml"}


def problems_in(path: Path, text: str) -> list[str]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        visible = _QUOTED.sub("", line)
        if "old spelling" in line.lower() or "older spelling" in line.lower():
            continue
        for pattern, message in RULES:
            if pattern.search(visible):
                found.append(f"{path}:{number}: {message}: {line.strip()[:100]}")
    return found


def main(roots: list[str]) -> int:
    found: list[str] = []
    for root in roots:
        for path in sorted(Path(root).rglob("*")):
            if is_editor_leftover(path) or path.name in _ALLOWED_FILES:
                continue
            if path.suffix in (".md", ".yml", ".yaml"):
                found += problems_in(path, path.read_text(encoding="utf-8"))
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["docs", "data"]))
