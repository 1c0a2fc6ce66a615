"""Browser fixtures: the site built with the real config, served on loopback, driven by Chromium.

The browser is Debian's Chromium (or any Chromium at $CHROMIUM_PATH). If it is missing the
tests fail and say how to install it: a skipped browser test would hide a broken quiz.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sites import ROOT, BuildResult  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SITE_PATH = urlsplit(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]).path


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site under the site_url's path, as GitHub Pages serves a project site."""

    prefix = SITE_PATH
    requests: list[str]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet test output
        pass

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        return super().translate_path(path)

    def end_headers(self) -> None:
        # Tests rebuild a site and reload within a second; Last-Modified has one-second
        # resolution, so a revalidated reload could be served the old page from cache.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        self.requests.append(self.path)
        if self.path.rstrip("/") == self.prefix.rstrip("/"):
            self.path = self.prefix
        return super().send_head()


class Server:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.requests: list[str] = []
        handler = functools.partial(type("H", (_Handler,), {"requests": self.requests}), directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self.base = self.origin + SITE_PATH
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.point_sitemap_here()

    def point_sitemap_here(self) -> None:
        """Material's instant navigation follows only links listed in sitemap.xml."""
        sitemap = self.directory / "sitemap.xml"
        if sitemap.exists():
            site_url = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
            text = sitemap.read_text(encoding="utf-8").replace(site_url, self.base)
            sitemap.write_text(text, encoding="utf-8")

    def url(self, path: str = "") -> str:
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) "
            "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once with --strict."""
    out = tmp_path_factory.mktemp("project") / "site"
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        cwd=str(out.parent),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, out)


@pytest.fixture(scope="session")
def server(project_site: BuildResult) -> Iterator[Server]:
    srv = Server(project_site.site)
    yield srv
    srv.close()


class Console:
    """Console errors and uncaught exceptions seen by a page; the test fails if any appear."""

    def __init__(self) -> None:
        self.errors: list[str] = []


@pytest.fixture
def context(browser):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):  # type: ignore[no-untyped-def]
    console = Console()
    pg = context.new_page()
    pg.on("console", lambda m: console.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: console.errors.append(f"uncaught: {e}"))
    pg.console_log = console
    yield pg
    assert not console.errors, "\n".join(console.errors)
