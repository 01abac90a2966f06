"""Build benchmarks: `make bench` prints figures and appends them to benchmarks/RESULTS.md.

Measures, on a scratch copy of the project (benchmarks/.work, not committed):
1. the real site: median strict build time over RUNS builds, ms per page, page count, site size;
2. navigation.prune on and off (build time and size of the nav written into every page);
3. synthetic criteria sets of growing size, up to 1,000 criteria generated here: how build time grows;
4. the share of build time spent in the knowledge base: data loading and validation, the macros, the
   downloads and the link check of the output.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SYNTHETIC_SIZES = [100, 250, 500, 1000]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


def copy_project(name: str) -> Path:
    target = WORK / name
    if target.exists():
        shutil.rmtree(target)
    ignore = shutil.ignore_patterns(".venv*", "site", "site-zensical", ".git", "benchmarks", "__pycache__", ".*cache",
                                    ".hypothesis")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def build_once(project: Path, timers: dict[str, float] | None = None) -> tuple[float, Path]:
    """One in-process strict build; returns seconds and the site dir."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = project / "site"
    cwd = Path.cwd()
    os.chdir(project)
    sys.path.insert(0, str(project))
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        start = time.perf_counter()
        if timers is not None:
            with instrumented(timers):
                build(config)
        else:
            build(config)
        return time.perf_counter() - start, site_dir
    finally:
        os.chdir(cwd)
        sys.path.remove(str(project))


class instrumented:
    """Wrap the knowledge base's entry points and the macros plugin's page rendering with timers."""

    def __init__(self, timers: dict[str, float]) -> None:
        self.timers = timers
        self.restore: list[tuple[Any, str, Any]] = []

    def _wrap(self, owner: Any, name: str, key: str) -> None:
        original = getattr(owner, name)
        timers = self.timers

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timers[key] = timers.get(key, 0.0) + time.perf_counter() - start

        self.restore.append((owner, name, original))
        setattr(owner, name, classmethod(lambda cls, *a, **k: timed(*a, **k)) if name == "load" else timed)

    def __enter__(self) -> instrumented:
        import kb.context
        import kb.loader
        import kb.postbuild

        self._wrap(kb.context, "load_knowledge_base", "kb: load and validate data")
        for method in ("start_page", "finish_page", *kb.context.BuildContext(_empty_kb(), {}).macros()):
            self._wrap(kb.context.BuildContext, method, "kb: macros and page hooks")
        self._wrap(kb.postbuild, "downloads", "kb: macros and page hooks")
        self._wrap(kb.context, "scan_docs", "kb: scan pages for citations")
        _ = kb.loader
        return self

    def __exit__(self, *exc: object) -> None:
        for owner, name, original in reversed(self.restore):
            setattr(owner, name, original)


def _empty_kb() -> Any:
    from kb.models import KnowledgeBase
    return KnowledgeBase({}, {}, {}, {}, {})


def site_size(site_dir: Path) -> tuple[int, int]:
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    size = sum(f.stat().st_size for f in site_dir.rglob("*") if f.is_file())
    return pages, size


def median_build(project: Path, runs: int) -> tuple[float, list[float], Path]:
    times = []
    site = project
    for _ in range(runs):
        seconds, site = build_once(project)
        times.append(seconds)
    return statistics.median(times), times, site


def set_prune(project: Path, on: bool) -> None:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    line = "    - navigation.prune"
    if on and line not in text:
        text = text.replace("    - navigation.tabs\n", "    - navigation.tabs\n" + line + "\n")
    if not on:
        text = "\n".join(x for x in text.splitlines() if not x.startswith(line)) + "\n"
    path.write_text(text, encoding="utf-8")


