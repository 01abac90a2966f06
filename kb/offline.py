"""The offline copy: the whole site built to be read from file:// with no network, zipped for the Downloads page.

    python -m kb.offline [--output PATH.zip] [--site-dir DIR]

It is the normal strict build with KB_OFFLINE=true, which turns on Material's offline plugin (mkdocs.yml): pages
are .html files (use_directory_urls off; the renderers follow, kb.render.html), the search index is a script
(search/search_index.js) and the search worker runs through the iframe-worker shim, which the site carries
(kb.iframe_worker). kb/hooks.py does the rest: no instant navigation, no 404 page, and a link check that
rejects links to folders. `make build` builds it first and passes the zip to the normal build in KB_OFFLINE_ZIP,
which publishes it at downloads/ctpat-kb-offline.zip; other builds leave it out (see CONTRIBUTING.md).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

OFFLINE_ENV = "KB_OFFLINE"      # "true": mkdocs.yml enables the offline plugin
ZIP_ENV = "KB_OFFLINE_ZIP"      # the offline copy's zip, for the normal build to publish
ZIP_NAME = "ctpat-kb-offline.zip"
OFFLINE_ZIP_PATH = f"downloads/{ZIP_NAME}"
FOLDER = "ctpat-kb-offline"     # the zip holds one folder, so that unzipping never scatters files
# Not needed from file:// (the index is read from search_index.js there); the sitemaps name the online site.
_LEFT_OUT = {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz"}
_EARLIEST_ZIP_TIME = 315532800  # 1980-01-01, the first date a zip entry can carry


def in_offline_copy() -> bool:
    return os.environ.get(OFFLINE_ENV, "").lower() == "true"


def offline_zip() -> Path | None:
    """The zip that KB_OFFLINE_ZIP names, for the normal build to publish; None when unset or in the copy itself.

    A name that is not a file is an error, so that a publishing build never leaves the zip out silently."""
    value = os.environ.get(ZIP_ENV, "")
    if not value or in_offline_copy():
        return None
    path = Path(value)
    if not path.is_file():
        raise FileNotFoundError(f"{ZIP_ENV}={value}: no such file (make offline builds it)")
    return path


def build(project_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """A strict MkDocs build of the offline copy into site_dir (its hooks run the post-build step and link check)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", ZIP_ENV)} | {OFFLINE_ENV: "true"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)],
                          cwd=project_dir, env=env, capture_output=True, text=True, check=False)


def zip_site(site_dir: Path, output: Path) -> int:
    """Zip a built offline copy under one folder, byte for byte the same for the same files: entries sorted,
    dated by SOURCE_DATE_EPOCH (or 1980), fixed permissions. The number of files."""
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH") or _EARLIEST_ZIP_TIME), _EARLIEST_ZIP_TIME)
    date = time.gmtime(epoch)[:6]
    files = sorted(p for p in site_dir.rglob("*")
                   if p.is_file() and p.relative_to(site_dir).as_posix() not in _LEFT_OUT)
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for file in files:
            info = zipfile.ZipInfo(f"{FOLDER}/{file.relative_to(site_dir).as_posix()}", date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.read_bytes(), compresslevel=9)
    partial.replace(output)
    return len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kb.offline", description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path(".cache/offline") / ZIP_NAME, help="the zip to write")
    parser.add_argument("--site-dir", type=Path, help="keep the unzipped copy here (default: a temporary folder)")
    parser.add_argument("--project-dir", type=Path, default=Path.cwd(), help="the project (default: here)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-offline-") as tmp:
        site_dir = (args.site_dir or Path(tmp) / FOLDER).resolve()
        result = build(args.project_dir, site_dir)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            print(f"the offline build failed (exit {result.returncode})", file=sys.stderr)
            return 1
        count = zip_site(site_dir, args.output)
    print(f"{args.output}: {count} files, {args.output.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
