"""Generated inputs for the benchmark: a default Material site of a given page list, more pages for the project,
and criteria sets of an exact size. Everything is derived from the project's own files, never hard-coded."""

from __future__ import annotations

import copy
import posixpath
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

PAGE_BYTES = 16 * 1024  # Markdown per page of the default site, about what a project page is after its macros
DEFAULT_CONFIG = """\
site_name: Default Material benchmark site
theme:
  name: material
  font: false   # nothing fetched from Google at view time (this machine has no network), as in the project
plugins:
  - search
"""
_VOCABULARY = ("seal container trailer carrier importer audit record procedure access badge visitor camera lock "
          "inspection cargo manifest partner risk assessment training employee screening facility gate fence "
          "lighting alarm evidence review policy incident report driver route shipment supplier customs broker "
          "border security program criterion category guidance control verify document yearly")
_WORDS = _VOCABULARY.split()


def markdown_pages(docs: Path) -> list[str]:
    """The Markdown pages of a docs folder, as POSIX paths relative to it, sorted."""
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))


def default_page(path: str, others: list[str], size: int = PAGE_BYTES) -> str:
    """A plain Markdown page of at least `size` bytes: headings, paragraphs, lists, a table and links."""
    rng = random.Random(path)
    title = posixpath.splitext(posixpath.basename(path))[0].replace("-", " ").capitalize()
    out = [f"# {title}\n"]
    section = 0
    while sum(len(part) for part in out) < size:
        section += 1
        out.append(f"## Section {section}: {' '.join(rng.choices(_WORDS, k=3))}\n")
        for _ in range(3):
            sentences = (" ".join(rng.choices(_WORDS, k=14)).capitalize() + "." for _ in range(5))
            out.append(" ".join(sentences) + "\n")
        target = rng.choice(others) if others else path
        href = posixpath.relpath(target, posixpath.dirname(path) or ".")
        out.append(f"See [{' '.join(rng.choices(_WORDS, k=2))}]({href}) for more on this.\n")
        out.append("".join(f"- **{rng.choice(_WORDS)}**: {' '.join(rng.choices(_WORDS, k=10))}\n" for _ in range(5)))
        if section % 2 == 0:
            rows = "".join(f"| {section}.{i} | {' '.join(rng.choices(_WORDS, k=6))} | {rng.choice(_WORDS)} |\n"
                           for i in range(1, 7))
            out.append("| ID | Requirement | Owner |\n| --- | --- | --- |\n" + rows)
    return "\n".join(out)


