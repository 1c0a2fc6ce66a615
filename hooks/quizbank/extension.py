"""Python-Markdown extension: everything the course does to one page, in whichever engine renders it.

Listed in mkdocs.yml under `markdown_extensions` (`- quizbank.extension`), so MkDocs and Zensical run
the same code on every page:

- before pymdownx.snippets: the front matter checked (a block that is not valid YAML stops the build
  with its line), the glossary's list (`<!-- glossary -->`), My progress (`<!-- progress -->`), every
  quiz marker placed (self-checks and answer boxes), the no-JavaScript note, and the scripts a page
  with answer boxes or My progress loads;
- after it: the facts (`:fact[name]`, `quizbank.facts_extension`), in chapters and included files;
- on the HTML: a marker that was not placed, or a question inside a raw HTML block, stops the build
  (the last line of defence); tooltips are kept out of inline SVG diagrams; a page with self-checks
  gets mkdocs-quiz's two small settings scripts (its translations and options; never its inline
  stylesheet, script or progress box: the site serves the first two as files); and what a page marks
  `data-search-exclude` is marked whole (quizbank/searchable.py).

The extension needs the page being converted and the project it belongs to, which Python-Markdown
does not give: `page_context` asks the engine (MkDocs: the hook `hooks/quiz_banks.py` hands it over
with `set_page`; Zensical: its rendering context). An engine that says nothing stops the build with
the reason, rather than publishing chapters without their quizzes. The course itself (banks, course
manifest, glossary) is read once per state of the files by `quizbank.site.load_site`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import MutableMapping
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from textwrap import dedent
from typing import Any

import yaml
from markdown import Markdown  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.postprocessors import Postprocessor  # type: ignore[import-untyped]
from markdown.preprocessors import Preprocessor  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]

from .errors import BankError, Problem, as_html, display_path, summary
from .facts_extension import PRIORITY as FACTS_PRIORITY
from .facts_extension import FactsPreprocessor
from .finalhtml import unfinished_notice
from .markers import NEAR_MARKER, Source, markers_in_included_files
from .page import place_quizzes
from .progress import MARKER as PROGRESS_MARKER
from .progress import render_progress
from .searchable import exclude_whole
from .site import FRONT_MATTER, SettingError, Site, load_site, relative_url

try:
    from mkdocs.exceptions import PluginError as _Stop
except ImportError:  # pragma: no cover - without MkDocs: a plain exception, shown with its message
    _Stop = Exception  # type: ignore[misc,assignment]


class PageError(_Stop):
    """A located problem on a page, or with the engine (a PluginError under MkDocs: no traceback)."""


# Built by `make bundle` from overrides/assets/javascripts/quizbank/ (committed: a build needs no Node).
WRITTEN_TASK_SCRIPT = "assets/javascripts/bundles/written-task.js"
PROGRESS_SCRIPT = "assets/javascripts/bundles/progress.js"
NO_SCRIPT_NOTE = (
    '<noscript data-search-exclude><p class="quiz-noscript" data-search-exclude>The self-checks on this page need JavaScript, which is off: '
    "you can read the questions, but answers are not checked or saved.</p></noscript>"
)
GLOSSARY_MARKER = "<!-- glossary -->"
CONTINUES = "continues"  # a chapter's second page names its first (hooks/continued.py)
# What the theme's template checks (overrides/main.html): this page went through the extension.
RENDERED = "quizbank"
# Before pymdownx.snippets (32): markers are read in the chapter as written, never in included files.
PAGE_PRIORITY = 35
# After every other postprocessor (raw HTML is back at 30, footnotes at 25, `&` at 20).
HTML_PRIORITY = 1
# After every other tree step (the table of contents at 5, unescape at 0): the toc extension runs
# the postprocessors on each heading's text, and the HTML step is for the whole page only.
WHOLE_PAGE_PRIORITY = -10
# A marker left in the rendered HTML was not placed (the checks on the Markdown missed a case).
LEFT_MARKER = re.compile(r"<!--\s*quiz\s*:", re.I)
# md_in_html consumes `markdown="…"`: one left in the HTML belongs to a question that was placed
# inside a raw HTML block, where its Markdown was never rendered.
UNRENDERED = re.compile(r'<[a-z]+\b[^>]*\bdata-(?:qid|task)="([^"]+)"[^>]*\bmarkdown="', re.I)
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
ABBR_TAG = re.compile(r"</?abbr\b[^>]*>")
# Zensical says it serves only on its command line; `make serve ENGINE=zensical` sets this.
SERVE_ENV = "QUIZBANK_SERVE"
# The oldest Zensical the course is tested with (pyproject.toml's extra, requirements-zensical.txt pins it).
ZENSICAL_OLDEST = "0.0.73"


@dataclass
class PageContext:
    """The page being converted, as the engine describes it."""

    config_file: Path  # mkdocs.yml
    src: str  # its path under docs/
    url: str  # its URL, relative to the site's root (`part-1/`)
    text: str  # its file as written, front matter included (for lines in errors)
    meta: MutableMapping[str, Any]  # its front matter, as the engine read it (the extension adds RENDERED)
    serving: bool = False  # a preview: a problem is shown in the page rather than stopping
    # What the engine reads a relative link in the page's HTML against: MkDocs leaves raw HTML as it
    # is, so a link is relative to the page's URL; Zensical rewrites every link of the page as one
    # relative to its Markdown file (as links in Markdown are), so a link is relative to the file's folder.
    link_base: str | None = None
    # The course, when the engine has read it for this build already (MkDocs's hook has); else
    # `load_site` reads it, or finds it unchanged.
    site: Site | None = None
    # The engine runs no hooks, so `python -m quizbank site` finishes the site after it: until it has,
    # the page says so (quizbank/finalhtml.py, unfinished_notice).
    finished_later: bool = False

    def link(self, url: str) -> str:
        """`url` (from the site's root) as a link in this page's HTML, whichever engine reads it."""
        return relative_url(url, self.url if self.link_base is None else self.link_base)


_given: PageContext | None = None


def set_page(context: PageContext | None) -> None:
    """The page MkDocs converts next (hooks/quiz_banks.py, from on_page_markdown)."""
    global _given
    _given = context


def page_context(md: Markdown) -> PageContext:
    """The page being converted: from MkDocs's hook, else from Zensical's rendering context, else stop."""
    if _given is not None:
        return _given
    zensical = _zensical_page(md)
    if zensical is not None:
        return zensical
    raise PageError(
        "This engine converts the course's pages without saying which page it converts: the quizzes, answer "
        "boxes and glossary cannot be placed, and the site would be published without them.\n"
        "    Fix: build with MkDocs (make build) or Zensical (make build ENGINE=zensical); under MkDocs, keep "
        "hooks/quiz_banks.py listed under 'hooks:' in mkdocs.yml."
    )


def _zensical_page(md: Markdown) -> PageContext | None:
    """Zensical's rendering context (its `zensical.extensions.context`, registered on every Markdown it makes)."""
    found = next((p for p in md.preprocessors if type(p).__name__ == "ContextPreprocessor"), None)
    page = getattr(found, "page", None)
    config = getattr(found, "config", None)
    if page is None or not isinstance(config, dict) or "root_dir" not in config:
        return None
    _check_zensical_version()
    root = Path(str(config["root_dir"]))
    docs_dir = root / str(config.get("docs_dir") or "docs")
    src = str(page.path).replace("\\", "/")
    source = docs_dir / src
    text = source.read_text(encoding="utf-8-sig") if source.is_file() else ""
    return PageContext(
        config_file=root / "mkdocs.yml",
        src=src,
        url=str(page.url or "").lstrip("/"),
        text=text,
        meta=page.meta,
        serving=os.environ.get(SERVE_ENV) == "1",
        link_base=src.rpartition("/")[0] + "/" if "/" in src else "",
        finished_later=True,
    )


def _check_zensical_version() -> None:
    """An older Zensical than the one tested may place links or pass page metadata differently: stop, naming it.

    Newer ones are let through: the extension uses only what Zensical documents for extensions (the
    page's rendering context), and tests/build/test_engines.py compares a build with MkDocs's.
    """
    from importlib import metadata

    try:
        installed = metadata.version("zensical")
    except metadata.PackageNotFoundError:  # pragma: no cover - a Zensical context without its package
        return
    if _version_tuple(installed) < _version_tuple(ZENSICAL_OLDEST):
        raise PageError(
            f"Zensical {installed} is older than {ZENSICAL_OLDEST}, the oldest this course is tested with: its pages "
            "could come out without working quizzes.\n"
            "    Fix: pip install -r requirements-zensical.txt (it pins the tested version), then make build ENGINE=zensical."
        )


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3])


