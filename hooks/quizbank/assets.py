"""The site's one stylesheet and mkdocs-quiz's script as a file, from their sources (hooks/quiz_assets.py says why).

Pure: reads the theme's custom_dir and the installed mkdocs-quiz package. The MkDocs hook adds what
it returns to the build's files; `python -m quizbank site` (quizbank/postbuild.py) writes it into a
site any engine built, and removes the sources that engine copied as they were.
"""

from __future__ import annotations

import hashlib
import re
from importlib import metadata, resources
from pathlib import Path

from . import stylesheet
from .errors import Problem, display_path

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


class AssetError(Exception):
    """A source the site's files are made from is missing or unreadable: the problem, located."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _quiz_file(*parts: str) -> str:
    return (resources.files("mkdocs_quiz").joinpath(*parts)).read_text(encoding="utf-8")


def course_stylesheet(custom_dir: Path, root: Path) -> str:
    """mkdocs-quiz's stylesheet then ours, each minified: the site's one stylesheet. Raises AssetError."""
    quiz_css = _minified("mkdocs_quiz/css/quiz.css", _quiz_file("css", "quiz.css"))
    parts = [f"/* mkdocs-quiz {metadata.version('mkdocs-quiz')}: css/quiz.css */\n{quiz_css}"]
    for name in STYLESHEETS:
        path = custom_dir / name
        if not path.is_file():
            raise AssetError(
                Problem(display_path(path, root), 1, "the site's stylesheet is missing.", "restore it from git.")
            )
        parts.append(f"/* {path.name} */\n" + _minified(display_path(path, root), path.read_text(encoding="utf-8")))
    return "\n".join(parts)


def _minified(name: str, css: str) -> str:
    try:
        return stylesheet.minify(css)
    except stylesheet.UnclosedError as error:
        raise AssetError(Problem(name, error.line, f"{error.what}.", f"{error.fix}.")) from None


def quiz_script(minified: Path) -> str:
    """mkdocs-quiz's script: the minified copy if it was made from the installed one, else as installed."""
    source = _quiz_file("js", "quiz.js")
    copy = minified.read_text(encoding="utf-8") if minified.is_file() else ""
    made_from = MINIFIED_FROM.match(copy)
    if made_from and made_from.group(1) == hashlib.sha256(source.encode("utf-8")).hexdigest():
        return copy
    return source


# The theme folder's settings for Zensical (overrides/mkdocs_theme.yml): Zensical copies the file like an asset.
THEME_SETTINGS = "mkdocs_theme.yml"


def not_served(rel: str) -> bool:
    """Whether a file of the theme's custom_dir (path relative to it) stays out of the site: served inside another, or a setting."""
    return rel in STYLESHEETS or rel.startswith(SCRIPT_SOURCES) or rel in (QUIZ_MINIFIED, THEME_SETTINGS)
