"""A seminar guide split over several pages (docs/seminars/<guide>/, grouped in mkdocs.yml's nav) says in words
how many parts it has and which part each page is. Those words are written by hand; these tests keep them in step
with the navigation, so that adding, removing or reordering a part fails here with the page to fix."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent.parent
DOCS = ROOT / "docs"


def _guides(nav: Any) -> list[list[str]]:
    """Each nav group whose pages all sit in one folder of docs/seminars/ with its index.md first."""
    found: list[list[str]] = []
    for item in nav if isinstance(nav, list) else []:
        for value in item.values() if isinstance(item, dict) else []:
            if isinstance(value, list):
                pages = [v for v in value if isinstance(v, str)]
                folders = {p.rsplit("/", 1)[0] for p in pages}
                if (pages and len(pages) == len(value) and len(folders) == 1 and pages[0].endswith("/index.md")
                        and pages[0].startswith("seminars/")):
                    found.append(pages)
                else:
                    found += _guides(value)
    return found


def _nav() -> Any:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as f:
        return yaml_load(f)["nav"]


GUIDES = _guides(_nav())


def test_every_guide_folder_is_found_in_the_navigation() -> None:
    folders = sorted(p.parent.relative_to(DOCS).as_posix() for p in (DOCS / "seminars").glob("*/index.md"))
    assert sorted(g[0].rsplit("/", 1)[0] for g in GUIDES) == folders


@pytest.mark.parametrize("parts", GUIDES, ids=[g[0].split("/")[1] for g in GUIDES])
def test_a_guide_names_its_parts_in_the_navigation_order(parts: list[str]) -> None:
    entry = parts[0]
    text = (DOCS / entry).read_text(encoding="utf-8")
    count = re.search(r"^This guide has (\d+) parts:$", text, re.M)
    assert count, f"docs/{entry}: no line 'This guide has N parts:'"
    assert int(count.group(1)) == len(parts), f"docs/{entry}: says {count.group(1)} parts, the nav has {len(parts)}"
    listed = re.findall(r"^(\d+)\. (.*)$", text[count.end():], re.M)[:len(parts)]
    assert [int(n) for n, _ in listed] == list(range(1, len(parts) + 1)), f"docs/{entry}: the parts' list"
    assert listed[0][1].startswith("This page:"), f"docs/{entry}: the first part is the entry page itself"
    linked = [re.match(r"\[[^\]]+\]\(([^)#]+)\)", item) for _, item in listed[1:]]
    folder = entry.rsplit("/", 1)[0]
    assert [f"{folder}/{m.group(1)}" if m else item for m, (_, item) in zip(linked, listed[1:], strict=True)] \
        == parts[1:], f"docs/{entry}: the list links the parts in another order than the nav"


@pytest.mark.parametrize("parts", GUIDES, ids=[g[0].split("/")[1] for g in GUIDES])
def test_each_part_says_which_part_it_is(parts: list[str]) -> None:
    for k, part in enumerate(parts[1:], start=2):
        text = (DOCS / part).read_text(encoding="utf-8")
        said = re.search(r"^Part (\d+) of (\d+) of the guide \[[^\]]+\]\(index\.md\)", text, re.M)
        assert said, f"docs/{part}: no line 'Part k of N of the guide [...](index.md)'"
        assert (int(said.group(1)), int(said.group(2))) == (k, len(parts)), \
            f"docs/{part}: says part {said.group(1)} of {said.group(2)}; in the nav it is part {k} of {len(parts)}"
