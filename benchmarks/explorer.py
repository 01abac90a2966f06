"""Benchmark of the criteria explorer: one filter change on a synthetic table of 1,000 criteria, in Debian's
chromium, without and with 4x CPU throttling (Chrome DevTools Protocol). Goals (issue 10): under 50 ms, and under
200 ms throttled. A benchmark, not a timed test: it appends its figures to benchmarks/RESULTS.md.

    .venv/bin/python -m benchmarks.explorer [--site site] [--criteria 1000] [--changes 24]

It needs a built site (`make build`); the explorer page's table is replaced by one rendered by the project's own
renderer from 1,000 criteria made by repeating the real ones under new IDs. The time of a change is the script's
handler plus the style and layout it causes (read back with a forced layout), median and worst of the changes.
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
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchmarks.build import commit, publish
from kb import load_knowledge_base
from kb.models import Criterion, KnowledgeBase
from kb.render.explorer import PAGE, explorer

ROOT = Path(__file__).resolve().parent.parent
START = '<div class="kb-explorer" id="kb-explorer">'
END = "</tbody></table></div></div>"
# One change, timed in the page: set a filter, let the script's change handler run, force style and layout.
_CHANGE = """([id, value]) => {
  const field = document.getElementById(id);
  const t0 = performance.now();
  field.value = value;
  field.dispatchEvent(new Event('change', {bubbles: true}));
  document.body.offsetHeight;
  return performance.now() - t0;
}"""


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


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def run(site: Path, total: int, changes: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    kb = load_knowledge_base(ROOT)
    work = Path(tempfile.mkdtemp(prefix="explorer-bench-"))
    shutil.copytree(site, work / "site")
    page_file = work / "site" / "tools" / "explorer" / "index.html"
    html = page_file.read_text(encoding="utf-8")
    start = html.index(START)
    end = html.index(END, start) + len(END)
    page_file.write_text(html[:start] + explorer(synthetic(kb, total), PAGE) + html[end:], encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(work / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/tools/explorer/"
    steps = [("kb-x-type", slug) for slug in kb.entities] + [("kb-x-category", str(n)) for n in kb.categories]
    steps += [("kb-x-designation", d) for d in ("must", "should", "")] + [("kb-x-confidence", "")]
    times: dict[str, list[float]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                        args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
            for rate in (1, 4):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url, wait_until="load")
                page.wait_for_selector("#kb-explorer-filters:not([hidden])")
                rows = page.evaluate("() => document.querySelectorAll('#kb-explorer-table tbody tr').length")
                assert rows == total, rows
                cdp = page.context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
                page.evaluate(_CHANGE, ["kb-x-type", ""])  # warm up
                times[f"{rate}x"] = [page.evaluate(_CHANGE, list(steps[i % len(steps)])) for i in range(changes)]
                page.close()
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(work)
    return times


def report(times: dict[str, list[float]], total: int) -> str:
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"## Criteria explorer, {when}", "",
             f"Commit {commit()}; {platform.machine()}, Python {platform.python_version()}; Debian's chromium, "
             f"headless. One filter change on a synthetic table of {total:,} criteria (the explorer's renderer, "
             "real criteria repeated under new IDs): the change handler plus the style and layout it causes, "
             f"over {len(next(iter(times.values())))} changes (entity type, category, designation, confidence). "
             f"Load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: other work on a shared "
             "machine inflates these times.",
             "", "| CPU | median | worst | goal |", "|---|---|---|---|"]
    goals = {"1x": 50.0, "4x": 200.0}
    for rate, found in times.items():
        verdict = "met" if max(found) < goals[rate] else "NOT met"
        lines.append(f"| {'unthrottled' if rate == '1x' else rate + ' throttled (CDP)'} | "
                     f"{statistics.median(found):.1f} ms | {max(found):.1f} ms | < {goals[rate]:.0f} ms ({verdict}) |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.explorer", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: site/)")
    parser.add_argument("--criteria", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=24)
    parser.add_argument("--no-write", action="store_true", help="print only; do not append to RESULTS.md")
    args = parser.parse_args(argv)
    publish(report(run(args.site, args.criteria, args.changes), args.criteria), write=not args.no_write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
