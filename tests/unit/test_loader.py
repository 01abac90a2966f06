"""Bad data is rejected with a message naming the file, the record and the field; nothing is dropped."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kb import DataError, load_knowledge_base
from tests.support import FIXTURES

CRITERIA = "data/criteria/01-first-category.yml"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    return tmp_path


def edit(project: Path, rel: str, change: Callable[[str], str]) -> None:
    path = project / rel
    before = path.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the mutation did not change the file"
    path.write_text(after, encoding="utf-8")


def rejected(project: Path) -> str:
    with pytest.raises(DataError) as info:
        load_knowledge_base(project)
    return str(info.value)


def test_fixture_data_loads_everything(project: Path) -> None:
    kb = load_knowledge_base(project)
    assert sorted(kb.criteria) == ["1.1", "1.3", "2.1"]
    assert kb.criteria["1.1"].applies_to == {"importers": "should", "highway_carriers": "must"}
    assert kb.criteria["1.3"].designation_for("importers") == "unknown"


def test_missing_field(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace("    title: Program review\n", ""))
    assert rejected(project) == f"{CRITERIA}, record 1.3, field 'title': is missing (a required field)"


def test_duplicate_id(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace('id: "1.3"', 'id: "1.1"'))
    assert rejected(project) == f"{CRITERIA}, record 1.1, field 'id': duplicate ID; already defined in {CRITERIA}"


def test_copied_file_and_moved_id_are_named(project: Path) -> None:
    other = "data/criteria/02-second-category.yml"
    shutil.copy(project / CRITERIA, project / "data/criteria/02-copy.yml")
    message = rejected(project)
    assert "data/criteria/02-copy.yml" in message and "file name should be 02-second-category.yml" in message
    (project / "data/criteria/02-copy.yml").unlink()
    edit(project, other, lambda s: s.replace('id: "2.1"', 'id: "1.1"'))
    assert "prefix 1 does not match category 2" in rejected(project)


def test_bad_designation(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace("designation: must", "designation: maybe"))
    assert rejected(project) == (f"{CRITERIA}, record 1.3, field 'designation': is 'maybe'; "
                                 "expected one of 'must', 'should', 'unknown'")


def test_bad_designation_for_one_entity(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace("highway_carriers: must", "highway_carriers: required"))
    message = rejected(project)
    assert message.startswith(f"{CRITERIA}, record 1.1, field 'applies_to")
    assert "'required'" in message


def test_unknown_entity(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace("highway_carriers: must", "pirates: must"))
    assert rejected(project) == (f"{CRITERIA}, record 1.1, field 'applies_to': unknown entity type 'pirates'; "
                                 "expected one of the slugs in data/entities.yml")


def test_unknown_source(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace("sources: [src-secondary]", "sources: [src-nowhere]"))
    assert rejected(project) == (f"{CRITERIA}, record 1.3, field 'sources': unknown source 'src-nowhere'; "
                                 "add it to data/sources.yml")


def test_id_in_wrong_category_file(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace('id: "1.3"', 'id: "2.3"'))
    assert rejected(project) == (f"{CRITERIA}, record 2.3, field 'id': prefix 2 does not match category 1; "
                                 "move it to the file for category 2")


@pytest.mark.parametrize("bad_id", ["1.03", "1", "A.1", "1.1.1", "1-1"])
def test_bad_id_format(project: Path, bad_id: str) -> None:
    edit(project, CRITERIA, lambda s: s.replace('id: "1.3"', f'id: "{bad_id}"'))
    message = rejected(project)
    assert message.startswith(f"{CRITERIA}, record {bad_id}, field 'id': is '{bad_id}'; expected text matching")


def test_unquoted_id_is_explained(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace('id: "1.3"', "id: 1.3"))
    assert "quote dates and IDs in YAML" in rejected(project)


def test_unknown_field_is_named(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace("    title: Program review\n",
                                                "    title: Program review\n    titel: x\n"))
    assert rejected(project) == (f"{CRITERIA}, record 1.3, field 'titel': is not a known field "
                                 "(check the spelling against the schema)")


def test_duplicate_yaml_key_is_not_silently_overwritten(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace("    title: Program review\n",
                                                "    title: Program review\n    title: Other\n"))
    message = rejected(project)
    assert message.startswith(f"{CRITERIA}: is not valid YAML") and "duplicate key 'title'" in message


def test_malformed_yaml(project: Path) -> None:
    edit(project, "data/sources.yml", lambda s: s.replace("  - id: src-official", "  - id: [src-official"))
    assert rejected(project).startswith("data/sources.yml: is not valid YAML")


def test_missing_related_page(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace("    confidence: secondary\n",
                                                "    confidence: secondary\n    related_pages: [guides/none.md]\n"))
    assert rejected(project) == (f"{CRITERIA}, record 1.3, field 'related_pages': page 'guides/none.md' "
                                 "does not exist under docs/")


def test_file_name_must_match_category(project: Path) -> None:
    (project / CRITERIA).rename(project / "data/criteria/01-wrong.yml")
    assert rejected(project) == "data/criteria/01-wrong.yml: file name should be 01-first-category.yml"


def test_every_error_is_reported_at_once(project: Path) -> None:
    edit(project, CRITERIA, lambda s: s.replace("sources: [src-secondary]", "sources: [a, b]"))
    message = rejected(project)
    assert "unknown source 'a'" in message and "unknown source 'b'" in message