@dataclass
class _Page:
    """What the Markdown step learned that the HTML step needs (one per Markdown instance)."""

    context: PageContext | None = None
    site: Site | None = None
    shown: str = ""
    quizzes: bool = False  # it has self-checks (or My progress's review round): mkdocs-quiz's settings
    failed: bool = False  # replaced by its problems (a preview)
    whole: bool = False  # the postprocessors now run on the whole page (not a heading's text)


def _stop_or_show(problems: list[Problem], context: PageContext, subject: str = "Quiz banks") -> list[str]:
    """Stop the build with every problem; in a preview, the page's Markdown becomes its problems."""
    if not context.serving:
        raise PageError(summary(problems, subject))
    return ["# Quiz banks: problems to fix", "", as_html(problems), ""]


class PagePreprocessor(Preprocessor):
    def __init__(self, md: Markdown, page: _Page) -> None:
        super().__init__(md)
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        context = page_context(self.md)
        self.page.context = context
        self.page.whole = self.page.quizzes = self.page.failed = False
        try:
            site = context.site or load_site(context.config_file)
        except SettingError as err:
            raise PageError(str(err)) from None
        self.page.site = site
        shown = display_path(site.docs_dir / context.src, site.root)
        self.page.shown = shown
        context.meta[RENDERED] = True
        markdown = "\n".join(lines)
        _check_front_matter(markdown, shown)
        _check_continues(context, site)
        if site.quiz is None:
            raise PageError(
                "Quiz banks need mkdocs-quiz's settings: add '- mkdocs_quiz' under 'plugins:' in mkdocs.yml."
            )
        if site.problems:
            self.page.failed = True
            return _stop_or_show(site.problems, context)
        source = Source.of(shown, context.text, markdown)
        problems = markers_in_included_files(markdown, source, site.read_snippet)
        if problems:
            self.page.failed = True
            return _stop_or_show(problems, context)
        if GLOSSARY_MARKER in markdown:
            markdown = self._glossary(markdown, site)
        if PROGRESS_MARKER.search(markdown):
            html = render_progress(site.course, site.banks, site.options, link=context.link)
            markdown = PROGRESS_MARKER.sub(lambda _: html, markdown, count=1)
        if not NEAR_MARKER.search(markdown) and "quizbank-review-item" not in markdown:  # cheap early exit
            return markdown.split("\n")
        # The question-bank preview (hooks/bank_preview.py) shows every question: each pool variant, and
        # those kept for the export.
        preview = context.meta.get("quizbank_preview") is True
        options = replace(site.options, draw_pools=False) if preview else site.options
        try:
            new_markdown, placed = place_quizzes(
                markdown, site.banks, source=source, options=options, export_only=preview
            )
        except BankError as err:
            self.page.failed = True
            return _stop_or_show(err.problems, context)
        progress = "quizbank-review-item" in new_markdown
        if not placed and not progress:
            return markdown.split("\n")
        extra = []
        if progress:
            extra.append(
                f'<script type="module" src="{escape(context.link(PROGRESS_SCRIPT))}" fetchpriority="low"></script>'
            )
        if placed.quizzes or progress:
            self.page.quizzes = True
            new_markdown = _before_first(new_markdown, '<div class="quiz', NO_SCRIPT_NOTE)
        if placed.written_tasks:
            # The answer boxes' script goes in the content, which instant navigation swaps (and whose
            # scripts it runs; a module runs once per document): pages without an answer box never
            # load it. Their style is in the site's one stylesheet.
            script = context.link(WRITTEN_TASK_SCRIPT)
            # The download gathers every written task of the site, in the brief's order.
            extra.append(f'<div hidden id="written-task-manifest" data-tasks="{escape(site.written)}"></div>')
            extra.append(f'<script type="module" src="{escape(script)}" fetchpriority="low"></script>')
        return (new_markdown + "\n\n" + "\n".join(extra) + "\n").split("\n")

    def _glossary(self, markdown: str, site: Site) -> str:
        """The glossary page: every abbreviation of the auto-appended files, as a definition list."""
        if not site.glossary:
            raise PageError(
                f"{self.page.shown}: '{GLOSSARY_MARKER}' found, but no abbreviations were found in the files that "
                "pymdownx.snippets auto-appends. Fix: add lines like '*[LoRA]: Low-Rank Adaptation' to includes/abbreviations.md."
            )
        listing = "\n\n".join(f"{term}\n:   {definition}" for term, definition in site.glossary)
        return markdown.replace(GLOSSARY_MARKER, listing)