def write_default_site(dest: Path, pages: list[str]) -> None:
    """A Material site with default settings (search plugin only, no nav: MkDocs builds it from the files)."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    for path in pages:
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(default_page(path, [p for p in pages if p != path]), encoding="utf-8")
    (dest / "mkdocs.yml").write_text(DEFAULT_CONFIG, encoding="utf-8")


# Pages that exist once: the Sources section (every source links to its entry there; kb.render.sources refuses
# to render it anywhere else). The copies leave it out.
SINGLE = ("sources/",)


def _single(item: Any) -> bool:
    """A nav entry that points only at pages that exist once."""
    if isinstance(item, str):
        return item.startswith(SINGLE)
    if isinstance(item, dict):
        return all(_single(v) for v in item.values())
    if isinstance(item, list):
        return bool(item) and all(_single(v) for v in item)
    return False


def prefixed_nav(nav: Any, prefix: str) -> Any:
    """The nav with every page path put under `prefix` (links to other sites unchanged), without the pages that
    exist once (SINGLE)."""
    if isinstance(nav, list):
        return [prefixed_nav(item, prefix) for item in nav if not _single(item)]
    if isinstance(nav, dict):
        return {title: prefixed_nav(value, prefix) for title, value in nav.items()}
    if isinstance(nav, str) and "://" not in nav:
        return prefix + nav
    return nav


_MD_LINK = re.compile(r"(\]\()([^)\s#]+)")


def links_out_of_copy(text: str, page: str, docs: Path) -> str:
    """A copied page's Markdown links to what the copies leave out (the pages that exist once, and files the
    build generates, such as the downloads) pointed one folder up, to the original: the copy is one level deeper."""
    def relink(m: re.Match[str]) -> str:
        target = m[2]
        if "://" in target or target.startswith(("/", "mailto:")):
            return m[0]
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
        if resolved.startswith(SINGLE) or not (docs / resolved).exists():
            return m[1] + "../" + target
        return m[0]

    return _MD_LINK.sub(relink, text)


def multiply_pages(project: Path, factor: int) -> None:
    """Make about `factor` times the pages: copies of docs/ under docs/copy-N/, each added to the nav as a section
    (all but the pages that exist once, SINGLE)."""
    docs = project / "docs"
    original = list(docs.iterdir())
    for n in range(2, factor + 1):
        for item in original:
            if f"{item.name}/".startswith(SINGLE):
                continue
            target = docs / f"copy-{n}" / item.name
            if item.is_dir():
                shutil.copytree(item, target)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(item, target)
        for page in (docs / f"copy-{n}").rglob("*.md"):
            original_page = page.relative_to(docs / f"copy-{n}").as_posix()
            page.write_text(links_out_of_copy(page.read_text(encoding="utf-8"), original_page, docs), encoding="utf-8")
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    block = re.search(r"^nav:\n(?:[ \t#].*\n|\n)*", text + "\n", flags=re.MULTILINE)
    if block is None:
        return  # no nav: MkDocs finds the copies itself
    nav = yaml.safe_load(block.group(0))["nav"]
    nav += [{f"Copy {n}": prefixed_nav(nav, f"copy-{n}/")} for n in range(2, factor + 1)]
    new_block = yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True, width=200)
    config_path.write_text(text[: block.start()] + new_block + text[block.end():], encoding="utf-8")


def records(document: Any) -> list[dict[str, Any]]:
    """The list of records (mappings with an `id`) in one data document: the document itself or its first list."""
    candidates = [document] if isinstance(document, list) else list(document.values())
    for value in candidates:
        if isinstance(value, list) and value and all(isinstance(r, dict) and "id" in r for r in value):
            return value
    raise ValueError("no list of records with an 'id' in this document")


def synthesize_criteria(data: Path, docs: Path, total: int) -> int:
    """Rewrite data/criteria/*.yml to hold exactly `total` criteria; returns the count read back.

    Above the real count, real criteria are cloned with new IDs (the lowest item number free in their file), always
    into the file with the fewest, so that item numbers stay small. Below it, criteria that no page names are
    dropped.
    """
    files = sorted((data / "criteria").glob("*.yml"))
    documents = {path: yaml.safe_load(path.read_text(encoding="utf-8")) for path in files}
    lists = {path: records(doc) for path, doc in documents.items()}
    templates = {path: list(items) for path, items in lists.items()}
    count = sum(len(items) for items in lists.values())
    if count > total:
        pages = "\n".join(p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))
        for path in reversed(files):
            for record in reversed(list(lists[path])):
                if count > total and f"\"{record['id']}\"" not in pages and f"'{record['id']}'" not in pages:
                    lists[path].remove(record)
                    count -= 1
        if count > total:
            raise ValueError(f"cannot go down to {total} criteria: the pages name {count} of them")
    while count < total:
        path = min(files, key=lambda p: len(lists[p]))
        template = templates[path][len(lists[path]) % len(templates[path])]
        numbered = [re.fullmatch(r"(.*?)(\d+)", str(r["id"])) for r in lists[path]]
        prefix = next((m.group(1) for m in numbered if m), f"{template['id']}.")
        clone = copy.deepcopy(template)
        used = {int(m.group(2)) for m in numbered if m}
        clone["id"] = prefix + str(min(set(range(1, len(used) + 2)) - used))
        lists[path].append(clone)
        count += 1
    for path, doc in documents.items():
        path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return sum(len(records(yaml.safe_load(p.read_text(encoding="utf-8")))) for p in files)
