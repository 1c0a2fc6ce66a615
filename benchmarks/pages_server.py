"""Serve a built site on loopback the way GitHub Pages serves a project site.

- under the `site_url` path (https://owner.github.io/repo/ -> http://127.0.0.1:port/repo/);
- text responses gzip-compressed when the client accepts it (HTML, CSS, JS, JSON, SVG, XML);
- `Cache-Control: max-age=600`, a folder without its slash redirected, and 404.html for a miss.
"""

from __future__ import annotations

import gzip
import http.server
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD for files under `root`, mounted at `prefix`."""

    root: Path
    prefix: str
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self.respond(head=True)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.respond(head=False)

    def resolve(self, url_path: str) -> tuple[int, Path | None, str | None]:
        """(status, file to send, redirect location) for a request path."""
        if not url_path.startswith(self.prefix):
            if url_path + "/" == self.prefix:
                return 301, None, self.prefix
            return 404, None, None
        rel = unquote(url_path[len(self.prefix) :])
        target = (self.root / rel).resolve()
        if self.root not in (target, *target.parents):
            return 404, None, None
        if target.is_dir():
            if not url_path.endswith("/"):
                return 301, None, url_path + "/"
            target = target / "index.html"
        if target.is_file():
            return 200, target, None
        return 404, None, None

    def respond(self, *, head: bool) -> None:
        url_path = urlsplit(self.path).path
        status, path, location = self.resolve(url_path)
        if location:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path is None:
            path = self.root / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        body = path.read_bytes()
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


class PagesServer:
    """A PagesHandler on 127.0.0.1 (a free port), in a background thread."""

    def __init__(self, root: Path, prefix: str) -> None:
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = type("Handler", (PagesHandler,), {"root": root.resolve(), "prefix": prefix})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
