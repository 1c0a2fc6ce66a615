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

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from quizbank.assets import (
    QUIZ_MINIFIED,
    QUIZ_SCRIPT,
    STYLESHEET,
    AssetError,
    course_stylesheet,
    not_served,
    quiz_script,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

# What the files are made from, and how: quizbank/assets.py (`python -m quizbank site` writes the same).
__all__ = ["QUIZ_MINIFIED", "QUIZ_SCRIPT", "STYLESHEET", "quiz_script"]


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    custom_dir = Path(str(config.theme.custom_dir))
    try:
        css = course_stylesheet(custom_dir, Path(config.config_file_path).parent)
    except AssetError as err:
        raise PluginError(str(err.problem)) from None
    for file in [f for f in files if not_served(f.src_uri)]:
        files.remove(file)  # served inside the one stylesheet, or as a bundle
    files.append(File.generated(config, STYLESHEET, content=css))
    files.append(File.generated(config, QUIZ_SCRIPT, content=quiz_script(custom_dir / QUIZ_MINIFIED)))
    return files
