"""The criteria downloads in the built site: written from the data, every one parsed (openpyxl for the XLSX, the
JSON against the schema published beside it, the OSCAL through compliance-trestle), with the rows the data implies,
and the same bytes in another process, time zone and day (two whole builds: tests/site/test_reproducible.py)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator
from openpyxl import load_workbook

from kb import KnowledgeBase, exports
from kb.render.common import status_key
from tests.support import ROOT, site_url

TRESTLE_BIN = ROOT / ".venv-trestle" / "bin"


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def test_every_download_is_written_from_the_data(built_site: Path, kb: KnowledgeBase) -> None:
    expected = exports.files(kb, site_url())
    assert len(expected) == 3 * (1 + len(kb.entities)) + 2 + len(kb.entities)
    for path, content in expected.items():
        assert (built_site / path).read_bytes() == _bytes(content), path


def test_every_download_parses_with_the_rows_the_data_implies(built_site: Path, kb: KnowledgeBase) -> None:
    ids = [c.id for c in kb.select()]
    schema = json.loads((built_site / exports.SCHEMA_PATH).read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    for entity in [None, *kb.entities]:
        data = (built_site / exports.download_path(entity, "csv")).read_bytes()
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert data.startswith(b"\xef\xbb\xbf") and [r[0] for r in rows[1:]] == ids
        wb = load_workbook(built_site / exports.download_path(entity, "xlsx"), read_only=True)
        sheet = wb["Criteria"]
        assert [r[0] for r in sheet.iter_rows(min_row=2, max_col=1, values_only=True)] == ids
        wb.close()
        document = json.loads((built_site / exports.download_path(entity, "json")).read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(document))
        assert [r["id"] for r in document["criteria"]] == ids


def _trestle_workspace(built_site: Path, kb: KnowledgeBase, root: Path) -> None:
    assert (TRESTLE_BIN / "trestle").is_file(), (
        f"{TRESTLE_BIN}/trestle is missing: `make test` installs it (`make trestle`, from requirements-trestle.txt)")
    root.mkdir()
    subprocess.run([str(TRESTLE_BIN / "trestle"), "init"], cwd=root, check=True, capture_output=True, timeout=120)
    (root / "catalogs" / "ctpat-msc").mkdir()
    shutil.copy(built_site / exports.CATALOG_PATH, root / "catalogs" / "ctpat-msc" / "catalog.json")
    shutil.copy(built_site / exports.CATALOG_PATH, root)  # the profiles import it from beside them
    for entity in kb.entities:
        (root / "profiles" / entity).mkdir()
        shutil.copy(built_site / exports.profile_path(entity), root / "profiles" / entity / "profile.json")


_RESOLVE = """
import json, pathlib, sys
from trestle.core.profile_resolver import ProfileResolver
found = {}
for profile in sorted(pathlib.Path("profiles").glob("*/profile.json")):
    catalog = ProfileResolver.get_resolved_profile_catalog(pathlib.Path("."), profile)
    controls = [c for g in catalog.groups or [] for c in g.controls or []]
    found[profile.parent.name] = {c.id: [p.value for p in c.props or [] if p.name == "status"] for c in controls}
json.dump(found, sys.stdout)
"""


def test_the_oscal_passes_trestle_and_each_profile_resolves_to_the_types_criteria(
        built_site: Path, kb: KnowledgeBase, tmp_path: Path) -> None:
    root = tmp_path / "trestle"
    _trestle_workspace(built_site, kb, root)
    proc = subprocess.run([str(TRESTLE_BIN / "trestle"), "validate", "-a"], cwd=root, capture_output=True,
                          text=True, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    assert output.count("VALID: Model") == 1 + len(kb.entities), output[-3000:]
    assert "WARNING" not in output and "INVALID" not in output, output[-3000:]
    proc = subprocess.run([str(TRESTLE_BIN / "python"), "-c", _RESOLVE], cwd=root, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    resolved = json.loads(proc.stdout)
    for entity in kb.entities:
        expected = {f"ctpat-{c.id}": [status_key(c.pair(entity))] for c in exports.profile_criteria(kb, entity)}
        assert resolved[entity] == expected, entity


def test_a_broken_catalog_fails_trestle(built_site: Path, kb: KnowledgeBase, tmp_path: Path) -> None:
    """The validation above can fail: a control without its title is refused."""
    root = tmp_path / "trestle"
    _trestle_workspace(built_site, kb, root)
    target = root / "catalogs" / "ctpat-msc" / "catalog.json"
    catalog = json.loads(target.read_text(encoding="utf-8"))
    del catalog["catalog"]["groups"][0]["controls"][0]["title"]
    target.write_text(json.dumps(catalog), encoding="utf-8")
    proc = subprocess.run([str(TRESTLE_BIN / "trestle"), "validate", "-f", str(target)], cwd=root,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0


_AGAIN = """
import sys
from pathlib import Path
from kb import exports, load_knowledge_base
files = exports.files(load_knowledge_base(Path(sys.argv[1])), sys.argv[2])
for path, content in sorted(files.items()):
    data = content.encode() if isinstance(content, str) else content
    sys.stdout.buffer.write(path.encode() + b"\\0" + str(len(data)).encode() + b"\\0" + data)
"""


def test_the_downloads_are_the_same_bytes_in_another_process_zone_and_day(kb: KnowledgeBase) -> None:
    """Another hash seed, time zone and SOURCE_DATE_EPOCH: nothing in the files depends on them or the clock."""
    here = exports.files(kb, site_url())
    env = {"PYTHONPATH": str(ROOT), "TZ": "Pacific/Kiritimati", "PYTHONHASHSEED": "7", "SOURCE_DATE_EPOCH": "1000"}
    proc = subprocess.run([sys.executable, "-c", _AGAIN, str(ROOT), site_url()], capture_output=True, timeout=120,
                          env=env, check=True)
    there: dict[str, bytes] = {}
    rest = proc.stdout
    while rest:
        name, size, rest = rest.split(b"\0", 2)
        there[name.decode()], rest = rest[:int(size)], rest[int(size):]
    assert sorted(there) == sorted(here)
    assert [p for p, content in here.items() if there[p] != _bytes(content)] == []


def test_the_downloads_page_lists_every_file_with_its_real_size(built_site: Path, kb: KnowledgeBase) -> None:
    from bs4 import BeautifulSoup

    from kb.postbuild import downloads
    from kb.render import assessment
    from kb.render.downloads import human_size

    page = BeautifulSoup((built_site / "tools" / "downloads" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    listed = {}
    for link in page.select("article a[href*='downloads/'], article a[href$='feed.xml']"):
        target = (built_site / "tools" / "downloads" / str(link["href"])).resolve().relative_to(built_site)
        size = link.find_next_sibling("span", class_="kb-size")
        if size is not None:
            listed[target.as_posix()] = size.get_text()
    generated = [p for p in downloads(kb, site_url())
                 if p != assessment.criteria_script_path(kb)]  # the self-assessment's data, not a download
    assert sorted(listed) == sorted(generated)
    for path in generated:
        assert listed[path] == f"({human_size((built_site / path).stat().st_size)})", path


def test_home_and_every_entity_page_link_to_the_downloads(built_site: Path, kb: KnowledgeBase) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="tools/downloads/"' in home
    for slug, entity in kb.entities.items():
        html = (built_site / entity.page.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        for path in [*(exports.download_path(slug, ext) for ext in ("xlsx", "csv", "json")),
                     exports.profile_path(slug), "tools/downloads/"]:
            assert f'href="../../../{path}"' in html, (slug, path)
