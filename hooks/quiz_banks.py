"""MkDocs hook: what only MkDocs offers around the course's page step, `quizbank.extension`.

Placing the banks' questions in chapters (and every other per-page step) is the Markdown extension
`quizbank.extension`, listed in mkdocs.yml, which Zensical runs too. This hook: checks what only
MkDocs can say (the extension is listed, mkdocs-quiz's plugin and version, the theme's folder), reads
the course once per build (`quizbank.site.load_site`, the one the extension reads), tells the
extension which page MkDocs converts next, writes the course manifest, and has `mkdocs serve` watch
the banks. A mistake stops `mkdocs build`; under `mkdocs serve` the page shows it instead (MkDocs
would otherwise hold every request until the next good build), and the next save recovers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from quizbank import Bank, Problem
from quizbank.coverage import unplaced
from quizbank.errors import summary
from quizbank.extension import PageContext, set_page
from quizbank.manifest import COUNTS_FILE, Manifest, course_manifest, navigation_counts, site_chapters
from quizbank.progress import MARKER as PROGRESS_MARKER
from quizbank.site import SettingError, Site, load_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.quiz_banks")

# Built by `make bundle` from overrides/assets/javascripts/quizbank/ (committed: a build needs no Node).
SELFCHECK_SCRIPT = "assets/javascripts/bundles/site.js"
# The course's page step, which this hook hands each page to (mkdocs.yml's markdown_extensions).
EXTENSION = "quizbank.extension"
# Written once per build: the course's chapters and their questions, for the navigation counts.
MANIFEST_FILE = COUNTS_FILE


@dataclass
class _State:
    root: Path = Path()
    banks_dir: Path = Path()
    banks: dict[str, Bank] = field(default_factory=dict)
    site: Site | None = None  # read in on_config: the page extension reads the same one
    course: Manifest = field(default_factory=lambda: course_manifest({}, []))
    # Under `mkdocs serve`, the banks' problems: every page shows them until a save fixes them.
    broken: list[Problem] = field(default_factory=list)


_state = _State()
_serving = False  # `mkdocs serve`: a preview, where a mistake is shown in the page rather than stopping


# The mkdocs-quiz releases this site is tested with (DEVELOPERS.md: the contract with mkdocs-quiz).
# Our markup, storage and event order rely on its internals; tests/unit/test_mkdocs_quiz_contract.py
# fails when a release changes them. To try a new release: install it, run `make test`, add it here.
MKDOCS_QUIZ_TESTED = ("1.7.1",)


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    # MkDocs calls this once; the hook module (and so this flag) lives through every rebuild of `serve`.
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Load every bank afresh; a bad bank stops the build with every problem listed (under serve, every page lists them).

    The course is read by `quizbank.site.load_site`, once per state of the files: the page extension reads
    the same one. This checks what only MkDocs can say (its plugins, the theme's folder).
    """
    try:
        site = load_site(Path(config.config_file_path))
    except SettingError as err:
        raise PluginError(str(err)) from None
    if EXTENSION not in config.markdown_extensions:
        raise PluginError(
            f"mkdocs.yml: '{EXTENSION}' is not listed under markdown_extensions: every page would be built without "
            f"its quizzes, answer boxes and glossary.\n    Fix: add '- {EXTENSION}' under markdown_extensions "
            "(and install the course's packages: pip install -r requirements.txt)."
        )
    if "mkdocs_quiz" not in config.plugins:
        raise PluginError("Quiz banks need the mkdocs_quiz plugin: add '- mkdocs_quiz' under 'plugins:' in mkdocs.yml.")
    _check_mkdocs_quiz_version(metadata.version("mkdocs-quiz"))
    custom_dir = config.theme.custom_dir
    if not custom_dir or not (Path(custom_dir) / SELFCHECK_SCRIPT).is_file():
        raise PluginError(
            f"Quiz banks need {SELFCHECK_SCRIPT} in the theme's custom_dir (overrides/); restore it from git."
        )
    _state.root = site.root
    _state.banks_dir = site.banks_dir
    _state.broken = _stop_or_show(site.problems)
    _state.banks = site.banks
    _state.site = site
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


# The page step itself is the Markdown extension `quizbank.extension` (mkdocs.yml's markdown_extensions),
# which Zensical runs too; MkDocs only has to tell it which page it converts next.
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    set_page(
        PageContext(
            config_file=Path(config.config_file_path),
            src=page.file.src_uri,
            url=page.url,
            text=page.file.content_string,
            meta=page.meta,
            serving=_serving,
            site=_state.site,
        )
    )
    return None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    set_page(None)  # converted: nothing else is converted as this page
    return None
