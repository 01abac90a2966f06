"""One publisher, one spelling, as data/sources.yml gives it on the Sources page and in every sources list."""

from __future__ import annotations

import re

from kb import KnowledgeBase

# Placeholders whose parenthesis says which copy was read; they name no publisher, so they may differ.
UNNAMED = {"unknown", "unidentified author"}


def _base(publisher: str) -> str:
    """The name without a parenthesised remark or initials, lower case: 'Norman G. Jaspan' -> 'norman jaspan'."""
    name = re.sub(r"\s*\(.*\)\s*$", "", publisher).lower()
    return " ".join(w for w in name.split() if not re.fullmatch(r"[a-z]\.", w))


def test_each_publisher_is_spelled_one_way(kb: KnowledgeBase) -> None:
    spellings: dict[str, set[str]] = {}
    for source in kb.sources.values():
        spellings.setdefault(_base(source.publisher), set()).add(source.publisher)
    mixed = {base: sorted(names) for base, names in spellings.items() if len(names) > 1 and base not in UNNAMED}
    assert not mixed, f"spell each publisher one way in data/sources.yml: {mixed}"