def _check_front_matter(markdown: str, shown: str) -> None:
    """A front matter block the engine could not read (it is still there) stops the build with its line.

    Both engines keep such a block in the page and render it as text (a rule and the raw keys) while
    dropping the page's title and description: an instructor who writes `description: Part 2: …`
    deserves a located error instead.
    """
    match = FRONT_MATTER.match(markdown)
    if not match:  # front matter was read (and removed) or there is none
        return
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 for 1-based lines
        raise PageError(
            f"{shown}:{line}: the front matter (the block between the '---' lines) is not valid "
            f"YAML: {err.problem or err.context}.\n    Fix: put values that contain ': ' in double quotes, "
            'e.g. description: "Part 2: fine-tuning on Azure".'
        ) from None
    if not isinstance(data, dict):
        raise PageError(
            f"{shown}:2: the front matter must be 'key: value' lines.\n"
            "    Fix: write e.g. 'title: …' or 'description: …' between the '---' lines, or remove the block."
        )


def _check_continues(context: PageContext, site: Site) -> None:
    """A chapter's second page names its first (`continues: part-2.md`): a name that is no other page stops the build.

    The redirect from the first page is written once both are built (hooks/continued.py under MkDocs,
    `python -m quizbank site` after any engine); the name is checked here, where every engine passes.
    """
    target = context.meta.get(CONTINUES)
    if target is None:
        return
    path = site.docs_dir / str(target)
    if not isinstance(target, str) or not target.endswith(".md") or not path.is_file() or target == context.src:
        raise PageError(
            f"docs/{context.src}: front matter '{CONTINUES}: {target}' names no other page of the site.\n"
            f"    Fix: give the path of the chapter's first page, relative to docs/, e.g. '{CONTINUES}: part-2.md'."
        )
    # A first page has one continuation: another page before this one (in MkDocs's order) names it too.
    other = next((src for src, first in site.continuations.items() if first == target), context.src)
    if other != context.src:
        raise PageError(
            f"docs/{context.src}: docs/{other} already continues {target}.\n"
            f"    Fix: make this page continue docs/{other} instead ('{CONTINUES}: {other}')."
        )


