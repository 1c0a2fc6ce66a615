"""MkDocs hook: YAML quiz banks in `quizzes/`, placed in chapters with `<!-- quiz: bank -->`.

Loading, validation and rendering live in the `quizbank` package (no MkDocs needed); this
file only wires them to MkDocs events. Banks are re-read on every build, so under
`mkdocs serve` saving a bank rebuilds and reloads the page. A mistake stops `mkdocs build`;
under `mkdocs serve` the page shows it instead (MkDocs would otherwise hold every request until
the next good build, and the browser would wait without a word), and the next save recovers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from html import escape
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from quizbank import (
    Bank,
    BankError,
    Problem,
    RenderOptions,
    Source,
    display_path,
    load_banks,
    place_quizzes,
)
from quizbank.coverage import unplaced
from quizbank.errors import as_html, summary
from quizbank.facts import UNREAD_FACTS, facts_file, load_facts
from quizbank.manifest import (
    COUNTS_FILE,
    Manifest,
    course_manifest,
    navigation_counts,
    site_chapters,
    written_tasks_json,
)
from quizbank.markers import NEAR_MARKER, markers_in_included_files
from quizbank.progress import MARKER as PROGRESS_MARKER
from quizbank.progress import render_progress
from quizbank.siteconfig import PREVIEW_WHEN
from quizbank.types.written_task import missing_examples

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.quiz_banks")

# Built by `make bundle` from overrides/assets/javascripts/quizbank/ (committed: a build needs no Node).
SELFCHECK_SCRIPT = "assets/javascripts/bundles/site.js"
WRITTEN_TASK_SCRIPT = "assets/javascripts/bundles/written-task.js"
PROGRESS_SCRIPT = "assets/javascripts/bundles/progress.js"
# Written once per build: the course's chapters and their questions, for the navigation counts.
MANIFEST_FILE = COUNTS_FILE
NO_SCRIPT_NOTE = (
    '<noscript><p class="quiz-noscript" data-search-exclude>The self-checks on this page need JavaScript, which is off: '
    "you can read the questions, but answers are not checked or saved.</p></noscript>"
)
# A marker left in the rendered HTML was not placed (the checks on the Markdown missed a case).
LEFT_MARKER = re.compile(r"<!--\s*quiz\s*:", re.I)
# md_in_html consumes `markdown="…"`: one left in the HTML belongs to a question that was placed
# inside a raw HTML block, where its Markdown was never rendered.
UNRENDERED = re.compile(r'<[a-z]+\b[^>]*\bdata-(?:qid|task)="([^"]+)"[^>]*\bmarkdown="', re.I)


@dataclass
class _State:
    root: Path = Path()
    banks_dir: Path = Path()
    banks: dict[str, Bank] = field(default_factory=dict)
    options: RenderOptions = RenderOptions()
    manifest: str = "[]"
    snippet_bases: list[Path] = field(default_factory=list)
    course: Manifest = field(default_factory=lambda: course_manifest({}, []))
    # Under `mkdocs serve`, the banks' problems: every page shows them until a save fixes them.
    broken: list[Problem] = field(default_factory=list)


_state = _State()
_serving = False  # `mkdocs serve`: a preview, where a mistake is shown in the page rather than stopping


# The mkdocs-quiz releases this site is tested with (DEVELOPERS.md: the contract with mkdocs-quiz).
# Our markup, storage and event order rely on its internals; tests/unit/test_mkdocs_quiz_contract.py
# fails when a release changes them. To try a new release: install it, run `make test`, add it here.
MKDOCS_QUIZ_TESTED = ("1.7.1",)

SETTINGS = {"dir": str, "confidence": bool, "preview": str}


def _settings(config: MkDocsConfig) -> dict[str, object]:
    """`extra: quiz_banks:` in mkdocs.yml, checked: where the banks are, whether to ask for confidence, when to build the preview."""
    given = config.extra.get("quiz_banks") or {}
    if not isinstance(given, dict):
        raise PluginError(
            "mkdocs.yml: 'extra: quiz_banks:' must be a mapping.\n    Fix: write e.g. 'quiz_banks: {dir: quizzes}'."
        )
    for name, value in given.items():
        if name not in SETTINGS:
            raise PluginError(
                f"mkdocs.yml: unknown setting 'extra: quiz_banks: {name}'.\n    Fix: use {' or '.join(SETTINGS)}."
            )
        if name == "preview" and value not in PREVIEW_WHEN:
            raise PluginError(
                f"mkdocs.yml: 'extra: quiz_banks: preview' must be one of {', '.join(PREVIEW_WHEN)}, not '{value}'.\n"
                "    Fix: 'serve' (the default) builds the question-bank preview under mkdocs serve only; 'always' "
                "publishes it too (it shows every answer); 'never' turns it off."
            )
        if not isinstance(value, SETTINGS[name]):
            kind = "true or false" if SETTINGS[name] is bool else "a folder name"
            raise PluginError(
                f"mkdocs.yml: 'extra: quiz_banks: {name}' must be {kind}.\n    Fix: write e.g. '{name}: {'true' if SETTINGS[name] is bool else 'quizzes'}'."
            )
    return {"dir": "quizzes", "confidence": True, "preview": "serve", **given}


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    # MkDocs calls this once; the hook module (and so this flag) lives through every rebuild of `serve`.
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Load every bank afresh; a bad bank stops the build with every problem listed (under serve, every page lists them)."""
    root = Path(config.config_file_path).parent
    settings = _settings(config)
    banks_dir = root / str(settings["dir"])
    problems: list[Problem] = []
    try:
        # The facts file's values replace the banks' fact references (quizbank/facts.py).
        facts = load_facts(facts_file(config.extra, root), root)
    except BankError as err:
        problems += err.problems
        facts = UNREAD_FACTS
    banks = load_banks(banks_dir, root, problems, facts)
    if "mkdocs_quiz" not in config.plugins:
        raise PluginError("Quiz banks need the mkdocs_quiz plugin: add '- mkdocs_quiz' under 'plugins:' in mkdocs.yml.")
    _check_mkdocs_quiz_version(metadata.version("mkdocs-quiz"))
    quiz_config = config.plugins["mkdocs_quiz"].config
    custom_dir = config.theme.custom_dir
    if not custom_dir or not (Path(custom_dir) / SELFCHECK_SCRIPT).is_file():
        raise PluginError(
            f"Quiz banks need {SELFCHECK_SCRIPT} in the theme's custom_dir (overrides/); restore it from git."
        )
    snippets = config.mdx_configs.get("pymdownx.snippets") or {}
    _state.root = root
    _state.banks_dir = banks_dir
    _state.snippet_bases = [Path(b) for b in snippets.get("base_path", [root])]
    if not problems:
        problems = missing_examples(banks, _state.snippet_bases)
    _state.broken = _stop_or_show(problems)
    if _state.broken:
        banks = {}
    _state.banks = banks
    _state.options = RenderOptions(
        show_correct=bool(quiz_config.get("show_correct", True)),
        auto_submit=bool(quiz_config.get("auto_submit", False)),
        disable_after_submit=bool(quiz_config.get("disable_after_submit", False)),
        confidence=bool(settings["confidence"]),
    )
    _state.manifest = written_tasks_json(banks)
    return config


