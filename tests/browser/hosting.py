"""Serve a built site to one browser context at http://kb.test/<mount>, from the files, with no server.

Material's instant navigation maps the sitemap's addresses to the current protocol and host name but keeps the
sitemap's port, so it only works where the site is served on the default port, as it is in production. A
routed fake host gives the tests that default port, and lets them mount the same build at any base path.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import BrowserContext, Route

HOST = "http://kb.test"


def serve(context: BrowserContext, site: Path, mount: str = "/") -> tuple[str, list[str]]:
    """Route kb.test to the files of `site` under `mount`; return the site's address and a list that
    collects every request to another host (each is aborted)."""
    assert mount.startswith("/") and mount.endswith("/")
    root = site.resolve()
    foreign: list[str] = []

    def handle(route: Route) -> None:
        url = urlsplit(route.request.url)
        if f"{url.scheme}://{url.netloc}" != HOST:
            foreign.append(route.request.url)
            route.abort()
            return
        path = unquote(url.path)
        file = root / path.removeprefix(mount) if path.startswith(mount) else root / "no such file"
        if file.is_dir():
            file = file / "index.html"
        if file.is_file() and root in file.resolve().parents:
            route.fulfill(path=file)
        else:
            route.fulfill(status=404, path=root / "404.html")

    context.route("**/*", handle)
    return HOST + mount, foreign