class PageFactsPreprocessor(FactsPreprocessor):
    """The facts preprocessor, with the facts and the page from the page step."""

    def __init__(self, md: Markdown, page: _Page) -> None:
        super().__init__(md, facts=None, page=self._source)  # type: ignore[arg-type]
        self._page = page

    def _source(self) -> tuple[str, str] | None:
        context = self._page.context
        return (self._page.shown, context.text) if context is not None else None

    def run(self, lines: list[str]) -> list[str]:
        if self._page.site is None or self._page.failed:
            return lines
        self.facts = self._page.site.facts
        return super().run(lines)


class WholePageTreeprocessor(Treeprocessor):
    """Marks the end of the tree steps: what the postprocessors see next is the whole page."""

    def __init__(self, md: Markdown, page: _Page) -> None:
        super().__init__(md)
        self.page = page

    def run(self, root: Any) -> None:
        self.page.whole = True


class PageHtmlPostprocessor(Postprocessor):
    def __init__(self, md: Markdown, page: _Page) -> None:
        super().__init__(md)
        self.page = page

    def run(self, text: str) -> str:
        page, context, site = self.page, self.page.context, self.page.site
        if context is None or site is None or page.failed or not page.whole:
            return text
        left = LEFT_MARKER.search(text)
        unrendered = UNRENDERED.search(text)
        if left is not None or unrendered is not None:
            return as_html(self._unplaced(text, left, unrendered, context))
        if "<svg" in text and "<abbr" in text:
            # An <abbr> inside <text> is not SVG: the browser would drop the word from the drawing
            # (the diagram's <title> and <desc> name it).
            text = SVG.sub(lambda m: ABBR_TAG.sub("", m.group(0)), text)
        if page.quizzes:
            text = text.rstrip() + quiz_settings_scripts(site, context)
        if context.finished_later:
            text = unfinished_notice() + text
        if "data-search-exclude" in text:
            text = exclude_whole(text)
        return text

    def _unplaced(
        self, html: str, left: re.Match[str] | None, unrendered: re.Match[str] | None, context: PageContext
    ) -> list[Problem]:
        """Stop rather than publish a page whose quiz is missing or broken; in a preview, say why."""
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
        line = _line_of_marker(context.text, _key_of(unrendered)) if unrendered else 1
        problems = [Problem(self.page.shown, line, what, fix)]
        if not context.serving:
            raise PageError(summary(problems))
        return problems


