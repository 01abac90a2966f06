"""Security properties of the built site: every page carries a strict Content Security Policy."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from tests.support import html_files
from tests.support import soup as parsed


def test_every_page_has_a_strict_policy_before_any_script(built_site: Path) -> None:
    problems = []
    for rel in html_files(built_site):
        file, soup = built_site / rel, parsed(built_site, rel)
        metas = soup.select('meta[http-equiv="Content-Security-Policy"]')
        if len(metas) != 1:
            problems.append(f"{file.relative_to(built_site)}: {len(metas)} CSP meta tags")
            continue
        before = metas[0].find_all_previous(["script", "style"]) + metas[0].find_all_previous("link", rel="stylesheet")
        if metas[0].parent is not soup.head or before:
            problems.append(f"{file.relative_to(built_site)}: a script or stylesheet comes before the policy")
        content = str(metas[0]["content"])
        directives = dict(part.split(" ", 1) for part in content.split("; "))
        expected = {"'sha256-" + base64.b64encode(hashlib.sha256(s.get_text().encode()).digest()).decode() + "'"
                    for s in soup.find_all("script")
                    if not s.get("src") and s.get("type", "text/javascript") in ("text/javascript", "module")}
        allowed = set(directives["script-src"].split()) - {"'self'"}
        if allowed != expected:
            problems.append(f"{file.relative_to(built_site)}: script-src {allowed} but the page runs {expected}")
        if directives.get("default-src") != "'self'" or "unsafe" in content or "http" in content:
            problems.append(f"{file.relative_to(built_site)}: loose policy {content}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("name", ["index.html", "404.html"])
def test_policy_allows_materials_inline_scripts(built_site: Path, name: str) -> None:
    soup = parsed(built_site, name)
    inline = [s for s in soup.find_all("script") if not s.get("src") and not s.get("type")]
    assert len(inline) >= 2, "Material's inline bootstrap scripts are missing: the test would prove nothing"
