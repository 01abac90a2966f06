"""The preview's dirty rebuilds (kb/incremental.py): what each page reads of the others, which pages a change
reaches, and the search index kept whole. The served preview itself is tested in tests/site/test_preview.py."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kb import incremental
from kb.context import BuildContext
from kb.models import KnowledgeBase
from kb.pages import PageInfo

ROOT = Path(__file__).resolve().parent.parent.parent
META = {"title": "T", "description": "D.", "last_reviewed": "2026-11-27", "sources": ["cbp-ctpat-home"]}


@pytest.fixture(autouse=True)
def _fresh_state() -> Any:
    incremental.start(dirty=True)
    yield
    incremental.start(dirty=False)


def test_a_category_page_reads_the_backlinks_of_its_own_criteria_only(kb: KnowledgeBase) -> None:
    context = BuildContext(kb, {})
    context.start_page("criteria/seal-security.md", dict(META))
    context.macros()["category_criteria"](6)
    reads = context.reads["criteria/seal-security.md"]
    assert reads == {f"backlinks:{c.id}" for c in kb.criteria_in(6)}
    assert "backlinks:*" not in reads and "citations" not in reads


def test_a_sources_page_reads_every_pages_sources_list(kb: KnowledgeBase) -> None:
    context = BuildContext(kb, {})
    context.start_page("sources/official.md", dict(META))  # a page of the Sources section
    context.macros()["sources_page"]()
    assert "citations" in context.reads["sources/official.md"]
    context.start_page("seminars/guide.md", dict(META))
    context.macros()["criterion"]("6.7")
    assert context.reads["seminars/guide.md"] == set()


def test_a_change_in_who_cites_a_criterion_reaches_the_pages_that_read_it() -> None:
    old = {"6.7": {"a.md": "A"}, "1.1": {"b.md": "B"}}
    new = {"6.7": {"a.md": "A", "c.md": "C"}, "1.1": {"b.md": "B"}, "2.1": {"c.md": "C"}}
    changed = incremental.changed_backlinks(old, new)
    assert changed == {"6.7", "2.1"}
    reads = {"criteria/seal.md": {"backlinks:6.7", "backlinks:6.8"}, "criteria/vision.md": {"backlinks:1.1"},
             "everything.md": {"backlinks:*"}, "sources.md": {"citations"}, "plain.md": set()}
    assert incremental.readers(reads, {f"backlinks:{c}" for c in changed}) == {"criteria/seal.md", "everything.md"}
    assert incremental.readers(reads, {"citations"}) == {"sources.md"}
    assert incremental.readers(reads, set()) == set()


def test_a_pages_sources_inputs_are_its_front_matter_sources_and_its_macro_calls() -> None:
    info = PageInfo("a.md", {"title": "A", "sources": ["x"]})
    text = "---\ntitle: A\n---\n\nProse {{ criterion(\"1.1\") }}.\n"
    same = incremental.sources_inputs(info, text.replace("Prose", "Other prose"))
    assert incremental.sources_inputs(info, text) == same
    assert incremental.sources_inputs(info, text + '{{ checklist("x") }}\n') != same
    assert incremental.sources_inputs(PageInfo("a.md", {"title": "A", "sources": ["y"]}), text) != same


def _entry(location: str, text: str = "") -> dict[str, Any]:
    return {"location": location, "title": location or "home", "text": text}


def test_the_search_index_keeps_the_pages_a_dirty_build_did_not_render() -> None:
    state = incremental.STATE
    state.previous = incremental.Snapshot((), (), {}, {}, {}, {}, {}, search=[
        _entry(""), _entry("#intro"), _entry("a/"), _entry("a/#one"), _entry("gone/"), _entry("b/")])
    state.planned = {"a.md"}
    state.rendered = {"a.md": "a/"}
    merged = incremental.merged_search([_entry("a/", "new"), _entry("a/#two")], ["", "a/", "b/"])
    assert [e["location"] for e in merged] == ["", "#intro", "a/", "a/#two", "b/"]
    assert merged[2]["text"] == "new"
    # A full build's entries stand as they are.
    state.planned, state.compare = None, False
    assert incremental.merged_search([_entry("a/")], ["", "a/"]) == [_entry("a/")]


def test_the_code_and_data_the_preview_watches_are_the_ones_it_fingerprints() -> None:
    """A change to a file the preview does not fingerprint would rebuild too little: every folder watched by
    mkdocs.yml counts (for the code or for the data)."""
    watched = re.search(r"^watch:\n((?:  - .*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert watched
    names = {line.split("#")[0].strip().removeprefix("- ").strip() for line in watched.group(1).splitlines()}
    assert names <= {*incremental.CODE, *incremental.DATA}
    assert {"mkdocs.yml", "kb", "macros.py", "includes", "overrides"} <= set(incremental.CODE)


def test_make_serve_builds_dirty_and_never_strict() -> None:
    """`make serve` rebuilds only what changed (--dirty, which MkDocs' strict mode would abort on its own warning);
    `make build` stays strict and clean."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve = re.search(r"^serve:.*\n(?:\t.*\n)+", makefile, re.MULTILINE)
    build = re.search(r"^build:.*\n(?:\t.*\n)+", makefile, re.MULTILINE)
    assert serve and build
    assert "mkdocs serve" in serve.group(0) and "--dirty" in serve.group(0) and "--strict" not in serve.group(0)
    assert "--strict --clean" in build.group(0) and "--dirty" not in build.group(0)
    assert "strict:" not in re.sub(r"#.*", "", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_the_template_cache_compiles_a_changed_template_again(tmp_path: Path) -> None:
    import jinja2

    cache = incremental.MemoryBytecodeCache()
    (tmp_path / "t.html").write_text("one {{ x }}", encoding="utf-8")

    def render() -> str:  # a new environment per build, as MkDocs makes
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
        return env.get_template("t.html").render(x=1)

    assert render() == "one 1" and render() == "one 1"
    (tmp_path / "t.html").write_text("two {{ x }}", encoding="utf-8")
    assert render() == "two 1"


def test_a_data_file_edited_after_a_good_load_is_read_and_validated_again(tmp_path: Path) -> None:
    """The loader keeps each file's validated document between the preview's loads; an edit, or a schema change,
    is still checked."""
    import shutil

    from kb.errors import DataError
    from kb.loader import load_knowledge_base

    shutil.copytree(ROOT / "tests/fixtures/data", tmp_path / "data")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    shutil.copytree(ROOT / "tests/fixtures/site/docs", tmp_path / "docs")
    assert load_knowledge_base(tmp_path, schema_dir=tmp_path / "schemas").criteria["1.1"].designation == "should"
    criteria = tmp_path / "data/criteria/01-first-category.yml"
    good = criteria.read_text(encoding="utf-8")
    criteria.write_text(good.replace("designation: should", "designation: perhaps", 1), encoding="utf-8")
    with pytest.raises(DataError, match="perhaps"):
        load_knowledge_base(tmp_path, schema_dir=tmp_path / "schemas")
    criteria.write_text(good.replace("designation: should", "designation: must", 1), encoding="utf-8")
    assert load_knowledge_base(tmp_path, schema_dir=tmp_path / "schemas").criteria["1.1"].designation == "must"
    schema = tmp_path / "schemas/criteria.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"must"', '"mandatory"', 1), encoding="utf-8")
    with pytest.raises(DataError):
        load_knowledge_base(tmp_path, schema_dir=tmp_path / "schemas")


def test_a_rescan_parses_again_only_the_pages_whose_text_changed(tmp_path: Path) -> None:
    from kb.pages import scan_docs

    (tmp_path / "a.md").write_text("---\ntitle: A\n---\nText.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntitle: B\n---\nText.\n", encoding="utf-8")
    first = scan_docs(tmp_path)
    (tmp_path / "b.md").write_text("---\ntitle: B again\n---\nText.\n", encoding="utf-8")
    second = scan_docs(tmp_path)
    assert second["a.md"] is first["a.md"]  # kept, not parsed again
    assert second["b.md"].title == "B again" and first["b.md"].title == "B"
    (tmp_path / "a.md").unlink()
    assert list(scan_docs(tmp_path)) == ["b.md"]
