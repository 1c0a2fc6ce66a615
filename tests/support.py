"""Shared test helpers: throwaway sites with the real config, a GitHub-Pages-like server, the browser.

pytest puts hooks/ and tests/ on sys.path (pyproject.toml), as MkDocs does for hooks; the
benchmarks import this module too, so the tests and the figures use the same server.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import mimetypes
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import yaml
from filelock import FileLock

if TYPE_CHECKING:
    import pytest
    from playwright.sync_api import Locator, Page

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "hooks") not in sys.path:  # as MkDocs loads hooks (the benchmarks import this module too)
    sys.path.insert(0, str(ROOT / "hooks"))

from quizbank.ids import anchor  # noqa: E402  (hooks/ is on the path just above)

CORPUS = ROOT / "tests" / "corpus"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The full browser, as a student runs it: Lighthouse (benchmarks/) audits with it.
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The browser tests drive Chromium's headless shell, Playwright's own default for headless Chromium:
# the same Blink and V8 without the desktop browser's window machinery, and the suite takes about
# two thirds of the time (a 2-core machine is mostly busy rendering). The full browser is the fallback.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
TEST_BROWSER = os.environ.get("CHROMIUM_PATH") or next(
    (path for path in (HEADLESS_SHELL, CHROMIUM) if Path(path).exists()), HEADLESS_SHELL
)
# As root, headless, and without the background requests a closed network refuses.
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


def mkdocs_config() -> dict:
    return dict(yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))


SITE_URL: str = mkdocs_config()["site_url"]
SITE_PATH = urlsplit(SITE_URL).path
RESULTS_KEY = f"quizbank:2:{SITE_PATH}:results"  # the one store of self-check results (results.js)


# ── Throwaway sites ───────────────────────────────────────────────────────────────────────────


@dataclass
class BuildResult:
    code: int
    output: str
    site: Path

    def page(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")


def project_config() -> dict:
    """The real mkdocs.yml, with every path made absolute so a copy works from any folder."""
    config = mkdocs_config()
    config["hooks"] = [str(ROOT / h) for h in config["hooks"]]
    config["theme"]["custom_dir"] = str(ROOT / config["theme"]["custom_dir"])
    config["watch"] = [str(ROOT / w) for w in config.get("watch", [])]
    config["extra"]["facts"]["file"] = str(ROOT / config["extra"]["facts"]["file"])
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(ROOT)]
    return config


def write_site(base: Path, pages: dict[str, str], banks: Mapping[str, str | bytes], **overrides: object) -> Path:
    """Create base/mkdocs.yml, base/docs/* and base/quizzes/*; return the config path."""
    config = project_config()
    config.pop("nav", None)
    # `extra` is merged key by key: a test that sets quiz_banks keeps the course's facts file, which the
    # auto-appended glossary uses.
    extra = {**config.get("extra", {}), **dict(overrides.pop("extra", None) or {})}  # type: ignore[call-overload]
    config.update(overrides, extra=extra)
    (base / "docs").mkdir(parents=True, exist_ok=True)
    (base / "quizzes").mkdir(exist_ok=True)
    for name, text in pages.items():
        path = base / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, source in banks.items():
        path = base / "quizzes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source.encode("utf-8") if isinstance(source, str) else source)
    config_path = base / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_path


def with_facts(config_path: Path, facts: str) -> Path:
    """A throwaway site with a facts file of its own (and without the course's glossary, which uses the course's facts)."""
    (config_path.parent / "facts.yml").write_text(facts, encoding="utf-8")
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["extra"]["facts"]["file"] = "facts.yml"
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(config_path.parent)]
            ext["pymdownx.snippets"]["auto_append"] = []
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return config_path


def build(config_path: Path, *, strict: bool = True, cwd: Path | None = None, site: Path | None = None) -> BuildResult:
    """Run `mkdocs build` as a user would, from a different working directory by default."""
    site = site or config_path.parent / "site"
    args = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_path), "-d", str(site)]
    if strict:
        args.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        args, capture_output=True, text=True, cwd=cwd or config_path.parent.parent, env=env, timeout=300
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site)


def shared_project_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once per test run however many pytest-xdist workers ask for it.

    The workers share the run's temporary folder: the first to take the lock builds the site, the
    others read its result (a 2-core machine otherwise built it once per worker and module, nine
    times a run). Read it only: copy it to change anything (the test server rewrites its sitemap).
    """

    def mkdocs(folder: Path) -> BuildResult:
        folder.mkdir(exist_ok=True)
        return build(ROOT / "mkdocs.yml", site=folder / "site", cwd=folder)

    return _built_once(tmp_path_factory, "project-site", mkdocs)


def _built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build_in: Callable[[Path], BuildResult]
) -> BuildResult:
    """`build_in(folder)` run once per test run, under a lock, by whichever worker comes first; its result for all."""
    temp = tmp_path_factory.getbasetemp()
    shared = temp.parent if os.environ.get("PYTEST_XDIST_WORKER") else temp
    folder = shared / name
    result_file = shared / f"{name}.json"
    with FileLock(str(shared / f"{name}.lock")):
        if result_file.exists():
            saved = json.loads(result_file.read_text(encoding="utf-8"))
            result = BuildResult(saved["code"], saved["output"], folder / "site")
        else:
            result = build_in(folder)
            result_file.write_text(json.dumps({"code": result.code, "output": result.output}), encoding="utf-8")
    assert result.code == 0, result.output
    return result


def copy_of_the_project(target: Path) -> Path:
    """The repository's tracked files, copied to `target` (an engine that writes beside mkdocs.yml works on the copy)."""
    tracked = subprocess.run(["git", "ls-files", "-z"], capture_output=True, cwd=ROOT, check=True).stdout
    for name in filter(None, tracked.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def zensical_build(project: Path) -> BuildResult:
    """`make build ENGINE=zensical` in a copy of the project, with this run's environment (nothing installed)."""
    venv = Path(sys.executable).parent.parent
    proc = subprocess.run(
        ["make", "--no-print-directory", "-o", str(venv / ".zensical"), "build", "ENGINE=zensical", f"VENV={venv}"],
        capture_output=True,
        text=True,
        cwd=project,
        timeout=300,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, project / "site")


def shared_zensical_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site built with Zensical (`make build ENGINE=zensical`), once per run like shared_project_site: read only."""
    return _built_once(tmp_path_factory, "zensical-project", lambda folder: zensical_build(copy_of_the_project(folder)))


def expectation(path: Path) -> tuple[int, str]:
    """A corpus bank's first line, `# expect: LINE: message`, as (line, message)."""
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    m = re.match(r"# expect: (\d+): (.+)$", first)
    assert m, f"{path.name} must start with '# expect: LINE: message'"
    return int(m.group(1)), m.group(2)


def glossary_terms() -> list[str]:
    """The abbreviations as written in includes/abbreviations.md, read independently of the hook."""
    text = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    return sorted(re.findall(r"^\*\[([^\]]+)\]:", text, re.M), key=str.lower)


# ── Serving a built site as GitHub Pages does ─────────────────────────────────────────────────

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class PagesHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD for files under `root`, mounted at `prefix`, the way GitHub Pages answers.

    A folder without its slash is redirected, a miss gets 404.html, and with `gzip` text is
    compressed for clients that accept it. `cache` is the Cache-Control header: the tests send
    no-store (they rebuild and reload within a second, finer than Last-Modified).
    """

    mounts: dict[str, Path]  # URL prefix ("/site/") → folder served there
    gzip: bool
    cache: str
    requests: list[str]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self.respond(head=True)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.respond(head=False)

    def mount(self, url_path: str) -> tuple[str, Path] | None:
        for prefix, root in sorted(self.mounts.items(), key=lambda m: -len(m[0])):
            if url_path.startswith(prefix):
                return prefix, root
        return None

    def resolve(self, url_path: str) -> tuple[int, Path | None, str | None]:
        """(status, file to send, redirect location) for a request path."""
        mounted = self.mount(url_path)
        if mounted is None:
            if url_path + "/" in self.mounts:
                return 301, None, url_path + "/"
            return 404, None, None
        prefix, root = mounted
        rel = unquote(url_path[len(prefix) :])
        target = (root / rel).resolve()
        if root not in (target, *target.parents):
            return 404, None, None
        if target.is_dir():
            if not url_path.endswith("/"):
                return 301, None, url_path + "/"
            target = target / "index.html"
        if target.is_file():
            return 200, target, None
        return 404, None, None

    def respond(self, *, head: bool) -> None:
        self.requests.append(self.path)
        url_path = urlsplit(self.path).path
        status, path, location = self.resolve(url_path)
        if location:
            self.send_response(status)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path is None:
            mounted = self.mount(url_path)
            path = (mounted[1] if mounted else next(iter(self.mounts.values()))) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return
        body = path.read_bytes()
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Cache-Control", self.cache)
        self.send_header("Vary", "Accept-Encoding")
        if self.gzip and ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a connection it no longer needs (a page closed mid-download) is not an error.

    Closing the server also closes the connections the browser keeps open: a server that is gone
    answers nothing more (another server may take its address, as `mkdocs serve` does in
    test_offline.py).
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.open_connections: set[socket.socket] = set()

    def get_request(self) -> tuple[socket.socket, object]:
        conn, address = super().get_request()
        self.open_connections.add(conn)
        return conn, address

    def shutdown_request(self, request: object) -> None:
        self.open_connections.discard(request)
        super().shutdown_request(request)  # type: ignore[arg-type]

    def close_connections(self) -> None:
        for conn in list(self.open_connections):
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], (ConnectionError, OSError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class PagesServer:
    """A built site on 127.0.0.1 (a free port), under the site_url's path, in a background thread.

    Material's instant navigation follows only links listed in sitemap.xml, so the sitemap is
    rewritten to this server's address.
    """

    def __init__(
        self,
        directory: Path,
        prefix: str = SITE_PATH,
        *,
        gzip: bool = False,
        cache: str = "no-store",
        more: dict[str, Path] | None = None,
        port: int = 0,
    ) -> None:
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self.directory = directory.resolve()
        self.requests: list[str] = []
        # `more`: other sites on the same origin (e.g. two projects under one github.io account).
        mounts = {prefix: self.directory, **{"/" + p.strip("/") + "/": d.resolve() for p, d in (more or {}).items()}}
        handler = type(
            "Handler", (PagesHandler,), {"mounts": mounts, "gzip": gzip, "cache": cache, "requests": self.requests}
        )
        self.httpd = QuietServer(("127.0.0.1", port), handler)  # port 0: any free one
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.base = self.origin + prefix
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.point_sitemap_here()

    def point_sitemap_here(self) -> None:
        sitemap = self.directory / "sitemap.xml"
        if sitemap.exists():
            sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(SITE_URL, self.base), encoding="utf-8")

    def url(self, path: str = "") -> str:
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.httpd.close_connections()


def fetch(url: str) -> str:
    """The body of `url` as text, its status code ("404") for an HTTP error, "" while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return str(error.code)
    except OSError:
        return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def mkdocs_serve(config_path: Path, port: int, log: IO[str]) -> Iterator[str]:
    """`mkdocs serve` of a throwaway site on 127.0.0.1:`port`, for the block; yields the site's address once it answers."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_path), "--dev-addr", f"127.0.0.1:{port}"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}{SITE_PATH}"
    try:
        deadline = time.monotonic() + 60
        while True:  # poll for readiness: no fixed sleep
            try:
                with urllib.request.urlopen(url, timeout=5):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("mkdocs serve did not start: see its log") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@contextlib.contextmanager
def served(config_path: Path) -> Iterator[PagesServer]:
    """A throwaway site, built with --strict (the test fails if it does not build) and served for the block."""
    result = build(config_path)
    assert result.code == 0, result.output
    server = PagesServer(result.site)
    try:
        yield server
    finally:
        server.close()


def site_pages(site: Path, base: str) -> list[str]:
    """Every page of a built site, as paths relative to `base`, from its sitemap (plus the 404 page).

    The sitemap is read after the test server rewrote it to its own address (`base`); the nav alone
    would miss pages that are built but kept out of the menu.
    """
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    pages = []
    for loc in re.findall(r"<loc>\s*(.*?)\s*</loc>", sitemap):
        for prefix in (base, SITE_URL):
            if loc.startswith(prefix):
                pages.append(loc[len(prefix) :])
                break
        else:
            raise AssertionError(f"sitemap.xml lists {loc}, outside the site ({base})")
    nav = mkdocs_config().get("nav") or []
    assert len(pages) >= len(nav), f"sitemap.xml lists {len(pages)} pages but the nav has {len(nav)}: {pages}"
    if (site / "404.html").exists():
        pages.append("404.html")
    return pages


def require_npm_package(path: Path, package: str) -> None:
    """Fail (never skip) when an npm dev dependency is missing, saying how to install it."""
    if not path.exists():
        hint = "run `npm ci` in the repository root (Node.js and npm from your package manager)"
        if shutil.which("npm") is None:
            hint = "install Node.js and npm (Debian/Ubuntu: `sudo apt-get install nodejs npm`), then run `npm ci`"
        raise AssertionError(f"{package} is not installed ({path} is missing): {hint}. `make test` does this for you.")


def wait_for_material(page: Page) -> Page:
    """Wait until Material's bundle has run and mounted the page (`window.quizbank.material`).

    It loads after the first paint (hooks/defer_bundle.py), which can be after the load event
    `page.goto` waits for: call this before using instant navigation, search or the palette toggle.
    """
    page.wait_for_function("() => window.quizbank && window.quizbank.material")
    page.evaluate("() => window.quizbank.material.then(() => true)")
    return page


def quiz_ready(page: Page) -> Page:
    """Wait until the page's self-checks can be answered (`window.quizbank.quizReady`).

    That is once selfcheck.js has loaded the view of every question type on the page and started
    each question, and (with choice questions) mkdocs-quiz's script has run. Until then the site
    holds a student's submits and the clicks marked data-quizbank-early (hints, moves), and carries
    them out once it is ready (quizbank/inline/site-loader.js); mkdocs-quiz's own "Try Again"
    buttons do not exist yet. Call this before asserting, without waiting, on what an action does.
    """
    page.wait_for_function("() => window.quizbank && window.quizbank.quizReady === true")
    return page


def quiz(page: Page, bank: str, qid: str) -> Locator:
    """A placed self-check in the page's content, by its bank and id (its anchor: ids.anchor)."""
    return page.locator(f".md-content #{anchor(bank, qid)}").first


def results(page: Page) -> dict[str, dict[str, Any]]:
    """The page's stored self-check results (quizbank:2:<scope>:results), by `bank#id`; {} when none."""
    raw = page.evaluate("(key) => localStorage.getItem(key)", RESULTS_KEY)
    questions: dict[str, dict[str, Any]] = json.loads(raw)["questions"] if raw else {}
    return questions


def errors_of(page: Page) -> list[str]:
    """The console errors and uncaught exceptions of a page opened outside the `page` fixture, as they come."""
    errors: list[str] = []
    watch(page, errors)
    return errors


def watch(page: Page, errors: list[str]) -> Page:
    """Record a page's console errors and uncaught exceptions in `errors` (tests fail on any)."""
    page.on(
        "console", lambda m: errors.append(f"{page.url}: console.{m.type}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: errors.append(f"{page.url}: uncaught: {e}"))
    return page
