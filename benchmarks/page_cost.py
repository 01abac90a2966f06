"""What one more small page costs a default Material site's build: would a page per criterion fit the budget of
5 ms of build CPU per added criterion (issue 12)?

    .venv/bin/python -m benchmarks.page_cost [--runs 3]

Builds, alternately, two default Material sites (search plugin only, `navigation.prune` as this site has it) whose
pages hold about 3 KB of Markdown each, the size of one criterion's entry, in 12 folders as the criteria's
categories would be: 101 pages and 1,001 pages. The CPU time per added page is the difference over 900. A benchmark:
it prints, and writes nothing to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
from pathlib import Path

from benchmarks.build import ENV, WORK
from benchmarks.synthetic import DEFAULT_CONFIG, default_page

PAGE_BYTES = 3000
FOLDERS = 12


def small_page_site(pages: int) -> Path:
    """A default Material site with `pages` small pages in FOLDERS folders, and a home page."""
    dest = WORK / f"page-cost-{pages}"
    if dest.exists():
        shutil.rmtree(dest)
    for path in ["index.md"] + [f"c{i % FOLDERS:02d}/p{i:04d}.md" for i in range(pages)]:
        target = dest / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(default_page(path, [], PAGE_BYTES), encoding="utf-8")
    config = DEFAULT_CONFIG.replace("name: material", "name: material\n  features: [navigation.prune]")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    return dest


def build_cpu(project: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=project, env=ENV, check=True,
                   capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    small, large = small_page_site(100), small_page_site(1000)
    per_page = []
    for run in range(args.runs):
        low, high = build_cpu(small), build_cpu(large)
        per_page.append((high - low) / 900 * 1000)
        print(f"run {run + 1}: 101 pages {low:.2f} s, 1,001 pages {high:.2f} s of CPU: "
              f"{per_page[-1]:.1f} ms per added page", flush=True)
    print(f"median: {sorted(per_page)[len(per_page) // 2]:.1f} ms per added page of about {PAGE_BYTES:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
