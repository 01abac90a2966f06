"""`make lighthouse`: Lighthouse (pinned in benchmarks/package.json) in Debian's chromium, mobile settings, on the
largest page of each page type, with the site served gzip-compressed as GitHub Pages serves it. Reports the median
of RUNS runs per page and appends it to benchmarks/RESULTS.md. A measurement, never a pass/fail test."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.build import ENV, ROOT, WORK, commit, copy_project, free_port, page_html, page_type, page_url, publish
from benchmarks.gzip_server import serve_site
from benchmarks.synthetic import markdown_pages, write_default_site

LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-dev-shm-usage"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
AUDITED_TYPES = ["home", "category", "entity", "topic", "explorer"]  # the page types issue 12 names
METRICS = [("FCP", "first-contentful-paint", 1000, "s"), ("LCP", "largest-contentful-paint", 1000, "s"),
           ("TBT", "total-blocking-time", 1, "ms"), ("CLS", "cumulative-layout-shift", 1, ""),
           ("transferred", "total-byte-weight", 1024, "KB")]


def run_lighthouse(url: str, output: Path, chrome: str) -> dict[str, Any]:
    subprocess.run([str(LIGHTHOUSE), url, "--output=json", f"--output-path={output}", "--quiet",
                    f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
                   env=ENV | {"CHROME_PATH": chrome}, check=True, timeout=600)
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse on {url}: {report['runtimeError']}")
    return report


def scores(report: dict[str, Any]) -> dict[str, float]:
    return {c: report["categories"][c]["score"] * 100 for c in CATEGORIES}


def failing_audits(report: dict[str, Any]) -> list[str]:
    """Scored audits below full marks, outside Performance (whose misses are the metrics above)."""
    failing = []
    for category in CATEGORIES[1:]:
        for ref in report["categories"][category]["auditRefs"]:
            score = report["audits"][ref["id"]]["score"]
            if ref["weight"] > 0 and score is not None and score < 1:
                failing.append(ref["id"])
    return sorted(set(failing))


def metric(value: float, unit: str) -> str:
    return f"{value:,.2f} {unit}".strip() if unit in ("s", "") else f"{value:,.0f} {unit}"


def build_site(project: Path, site_url: str | None) -> Path:
    env = ENV | ({"SITE_URL": site_url} if site_url else {})
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", "site"], cwd=project,
                   env=env, check=True, capture_output=True)
    return project / "site"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--label", default="", help="what changed, for the RESULTS.md heading")
    parser.add_argument("--no-write", action="store_true", help="print only; do not append to RESULTS.md")
    args = parser.parse_args(argv)
    chrome = shutil.which("chromium")
    if chrome is None or not LIGHTHOUSE.exists():
        sys.exit("needs Debian's chromium (bash .ci/ensure-chromium) and benchmarks/node_modules (make lighthouse)")
    WORK.mkdir(parents=True, exist_ok=True)
    reports_dir = WORK / "lighthouse-reports"
    reports_dir.mkdir(exist_ok=True)

    project, port = copy_project("lighthouse-project"), free_port()
    site = build_site(project, f"http://127.0.0.1:{port}/")  # canonical URLs on the host that serves them
    pages = markdown_pages(project / "docs")
    default = WORK / "lighthouse-default"
    write_default_site(default, pages)
    default_site = build_site(default, None)
    chosen = [(t, max((s for s in pages if page_type(s) == t), key=lambda s: page_html(site, s).stat().st_size))
              for t in AUDITED_TYPES if any(page_type(s) == t for s in pages)]

    results: dict[str, list[dict[str, Any]]] = {}
    with serve_site(site, port) as base, serve_site(default_site) as default_base:
        targets = [(f"{kind} ({src})", base + page_url(src)) for kind, src in chosen]
        targets.append(("default Material, same size: home", default_base))
        for run in range(args.runs):  # one round over every page per run, so that drift hits all pages alike
            for n, (name, url) in enumerate(targets):
                report = run_lighthouse(url, reports_dir / f"page{n}-run{run}.json", chrome)
                results.setdefault(name, []).append(report)
                print(f"  run {run + 1}: {name}: {scores(report)}", flush=True)

    version = subprocess.run([chrome, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    lock = json.loads((ROOT / "benchmarks" / "package-lock.json").read_text(encoding="utf-8"))
    lighthouse_version = lock["packages"]["node_modules/lighthouse"]["version"]
    out = [f"## `make lighthouse`, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC{': ' + args.label if args.label else ''}",
           "", f"Commit {commit()}; Lighthouse {lighthouse_version}, {version}, mobile (default settings, simulated "
           f"throttling); served with gzip by benchmarks/gzip_server.py; the largest page of each type; median of "
           f"{args.runs} runs (metrics: median of each); load average at the end {os.getloadavg()[0]:.1f} (TBT grows "
           "with other work on the machine).", "",
           "| page | Performance | Accessibility | Best practices | SEO | "
           + " | ".join(label for label, *_ in METRICS) + " |", "|---" * (5 + len(METRICS)) + "|"]
    for name, reports in results.items():
        medians = [statistics.median(scores(r)[c] for r in reports) for c in CATEGORIES]
        metrics = [metric(statistics.median(r["audits"][audit]["numericValue"] for r in reports) / scale, unit)
                   for _, audit, scale, unit in METRICS]
        out.append(f"| {name} | " + " | ".join(f"{m:.0f}" for m in medians) + " | " + " | ".join(metrics) + " |")
    runs = "; ".join(f"{name.split(' (')[0]} " + ", ".join(str(round(scores(r)["performance"])) for r in reports)
                     for name, reports in results.items())
    out += ["", f"Performance of each run: {runs}.", "", "Scored audits not at full marks (last run, Performance "
            "aside):", ""]
    out += [f"- {name}: {', '.join(failing_audits(reports[-1])) or 'none'}" for name, reports in results.items()]
    publish("\n".join(out) + "\n", write=not args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
