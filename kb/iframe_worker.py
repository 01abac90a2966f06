"""The iframe-worker shim of the offline copy, and the inline script it writes, for the Content Security Policy.

Material's search runs in a Web Worker, which a browser will not start from file://. Material's offline plugin
loads the iframe-worker shim (by Material's author) instead, which runs the worker script in a hidden iframe.
The site carries its own copy (vendor/iframe-worker/shim.js, npm iframe-worker pinned by package-lock.json), never
unpkg.com. The shim writes one inline script into that iframe, which inherits the page's policy; that script is
the shim's two helper functions and the worker's address as the page names it (relative, so the same wherever
the copy is unzipped), so kb.csp can allow exactly it by its hash.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

SHIM = Path(__file__).resolve().parent.parent / "vendor" / "iframe-worker" / "shim.js"
SITE_PATH = "assets/javascripts/iframe-worker-shim.js"  # where the offline copy carries it

_TEMPLATE = re.compile(r"<script>(.*?)<\\/script>", re.DOTALL)
_PLACEHOLDER = re.compile(r"\$\{(\w+)\}")
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)


def _function_source(js: str, name: str) -> str:
    """The source of `function name(...){...}` in the minified shim (it has no braces inside strings)."""
    start = js.index(f"function {name}(")
    depth = 0
    for i in range(js.index("{", start), len(js)):
        depth += {"{": 1, "}": -1}.get(js[i], 0)
        if depth == 0:
            return js[start:i + 1]
    raise ValueError(f"{SHIM}: function {name} has no end")


def runtime(worker_url: str, shim: str | None = None) -> str:
    """The inline script the shim writes for a worker: its template with the functions it names put in (a
    template literal shows a function as its source) and every other placeholder (the constructor's URL)
    replaced by the worker's address."""
    js = SHIM.read_text(encoding="utf-8") if shim is None else shim
    found = _TEMPLATE.search(js)
    if found is None:
        raise ValueError(f"{SHIM}: no inline <script> template: has the shim changed?")

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        return _function_source(js, name) if f"function {name}(" in js else worker_url

    return _PLACEHOLDER.sub(fill, found.group(1))


def inline_scripts(html: str) -> list[str]:
    """The inline script the shim will write into a page that loads it: [] for a page without the shim."""
    if SITE_PATH not in html:
        return []
    config = _CONFIG.search(html)
    worker = json.loads(config.group(1)).get("search") if config else None
    return [runtime(worker)] if isinstance(worker, str) else []
