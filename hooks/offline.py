"""MkDocs hook: the course offline, through a service worker that precaches what the build wrote.

After the build, `sw.js` is written at the site's root: the worker's source
(`overrides/assets/javascripts/quizbank/sw.js`, which says how it caches) after one line listing
every file the build produced that a student's browser may ask for (pages, the 404 page, assets,
the search index, course.json, the sitemap Material's instant navigation reads), each with the
SHA-256 of its content, and a version: a digest of that list. A deploy that changes any file
changes the version, and the browser installs it beside the old one (the page then offers
"Updated: reload", quizbank/offline.js). Pages carry `<meta name="quizbank-offline">`
(overrides/main.html), which tells the site's script to register the worker.

`mkdocs serve` gets neither: live reload must show every edit at once, and a worker would
answer from its cache. The command is known from MkDocs' `on_startup` event. A built copy served
earlier on the same address (at the site's path, or at the root) may have left its worker, which
answers its cached pages and so never lets the preview's load: `serve` answers every request for
a `sw.js` with one that removes itself (`quizbank/sw-retire.js`), which the browser fetches when
it checks the old worker for an update after a navigation. It empties the old caches as it
installs, and the open page, told it is retiring, unregisters and reloads at once: the browser
lets it take over only once the old worker has gone idle, which can take minutes (DevTools open).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

if TYPE_CHECKING:
    from collections.abc import Iterable
    from wsgiref.types import StartResponse, WSGIEnvironment

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

WORKER = "sw.js"  # at the site's root: a worker controls only pages under its own folder
SOURCE = "assets/javascripts/quizbank/sw.js"  # in the theme's custom_dir; not served as it is
RETIRE = "assets/javascripts/quizbank/sw-retire.js"  # what `mkdocs serve` answers for any sw.js
# Never asked for by a page: source maps (developer tools only), the compressed sitemap (search
# engines) and the worker itself (the browser fetches it past any cache).
SKIPPED_SUFFIXES = (".map", ".gz")
# Material's search loads these word-splitting and stemming scripts only for languages other than
# English (its search worker's `setupSearchLanguages`): about 1 MB a student of an English course
# would download for nothing.
SEARCH_LANGUAGE_FILES = "assets/javascripts/lunr/"
DIGEST_CHARS = 16
# Hosts may rewrite the sitemap to their own address (the tests' server does): fetched unchecked.
UNCHECKED = ("sitemap.xml",)

_serving = False


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    # Read by overrides/main.html: pages register the worker only when a build writes it.
    config.extra["offline_worker"] = None if _serving else WORKER
    return config


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    """Answer any `…/sw.js` with a worker that removes itself, at the site's path or outside it."""
    source = Path(str(config.theme.custom_dir)) / RETIRE
    if not source.is_file():
        raise PluginError(
            f"{source}: the worker `mkdocs serve` answers with is missing.\n    Fix: restore it from git."
        )
    body = source.read_bytes()
    app = server.get_app()
    if app is None:  # not a WSGI server: nothing to answer with
        return server

    def retiring(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        if path == f"/{WORKER}" or path.endswith(f"/{WORKER}"):
            start_response(
                "200 OK",
                [
                    ("Content-Type", "text/javascript; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Cache-Control", "no-store"),
                ],
            )
            return [body]
        return app(environ, start_response)

    server.set_app(retiring)
    return server


@event_priority(-100)  # after every plugin has written its files (the search index among them)
def on_post_build(*, config: MkDocsConfig) -> None:
    if _serving:
        return
    site = Path(config.site_dir)
    source = Path(str(config.theme.custom_dir)) / SOURCE
    if not source.is_file():
        raise PluginError(f"{source}: the service worker's source is missing.\n    Fix: restore it from git.")
    files = precache_list(site, english_search_only=_english_search_only(config))
    (site / WORKER).write_text(render_worker(source.read_text(encoding="utf-8"), files), encoding="utf-8")


def precache_list(site: Path, *, english_search_only: bool = True) -> dict[str, str]:
    """Every file of a built site a page may ask for, each with the start of its SHA-256.

    Keys are URL paths relative to the site's root ("" and "part-1/" for index pages); values
    the first 16 hex digits of the digest ("" for the sitemap: see UNCHECKED).
    """
    files: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or not wanted(rel, english_search_only=english_search_only):
            continue
        url = rel.removesuffix("index.html") if rel == "index.html" or rel.endswith("/index.html") else rel
        files[url] = "" if rel in UNCHECKED else hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_CHARS]
    return files


def wanted(rel: str, *, english_search_only: bool = True) -> bool:
    """Whether the built file at `rel` (relative to the site's root, with slashes) is precached."""
    if rel == WORKER or rel.endswith(SKIPPED_SUFFIXES) or any(p.startswith(".") for p in rel.split("/")):
        return False
    return not (english_search_only and rel.startswith(SEARCH_LANGUAGE_FILES))


def version(files: dict[str, str]) -> str:
    """A digest of the whole list: any file added, removed or changed gives another version."""
    listing = "\n".join(f"{url}\t{sha}" for url, sha in sorted(files.items()))
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def render_worker(source: str, files: dict[str, str]) -> str:
    data = json.dumps({"version": version(files), "files": files}, ensure_ascii=False, sort_keys=True)
    return f"// Written by hooks/offline.py: this build's files. The worker's source follows.\nself.QUIZBANK_OFFLINE = {data};\n{source}"


def _english_search_only(config: MkDocsConfig) -> bool:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    langs = getattr(search, "config", {}).get("lang") if search is not None else None
    if not langs:
        langs = [str(config.theme.get("language") or "en")]
    return all(str(lang).split("-")[0] == "en" for lang in langs)