def synthesize(project: Path, total: int) -> None:
    """Replace the criteria with `total` generated ones spread over the 12 categories."""
    data = project / "data"
    categories = yaml.safe_load((data / "categories.yml").read_text())["categories"]
    entities = [e["slug"] for e in yaml.safe_load((data / "entities.yml").read_text())["entities"]]
    real = {p.name: yaml.safe_load(p.read_text()) for p in (data / "criteria").glob("*.yml")}
    cited = {c["id"] for doc in real.values() for c in doc["criteria"]}
    for path in (data / "criteria").glob("*.yml"):
        path.unlink()
    per_category = [total // len(categories) + (1 if i < total % len(categories) else 0)
                    for i in range(len(categories))]
    for cat, count in zip(categories, per_category, strict=True):
        n = cat["number"]
        name = f"{n:02d}-{cat['slug']}.yml"
        keep = [c for c in real.get(name, {"criteria": []})["criteria"]]
        ids = {c["id"] for c in keep}
        extra: list[dict[str, object]] = []
        item = 1
        while len(keep) + len(extra) < count:
            cid = f"{n}.{item}"
            item += 1
            if cid in ids:
                continue
            extra.append({"id": cid, "title": f"Synthetic criterion {cid}",
                          "summary": "A generated criterion used only by the benchmark. " * 2,
                          "guidance": "Generated guidance paragraph for the benchmark.\n\n" * 3,
                          "evidence": ["A written procedure", "A log", "A training roster"],
                          "designation": "must" if item % 3 else "should",
                          "applies_to": {e: "must" for e in entities[: item % len(entities)]} or "unknown",
                          "sources": ["cbp-msc-importers-2019"], "confidence": "secondary",
                          "provenance": "Generated by benchmarks/build.py."})
        (data / "criteria" / name).write_text(yaml.safe_dump({"category": n, "criteria": keep + extra}))
        assert all(c["id"] in cited for c in keep)


def machine() -> str:
    return (f"{platform.node() or 'host'}: {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def fmt_mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def main() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []

    def say(s: str) -> None:
        print(s)
        lines.append(s)

    project = copy_project("real")
    build_once(project)  # warm-up: imports, caches
    median, times, site = median_build(project, RUNS)
    pages, size = site_size(site)
    say(f"- real site: median strict build {median:.2f} s over {RUNS} runs "
        f"({', '.join(f'{t:.2f}' for t in times)}); {pages} pages, {median / pages * 1000:.1f} ms per page; "
        f"site {fmt_mb(size)}")

    set_prune(project, False)
    median_off, _, site_off = median_build(project, max(3, RUNS // 2))
    _, size_off = site_size(site_off)
    say(f"- navigation.prune off: median {median_off:.2f} s, site {fmt_mb(size_off)} "
        f"(prune on: {median:.2f} s, {fmt_mb(size)}); the setting keeps prune on")
    set_prune(project, True)

    timers: dict[str, float] = {}
    total, site = build_once(project, timers)
    kb_share = sum(v for k, v in timers.items() if k.startswith("kb:"))
    say(f"- time in macros and data loading (load, validate, scan, macros, downloads): {kb_share:.2f} s of "
        f"{total:.2f} s = {kb_share / total:.1%}; aim < 10 %")
    for key, value in sorted(timers.items()):
        say(f"  - {key}: {value:.3f} s")
    from kb.linkcheck import check_site
    start = time.perf_counter()
    check_site(site)
    check = time.perf_counter() - start
    say(f"- link check of the built site (post-build hook, part of the build time above): {check:.2f} s "
        f"= {check / total:.1%}")

    say("- build time by criteria count (synthetic sets generated here, real pages):")
    for count in SYNTHETIC_SIZES:
        synthetic = copy_project(f"synthetic-{count}")
        synthesize(synthetic, count)
        timers = {}
        build_once(synthetic)
        seconds, site = build_once(synthetic, timers)
        pages, size = site_size(site)
        share = sum(v for k, v in timers.items() if k.startswith("kb:")) / seconds
        say(f"  - {count:>5} criteria: {seconds:.2f} s, {pages} pages, site {fmt_mb(size)}, "
            f"macros and loading {share:.1%}")

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(f"\n## {stamp}\n\nMachine: {machine()}\n\n" + "\n".join(lines) + "\n")
    print(f"appended to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