def quiz_settings_scripts(site: Site, context: PageContext) -> str:
    """mkdocs-quiz's translations and options, as its plugin writes them into a page with quizzes.

    Its script (served as a file) reads both. Only these: its inline stylesheet and script are files
    of the site, and its "Quiz Progress" box counted only the questions its script grades, never a
    blank (the page's count is ours, quizbank/pagecount.js).
    """
    from mkdocs_quiz.translations import TranslationManager  # type: ignore[import-untyped]

    quiz = site.quiz or {}
    language = site.language
    meta = context.meta.get("quiz")
    if isinstance(meta, dict) and meta.get("language"):
        language = str(meta["language"])
    custom = (quiz.get("custom_translations") or {}).get(language)
    translations = TranslationManager(language, site.root / custom if custom else None).to_dict()
    show_progress = quiz.get("show_progress", True)
    if isinstance(meta, dict) and "show_progress" in meta:
        show_progress = meta["show_progress"]
    translations_script = dedent(
        f"""
        <script type="text/javascript">
        window.mkdocsQuizTranslations = {json.dumps(translations, ensure_ascii=False)};
        </script>
    """
    ).strip()
    config_script = dedent(
        f"""
        <script type="text/javascript">
        window.mkdocsQuizConfig = {{
          confetti: {str(bool(quiz.get("confetti", True))).lower()},
          showProgress: {str(bool(show_progress)).lower()},
          progressSidebarPosition: "{quiz.get("progress_sidebar_position", "top")}"
        }};
        </script>
    """
    ).strip()
    return translations_script + config_script


def _key_of(match: re.Match[str] | None) -> str:
    """`bank#id` of the element an UNRENDERED match found (its data-task, or the quiz's data-bank + data-qid)."""
    if match is None:
        return ""
    tag = match.group(0)
    if "data-task=" in tag:
        return match.group(1)
    bank = re.search(r'data-bank="([^"]+)"', tag)
    return f"{bank.group(1) if bank else '?'}#{match.group(1)}"


def _line_of_marker(text: str, key: str) -> int:
    """The line of the marker that placed `key` (its bank#id, or its whole bank) in the chapter's file."""
    bank = key.split("#")[0]
    for number, line in enumerate(text.split("\n"), 1):
        if re.search(rf"<!--\s*quiz:\s*{re.escape(bank)}(?:#{re.escape(key.split('#')[-1])})?\s*-->", line, re.I):
            return number
    return 1


def _before_first(markdown: str, start: str, html: str) -> str:
    """`html`, as a block of its own, just before the first line that starts with `start`."""
    at = markdown.find("\n" + start)
    return markdown if at < 0 else markdown[: at + 1] + html + "\n\n" + markdown[at + 1 :]


class QuizbankExtension(Extension):
    """The course's page step (no settings: it reads mkdocs.yml, which the engine names)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        page = _Page()
        md.preprocessors.register(PagePreprocessor(md, page), "quizbank_page", PAGE_PRIORITY)
        md.preprocessors.register(PageFactsPreprocessor(md, page), "quizbank_facts", FACTS_PRIORITY)
        md.treeprocessors.register(WholePageTreeprocessor(md, page), "quizbank_whole_page", WHOLE_PAGE_PRIORITY)
        md.postprocessors.register(PageHtmlPostprocessor(md, page), "quizbank_html", HTML_PRIORITY)


def makeExtension(**kwargs: Any) -> QuizbankExtension:  # noqa: N802 - Python-Markdown's entry point
    return QuizbankExtension(**kwargs)
