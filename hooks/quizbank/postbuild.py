"""The site-level steps, run over a built site whichever engine built it: `python -m quizbank site`.

An engine renders pages; what belongs to the whole site is done here, after it, on the files it
wrote (Zensical runs no MkDocs hook; under MkDocs the hooks do the same through the same functions,
and this command then changes no byte: tests/build/test_engines.py holds both). In order:

1. `assets/quizbank/course.json`, the navigation counts, from the banks and the chapters' markers;
2. the one stylesheet (`course.css`) and mkdocs-quiz's script as a file (quizbank/assets.py), and
   the sources the engine copied from the theme's folder as they were (served inside those) removed;
3. the web app's manifest (quizbank/webapp.py);
4. each page's final HTML (quizbank/finalhtml.py): Material's bundle after the first paint, the
   head's app links and offline meta the template renders only under MkDocs, a chapter's
   continuation's redirect script, and My progress's review questions cut into their own file
   (quizbank/reviewpool.py);
5. the first-paint budget of every page (quizbank/budget.py), reported as warnings;
6. last, once every other file is written: the service worker with its precache list (quizbank/offline.py);
   a preview (`--serve`) gets the worker that removes itself instead, as under `mkdocs serve`.

Every problem is a located Problem (file, line, what, fix); the command lists them and fails.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .assets import QUIZ_MINIFIED, QUIZ_SCRIPT, STYLESHEET, AssetError, course_stylesheet, not_served, quiz_script
from .budget import page_weights
from .errors import Problem, display_path, summary
from .finalhtml import (
    CONTINUES,
    after_first_paint,
    content_ids,
    loader_code,
    with_head_tags,
    with_redirect,
    without_unfinished_notice,
)
from .manifest import COUNTS_FILE, navigation_counts
from .offline import RETIRE, WORKER, english_only, precache_list, render_worker
from .offline import SOURCE as WORKER_SOURCE
from .progress import MARKER as PROGRESS_MARKER
from .reviewpool import NAME as POOL_NAME
from .reviewpool import PoolOutsideStage, cut_pool
from .site import load_site, page_url
from .siteconfig import read_config, site_path
from .webapp import MANIFEST_FILE, AppSettingError, app_of, head_tags, manifest_text

FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?)\n(?:-{3}|\.{3})[ \t]*\n", re.S)
CONTINUES_LINE = re.compile(rf"^{CONTINUES}:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.M)


@dataclass
class Finished:
    """What the command did: the files it wrote, and every problem (errors fail it, warnings do not)."""

    site: Path
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pages_changed: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


@dataclass
class _Site:
    config_path: Path
    root: Path
    config: dict[str, Any]
    docs_dir: Path
    custom_dir: Path
    site: Path
    use_directory_urls: bool
    app_links: dict[str, Any] = field(default_factory=dict)  # step 3 finds them, step 4 adds them


def finish_site(config_path: Path, site_dir: Path | None = None, *, serving: bool = False) -> Finished:
    """Every site-level step over the site built from `config_path` (into `site_dir`, else its site_dir).

    `serving`: a preview: no offline meta, and a worker that removes itself (a precaching one would answer from its cache).
    """
    root = config_path.resolve().parent
    config = read_config(config_path)
    theme = config.get("theme") or {}
    custom_dir = root / str(theme.get("custom_dir") or "overrides") if isinstance(theme, dict) else root / "overrides"
    site = (site_dir or root / str(config.get("site_dir") or "site")).resolve()
    done = Finished(site)
    if not (site / "index.html").is_file():
        done.problems.append(
            Problem(
                display_path(site, root),
                1,
                "no built site here (no index.html).",
                "build the site first (make build ENGINE=zensical, or mkdocs build), or pass its folder with -d.",
            )
        )
        return done
    s = _Site(
        config_path.resolve(),
        root,
        config,
        root / str(config.get("docs_dir") or "docs"),
        custom_dir,
        site,
        bool(config.get("use_directory_urls", True)),
    )
    steps = (_course_counts, _assets, _web_app, _pages, _budget)
    for step in steps:
        step(s, done, serving)
        if done.errors:
            return done
    _worker(s, done, serving)
    return done


# ── 1. The navigation counts ──────────────────────────────────────────────────────────────────


def _course_counts(s: _Site, done: Finished, serving: bool) -> None:
    # The course as the pages placed it: quizbank/site.py reads it once for the page extension too.
    site = load_site(s.config_path)
    if site.problems:
        done.problems += site.problems
        return
    progress = None
    for path in _documentation_pages(s.docs_dir):
        if PROGRESS_MARKER.search(path.read_text(encoding="utf-8-sig")):
            progress = page_url(path.relative_to(s.docs_dir).as_posix(), s.use_directory_urls)
            break
    _write(s, done, COUNTS_FILE, navigation_counts(site.course, progress))


def _documentation_pages(docs_dir: Path) -> list[Path]:
    """The chapters, in MkDocs' order: a folder's index first, then by path."""
    paths = [p for p in docs_dir.rglob("*.md") if not any(part.startswith(".") for part in p.parts)]

    def order(path: Path) -> tuple[tuple[bool, str], ...]:
        parts = path.relative_to(docs_dir).parts
        return tuple(
            (i == len(parts) - 1 and parts[i] not in ("index.md", "README.md"), p) for i, p in enumerate(parts)
        )

    return sorted(paths, key=order)


def _page_file(src: str, directory_urls: bool) -> str:
    url = page_url(src, directory_urls)
    return url + "index.html" if url == "" or url.endswith("/") else url


# ── 2. The stylesheet and mkdocs-quiz's script ───────────────────────────────────────────────


def _assets(s: _Site, done: Finished, serving: bool) -> None:
    try:
        css = course_stylesheet(s.custom_dir, s.root)
    except AssetError as err:
        done.problems.append(err.problem)
        return
    _write(s, done, STYLESHEET, css)
    _write(s, done, QUIZ_SCRIPT, quiz_script(s.custom_dir / QUIZ_MINIFIED))
    # What an engine copied from the theme's folder as it is: served inside the stylesheet or a bundle.
    for path in sorted(s.custom_dir.rglob("*")):
        rel = path.relative_to(s.custom_dir).as_posix()
        copy = s.site / rel
        if path.is_file() and not_served(rel) and copy.is_file():
            copy.unlink()
            done.removed.append(rel)
    for folder in sorted({(s.site / r).parent for r in done.removed}, key=lambda p: -len(p.parts)):
        while folder != s.site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


# ── 3. The web app ────────────────────────────────────────────────────────────────────────────


def _web_app(s: _Site, done: Finished, serving: bool) -> None:
    try:
        app = app_of(s.config, s.custom_dir)
    except AppSettingError as err:
        what, _, fix = str(err).partition("\n    Fix: ")
        file, _, what = what.partition(": ")
        done.problems.append(Problem(file, 1, what, fix))
        return
    _write(s, done, MANIFEST_FILE, manifest_text(app.manifest))
    s.app_links = app.links


# ── 4. Each page's final HTML ─────────────────────────────────────────────────────────────────


def _pages(s: _Site, done: Finished, serving: bool) -> None:
    code = loader_code(s.custom_dir)
    if code is None:
        done.problems.append(
            Problem(
                display_path(s.custom_dir / "partials/inline/material.html", s.root),
                1,
                "Material's loader is missing or unreadable.",
                "run `make bundle`, or restore it from git.",
            )
        )
        return
    prefix = site_path(s.config)
    continued = _continuations(s, done)
    for path in sorted(s.site.rglob("*.html")):
        rel = path.relative_to(s.site).as_posix()
        html = path.read_text(encoding="utf-8")
        if html.lstrip()[:15].lower() != "<!doctype html>":
            continue  # a fragment (the review pool), not a page
        # The 404 page is served at any depth: its links start at the site's path, as MkDocs writes them.
        base = prefix if rel == "404.html" else "../" * rel.count("/")
        original = html
        html = without_unfinished_notice(html) or html  # this step is what it asked for
        html = after_first_paint(html, code) or html
        tags = [] if serving else [f'<meta name="quizbank-offline" content="{WORKER}">']
        html = with_head_tags(html, tags + head_tags(s.app_links, base)) or html
        if rel in continued:
            html = continued[rel](html) or html
        try:
            cut = cut_pool(html)
        except PoolOutsideStage as err:
            done.problems.append(Problem(rel, 1, f"{err}.", err.fix))
            continue
        if cut is not None:
            for old in path.parent.glob(POOL_NAME.format(digest="*")):
                if old.name != cut.name:
                    old.unlink()
            _write(s, done, (PurePosixPath(rel).parent / cut.name).as_posix(), cut.pool)
            html = cut.page
        if html != original:
            path.write_text(html, encoding="utf-8")
            done.pages_changed += 1


def _continuations(s: _Site, done: Finished) -> dict[str, Any]:
    """First page's built file → what adds its redirect script (continued's front matter, read from docs/)."""
    out: dict[str, Any] = {}
    for path in _documentation_pages(s.docs_dir):
        front = FRONT_MATTER.match(path.read_text(encoding="utf-8-sig"))
        target = CONTINUES_LINE.search(front.group(1)) if front else None
        if target is None:
            continue
        src = path.relative_to(s.docs_dir).as_posix()
        first, second = _page_file(target.group(1).strip(), s.use_directory_urls), _page_file(src, s.use_directory_urls)
        if not (s.site / first).is_file() or not (s.site / second).is_file():
            continue  # the engine reported it (MkDocs' hook stops; the extension shows the problem)
        moved = sorted(
            content_ids((s.site / second).read_text(encoding="utf-8"))
            - content_ids((s.site / first).read_text(encoding="utf-8"))
        )
        to = _relative(page_url(src, s.use_directory_urls), page_url(target.group(1).strip(), s.use_directory_urls))

        def add(html: str, moved: list[str] = moved, to: str = to) -> str | None:
            return with_redirect(html, moved, to)

        out[first] = add
    return out


def _relative(url: str, from_url: str) -> str:
    """`url` relative to the page at `from_url` (both relative to the site's root), as MkDocs writes links."""
    return "../" * from_url.count("/") + url or "./"


# ── 5. The first-paint budget ─────────────────────────────────────────────────────────────────


def _budget(s: _Site, done: Finished, serving: bool) -> None:
    for weight in page_weights(s.site):
        if not weight.within:
            what, _, fix = weight.message().partition("\n    Fix: ")
            done.problems.append(Problem(weight.page, 1, what.partition(": ")[2], fix, severity="warning"))


# ── 6. The service worker, last ───────────────────────────────────────────────────────────────


def _worker(s: _Site, done: Finished, serving: bool) -> None:
    if serving:
        # A preview answers from the files as they are: a worker left by a build served earlier at this
        # address is told to remove itself, as `mkdocs serve` does (hooks/offline.py says why).
        retire = s.custom_dir / RETIRE
        if retire.is_file():
            _write(s, done, WORKER, retire.read_text(encoding="utf-8"))
        return
    source = s.custom_dir / WORKER_SOURCE
    if not source.is_file():
        done.problems.append(
            Problem(display_path(source, s.root), 1, "the service worker's source is missing.", "restore it from git.")
        )
        return
    files = precache_list(s.site, english_search_only=english_only(_search_languages(s.config)))
    _write(s, done, WORKER, render_worker(source.read_text(encoding="utf-8"), files))


def _search_languages(config: dict[str, Any]) -> list[str]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict):
            for name, options in plugin.items():
                if name in ("search", "material/search") and isinstance(options, dict) and options.get("lang"):
                    lang = options["lang"]
                    return [str(x) for x in (lang if isinstance(lang, list) else [lang])]
    theme = config.get("theme") or {}
    return [str(theme.get("language") or "en") if isinstance(theme, dict) else "en"]


