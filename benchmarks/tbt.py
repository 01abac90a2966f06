"""Total Blocking Time of a page in Debian's chromium with 4x CPU throttling (Chrome DevTools Protocol), two
(or more) built sites side by side: the loads take the sites in turn, the order rotating and reversing run by run,
so that other work on a shared machine weighs on them alike. A benchmark, not a timed test; it prints a table and
writes nothing.

    .venv/bin/python -m benchmarks.tbt BEFORE_SITE AFTER_SITE [MORE_SITES] [--loads 6] [--page PATH] ...

TBT here is Lighthouse's definition over a fixed window: the sum, over the main thread's long tasks
(PerformanceObserver `longtask`) from navigation start until 4 s after the load event, of each task's time beyond
50 ms. Median of the loads. Each site is served with gzip (benchmarks/gzip_server.py), a new browser context per
load (cold cache), a 412 x 823 viewport (a phone's, as Lighthouse's mobile setting).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.gzip_server import serve_site

PAGES = ["criteria/entities/importers/", "seminars/evidence-of-implementation/"]
OBSERVE = """(() => {
  window.__kbLong = [];
  new PerformanceObserver(list => { for (const e of list.getEntries()) window.__kbLong.push(e.duration); })
    .observe({type: 'longtask', buffered: true});
})();"""


# The renderer main thread's time (CDP Performance metrics, seconds, thread time where the platform has it): less
# sensitive than TBT to other work on the machine, which stretches wall-clock long tasks.
METRICS = {"TaskDuration": "main thread", "ScriptDuration": "script", "RecalcStyleDuration": "style",
           "LayoutDuration": "layout"}


def one_load(browser, url: str, rate: float) -> tuple[float, dict[str, float]]:  # type: ignore[no-untyped-def]
    """(TBT in ms, main-thread metrics in ms) of one cold load."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    page.add_init_script(OBSERVE)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(4000)
    longs: list[float] = page.evaluate("window.__kbLong")
    metrics = {m["name"]: m["value"] * 1000 for m in cdp.send("Performance.getMetrics")["metrics"]
               if m["name"] in METRICS}
    context.close()
    return sum(max(0.0, d - 50) for d in longs), metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", nargs="+", type=Path, help="the built sites to compare (before, after, ...)")
    parser.add_argument("--loads", type=int, default=6, help="loads of each page on each site (default 6)")
    parser.add_argument("--rate", type=float, default=4.0, help="CPU throttling rate (default 4)")
    parser.add_argument("--page", action="append", help="page path under the site (repeatable)")
    args = parser.parse_args()
    pages = args.page or PAGES
    with ExitStack() as stack, sync_playwright() as pw:
        bases = [stack.enter_context(serve_site(site)) for site in args.sites]
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                    args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"])
        results: dict[tuple[str, int], list[float]] = {}
        metrics: dict[tuple[str, int, str], list[float]] = {}
        for page in pages:
            for run in range(args.loads):
                order = [(run // 2 + i) % len(bases) for i in range(len(bases))]
                for which in order if run % 2 == 0 else reversed(order):
                    tbt, measured = one_load(browser, bases[which].rstrip("/") + "/" + page, args.rate)
                    results.setdefault((page, which), []).append(tbt)
                    for name, value in measured.items():
                        metrics.setdefault((page, which, name), []).append(value)
        browser.close()
    print(f"load average {os.getloadavg()[0]:.1f}; {args.loads} loads each; CPU throttled {args.rate:g}x")
    print("| page | " + " | ".join(str(s) for s in args.sites) + " |")
    print("|---" * (len(args.sites) + 1) + "|")
    for page in pages:
        cells = [f"{statistics.median(r):.0f} ms ({', '.join(f'{x:.0f}' for x in r)})"
                 for r in (results[(page, w)] for w in range(len(bases)))]
        print(f"| {page} | " + " | ".join(cells) + " |")
    print("\nMain-thread time, medians (ms): main thread / script / style / layout")
    for page in pages:
        cells = [" / ".join(f"{statistics.median(metrics.get((page, w, name), [0])):.0f}" for name in METRICS)
                 for w in range(len(bases))]
        print(f"| {page} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
