"""What changed in the criteria data between two git revisions, one readable line per change.

    python -m kb.diff BASE HEAD [--repo PATH]

Each revision's data/, schemas/ and the page names under docs/ are copied out of git (`git show REV:path`) into
a temporary folder and loaded with kb.loader, so both sides are validated as a build would validate them.
Reports criteria added, removed or reworded, and changes of the general designation, the confidence, the
sources, and each entity type's status, inference and sources. CI writes the output to a pull request's summary.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kb.errors import DataError
from kb.loader import load_knowledge_base
from kb.models import Criterion, KnowledgeBase, Pair

REWORDED_FIELDS = ("title", "summary", "guidance", "evidence", "provenance", "note")


def _git(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", "-c", f"safe.directory={repo.resolve()}", "-C", str(repo), *args],
                          check=True, capture_output=True).stdout


def load_revision(repo: Path, rev: str, into: Path) -> KnowledgeBase:
    """The knowledge base as it was at `rev`: data and schemas as committed; pages as empty files (only their
    names matter, for references to pages)."""
    listed = _git(repo, "ls-tree", "-r", "--name-only", rev, "--", "data", "schemas", "docs").decode().splitlines()
    for name in listed:
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name.startswith("docs/"):
            target.touch()
        else:
            target.write_bytes(_git(repo, "show", f"{rev}:{name}"))
    return load_knowledge_base(into, schema_dir=into / "schemas")


def _list(values: Iterable[str]) -> str:
    return ", ".join(values) or "none"


def _sources_change(before: tuple[str, ...], after: tuple[str, ...]) -> str | None:
    added = [s for s in after if s not in before]
    removed = [s for s in before if s not in after]
    if not added and not removed:
        return None
    return "; ".join(part for part in (f"added {_list(added)}" if added else "",
                                       f"removed {_list(removed)}" if removed else "") if part)


def _status(pair: Pair | None) -> str:
    if pair is None:
        return "not recorded"
    return f"{pair.status} (inferred)" if pair.inferred else pair.status


def _entity_changes(cid: str, old: Criterion, new: Criterion, names: dict[str, str]) -> list[str]:
    lines = []
    for slug in sorted(set(old.entities) | set(new.entities), key=lambda s: names.get(s, s)):
        before, after = old.entities.get(slug), new.entities.get(slug)
        name = names.get(slug, slug)
        if _status(before) != _status(after):
            lines.append(f"{cid} for {name}: status {_status(before)} -> {_status(after)}")
        if before and after:
            sources = _sources_change(before.sources, after.sources)
            if sources:
                lines.append(f"{cid} for {name}: sources {sources}")
            if before.note != after.note:
                lines.append(f"{cid} for {name}: note changed")
        elif after and not before:
            lines.append(f"{cid} for {name}: sources {_list(after.sources)}")
    return lines


def criterion_changes(old: Criterion, new: Criterion, names: dict[str, str]) -> list[str]:
    """The changes to one criterion, one line each."""
    cid, lines = new.id, []
    if old.title != new.title:
        lines.append(f'{cid} reworded: title "{old.title}" -> "{new.title}"')
    other = [f for f in REWORDED_FIELDS[1:] if getattr(old, f) != getattr(new, f)]
    if other:
        lines.append(f"{cid} reworded: {', '.join(other)} changed")
    if old.designation != new.designation:
        lines.append(f"{cid} general designation: {old.designation} -> {new.designation}")
    if old.confidence != new.confidence:
        lines.append(f"{cid} confidence: {old.confidence} -> {new.confidence}")
    sources = _sources_change(old.sources, new.sources)
    if sources:
        lines.append(f"{cid} sources: {sources}")
    lines += _entity_changes(cid, old, new, names)
    added_history = [h for h in new.history if h not in old.history]
    lines += [f"{cid} history: {h.date}: {h.change}" for h in added_history]
    return lines


def diff(old: KnowledgeBase, new: KnowledgeBase) -> list[str]:
    """Every change to the criteria from `old` to `new`, in criterion ID order."""
    names = {slug: e.name for kb in (old, new) for slug, e in kb.entities.items()}
    lines = []
    ids = sorted(set(old.criteria) | set(new.criteria), key=lambda i: tuple(int(p) for p in i.split(".")))
    for cid in ids:
        before, after = old.criteria.get(cid), new.criteria.get(cid)
        if before is None and after is not None:
            listed = ", ".join(f"{names.get(s, s)} {_status(p)}" for s, p in after.entities.items())
            lines.append(f'{cid} added: "{after.title}" (general {after.designation}, {after.confidence}; '
                         f"sources {_list(after.sources)})" + (f"; for {listed}" if listed else ""))
        elif after is None and before is not None:
            lines.append(f'{cid} removed: "{before.title}"')
        elif before is not None and after is not None:
            lines += criterion_changes(before, after, names)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb.diff", description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the revision before, e.g. origin/main or a commit")
    parser.add_argument("head", help="the revision after, e.g. HEAD")
    parser.add_argument("--repo", type=Path, default=Path.cwd(), help="the git repository (default: here)")
    parser.add_argument("--markdown", action="store_true", help="a Markdown list with a heading, for CI summaries")
    args = parser.parse_args(argv)
    loaded = []
    for rev in (args.base, args.head):
        with tempfile.TemporaryDirectory(prefix="kb-diff-") as tmp:
            try:
                loaded.append(load_revision(args.repo, rev, Path(tmp)))
            except subprocess.CalledProcessError as exc:
                print(f"kb.diff: git could not read {rev}: {exc.stderr.decode().strip()}", file=sys.stderr)
                return 2
            except DataError as exc:
                print(f"kb.diff: the data at {rev} does not load:\n{exc}", file=sys.stderr)
                return 2
            except TypeError as exc:
                print(f"kb.diff: the data at {rev} does not fit this version's data model (kb/models.py): {exc}",
                      file=sys.stderr)
                return 2
    lines = diff(*loaded)
    if args.markdown:
        print(f"## Criteria data: {args.base} -> {args.head}\n")
        print("\n".join(f"- {line}" for line in lines) if lines else "No changes to the criteria data.")
    else:
        print("\n".join(lines) if lines else "No changes to the criteria data.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
