"""The Content Security Policy: hashes of exactly the inline scripts a browser runs, and nothing looser."""

from __future__ import annotations

import re

from kb.csp import PLACEHOLDER, fill, inline_script_hashes, policy, script_hash

EMPTY_SHA256 = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"  # the well-known SHA-256 of ""

PAGE = f"""<!doctype html><html><head>
<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">
<script>var a=1</script>
<script type="module">var b=2</script>
<SCRIPT type='text/javascript'>var c=3</SCRIPT>
<script id="__config" type="application/json">{{"x": 1}}</script>
<script src="assets/bundle.js"></script>
<script>var a=1</script>
</head><body><p>{PLACEHOLDER}</p></body></html>"""


def test_hash_is_base64_sha256_of_the_exact_body() -> None:
    assert script_hash("") == EMPTY_SHA256
    assert script_hash("var a=1") != script_hash("var a=1 ")


def test_only_scripts_the_browser_runs_are_hashed_each_once() -> None:
    assert inline_script_hashes(PAGE) == sorted({script_hash("var a=1"), script_hash("var b=2"),
                                                 script_hash("var c=3")})


def test_policy_is_same_origin_only_and_never_unsafe() -> None:
    text = policy([script_hash("x")])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == f"'self' {script_hash('x')}"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in text
    assert not re.search(r"https?:|\*", text)


def test_fill_replaces_the_meta_placeholder_only() -> None:
    filled = fill(PAGE)
    meta = re.search(r'content="([^"]*)"', filled)
    assert meta is not None and meta.group(1) == policy(inline_script_hashes(PAGE))
    assert filled.count(PLACEHOLDER) == 1  # the text in the body is left alone


def test_page_without_placeholder_is_unchanged() -> None:
    assert fill("<urlset></urlset>") == "<urlset></urlset>"
