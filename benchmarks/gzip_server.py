"""A static server for a built site that compresses like GitHub Pages: gzip, when the client accepts it."""

from __future__ import annotations

import functools
import gzip
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
                "application/manifest+json")


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (RFC 9110: q=0 refuses; `*` covers codings not named)."""
    qualities: dict[str, float] = {}
    for part in (accept_encoding or "").split(","):
        coding, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if coding:
            qualities[coding.lower()] = quality
    for name in ("gzip", "x-gzip", "*"):
        if name in qualities:
            return qualities[name] > 0
    return False


def compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSIBLE)


class GzipHandler(SimpleHTTPRequestHandler):
    """GET and HEAD of files under the site directory; 404.html for a missing page, as GitHub Pages does."""

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        url_path = urllib.parse.urlsplit(self.path).path
        path = Path(self.translate_path(url_path))
        status = 200
        if path.is_dir():
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        content_type = self.guess_type(str(path)) if path.is_file() else "text/plain"
        body = path.read_bytes() if path.is_file() else b"not found"
        encode = accepts_gzip(self.headers.get("Accept-Encoding")) and compressible(content_type)
        if encode:
            body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if encode:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@functools.lru_cache(maxsize=4096)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


@contextmanager
def serve_site(site_dir: Path, port: int = 0) -> Iterator[str]:
    """Serve `site_dir` on 127.0.0.1 in a background thread; yields the base URL (ending in /)."""
    handler = functools.partial(GzipHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
