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

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from quizbank.offline import RETIRE, SOURCE, WORKER, english_only, precache_list, render_worker, version, wanted

if TYPE_CHECKING:
    from collections.abc import Iterable
    from wsgiref.types import StartResponse, WSGIEnvironment

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

# The list and the worker are written by quizbank/offline.py, which `python -m quizbank site` uses too.
__all__ = ["WORKER", "precache_list", "render_worker", "version", "wanted"]

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


def _english_search_only(config: MkDocsConfig) -> bool:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    langs = getattr(search, "config", {}).get("lang") if search is not None else None
    if not langs:
        langs = [str(config.theme.get("language") or "en")]
    return english_only([str(lang) for lang in langs])
