"""MkDocs hook: one cached stylesheet for the site, and mkdocs-quiz's script as a cached file.

mkdocs-quiz pastes its whole stylesheet and script (about 60 KB) into every page that has a quiz.
Here they become files the browser fetches once and keeps:
- `assets/stylesheets/course.css` joins mkdocs-quiz's stylesheet and ours (`overrides/assets/site.css`,
  the answer boxes' `written-task.css` and `keep.css`, whose own copies are then left out of the site): one
  request, render-blocking like any stylesheet, cached across pages, minified as it is built
  (quizbank/stylesheet.py: 8.4 KB gzip -> 4.9, on every first visit).
- `assets/javascripts/mkdocs-quiz/quiz.js` is its script; quizbank/selfcheck.js loads it on the
  first page that has a quiz, once it has prepared the page's saved answers. It is served minified
  (`bundles/mkdocs-quiz.min.js`, written by `make bundle`: 4.6 KB gzip instead of 9.2 on every
  first visit) while the SHA-256 that copy names is the installed script's, and as installed otherwise.
Its plugin never adds them (nor its "Quiz Progress" box) to a page: the course's page extension
(`quizbank.extension`) writes only its two small settings scripts into a page with quizzes. The installed package is never edited
(DEVELOPERS.md: the contract with mkdocs-quiz).
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from quizbank import display_path, stylesheet

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

STYLESHEET = "assets/stylesheets/course.css"
QUIZ_SCRIPT = "assets/javascripts/mkdocs-quiz/quiz.js"
# Ours, in the theme's custom_dir, in cascade order after mkdocs-quiz's (ours override it). The
# answer boxes' style is here too, although three pages use it: pasted into those pages it made
# each chapter's HTML 2.2 KB (gzip) heavier on every visit, and pushed Part 2's HTML past a network
# round trip on a phone (first paint 1.35 s instead of 1.20 s, Lighthouse 99), while the
# shared file grows from 6.3 to 8.5 KB, fetched once and still within one round trip.
STYLESHEETS = ("assets/site.css", "assets/written-task.css", "assets/keep.css")
# The sources of the browser bundles: tested under Node, bundled by `make bundle`, not served.
SCRIPT_SOURCES = "assets/javascripts/quizbank/"
# mkdocs-quiz's script minified by `make bundle`, served as QUIZ_SCRIPT (not at its own path).
QUIZ_MINIFIED = "assets/javascripts/bundles/mkdocs-quiz.min.js"
MINIFIED_FROM = re.compile(r"\A/\* mkdocs-quiz \S+ js/quiz\.js .*?source sha256 ([0-9a-f]{64}) \*/\n")


def _quiz_file(*parts: str) -> str:
    return (resources.files("mkdocs_quiz").joinpath(*parts)).read_text(encoding="utf-8")


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    custom_dir = Path(str(config.theme.custom_dir))
    quiz_css = _minified("mkdocs_quiz/css/quiz.css", _quiz_file("css", "quiz.css"))
    parts = [f"/* mkdocs-quiz {_quiz_version()}: css/quiz.css */\n{quiz_css}"]
    for name in STYLESHEETS:
        path = custom_dir / name
        if not path.is_file():
            raise PluginError(f"{path}: the site's stylesheet is missing.\n    Fix: restore it from git.")
        parts.append(
            f"/* {path.name} */\n"
            + _minified(display_path(path, Path(config.config_file_path).parent), path.read_text(encoding="utf-8"))
        )
        existing = files.get_file_from_path(name)
        if existing is not None:
            files.remove(existing)  # served inside the one stylesheet only
    for file in [f for f in files if f.src_uri.startswith(SCRIPT_SOURCES) or f.src_uri == QUIZ_MINIFIED]:
        files.remove(file)
    files.append(File.generated(config, STYLESHEET, content="\n".join(parts)))
    files.append(File.generated(config, QUIZ_SCRIPT, content=quiz_script(custom_dir / QUIZ_MINIFIED)))
    return files


def _minified(name: str, css: str) -> str:
    try:
        return stylesheet.minify(css)
    except stylesheet.UnclosedError as error:
        raise PluginError(f"{name}:{error.line}: {error.what}.\n    Fix: {error.fix}.") from None


def quiz_script(minified: Path) -> str:
    """mkdocs-quiz's script: the minified copy if it was made from the installed one, else as installed."""
    source = _quiz_file("js", "quiz.js")
    copy = minified.read_text(encoding="utf-8") if minified.is_file() else ""
    made_from = MINIFIED_FROM.match(copy)
    if made_from and made_from.group(1) == hashlib.sha256(source.encode("utf-8")).hexdigest():
        return copy
    return source


def _quiz_version() -> str:
    from importlib import metadata

    return metadata.version("mkdocs-quiz")
