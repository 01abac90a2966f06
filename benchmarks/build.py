"""`make bench`: the project's build measured side by side with a default Material site of the same size.

Every figure comes from scratch copies in benchmarks/.work (never the working tree):
- strict build CPU time (user + system of the `mkdocs build` process), project and default site alternating run by
  run, in ms per page, and their ratio;
- the same at 10x and 20x the pages (docs/ copied under docs/copy-N/, with the nav), and with 100 and 1,000
  criteria (data/criteria rewritten to hold exactly that many);
- edit to served under the `make serve` command (read from the Makefile, so with its --dirty): a page edit and a
  criteria data edit, polled until the new text is served;
- HTML bytes per page type, the largest page, and the search index raw and gzip;
- the share of build time in the project's own code (kb/, macros.py: macros, hooks, link check), by stack
  sampling of one in-process build.
The figures are appended to benchmarks/RESULTS.md. These are measurements, never pass/fail tests.
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import html
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import CodeType

import yaml

from benchmarks.synthetic import markdown_pages, multiply_pages, records, synthesize_criteria, write_default_site

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / ".work"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
KB = 1024
HTML_BUDGET = 60 * KB
ENV = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {
    "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONDONTWRITEBYTECODE": "1"}
# First match wins; paths are relative to docs/. Add a type here when the site gets one.
PAGE_TYPES = [("home", "index.md"), ("section index", "*/index.md"), ("entity", "criteria/entities/*.md"),
              ("conventions", "criteria/conventions.md"), ("category", "criteria/*.md"), ("topic", "seminars/*.md"),
              ("glossary", "glossary.md"), ("sources", "sources/*.md"), ("program", "program/*.md"),
              ("explorer", "tools/explorer.md"), ("tools", "tools/*.md"), ("other", "*")]


# ---- pages and sizes -----------------------------------------------------------------------------------------
def page_type(src: str) -> str:
    return next(name for name, pattern in PAGE_TYPES if fnmatch.fnmatch(src, pattern))


def page_url(src: str) -> str:
    """The served path of a page (directory URLs): index.md -> '', a/index.md -> 'a/', a/b.md -> 'a/b/'."""
    stem = src.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def page_html(site: Path, src: str) -> Path:
    return site / page_url(src) / "index.html"


def search_index_bytes(site: Path) -> tuple[int, int]:
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6))


# ---- builds ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Build:
    cpu: float   # user + system seconds of the build process
    wall: float
    pages: int

    @property
    def ms_per_page(self) -> float:
        return self.cpu / self.pages * 1000


def publish(report: str, *, write: bool) -> None:
    """Print a benchmark's report and, unless told not to, append it to benchmarks/RESULTS.md."""
    print("\n" + report)
    if write:
        with RESULTS.open("a", encoding="utf-8") as results:
            results.write("\n" + report)
        print(f"appended to {RESULTS.relative_to(ROOT)}")


def copy_project(name: str) -> Path:
    target = WORK / name
    if target.exists():
        shutil.rmtree(target)
    ignore = shutil.ignore_patterns(".venv*", "site", "site-zensical", ".git", "benchmarks", "tests", "node_modules",
                                    "__pycache__", ".*cache", ".hypothesis", "test-results")
    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def build(project: Path) -> Build:
    """One strict `mkdocs build` in a subprocess; CPU time from the children's rusage."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", "site"],
                          cwd=project, env=ENV, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"build of {project} failed ({proc.returncode}):\n{(proc.stdout + proc.stderr)[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Build(cpu, wall, len(markdown_pages(project / "docs")))


def alternate(project: Path, default: Path, runs: int) -> tuple[list[Build], list[Build]]:
    """`runs` builds of each, alternating project and default (ABBA order, so drift hits both alike)."""
    ours: list[Build] = []
    theirs: list[Build] = []
    for run in range(runs):
        order = [(project, ours), (default, theirs)]
        for site, results in order if run % 2 == 0 else reversed(order):
            results.append(build(site))
            print(f"  {site.name}: {results[-1].cpu:.2f} s CPU, {results[-1].wall:.2f} s wall", flush=True)
    return ours, theirs


def median_ms(builds: list[Build]) -> float:
    return statistics.median(b.ms_per_page for b in builds)


# ---- edit to served under `make serve` ---------------------------------------------------------------------------
def make_serve_command() -> str:
    """The command `make serve` runs (read from the Makefile with make -n), without its install step."""
    bin_dir = Path(sys.executable).parent
    out = subprocess.run(["make", "-s", "--no-print-directory", "-n", "serve", "SITE_STAMP=", f"BIN={bin_dir}"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return out.strip().splitlines()[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", "replace"))
    except OSError:
        return None


def wait_for(url: str, text: str, timeout: float) -> float:
    """Poll `url` until its body contains `text`; returns the seconds it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


