"""The supply chain: hash-pinned installs that match the lock, actions pinned by SHA, deploys only after tests."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LOCKS = ["requirements.txt", "requirements-dev.txt"]
_REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
# pip, setuptools and wheel come with the virtual environment, not from the lock.
_SEED = {"pip", "setuptools", "wheel"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text(encoding="utf-8")
    return {_norm(m.group(1)): m.group(2) for m in map(_REQUIREMENT.match, text.splitlines()) if m}


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_requirement_is_pinned_with_hashes(lock: str) -> None:
    text = (ROOT / lock).read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])  # after the two header lines
    requirements = [e for e in entries if e.strip() and not e.startswith("#")]
    assert len(requirements) == len(_locked(lock)) > 5
    for entry in requirements:
        assert _REQUIREMENT.match(entry), f"{lock}: not pinned with ==: {entry.splitlines()[0]}"
        assert "--hash=sha256:" in entry, f"{lock}: no hash for {entry.splitlines()[0]}"
    assert (ROOT / lock.replace(".txt", ".in")).exists(), f"{lock} has no source .in file"


def test_site_lock_agrees_with_the_dev_lock() -> None:
    site, dev = _locked("requirements.txt"), _locked("requirements-dev.txt")
    assert {name: dev.get(name) for name in site} == site


def test_the_environment_holds_exactly_what_the_dev_lock_names() -> None:
    installed = {_norm(d.metadata["Name"]): d.version for d in metadata.distributions()}
    installed = {name: version for name, version in installed.items() if name not in _SEED}
    assert installed == _locked("requirements-dev.txt"), "run `make clean test` to reinstall from the lock"


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_full_commit_sha_with_the_tag_in_a_comment(workflow: Path) -> None:
    uses = re.findall(r"uses:\s*(\S+)(.*)", workflow.read_text(encoding="utf-8"))
    for action, rest in uses:
        if action.startswith("./"):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), f"{workflow.name}: {action} not pinned by SHA"
        assert re.fullmatch(r"\s*# v\d+(\.\d+)*", rest), f"{workflow.name}: {action} has no '# vX.Y.Z' comment"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_do_not_keep_credentials(workflow: Path) -> None:
    for name, job in _load(workflow)["jobs"].items():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, f"{workflow.name}: {name}"


def _needs(job: dict[str, Any]) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def test_deploys_only_follow_a_green_make_test() -> None:
    deployers = []
    for workflow in WORKFLOWS:
        jobs = _load(workflow)["jobs"]
        for name, job in jobs.items():
            if any("deploy-pages" in str(step.get("uses", "")) for step in job.get("steps", [])):
                deployers.append(f"{workflow.name}:{name}")
                ancestors, todo = set(), _needs(job)
                while todo:
                    parent = todo.pop()
                    ancestors.add(parent)
                    todo += _needs(jobs[parent])
                runs_tests = [a for a in ancestors
                              if any("make test" in str(s.get("run", "")) or ".ci/run" in str(s.get("run", ""))
                                     for s in jobs[a].get("steps", []))]
                assert runs_tests, f"{workflow.name}: job {name} deploys without needing the job that runs make test"
                # The artefact it deploys is built by a job that also waits for the tests.
                for parent in ancestors:
                    if any("upload-pages-artifact" in str(s.get("uses", "")) for s in jobs[parent]["steps"]):
                        assert set(runs_tests) & _closure(jobs, parent), f"{parent} builds before the tests pass"
    assert deployers, "no workflow deploys the site"


def _closure(jobs: dict[str, Any], name: str) -> set[str]:
    seen: set[str] = set()
    todo = _needs(jobs[name])
    while todo:
        parent = todo.pop()
        seen.add(parent)
        todo += _needs(jobs[parent])
    return seen
