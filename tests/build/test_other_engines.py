"""The tripwire: an engine that would drop the course's content stops, with the reason; Zensical with everything builds.

Every per-page step is the Markdown extension `quizbank.extension`, which MkDocs and Zensical both run
(#35). What can still go wrong is an engine, or a mkdocs.yml, that converts a page without it:
- the extension is not listed (or not installed): overrides/main.html finds no mark of it in the
  page's meta and stops the engine (MkDocs's hook says so first, more plainly);
- an engine runs it without saying which page it converts (an unknown engine, or MkDocs without the
  hook that tells it): the extension stops.
Before #35 Zensical was refused outright; now a Zensical build that has everything must succeed.
(The page-by-page comparison of both engines' sites is tests/build/test_engines*.py.)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import build, copy_of_the_project

ZENSICAL = Path(sys.executable).parent / "zensical"
EXTENSION_LINE = "  - quizbank.extension\n"


def zensical_build(site: Path) -> subprocess.CompletedProcess[str]:
    assert ZENSICAL.exists(), f"{ZENSICAL} not found: it is pinned in requirements-test.txt (`make test` installs it)"
    return subprocess.run(
        [str(ZENSICAL), "build", "-f", "mkdocs.yml"], capture_output=True, text=True, cwd=site, timeout=300
    )


def without(config: Path, line: str) -> None:
    text = config.read_text(encoding="utf-8")
    assert line in text, f"mkdocs.yml no longer has {line.strip()!r}: update this test"
    config.write_text(text.replace(line, ""), encoding="utf-8")


def test_zensical_builds_the_course_with_its_quizzes_and_answer_boxes(tmp_path: Path) -> None:
    site = copy_of_the_project(tmp_path / "site-copy")
    result = zensical_build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    chapter = site / "site" / "part-1" / "index.html"
    html = chapter.read_text(encoding="utf-8")
    assert 'class="quiz"' in html and "<!-- quiz:" not in html
    assert 'class="quiz-noscript"' in html and "window.mkdocsQuizConfig" in html
    # The extension's links are written for the engine that reads them (Zensical rewrites a page's links
    # as relative to its Markdown file): each script the page loads is a file of the built site.
    scripts = re.findall(r'<script type="module" src="([^"]+)"', html)
    assert scripts, "the chapter loads no answer-box script"
    for src in scripts:
        assert (chapter.parent / src).resolve().is_file(), f"part-1 loads {src}, which the site does not have"
    progress = (site / "site" / "progress" / "index.html").read_text(encoding="utf-8")
    assert 'class="quizbank-progress"' in progress and '<h3 id="part-1-fundamentals"><a href="../part-1/">' in progress
    glossary = (site / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "<!-- glossary -->" not in glossary and re.search(
        r"<dt><abbr title=\"Low-Rank Adaptation[^\"]*\">LoRA</abbr></dt>", glossary
    )
    # Zensical alone leaves out the site around the pages (its stylesheet, among others): every page
    # says so, and how to finish it (never in search), until `python -m quizbank site` has run.
    built = site / "site"
    pages = sorted(built.rglob("index.html"))
    assert len(pages) > 5 and not (built / "assets" / "stylesheets" / "course.css").exists()
    unmarked = [p for p in pages if 'id="quizbank-unfinished"' not in p.read_text(encoding="utf-8")]
    assert not unmarked, f"pages that do not say the site is unfinished: {unmarked}"
    assert "unfinished" not in (built / "search.json").read_text(encoding="utf-8")
    finish = subprocess.run(
        [sys.executable, "-m", "quizbank", "site"],
        capture_output=True,
        text=True,
        cwd=site,
        env={**os.environ, "PYTHONPATH": str(site / "hooks")},
        timeout=300,
    )
    assert finish.returncode == 0, finish.stdout + finish.stderr
    assert (built / "assets" / "stylesheets" / "course.css").is_file()
    left = [p for p in pages if "quizbank-unfinished" in p.read_text(encoding="utf-8")]
    assert not left, f"the site step left the notice in {left}"


def test_zensical_without_the_extension_stops_with_the_reason(tmp_path: Path) -> None:
    site = copy_of_the_project(tmp_path / "site-copy")
    without(site / "mkdocs.yml", EXTENSION_LINE)
    result = zensical_build(site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"zensical published the site without its quizzes:\n{output}"
    assert "quizbank.extension" in output and "markdown_extensions" in output, output
    assert not (site / "site" / "part-1" / "index.html").exists(), "a chapter was written without its quizzes"


def test_mkdocs_without_the_extension_stops_with_the_reason(tmp_path: Path) -> None:
    site = copy_of_the_project(tmp_path / "site-copy")
    without(site / "mkdocs.yml", EXTENSION_LINE)
    result = build(site / "mkdocs.yml")
    assert result.code != 0, result.output
    assert "'quizbank.extension' is not listed under markdown_extensions" in result.output, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_template_alone_stops_an_engine_that_skipped_the_extension(tmp_path: Path, engine: str) -> None:
    """The template's check holds by itself (here without the hook's, which only MkDocs runs)."""
    site = copy_of_the_project(tmp_path / "site-copy")
    without(site / "mkdocs.yml", EXTENSION_LINE)
    hook = site / "hooks" / "quiz_banks.py"
    hook.write_text(
        hook.read_text(encoding="utf-8").replace("if EXTENSION not in config.markdown_extensions:", "if False:"),
        encoding="utf-8",
    )
    if engine == "mkdocs":
        result = build(site / "mkdocs.yml")
        code, output = result.code, result.output
    else:
        done = zensical_build(site)
        code, output = done.returncode, done.stdout + done.stderr
    assert code != 0, output
    assert "without the course's page extension quizbank.extension" in output, output
    assert not (site / "site" / "part-1" / "index.html").exists()


def test_mkdocs_without_the_hook_that_names_the_page_stops_with_the_reason(tmp_path: Path) -> None:
    site = copy_of_the_project(tmp_path / "site-copy")
    without(site / "mkdocs.yml", "  - hooks/quiz_banks.py\n")
    result = build(site / "mkdocs.yml")
    assert result.code != 0, result.output
    assert "without saying which page it converts" in result.output, result.output
    assert "Traceback" not in result.output
