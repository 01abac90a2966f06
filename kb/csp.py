"""The Content Security Policy of every page, with the hashes of the page's own inline scripts.

GitHub Pages cannot send headers, so the policy is a <meta http-equiv="Content-Security-Policy"> that
overrides/main.html writes with a placeholder; the build hook then puts in the SHA-256 hashes of the inline
scripts that the page carries (Material's small bootstrap scripts, and the palette's from
overrides/partials/javascripts/palette.html), so that no 'unsafe-inline' is needed and a script injected into the
page by data never runs.
"""

from __future__ import annotations

import base64
import hashlib
import re

from kb.iframe_worker import inline_scripts

PLACEHOLDER = "__KB_CSP_POLICY__"

# The <script> elements of a page: attributes and body. A body cannot contain "</script" in HTML.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
# Types the browser runs; anything else (application/json, for example) is data and needs no hash.
_JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}

DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # Material's icons are data: URIs in its stylesheet
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def script_hash(body: str) -> str:
    """The CSP source expression that allows exactly this inline script body."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str) -> list[str]:
    """The hashes of every inline script the browser would run in this page, each once, sorted."""
    hashes = set()
    for attrs, body in _SCRIPT.findall(html):
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _JAVASCRIPT_TYPES:
            hashes.add(script_hash(body))
    return sorted(hashes)


def policy(script_hashes: list[str]) -> str:
    """The whole policy: same-origin only, scripts from the site itself or with one of the given hashes."""
    parts = []
    for name, value in DIRECTIVES:
        if name == "script-src" and script_hashes:
            value = " ".join([value, *script_hashes])
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def fill(html: str) -> str:
    """Put the page's policy in place of the placeholder (its first occurrence: the meta tag leads the head).

    A page of the offline copy also allows the one inline script that the iframe-worker shim writes into its
    hidden iframe (kb.iframe_worker); a page without the shim gets exactly the policy it had.
    A page without the placeholder (the sitemap, for example) is returned unchanged.
    """
    if PLACEHOLDER not in html:
        return html
    hashes = set(inline_script_hashes(html)) | {script_hash(body) for body in inline_scripts(html)}
    return html.replace(PLACEHOLDER, policy(sorted(hashes)), 1)
