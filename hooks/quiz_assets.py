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
Its inline copies are removed from each page after mkdocs-quiz has added them, and so is its
"Quiz Progress" box (hidden, but still in the page): it counted only the questions its script grades,
never a blank, and its "Reset" cleared only its own storage; the page's count is ours
(quizbank/pagecount.js), from the one store of results. The installed package is never edited
(DEVELOPERS.md: the contract with mkdocs-quiz).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
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
    from mkdocs.structure.pages import Page

# What the files are made from, and how: quizbank/assets.py (`python -m quizbank site` writes the same).
__all__ = ["QUIZ_MINIFIED", "QUIZ_SCRIPT", "STYLESHEET", "quiz_script"]
# mkdocs-quiz 1.7.1's progress box, desktop then phone (its plugin's _get_quiz_progress_sidebar_html).
QUIZ_PROGRESS_BOX = re.compile(r'<div id="quiz-progress-sidebar".*?<nav id="quiz-progress-mobile".*?</nav>', re.S)


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


# After mkdocs-quiz's on_page_content (priority 0), which appends its style and script to the page.
@event_priority(-60)
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if "mkdocsQuizConfig" not in html:
        return None
    from mkdocs_quiz import plugin as quiz_plugin  # its module-level copies: what it appends, exactly

    for inline in (quiz_plugin.style, quiz_plugin.js_script):
        if inline and inline in html:
            html = html.replace(inline, "")
    return QUIZ_PROGRESS_BOX.sub("", html)