@dataclass(frozen=True)
class Edit:
    label: str
    page: str                       # docs-relative page to poll
    apply: Callable[[str], None]    # writes the marker text into the project


def session_cpu(session: int) -> float:
    """CPU seconds (user + system) used so far by the live processes of one session (the server and its shell)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[3]) == session:
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def edit_to_served(project: Path, command: str, edits: list[Edit]) -> dict[str, tuple[float, float]]:
    """Start the server (its own session), then for each edit: write it and time until the page serves the new text.
    Returns wall seconds and the server's CPU seconds for each edit."""
    port = free_port()
    command = re.sub(r"127\.0\.0\.1:\d+", f"127.0.0.1:{port}", command)
    log = (WORK / f"serve-{project.name}.log").open("w")
    server = subprocess.Popen(command, shell=True, cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    times: dict[str, tuple[float, float]] = {}
    try:
        wait_for(f"http://127.0.0.1:{port}/{page_url(edits[0].page)}", "</html>", timeout=600)
        time.sleep(2)  # let the watcher settle
        for n, edit in enumerate(edits):
            marker = f"Benchedit{os.getpid()}x{n}"
            cpu, start = session_cpu(server.pid), time.perf_counter()
            edit.apply(marker)
            wait_for(f"http://127.0.0.1:{port}/{page_url(edit.page)}", marker, timeout=600)
            times[edit.label] = (time.perf_counter() - start, session_cpu(server.pid) - cpu)
            print(f"  {project.name}: {edit.label}: {times[edit.label][0]:.2f} s, {times[edit.label][1]:.2f} s CPU",
                  flush=True)
            time.sleep(2)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
    return times


def append_to_page(path: Path) -> Callable[[str], None]:
    def apply(marker: str) -> None:
        path.write_text(path.read_text(encoding="utf-8") + f"\n\n{marker} page edit.\n", encoding="utf-8")
    return apply


def data_edit(project: Path, built_site: Path, pages: list[str]) -> Edit:
    """Append the marker to the first criterion's summary (or title); poll the page that shows that text."""
    path = sorted((project / "data" / "criteria").glob("*.yml"))[0]
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    record = records(document)[0]
    field = "summary" if "summary" in record else "title"
    needle = " ".join(str(record[field]).split()[:6])
    shown = [src for src in pages if needle in _page_text(page_html(built_site, src))]
    if not shown:
        raise RuntimeError(f"no built page shows {needle!r} from {path.name}")
    shown.sort(key=lambda src: page_type(src) != "category")

    def apply(marker: str) -> None:
        record[field] = f"{record[field]} {marker}"
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")

    return Edit("edit a criteria data file", shown[0], apply)


def _page_text(path: Path) -> str:
    text = re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8"))
    return " ".join(html.unescape(text).split())


# ---- where the build time goes -----------------------------------------------------------------------------------
LIBRARIES = [("macros plugin (Jinja on pages)", "/mkdocs_macros/"), ("search index", "/plugins/search/"),
             ("search index", "/contrib/search/"), ("Markdown", "/markdown/"), ("Markdown", "/pymdownx/"),
             ("theme templates (Jinja)", "/jinja2/")]


class StackSampler:
    """Samples one thread's Python stack every ~1 ms, weighted by that thread's CPU time since the last sample.
    A sample counts for the project when any frame on the stack is project code (so nested calls are not counted
    twice), else for the outermost known library."""

    def __init__(self, project_files: Callable[[str], bool]) -> None:
        self.target = threading.get_ident()
        self.is_project = project_files
        self.weights: dict[tuple[str, str], float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> StackSampler:
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(0.0005)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        sys.setswitchinterval(self._interval)

    def _run(self) -> None:
        clock = time.pthread_getcpuclockid(self.target)
        last = time.clock_gettime(clock)
        while not self._stop.is_set():
            time.sleep(0.001)
            now = time.clock_gettime(clock)
            frame = sys._current_frames().get(self.target)
            stack: list[CodeType] = []
            while frame is not None:
                stack.append(frame.f_code)
                frame = frame.f_back
            key = self._classify(stack[::-1])
            self.weights[key] = self.weights.get(key, 0.0) + now - last
            last = now

    def _classify(self, outermost_first: list[CodeType]) -> tuple[str, str]:
        files = [code.co_filename for code in outermost_first]
        for code, file in zip(outermost_first, files, strict=True):
            if self.is_project(file):
                return "project", f"{_short(file)}: {code.co_name}"
        for file in files:
            for label, part in LIBRARIES:
                if part in file:
                    return "library", label
        return "library", "MkDocs, Material, imports and the rest"


def _short(file: str) -> str:
    parts = Path(file).parts
    return "/".join(parts[parts.index("kb"):]) if "kb" in parts else Path(file).name


def sampled_build(project: Path) -> dict[tuple[str, str], float]:
    """One strict build in this process under the stack sampler."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    roots = [str(project.resolve()), str(ROOT)]

    def is_project(file: str) -> bool:
        return any(file.startswith(f"{root}/kb/") or file == f"{root}/macros.py" for root in roots)

    cwd = Path.cwd()
    os.chdir(project)
    sys.path.insert(0, str(project))
    os.environ.update({k: v for k, v in ENV.items() if k not in os.environ})
    os.environ.pop("SITE_URL", None)
    try:
        with StackSampler(is_project) as sampler:
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
            mkdocs_build(config)
        return sampler.weights
    finally:
        os.chdir(cwd)
        sys.path.remove(str(project))


# ---- report -------------------------------------------------------------------------------------------------------
def kb(n: float) -> str:
    return f"{n / KB:,.0f} KB"


def seconds(wall_and_cpu: tuple[float, float]) -> str:
    return f"{wall_and_cpu[0]:.1f} s ({wall_and_cpu[1]:.1f} s CPU)"


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()
    return git("rev-parse", "--short", "HEAD") + (" + uncommitted changes" if git("status", "--porcelain") else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="alternating builds of each site at 1x (default 3)")
    parser.add_argument("--scales", default="10,20", help="page multiples besides 1x (default 10,20; '' for none)")
    parser.add_argument("--criteria", default="100,1000", help="synthetic criteria counts (default 100,1000)")
    parser.add_argument("--skip", default="", help="comma list of parts to skip: serve, profile")
    parser.add_argument("--quick", action="store_true", help="1 run, no scaling, no criteria sets (about 1 min)")
    parser.add_argument("--label", default="", help="what changed, for the RESULTS.md heading")
    parser.add_argument("--no-write", action="store_true", help="print only; do not append to RESULTS.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.scales, args.criteria = 1, "", ""
    scales = [int(x) for x in args.scales.split(",") if x]
    criteria_sizes = [int(x) for x in args.criteria.split(",") if x]
    skip = set(args.skip.split(","))
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    print("1x: project and default site, alternating", flush=True)
    project = copy_project("project-1x")
    pages = markdown_pages(project / "docs")
    default = WORK / "default-1x"
    write_default_site(default, pages)
    for warm_up in (project, default):  # file cache and first-run costs, not counted
        build(warm_up)
    ours, theirs = alternate(project, default, args.runs)
    rows = [(f"strict build, {len(pages)} pages (CPU, median of {args.runs} alternating)",
             f"{median_ms(ours):.0f} ms/page", f"{median_ms(theirs):.0f} ms/page",
             f"ratio ≤ 1.0 (now **{median_ms(ours) / median_ms(theirs):.2f}**)")]

    site, default_site = project / "site", default / "site"
    sizes = {src: page_html(site, src).stat().st_size for src in pages}
    default_max = max(page_html(default_site, src).stat().st_size for src in pages)
    largest = max(sizes, key=lambda s: sizes[s])
    over = sum(size > HTML_BUDGET for size in sizes.values())
    by_type: dict[str, list[tuple[int, str]]] = {}
    for src, size in sizes.items():
        by_type.setdefault(page_type(src), []).append((size, src))
    raw, packed = search_index_bytes(site)
    default_raw, default_packed = search_index_bytes(default_site)

    for factor in scales:
        print(f"{factor}x pages: project and default site", flush=True)
        scaled = copy_project(f"project-{factor}x")
        multiply_pages(scaled, factor)
        scaled_default = WORK / f"default-{factor}x"
        write_default_site(scaled_default, markdown_pages(scaled / "docs"))
        ours_k, theirs_k = alternate(scaled, scaled_default, 1)
        rows.append((f"{factor}x: {ours_k[0].pages} pages (CPU, 1 run each)", f"{median_ms(ours_k):.0f} ms/page",
                     f"{median_ms(theirs_k):.0f} ms/page",
                     f"linear in pages (ratio {median_ms(ours_k) / median_ms(theirs_k):.2f}; "
                     f"{median_ms(ours_k) / median_ms(ours):.2f}x the 1x ms/page)"))
        shutil.rmtree(scaled)
        shutil.rmtree(scaled_default)

    criteria_builds: dict[int, Build] = {}
    for count in criteria_sizes:
        print(f"{count} criteria", flush=True)
        synthetic = copy_project(f"criteria-{count}")
        held = synthesize_criteria(synthetic / "data", synthetic / "docs", count)
        assert held == count, f"the synthetic set holds {held} criteria, not {count}"
        criteria_builds[count] = result = build(synthetic)
        c_raw, c_packed = search_index_bytes(synthetic / "site")
        rows.append((f"build with {count:,} criteria (exactly; CPU, 1 run)",
                     f"{result.cpu:.1f} s ({result.ms_per_page:.0f} ms/page); search index {kb(c_raw)} raw / "
                     f"{kb(c_packed)} gzip", "–", f"search index ≤ {120 if count <= 100 else 300} KB gzip"))
        print(f"  {result.cpu:.2f} s CPU", flush=True)
    if len(criteria_builds) >= 2:
        low, high = min(criteria_builds), max(criteria_builds)
        per = (criteria_builds[high].cpu - criteria_builds[low].cpu) / (high - low) * 1000
        rows.append((f"cost of each added criterion ({low:,} → {high:,})", f"{per:.1f} ms", "–", "≤ 5 ms"))

    if "serve" not in skip:
        print("edit to served under `make serve`", flush=True)
        topic = next((src for src in pages if page_type(src) == "topic"), pages[-1])
        served = copy_project("serve-project")
        edits = [Edit("edit one page", topic, append_to_page(served / "docs" / topic)),
                 data_edit(served, site, pages)]
        ours_t = edit_to_served(served, make_serve_command(), edits)
        served_default = WORK / "serve-default"
        write_default_site(served_default, pages)
        theirs_t = edit_to_served(served_default, f"{sys.executable} -m mkdocs serve --dev-addr 127.0.0.1:8000 "
                                  "--livereload", [Edit("edit one page", topic,
                                                        append_to_page(served_default / "docs" / topic))])
        rows.append((f"edit one page ({topic}) under `make serve`, until served (wall; server CPU)",
                     seconds(ours_t["edit one page"]), seconds(theirs_t["edit one page"]), "≤ 1 s"))
        rows.append((f"edit a criteria data file, until served ({edits[1].page})",
                     seconds(ours_t["edit a criteria data file"]), "–", "≤ 3 s"))

    rows.append(("largest page HTML", f"{kb(sizes[largest])} ({largest})", kb(default_max),
                 f"≤ 60 KB on every page ({over} of {len(pages)} pages over)"))
    rows.append(("search index", f"{kb(raw)} raw / {kb(packed)} gzip", f"{kb(default_raw)} / {kb(default_packed)}",
                 "≤ 120 KB gzip"))

    profile: dict[tuple[str, str], float] = {}
    if "profile" not in skip:
        print("stack-sampled in-process build", flush=True)
        profile = sampled_build(copy_project("profile"))
        total = sum(profile.values())
        mine = sum(v for (group, _), v in profile.items() if group == "project")
        rows.append(("share of build time in the project's code (kb/, macros.py; hooks and link check included)",
                     f"{mine / total:.0%}", "–", "–"))

    out = [f"## `make bench`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC{': ' + args.label if args.label else ''}", "",
           f"Commit {commit()}; {os.cpu_count()} cores (shared); Python {sys.version.split()[0]}; "
           f"options: runs={args.runs}, scales={scales or '-'}, criteria={criteria_sizes or '-'}, "
           f"skip={sorted(skip - {''}) or '-'}; took {time.perf_counter() - started:.0f} s; load average at the "
           f"end {os.getloadavg()[0]:.1f} (wall times suffer from other work on the machine, CPU times much less). "
           "CPU time = user + system of the build process. KB = 1,024 bytes; gzip at level 6.", "",
           "| measure | this site | default Material, same size | goal |", "|---|---|---|---|",
           *(f"| {' | '.join(row)} |" for row in rows), "",
           f"Raw 1x CPU seconds: project {', '.join(f'{b.cpu:.2f}' for b in ours)}; "
           f"default {', '.join(f'{b.cpu:.2f}' for b in theirs)}.", "",
           "HTML bytes per page type (1x site):", "",
           "| page type | pages | median | largest | over 60 KB |", "|---|---|---:|---|---:|"]
    for name, _ in PAGE_TYPES:
        if name in by_type:
            entries = sorted(by_type[name])
            out.append(f"| {name} | {len(entries)} | {kb(statistics.median(s for s, _ in entries))} | "
                       f"{kb(entries[-1][0])} ({entries[-1][1]}) | {sum(s > HTML_BUDGET for s, _ in entries)} |")
    if profile:
        total = sum(profile.values())
        out += ["", "Where one in-process build spends its time (stack sampling, ~1 ms; a sample counts for the "
                "project when project code is anywhere on the stack, by its outermost project function):", "",
                "| where | share |", "|---|---:|"]
        out += [f"| {'project: ' if group == 'project' else ''}{detail} | {value / total:.1%} |"
                for (group, detail), value in sorted(profile.items(), key=lambda kv: -kv[1]) if value / total >= 0.005]
    publish("\n".join(out) + "\n", write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
