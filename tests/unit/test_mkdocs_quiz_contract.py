"""The contract with mkdocs-quiz (DEVELOPERS.md): everything this site relies on in the installed package.

Our page extension writes mkdocs-quiz's quiz DOM by hand and the settings its script reads, and our
script writes its per-page storage before it starts and listens around its handlers. A new release
that changes any of it fails here, loudly, before a student meets a broken quiz. The browser tests
check the same contract in use.
"""

from __future__ import annotations

import re
from importlib import metadata, resources
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs_quiz import plugin as quiz_plugin

import quiz_assets
import quiz_banks
from quizbank.extension import quiz_settings_scripts
from quizbank.site import QUIZ_DEFAULTS
from quizbank.siteconfig import read_config
from support import ROOT

JS = (resources.files("mkdocs_quiz") / "js" / "quiz.js").read_text(encoding="utf-8")
CSS = (resources.files("mkdocs_quiz") / "css" / "quiz.css").read_text(encoding="utf-8")


def test_the_installed_version_is_a_tested_one() -> None:
    assert metadata.version("mkdocs-quiz") in quiz_banks.MKDOCS_QUIZ_TESTED


def test_another_version_stops_the_build_with_a_fix() -> None:
    with pytest.raises(PluginError, match=r"mkdocs-quiz 9\.0\.0 is installed, but this site is tested with") as info:
        quiz_banks._check_mkdocs_quiz_version("9.0.0")
    assert "Fix: install the tested version" in str(info.value)


def test_the_plugin_options_we_set_exist() -> None:
    names = {name for name, _ in quiz_plugin.MkDocsQuizPlugin.config_scheme}
    assert {
        "enabled_by_default",
        "confetti",
        "auto_submit",
        "disable_after_submit",
        "show_progress",
        "show_correct",
    } <= names


def test_it_leaves_our_pages_alone() -> None:
    """With enabled_by_default off (mkdocs.yml) and no page switching it on, its plugin adds nothing to a page.

    The course's page extension never switches it on: what its script needs on a page, the extension
    writes itself (below), in MkDocs and Zensical alike.
    """
    plugin = quiz_plugin.MkDocsQuizPlugin()
    plugin.load_config({"enabled_by_default": False})
    assert plugin._should_process_page(SimpleNamespace(meta={})) is False
    assert plugin._should_process_page(SimpleNamespace(meta={"quiz": {"enabled": True}})) is True  # the switch
    settings = next(p["mkdocs_quiz"] for p in read_config(ROOT / "mkdocs.yml")["plugins"] if isinstance(p, dict))
    assert settings["enabled_by_default"] is False


def test_its_settings_scripts_are_what_its_plugin_would_write(tmp_path: Path) -> None:
    """quizbank.extension writes its translations and options exactly as its on_page_content would."""
    plugin = quiz_plugin.MkDocsQuizPlugin()
    plugin.load_config({"enabled_by_default": True, "confetti": False, "show_progress": False})
    page = SimpleNamespace(meta={}, url="one/", file=SimpleNamespace(src_path="one.md", url="one/"))
    config = SimpleNamespace(theme={"language": "en"}, extra={}, config_file_path=str(tmp_path / "mkdocs.yml"))
    pasted = plugin.on_page_content("<p>x</p>", page=page, config=config, files=None)
    assert pasted is not None
    ours = quiz_settings_scripts(
        SimpleNamespace(  # type: ignore[arg-type]
            quiz={**QUIZ_DEFAULTS, "confetti": False, "show_progress": False}, language="en", root=tmp_path
        ),
        SimpleNamespace(meta={}),  # type: ignore[arg-type]
    )
    assert pasted == "<p>x</p>" + quiz_plugin.style + ours + quiz_plugin.js_script


@pytest.mark.parametrize(
    ("what", "pattern"),
    [
        ("per-page storage key", r'STORAGE_KEY_PREFIX = "quiz_progress_"'),
        ("keyed by the page path", r"STORAGE_KEY_PREFIX \+ window\.location\.pathname"),
        ("an entry's shape", r"answered: true,\s*correct: isCorrect,\s*selectedValues: selectedValues"),
        ("it drops the whole page on one bad entry (we pre-check entries)", r"Invalid quiz entry structure"),
        ("quizzes found by class", r'document\.querySelectorAll\("\.quiz"\)'),
        ("options are inputs named answer", r'input\[name="answer"\]'),
        ("right options marked data-correct", r"data-correct"),
        ("per-option feedback in .answer-feedback", r"\.answer-feedback"),
        ("feedback goes in .quiz-feedback", r'querySelector\("\.quiz-feedback"\)'),
        ("the explanation is the quiz's section", r'quiz\.querySelector\("section"\)'),
        ("Try Again is a .quiz-reset-button it creates", r'"quiz-button quiz-reset-button hidden"'),
        (
            "the submit handler sits on the form and stops the event there",
            r'addTrackedEventListener\(form, "submit", submitHandler\)',
        ),
        ("(so our capturing listener runs first)", r"event\.stopPropagation\(\)"),
        ("fill-blank quizzes marked by data-quiz-type", r'getAttribute\("data-quiz-type"\) === "fill-blank"'),
        ("blanks are .quiz-blank-input", r"\.quiz-blank-input"),
        ("options read from our data attributes", r'hasAttribute\("data-show-correct"\)'),
        ("it starts at DOMContentLoaded when the page is still loading", r'document\.readyState === "loading"'),
        ("and again on every instant navigation", r"document\$\.subscribe"),
    ],
)
def test_its_script_still_does_what_we_rely_on(what: str, pattern: str) -> None:
    assert re.search(pattern, JS), f"mkdocs-quiz's quiz.js changed: {what} ({pattern})"


@pytest.mark.parametrize(
    "selector",
    [
        ".quiz-feedback-item",
        ".quiz-feedback-badge",
        ".quiz-blank-input",
        ".quiz-header-link",
        "#quiz-progress-sidebar",
        ".quiz .hidden",
    ],
)
def test_its_stylesheet_still_has_the_classes_we_restyle(selector: str) -> None:
    assert selector in CSS, f"mkdocs-quiz's quiz.css no longer styles {selector}"


def test_its_script_is_served_minified_only_when_made_from_the_installed_one(tmp_path: Path) -> None:
    """`make bundle` minifies it (tests/js/bundles.test.mjs checks that copy); a stale copy is never served."""
    committed = quiz_assets.quiz_script(ROOT / "overrides" / quiz_assets.QUIZ_MINIFIED)
    assert committed != JS and len(committed) < len(JS) / 2 and "quiz_progress_" in committed
    stale = tmp_path / "mkdocs-quiz.min.js"
    stale.write_text(_with_digest(committed, "0" * 64), encoding="utf-8")
    assert quiz_assets.quiz_script(stale) == JS
    assert quiz_assets.quiz_script(tmp_path / "missing.js") == JS


def _with_digest(script: str, digest: str) -> str:
    return re.sub(r"source sha256 [0-9a-f]{64}", f"source sha256 {digest}", script, count=1)
