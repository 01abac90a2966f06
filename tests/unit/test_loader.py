"""Bad data is rejected with one line naming the file, the line, the record and the field; nothing is dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb import DataError, load_knowledge_base
from kb.context import BuildContext
from tests.support import FIXTURES

CRITERIA = "data/criteria/01-first-category.yml"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "data", tmp_path / "data")
    shutil.copytree(FIXTURES / "site" / "docs", tmp_path / "docs")
    return tmp_path


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    before = path.read_text(encoding="utf-8")
    assert old in before, f"{rel} no longer holds {old!r}: update the test case"
    path.write_text(before.replace(old, new, 1), encoding="utf-8")


def rejected(project: Path) -> str:
    with pytest.raises(DataError) as info:
        BuildContext.load(project)
    return str(info.value)


def test_fixture_data_loads_everything(project: Path) -> None:
    kb = load_knowledge_base(project)
    assert sorted(kb.criteria) == ["1.1", "1.3", "2.1"]
    assert {s: p.status for s, p in kb.criteria["1.1"].entities.items()} == {"importers": "should",
                                                                           "highway_carriers": "must"}
    assert kb.criteria["1.3"].pair("importers") is None
    inferred = kb.criteria["1.3"].pair("highway_carriers")
    assert inferred and inferred.inferred and not inferred.confirmed
    assert kb.evidence_level(inferred) == "omission"
    assert kb.glossary and kb.mra and kb.updates and kb.checklists and kb.training and kb.risk_worksheet
    assert kb.training.topics[0].roles == ("it",)


# (case, file, old text, new text, the exact message)
CASES = [
    ("missing field", CRITERIA, "    title: Program review\n", "",
     f"{CRITERIA}:26: record 1.3, field 'title': is missing (a required field)"),
    ("duplicate id", CRITERIA, 'id: "1.3"', 'id: "1.1"',
     f"{CRITERIA}:26: record 1.1, field 'id': duplicate '1.1'; already defined at {CRITERIA}:4"),
    ("bad designation", CRITERIA, "designation: must", "designation: maybe",
     f"{CRITERIA}:31: record 1.3, field 'designation': is 'maybe'; "
     "expected one of 'must', 'should', 'unknown', 'disputed'"),
    ("bad status for one entity", CRITERIA, "status: must", "status: required",
     f"{CRITERIA}:18: record 1.1, field 'entities.highway_carriers.status': is 'required'; "
     "expected one of 'must', 'should', 'applies', 'not_listed', 'disputed'"),
    ("unknown entity", CRITERIA, "      highway_carriers:\n        status: must",
     "      pirates:\n        status: must",
     f"{CRITERIA}:17: record 1.1, field 'entities.pirates': unknown entities slug 'pirates'; "
     "it must be one of the slugs in data/entities.yml"),
    ("a pair with no source", CRITERIA, "        status: must\n        sources: [src-official]\n",
     "        status: must\n        sources: []\n",
     f"{CRITERIA}:19: record 1.1, field 'entities.highway_carriers.sources': is []; minItems is 1"),
    ("an inference with no reason", CRITERIA, "        note: The type is missing from the slide's list for this ID.\n",
     "", f"{CRITERIA}:33: record 1.3, field 'entities.highway_carriers.note': is missing (a required field)"),
    ("only an omission can be inferred", CRITERIA, "status: not_listed", "status: should",
     f"{CRITERIA}:34: record 1.3, field 'entities.highway_carriers.status': is 'should'; expected 'not_listed'"),
    ("unknown source", CRITERIA, "\n    sources: [src-secondary]\n    confidence",
     "\n    sources: [src-nowhere]\n    confidence",
     f"{CRITERIA}:38: record 1.3, field 'sources[1]': unknown sources id 'src-nowhere'; "
     "it must be one of the ids in data/sources.yml"),
    ("id in the wrong category file", CRITERIA, 'id: "1.3"', 'id: "2.3"',
     f"{CRITERIA}:26: record 2.3, field 'id': prefix 2 does not match category 1; move it to the file for category 2"),
    ("unquoted id read as a number", CRITERIA, 'id: "1.3"', "id: 1.30",
     f'{CRITERIA}:26: record 1.30, field \'id\': 1.30 was read as a number (1.3), not text; quote it: id: "1.30"'),
    ("unknown field", CRITERIA, "    title: Program review\n", "    title: Program review\n    titel: x\n",
     f"{CRITERIA}:28: record 1.3, field 'titel': is not a known field (check the spelling against the schema)"),
    ("duplicate yaml key", CRITERIA, "    title: Program review\n", "    title: Program review\n    title: Other\n",
     f"{CRITERIA}:28: is not valid YAML: duplicate key 'title'"),
    ("malformed yaml", "data/sources.yml", "  - id: src-official", "  - id: [src-official",
     "data/sources.yml:4: is not valid YAML: did not find expected ',' or ']'"),
    ("missing related page", CRITERIA, "    confidence: secondary\n",
     "    confidence: secondary\n    related_pages: [guides/none.md]\n",
     f"{CRITERIA}:40: record 1.3, field 'related_pages[1]': page 'guides/none.md' does not exist under docs/"),
    ("bad history date", CRITERIA, 'date: "2019-11"', 'date: "2019-13"',
     f"{CRITERIA}:24: record 1.1, field 'history[1].date': is '2019-13'; not a real date (YYYY, YYYY-MM or "
     "YYYY-MM-DD)"),
    ("a day that does not exist", CRITERIA, 'date: "2019-11"', 'date: "2019-02-30"',
     f"{CRITERIA}:24: record 1.1, field 'history[1].date': is '2019-02-30'; not a real date (YYYY, YYYY-MM or "
     "YYYY-MM-DD)"),
    ("glossary terms that share an anchor", "data/glossary.yml", "term: ISO 17712", "term: scss",
     "data/glossary.yml: record scss, field 'term': gives the anchor #term-scss, as 'SCSS' does; "
     "make the terms differ in letters or digits"),
    ("entity cites an unknown source", "data/entities.yml", "sources: [src-official]", "sources: [src-gone]",
     "data/entities.yml:8: record importers, field 'sources[1]': unknown sources id 'src-gone'; "
     "it must be one of the ids in data/sources.yml"),
    ("entity with no source", "data/entities.yml", "sources: [src-official]", "sources: []",
     "data/entities.yml:8: record importers, field 'sources': is []; minItems is 1"),
    ("blank title", CRITERIA, "title: Program review", "title: '   '",
     f"{CRITERIA}:27: record 1.3, field 'title': is '   '; expected text matching ^[^<>\\n]*\\S[^<>\\n]*$"),
    ("markup in a title", CRITERIA, "title: Program review", "title: <img src=x onerror=alert(1)>",
     f"{CRITERIA}:27: record 1.3, field 'title': is '<img src=x onerror=alert(1)>'; expected text matching "
     "^[^<>\\n]*\\S[^<>\\n]*$"),
    # the six further tables: an unknown reference, a missing field, a wrong type and a duplicate key each
    ("updates: unknown criterion", "data/updates.yml", 'criteria: ["1.1"]', 'criteria: ["9.99"]',
     "data/updates.yml:12: record 2023-01-01, field 'criteria[1]': unknown criteria id '9.99'; "
     "it must be one of the ids in data/criteria/01-first-category.yml, data/criteria/02-second-category.yml"),
    ("updates: missing field", "data/updates.yml", "    summary: The program starts.\n", "",
     "data/updates.yml:3: record 2001-11, field 'summary': is missing (a required field)"),
    ("updates: wrong type", "data/updates.yml", 'date: "2001-11"', "date: 2001",
     'data/updates.yml:3: record 2001, field \'date\': 2001 was read as a number (2001), not text; '
     'quote it: date: "2001"'),
    ("updates: unknown page", "data/updates.yml", "page: index.md", "page: nowhere.md",
     "data/updates.yml:6: record 2001-11, field 'page': page 'nowhere.md' does not exist under docs/"),
    ("updates: duplicate key", "data/updates.yml", "    title: Launch\n", "    title: Launch\n    title: Start\n",
     "data/updates.yml:5: is not valid YAML: duplicate key 'title'"),
    ("checklists: unknown source", "data/checklists.yml", "sources: [src-official]", "sources: [no-such-source]",
     "data/checklists.yml:14: record box, field 'sources[1]': unknown sources id 'no-such-source'; "
     "it must be one of the ids in data/sources.yml"),
    ("checklists: missing field", "data/checklists.yml", "    purpose: Check a box before loading it.\n", "",
     "data/checklists.yml:3: record box, field 'purpose': is missing (a required field)"),
    ("checklists: wrong type", "data/checklists.yml", "record_fields: [Date, Inspector]", "record_fields: Date",
     "data/checklists.yml:7: record box, field 'record_fields': is 'Date'; expected a array"),
    ("checklists: duplicate key", "data/checklists.yml", "          - label: Base\n",
     "          - label: Base\n            label: Top\n",
     "data/checklists.yml:14: is not valid YAML: duplicate key 'label'"),
    ("training: unknown role", "data/training.yml", "roles: [it]", "roles: [pilot]",
     "data/training.yml:12: record cyber, field 'roles[1]': unknown training-roles slug 'pilot'; "
     "it must be one of the slugs in data/training.yml"),
    ("training: unknown criterion", "data/training.yml", 'criteria: ["1.1"]', 'criteria: ["1.9"]',
     "data/training.yml:11: record cyber, field 'criteria[1]': unknown criteria id '1.9'; "
     "it must be one of the ids in data/criteria/01-first-category.yml, data/criteria/02-second-category.yml"),
    ("training: duplicate role slug", "data/training.yml", "slug: it\n", "slug: guard\n",
     "data/training.yml:5: record guard, field 'slug': duplicate 'guard'; already defined at data/training.yml:3\n"
     "data/training.yml:12: record cyber, field 'roles[1]': unknown training-roles slug 'it'; "
     "it must be one of the slugs in data/training.yml"),
    ("training: missing field", "data/training.yml", "    timing: At hire and yearly\n", "",
     "data/training.yml:8: record cyber, field 'timing': is missing (a required field)"),
    ("training: wrong type", "data/training.yml", "roles: [it]", "roles: it",
     "data/training.yml:12: record cyber, field 'roles': is 'it'; expected a array"),
    ("glossary: missing field", "data/glossary.yml", "    definition: The CBP officer for a member.\n", "",
     "data/glossary.yml:3: record SCSS, field 'definition': is missing (a required field)"),
    ("glossary: unknown source", "data/glossary.yml", "    sources: [src-official]\n  - term: ISO",
     "    sources: [src-gone]\n  - term: ISO", "data/glossary.yml:8: record SCSS, field 'sources[1]': unknown "
     "sources id 'src-gone'; it must be one of the ids in data/sources.yml"),
    ("glossary: duplicate term", "data/glossary.yml", "term: ISO 17712", "term: SCSS",
     "data/glossary.yml:9: record SCSS, field 'term': duplicate 'SCSS'; already defined at data/glossary.yml:3"),
    ("glossary: wrong type", "data/glossary.yml", "abbreviation: false", "abbreviation: no way",
     "data/glossary.yml:11: record ISO 17712, field 'abbreviation': is 'no way'; expected a boolean"),
    ("glossary: unsafe abbreviation", "data/glossary.yml", "term: SCSS", "term: S]CSS",
     "data/glossary.yml:3: record S]CSS, field 'term': is 'S]CSS'; expected text matching "
     "^[A-Za-z0-9][A-Za-z0-9 .&/-]*$"),
    ("mra: missing field", "data/mra.yml", '    signed: "2022-09"\n', "",
     "data/mra.yml:10: record Brazil, field 'signed': is missing (a required field)"),
    ("mra: unknown source", "data/mra.yml", "sources: [src-secondary]", "sources: [src-gone]",
     "data/mra.yml:12: record Brazil, field 'sources[1]': unknown sources id 'src-gone'; "
     "it must be one of the ids in data/sources.yml"),
    ("mra: wrong type", "data/mra.yml", 'as_of: "2022-09"', "as_of: 2022-09-01",
     "data/mra.yml:2: field 'as_of': 2022-09-01 was read as a date (datetime.date(2022, 9, 1)), not text; "
     'quote it: as_of: "2022-09-01"'),
    ("mra: duplicate partner", "data/mra.yml", "partner: Brazil", "partner: New Zealand",
     "data/mra.yml:10: record New Zealand, field 'partner': duplicate 'New Zealand'; already defined at "
     "data/mra.yml:5"),
    ("worksheet: unknown criterion", "data/risk_worksheet.yml", 'criteria: ["2.1"]', 'criteria: ["2.9"]',
     "data/risk_worksheet.yml:11: record 1, field 'criteria[1]': unknown criteria id '2.9'; "
     "it must be one of the ids in data/criteria/01-first-category.yml, data/criteria/02-second-category.yml"),
    ("worksheet: missing field", "data/risk_worksheet.yml", "    examples: Drugs hidden in cargo\n", "",
     "data/risk_worksheet.yml:3: record smuggling, field 'examples': is missing (a required field)"),
    ("worksheet: wrong type", "data/risk_worksheet.yml", "number: 2", 'number: "2"',
     "data/risk_worksheet.yml:12: record 2, field 'number': is '2'; expected a integer"),
    ("worksheet: duplicate step", "data/risk_worksheet.yml", "number: 2", "number: 1",
     "data/risk_worksheet.yml:12: record 1, field 'number': duplicate '1'; already defined at "
     "data/risk_worksheet.yml:8"),
    ("anchors and aliases", "data/risk_worksheet.yml", "ratings: [Low, Medium, High]",
     "ratings: &r [Low, Medium, High]\nx: *r", "data/risk_worksheet.yml:6: uses a YAML anchor or alias (& or *); "
     "write each value out in full"),
    ("tab indentation", "data/risk_worksheet.yml", "    name: Contraband smuggling", "\tname: Contraband smuggling",
     "data/risk_worksheet.yml:4: is not valid YAML: found a tab character that violates indentation "
     "(the line holds a tab: indent with spaces)"),
    ("page cites an unknown criterion", "docs/index.md", 'criterion("1.1")', 'criterion("1.9")',
     'docs/index.md:10: criterion("1.9") names no criterion in data/criteria/'),
    ("page cites an unquoted id", "docs/index.md", 'criterion("1.1")', "criterion(1.10)",
     'docs/index.md:10: criterion(1.10): write the ID in quotes, criterion("1.10"); unquoted, 4.10 is read as 4.1'),
    ("page front matter is not YAML", "docs/other.md", "title: ", "title: [",
     "docs/other.md:3: front matter is not valid YAML: did not find expected ',' or ']'"),
]


@pytest.mark.parametrize(("rel", "old", "new", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_data_is_named_on_one_line(project: Path, rel: str, old: str, new: str, message: str) -> None:
    edit(project, rel, old, new)
    assert rejected(project) == message


def test_every_error_is_reported_at_once(project: Path) -> None:
    edit(project, CRITERIA, "sources: [src-secondary]", "sources: [a, b]")
    edit(project, "docs/index.md", 'criterion("1.1")', 'criterion("1.8")')
    edit(project, "docs/other.md", "## Second section", '## Second section\n\n{{ criterion("1.7") }}')
    message = rejected(project)
    assert "unknown sources id 'a'" in message and "unknown sources id 'b'" in message
    project_only = load_knowledge_base  # the data errors come first; fix them and the pages' come all at once
    edit(project, CRITERIA, "sources: [a, b]", "sources: [src-secondary]")
    assert project_only(project)
    lines = rejected(project).splitlines()
    assert lines == ['docs/index.md:10: criterion("1.8") names no criterion in data/criteria/',
                     'docs/other.md:12: criterion("1.7") names no criterion in data/criteria/']


def test_file_name_must_match_category(project: Path) -> None:
    (project / CRITERIA).rename(project / "data/criteria/01-wrong.yml")
    assert rejected(project) == "data/criteria/01-wrong.yml: file name should be 01-first-category.yml"


def test_copied_file_is_named(project: Path) -> None:
    shutil.copy(project / CRITERIA, project / "data/criteria/02-copy.yml")
    assert "data/criteria/02-copy.yml: file name should be 02-second-category.yml" in rejected(project)


@pytest.mark.parametrize("bad_id", ["1.03", "1", "A.1", "1.1.1", "1-1"])
def test_bad_id_format(project: Path, bad_id: str) -> None:
    edit(project, CRITERIA, 'id: "1.3"', f'id: "{bad_id}"')
    assert rejected(project).startswith(f"{CRITERIA}:26: record {bad_id}, field 'id': is '{bad_id}'; expected text")


def test_a_file_with_no_table_is_named(project: Path) -> None:
    (project / "data/widgets.yml").write_text("widgets: []\n", encoding="utf-8")
    assert rejected(project) == ("data/widgets.yml: is not a known table: add a field 'widgets' to KnowledgeBase "
                                 "in kb/models.py")


def test_editor_leftovers_are_ignored(project: Path) -> None:
    (project / "data/criteria/01-first-category.yml~").write_text("garbage: [", encoding="utf-8")
    (project / "data/.sources.yml.swp").write_bytes(b"\x00\xff")
    assert load_knowledge_base(project).criteria


@pytest.mark.parametrize("rel", ["data/sources.yml", "docs/other.md"])
def test_bytes_that_are_not_utf8_are_named(project: Path, rel: str) -> None:
    path = project / rel
    lines = path.read_bytes().split(b"\n")
    lines[2] += b" d\xe9j\xe0"
    path.write_bytes(b"\n".join(lines))
    assert rejected(project) == f"{rel}:3: is not UTF-8 text (byte 0xe9); save the file as UTF-8"


@pytest.mark.parametrize("rel", ["data/sources.yml", CRITERIA, "docs/index.md"])
def test_bom_and_crlf_load_fine(project: Path, rel: str) -> None:
    path = project / rel
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    context = BuildContext.load(project)
    assert context.pages["index.md"].title == "Fixture home"
    assert "index.md" in context.backlinks["1.1"]


def test_hostile_values_are_cut_short_in_messages(project: Path) -> None:
    edit(project, CRITERIA, "designation: must", "designation: " + "x" * 100_000)
    message = rejected(project)
    assert len(message) < 400 and message.startswith(f"{CRITERIA}:31: record 1.3, field 'designation': is 'xxx")
