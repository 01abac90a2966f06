"""Benchmark of the criteria explorer: one filter change on a synthetic table of 1,000 criteria, in Debian's
chromium, without and with 4x CPU throttling (Chrome DevTools Protocol). Goals (issue 10): under 50 ms, and under
200 ms throttled. A benchmark, not a timed test: it appends its figures to benchmarks/RESULTS.md.

    .venv/bin/python -m benchmarks.explorer [--site site] [--criteria 1000] [--changes 24] [--against REV]

It needs a built site (`make build`); the explorer page's table is replaced by one rendered by the project's own
renderer from 1,000 criteria made by repeating the real ones under new IDs. The time of a change is the script's
handler plus the style and layout it causes (read back with a forced layout), median and worst of the changes;
beside it, where the renderer spent that time (CDP Performance metrics: script, style recalculation, layout).

--against REV measures the same changes side by side on the site of another commit (built here from `git archive
REV` with the same virtualenv, its synthetic page made by that commit's own renderer): both pages open in one
browser and take the changes in turn, so that other work on a shared machine weighs on both alike.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import functools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from benchmarks.build import commit, publish
from kb import load_knowledge_base
from kb.models import Criterion, KnowledgeBase

ROOT = Path(__file__).resolve().parent.parent
START = '<div class="kb-explorer" id="kb-explorer">'
END = "</tbody></table></div></div>"
EXPLORER_HTML = Path("tools") / "explorer" / "index.html"
# One change, timed in the page: set a filter, let the script's change handler run, force style and layout (the
# figure the goal is about); then, as a check on rendering deferred past that point (content-visibility), the time
# until the next frame has been drawn (a message posted from requestAnimationFrame: includes waiting for the frame).
_CHANGE = """async ([id, value]) => {
  const field = document.getElementById(id);
  const t0 = performance.now();
  field.value = value;
  field.dispatchEvent(new Event('change', {bubbles: true}));
  document.body.offsetHeight;
  const t1 = performance.now();
  await new Promise(done => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = done;
    channel.port2.postMessage(0);
  }));
  return [t1 - t0, performance.now() - t0];
}"""
# CDP Performance metrics (cumulative seconds of the renderer's main thread) read around each change.
METRICS = {"ScriptDuration": "script", "RecalcStyleDuration": "style", "LayoutDuration": "layout"}
# Run in another commit's tree (cwd): write its synthetic explorer page into the site given, with its own renderer.
_PREPARE = """
import sys
from pathlib import Path
from benchmarks.explorer import END, START, synthetic
from kb import load_knowledge_base
from kb.render.explorer import PAGE, explorer
page, total = Path(sys.argv[1]), int(sys.argv[2])
html = page.read_text(encoding="utf-8")
start = html.index(START)
end = html.index(END, start) + len(END)
page.write_text(html[:start] + explorer(synthetic(load_knowledge_base(Path.cwd()), total), PAGE) + html[end:],
                encoding="utf-8")
"""


def synthetic(kb: KnowledgeBase, total: int) -> KnowledgeBase:
    """`total` criteria: the real ones repeated in turn across the categories, under new IDs (N.1, N.2, ...)."""
    real = kb.select()
    per_category = -(-total // len(kb.categories))
    made: dict[str, Criterion] = {}
    for i in range(total):
        number = list(kb.categories)[i // per_category]
        cid = f"{number}.{i % per_category + 1}"
        made[cid] = dataclasses.replace(real[i % len(real)], id=cid, category=number)
    return dataclasses.replace(kb, criteria=made)


def prepare(tree: Path, site: Path, target: Path, total: int) -> None:
    """Copy `site` to `target` and put the synthetic explorer page in it, rendered by `tree`'s own code."""
    shutil.copytree(site, target)
    subprocess.run([sys.executable, "-c", _PREPARE, str(target / EXPLORER_HTML), str(total)], cwd=tree,
                   check=True, env={**os.environ, "PYTHONPATH": str(tree)})


def build_commit(rev: str, work: Path) -> Path:
    """The tree of commit `rev` under `work`, with its site built (strict) by this checkout's virtualenv."""
    tree = work / "tree"
    tree.mkdir()
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", "site"],
                   cwd=tree, check=True, env={**os.environ, "PYTHONPATH": str(tree)})
    return tree


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/tools/explorer/"


Times = dict[str, dict[str, list[float]]]  # "label 1x" -> {"total": [...], "script": [...], ...} in ms