def _stop_or_show(problems: list[Problem]) -> list[Problem]:
    """Stop the build with every problem; under `mkdocs serve`, log them and return them for the pages to show."""
    if not problems:
        return []
    if not _serving:
        raise PluginError(summary(problems))
    log.error(summary(problems))
    return problems


def _check_mkdocs_quiz_version(installed: str) -> None:
    if installed not in MKDOCS_QUIZ_TESTED:
        raise PluginError(
            f"mkdocs-quiz {installed} is installed, but this site is tested with mkdocs-quiz "
            f"{', '.join(MKDOCS_QUIZ_TESTED)} only: the quizzes rely on its page markup, storage and script.\n"
            f"    Fix: install the tested version (pip install -r requirements.txt pins mkdocs-quiz=={MKDOCS_QUIZ_TESTED[-1]}); "
            "to adopt another version, see DEVELOPERS.md (the contract with mkdocs-quiz)."
        )


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    """Write the course manifest: which page places which question, read from every chapter's markers."""
    pages = {f.src_uri: (f.url, f.content_string) for f in files.documentation_pages()}
    _state.course = course_manifest(_state.banks, site_chapters(pages, config.nav or []))
    # A question no page places still goes into every export: said here, listed by `make check`.
    placed = [*_state.course["questions"], *(t["key"] for t in _state.course["tasks"])]
    for warning in unplaced(_state.banks, placed):
        log.info(str(warning).replace("\n    ", " "))
    # Where a student restores a progress file (quizbank/keep-ui.js links to it when work was lost).
    progress = next((url for url, content in pages.values() if PROGRESS_MARKER.search(content)), None)
    counts = navigation_counts(_state.course, progress)
    files.append(File.generated(config, MANIFEST_FILE, content=counts))
    return files


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    """Rebuild when a bank changes, not only when a chapter does."""
    if _state.banks_dir.is_dir():
        server.watch(str(_state.banks_dir))
    return server


