"""The service worker's precache list is the built site, and `mkdocs serve` gets no worker.

Every page and every file a page asks for is listed, each with its content's digest; under
`mkdocs serve` nothing registers a worker, so live reload sees every edit.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import offline
from support import SITE_URL, BuildResult, fetch, write_site

# Files the site's scripts ask for by name (not from an attribute of a page): Material's search
# index and its search worker (its `__config`), the course manifest (quizbank/course.js), the site's
# module (inline/site-loader.js) and mkdocs-quiz's script (quizbank/selfcheck.js).
REQUESTED_BY_SCRIPTS = [
    "search/search_index.json",
    "assets/quizbank/course.json",
    "assets/javascripts/bundles/site.js",
    "assets/javascripts/mkdocs-quiz/quiz.js",
    "sitemap.xml",
]
ATTRIBUTE = re.compile(r'\b(?:src|href|data-bundle|data-before)="([^"#?]+)[^"]*"')


@pytest.fixture(scope="module")
def site(built_site: BuildResult) -> BuildResult:
    return built_site  # read only


def worker_data(site: Path) -> dict:
    text = (site / "sw.js").read_text(encoding="utf-8")
    m = re.search(r"^self\.QUIZBANK_OFFLINE = (\{.*\});$", text, re.M)
    assert m, "sw.js does not start with the precache list"
    return dict(json.loads(m.group(1)))


def as_file(url_path: str) -> str:
    return url_path + "index.html" if url_path == "" or url_path.endswith("/") else url_path


def test_every_page_and_every_file_a_page_asks_for_is_precached(site: BuildResult) -> None:
    files = worker_data(site.site)["files"]
    site_root = urlsplit(SITE_URL).path
    pages = [p.relative_to(site.site).as_posix() for p in site.site.rglob("*.html")]
    assert len(pages) >= 8, pages
    wanted = set(REQUESTED_BY_SCRIPTS)
    for page in pages:
        html = (site.site / page).read_text(encoding="utf-8")
        config = re.search(r'"search":\s*"([^"]+)"', html)  # Material's __config: its search worker
        refs = ATTRIBUTE.findall(html) + ([config.group(1)] if config else [])
        for ref in refs:
            if urlsplit(ref).scheme or ref.startswith("//"):
                continue  # a full address: another origin (never cached), or the canonical link
            resolved = urlsplit(urljoin("http://x" + site_root + page, ref)).path
            if not resolved.startswith(site_root):
                continue
            rel = resolved[len(site_root) :]
            if (site.site / as_file(rel)).is_file() and not rel.endswith(".map"):
                wanted.add(rel.removesuffix("index.html"))
        wanted.add(page.removesuffix("index.html"))
    missing = sorted(wanted - set(files))
    assert not missing, f"asked for by a page but not precached: {missing}"
    assert len(wanted) >= 20, sorted(wanted)


def test_each_listed_file_exists_with_its_digest_and_the_version_covers_them_all(site: BuildResult) -> None:
    data = worker_data(site.site)
    files: dict[str, str] = data["files"]
    for url, sha in files.items():
        path = site.site / as_file(url)
        assert path.is_file(), f"sw.js lists {url}, which the build did not write"
        assert not url.endswith((".map", ".gz")) and not url.startswith("assets/javascripts/lunr/"), url
        if url == "sitemap.xml":
            assert sha == ""  # the host may rewrite it (see hooks/offline.py)
        else:
            assert sha == hashlib.sha256(path.read_bytes()).hexdigest()[:16], f"{url}: stale digest"
    listing = "\n".join(f"{u}\t{s}" for u, s in sorted(files.items()))
    assert data["version"] == hashlib.sha256(listing.encode()).hexdigest()[:16]
    # The worker's source follows the list, as written.
    assert (
        (site.site / "sw.js")
        .read_text(encoding="utf-8")
        .endswith((Path(offline.__file__).parent.parent / "overrides" / offline.SOURCE).read_text(encoding="utf-8"))
    )
    # Every page registers it.
    assert '<meta name="quizbank-offline" content="sw.js">' in site.page("part-1/index.html")
    assert '<meta name="quizbank-offline" content="sw.js">' in site.page("404.html")


def test_a_changed_file_changes_the_version(tmp_path: Path) -> None:
    (tmp_path / "part-1").mkdir()
    (tmp_path / "index.html").write_text("home", encoding="utf-8")
    (tmp_path / "part-1" / "index.html").write_text("one", encoding="utf-8")
    (tmp_path / "x.js.map").write_text("map", encoding="utf-8")
    (tmp_path / "sw.js").write_text("old worker", encoding="utf-8")
    first = offline.precache_list(tmp_path)
    assert sorted(first) == ["", "part-1/"]
    (tmp_path / "part-1" / "index.html").write_text("one, edited", encoding="utf-8")
    second = offline.precache_list(tmp_path)
    assert first[""] == second[""] and first["part-1/"] != second["part-1/"]
    assert offline.version(first) != offline.version(second)


def test_mkdocs_serve_has_no_worker_so_live_reload_sees_every_edit(tmp_path: Path) -> None:
    config = write_site(tmp_path, {"index.md": "# Home\n\nServed.\n"}, {})
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            url = f"http://127.0.0.1:{port}{urlsplit(SITE_URL).path}"
            deadline = time.monotonic() + 60
            while "Served." not in (page := fetch(url)) and time.monotonic() < deadline:
                time.sleep(0.2)  # polling for the server to be up, not waiting for a state
            assert "Served." in page, log_path.read_text()
            assert 'name="quizbank-offline"' not in page
            # No precaching worker: sw.js is only ever the one that removes itself (test_serve.py).
            worker = fetch(url + "sw.js")
            assert "QUIZBANK_OFFLINE" not in worker and "self.registration.unregister()" in worker
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    assert "Traceback" not in log_path.read_text()


def test_what_no_page_asks_for_is_left_out_and_other_languages_keep_their_search_scripts() -> None:
    lunr = "assets/javascripts/lunr/min/lunr.de.min.js"
    assert not offline.wanted(lunr) and offline.wanted(lunr, english_search_only=False)
    for rel in ("sw.js", "assets/javascripts/bundle.1234.min.js.map", "sitemap.xml.gz", ".nojekyll", ".git/x"):
        assert not offline.wanted(rel), rel
    assert offline.wanted("assets/quizbank/course.json") and offline.wanted("404.html")