def measure(sites: dict[str, Path], steps: list[tuple[str, str]], total: int, changes: int) -> Times:
    """Each change on every site in turn (the first site alternating), at 1x and 4x CPU."""
    from playwright.sync_api import sync_playwright

    servers = {label: _serve(path) for label, path in sites.items()}
    times: Times = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                        args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
            for rate in (1, 4):
                pages: dict[str, tuple[Any, Any]] = {}
                for label, (_, url) in servers.items():
                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    page.goto(url, wait_until="load")
                    page.wait_for_selector("#kb-explorer-filters:not([hidden])")
                    rows = page.evaluate("() => document.querySelectorAll('#kb-explorer-table tbody tr').length")
                    assert rows == total, (label, rows)
                    cdp = page.context.new_cdp_session(page)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
                    page.evaluate(_CHANGE, ["kb-x-type", ""])  # warm up
                    pages[label] = (page, cdp)
                    times[f"{label} {rate}x"] = {"total": [], "frame": [], **{name: [] for name in METRICS.values()}}
                order = list(pages)
                for i in range(changes):
                    for label in order[i % len(order):] + order[:i % len(order)]:
                        page, cdp = pages[label]
                        before = _metrics(cdp)
                        elapsed, framed = page.evaluate(_CHANGE, list(steps[i % len(steps)]))
                        after = _metrics(cdp)
                        found = times[f"{label} {rate}x"]
                        found["total"].append(elapsed)
                        found["frame"].append(framed)
                        for key, name in METRICS.items():
                            found[name].append((after[key] - before[key]) * 1000)
                for page, _ in pages.values():
                    page.close()
            browser.close()
    finally:
        for server, _ in servers.values():
            server.shutdown()
    return times


def _metrics(cdp: Any) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"] if m["name"] in METRICS}


def run(site: Path, total: int, changes: int, against: str = "") -> Times:
    kb = load_knowledge_base(ROOT)
    work = Path(tempfile.mkdtemp(prefix="explorer-bench-"))
    steps = [("kb-x-type", slug) for slug in kb.entities] + [("kb-x-category", str(n)) for n in kb.categories]
    steps += [("kb-x-designation", d) for d in ("must", "should", "")] + [("kb-x-confidence", "")]
    try:
        sites = {}
        if against:
            (work / "against").mkdir()
            tree = build_commit(against, work / "against")
            prepare(tree, tree / "site", work / "against-site", total)
            sites[against] = work / "against-site"
        prepare(ROOT, site, work / "this-site", total)
        sites["this"] = work / "this-site"
        return measure(sites, steps, total, changes)
    finally:
        shutil.rmtree(work)


def report(times: Times, total: int, against: str = "") -> str:
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    changes = len(next(iter(times.values()))["total"])
    side = (f" Side by side in one browser with commit {_short(against)} (built here from `git archive`, its own "
            "renderer and script), the two pages taking each change in turn." if against else "")
    lines = [f"## Criteria explorer, {when}", "",
             f"Commit {commit()}; {platform.machine()}, Python {platform.python_version()}; Debian's chromium, "
             f"headless. One filter change on a synthetic table of {total:,} criteria (the explorer's renderer, "
             "real criteria repeated under new IDs): the change handler plus the style and layout it causes, "
             f"over {changes} changes (entity type, category, designation, confidence).{side} "
             f"Load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: other work on a shared "
             "machine inflates these times. *To next frame*: median time from the change until the next frame has "
             "been drawn (it includes waiting for the frame, up to 17 ms at 60 Hz). Script, style and layout: "
             "medians of the renderer's own CPU time in each over the change and that frame (CDP Performance "
             "metrics, thread time), so they need not add up to the median.",
             "", "| page | CPU | median | worst | to next frame | script | style | layout | goal |",
             "|---|---|---|---|---|---|---|---|---|"]
    goals = {"1x": 50.0, "4x": 200.0}
    for key, found in times.items():
        label, rate = key.rsplit(" ", 1)
        name = "this commit" if label == "this" else f"commit {_short(label)}"
        verdict = ("met" if max(found["total"]) < goals[rate] else
                   "median met, worst not" if statistics.median(found["total"]) < goals[rate] else "NOT met")
        parts = " | ".join(f"{statistics.median(found[m]):.1f} ms" for m in METRICS.values())
        lines.append(f"| {name} | {'unthrottled' if rate == '1x' else rate + ' throttled (CDP)'} | "
                     f"{statistics.median(found['total']):.1f} ms | {max(found['total']):.1f} ms | "
                     f"{statistics.median(found['frame']):.1f} ms | {parts} | "
                     f"< {goals[rate]:.0f} ms ({verdict}) |")
    return "\n".join(lines) + "\n"


def _short(rev: str) -> str:
    found = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True, check=False)
    return found.stdout.strip() or rev


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.explorer", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("--criteria", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=24)
    parser.add_argument("--against", default="", metavar="REV",
                        help="also measure commit REV, side by side (built here from git archive)")
    parser.add_argument("--no-write", action="store_true", help="print only; do not append to RESULTS.md")
    args = parser.parse_args(argv)
    times = run(args.site, args.criteria, args.changes, args.against)
    publish(report(times, args.criteria, args.against), write=not args.no_write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