# After mkdocs-quiz's own on_page_markdown (priority 0): our markup is final HTML for its
# browser script, and must never go through its `<quiz>` parser.
@event_priority(-50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    source = Source.of(
        display_path(Path(config.docs_dir, page.file.src_path), _state.root), page.file.content_string, markdown
    )
    if _state.broken:
        return _error_page(_state.broken)
    problems = markers_in_included_files(markdown, source, _read_snippet)
    if problems:
        return _error_page(_stop_or_show(problems))
    if PROGRESS_MARKER.search(markdown):
        markdown = _progress(markdown, page)
    if not NEAR_MARKER.search(markdown) and "quizbank-review-item" not in markdown:  # cheap early exit
        return None
    # The question-bank preview (hooks/bank_preview.py) shows every question: each pool variant, and
    # those kept for the export.
    preview = page.meta.get("quizbank_preview") is True
    options = replace(_state.options, draw_pools=False) if preview else _state.options
    try:
        new_markdown, placed = place_quizzes(
            markdown, _state.banks, source=source, options=options, export_only=preview
        )
    except BankError as err:
        return _error_page(_stop_or_show(err.problems))
    progress = "quizbank-review-item" in new_markdown
    if not placed and not progress:
        return None
    extra = []
    if progress:
        extra.append(
            f'<script type="module" src="{escape(get_relative_url(PROGRESS_SCRIPT, page.url))}" fetchpriority="low"></script>'
        )
    if placed.quizzes or progress:
        # mkdocs-quiz adds its CSS and JS only to pages that ask for it (enabled_by_default: false).
        meta = page.meta.get("quiz")
        page.meta["quiz"] = {**(meta if isinstance(meta, dict) else {}), "enabled": True}
        new_markdown = _before_first(new_markdown, '<div class="quiz', NO_SCRIPT_NOTE)
    if placed.written_tasks:
        # The answer boxes' script goes in the content, which instant navigation swaps (and whose
        # scripts it runs; a module runs once per document): pages without an answer box never
        # load it. Their style is in the site's one stylesheet (hooks/quiz_assets.py).
        script = get_relative_url(WRITTEN_TASK_SCRIPT, page.url)
        # The download gathers every written task of the site, in the brief's order.
        extra.append(f'<div hidden id="written-task-manifest" data-tasks="{escape(_state.manifest)}"></div>')
        extra.append(f'<script type="module" src="{escape(script)}" fetchpriority="low"></script>')
    return new_markdown + "\n\n" + "\n".join(extra) + "\n"


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    """Stop rather than publish a page whose quiz is missing or broken (the last line of defence)."""
    left = LEFT_MARKER.search(html)
    unrendered = UNRENDERED.search(html)
    if left is None and unrendered is None:
        return None
    shown = display_path(Path(config.docs_dir, page.file.src_path), _state.root)
    if left is not None:
        what = (
            f"a quiz marker was not placed ({html[left.start() : left.start() + 60].strip()}…): it came from "
            "somewhere markers are not read (a file auto-appended by pymdownx.snippets, or another plugin)."
        )
    else:
        what = (
            f"the question '{_key_of(unrendered)}' is inside a raw HTML block (a <table>, a <div>…), "
            "where its Markdown is not rendered."
        )
    fix = "put the marker at the top level of the chapter, alone on its line, with a blank line above and below."
    line = _line_of_marker(page, _key_of(unrendered)) if unrendered else 1
    return as_html(_stop_or_show([Problem(shown, line, what, fix)]))


def _error_page(problems: list[Problem]) -> str:
    """A page's Markdown replaced by its problems (`mkdocs serve` only: a build has stopped already)."""
    return "# Quiz banks: problems to fix\n\n" + as_html(problems) + "\n"


def _key_of(match: re.Match[str] | None) -> str:
    """`bank#id` of the element an UNRENDERED match found (its data-task, or the quiz's data-bank + data-qid)."""
    if match is None:
        return ""
    tag = match.group(0)
    if "data-task=" in tag:
        return match.group(1)
    bank = re.search(r'data-bank="([^"]+)"', tag)
    return f"{bank.group(1) if bank else '?'}#{match.group(1)}"


def _line_of_marker(page: Page, key: str) -> int:
    """The line of the marker that placed `key` (its bank#id, or its whole bank) in the chapter's file."""
    bank = key.split("#")[0]
    for number, line in enumerate(page.file.content_string.split("\n"), 1):
        if re.search(rf"<!--\s*quiz:\s*{re.escape(bank)}(?:#{re.escape(key.split('#')[-1])})?\s*-->", line, re.I):
            return number
    return 1


def _progress(markdown: str, page: Page) -> str:
    """The progress page: `<!-- progress -->` becomes the course's parts, the review round and the transfer."""
    html = render_progress(
        _state.course, _state.banks, _state.options, link=lambda url: get_relative_url(url, page.url)
    )
    return PROGRESS_MARKER.sub(lambda _: html, markdown, count=1)


def _before_first(markdown: str, start: str, html: str) -> str:
    """`html`, as a block of its own, just before the first line that starts with `start`."""
    at = markdown.find("\n" + start)
    return markdown if at < 0 else markdown[: at + 1] + html + "\n\n" + markdown[at + 1 :]


def _read_snippet(name: str) -> str | None:
    for base in _state.snippet_bases:
        path = base / name
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")
    return None