def _write(s: _Site, done: Finished, rel: str, text: str) -> None:
    """Write a site file, only if it differs (an MkDocs build already holds the same bytes)."""
    path = s.site / rel
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    done.written.append(rel)


def watch(config_path: Path, site_dir: Path | None = None, *, every: float = 0.3, report: Any = print) -> None:
    """Finish the site again each time an engine's preview rewrites it (`make serve ENGINE=zensical`); Ctrl+C stops.

    Zensical's `serve` writes site/ as it rebuilds and serves it from there, but runs no hook: a
    rebuild is seen here as a page whose time or size changed, and finished as a preview (no worker).
    """
    root = config_path.resolve().parent
    site = (site_dir or root / str(read_config(config_path).get("site_dir") or "site")).resolve()
    seen: tuple[tuple[str, int, int], ...] = ()
    while True:
        try:
            now = tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(site.glob("**/*.html")))
        except FileNotFoundError:  # the engine is rewriting the folder
            now = ()
        if now and now != seen:
            time.sleep(every)  # let the engine finish writing
            done = finish_site(config_path, site_dir, serving=True)
            if done.problems:
                report(summary(done.problems, "Site"))
            elif done.written or done.pages_changed:
                report(f"Site: finished {done.pages_changed} pages, wrote {len(done.written)} files.")
            now = tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(site.glob("**/*.html")))
        seen = now
        time.sleep(every)
