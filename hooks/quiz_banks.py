"""MkDocs hook: YAML quiz banks in `quizzes/`, placed in chapters with `<!-- quiz: bank -->`.

Loading, validation and rendering live in the `quizbank` package (no MkDocs needed); this
file only wires them to MkDocs events. Banks are re-read on every build, so under
`mkdocs serve` saving a bank rebuilds and reloads the page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from quizbank import Bank, BankError, Problem, RenderOptions, load_banks, place_quizzes
from quizbank.load import display_path
from quizbank.workspace import EXAMPLES_DIR, manifest

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.quiz_banks")

RESTORE_SCRIPT = "assets/javascripts/quiz-bank-restore.js"


@dataclass
class _State:
    root: Path = Path()
    banks_dir: Path = Path()
    banks: dict[str, Bank] = field(default_factory=dict)
    options: RenderOptions = RenderOptions()
    restore_js: str = ""
    manifest: str = "[]"


_state = _State()


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    """Load every bank afresh; a bad bank stops the build with every problem listed."""
    root = Path(config.config_file_path).parent
    banks_dir = root / str(config.extra.get("quiz_banks_dir", "quizzes"))
    try:
        banks = load_banks(banks_dir, root)
    except BankError as err:
        raise PluginError(err.report()) from None
    if "mkdocs_quiz" not in config.plugins:
        raise PluginError("Quiz banks need the mkdocs_quiz plugin: add '- mkdocs_quiz' under 'plugins:' in mkdocs.yml.")
    quiz_config = config.plugins["mkdocs_quiz"].config
    custom_dir = config.theme.custom_dir
    if not custom_dir or not (Path(custom_dir) / RESTORE_SCRIPT).is_file():
        raise PluginError(
            f"Quiz banks need {RESTORE_SCRIPT} in the theme's custom_dir (overrides/); restore it from git."
        )
    _state.root = root
    _state.banks_dir = banks_dir
    _state.banks = banks
    _state.options = RenderOptions(
        show_correct=bool(quiz_config.get("show_correct", True)),
        auto_submit=bool(quiz_config.get("auto_submit", False)),
        disable_after_submit=bool(quiz_config.get("disable_after_submit", False)),
    )
    _state.restore_js = (Path(custom_dir) / RESTORE_SCRIPT).read_text(encoding="utf-8")
    _state.manifest = manifest(banks)
    snippets = config.mdx_configs.get("pymdownx.snippets") or {}
    _check_examples(banks, [Path(b) for b in snippets.get("base_path", [root])])
    return config


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    """Rebuild when a bank changes, not only when a chapter does."""
    if _state.banks_dir.is_dir():
        server.watch(str(_state.banks_dir))
    return server


# After mkdocs-quiz's own on_page_markdown (priority 0): our markup is final HTML for its
# browser script, and must never go through its `<quiz>` parser.
@event_priority(-50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if "quiz" not in markdown:  # cheap early exit; markers and near-misses both contain it
        return None
    shown = display_path(Path(config.docs_dir, page.file.src_path), _state.root)
    try:
        new_markdown, placed = place_quizzes(
            markdown, _state.banks, shown=shown, options=_state.options, line_offset=_front_matter_lines(page, markdown)
        )
    except BankError as err:
        raise PluginError(err.report()) from None
    if not placed:
        return None
    extra = []
    if placed.quizzes:
        # mkdocs-quiz adds its CSS and JS only to pages that ask for it (enabled_by_default: false).
        meta = page.meta.get("quiz")
        page.meta["quiz"] = {**(meta if isinstance(meta, dict) else {}), "enabled": True}
        extra.append(f"<script>{_state.restore_js}</script>")
    if placed.workspaces:
        # The download gathers every written task of the site, in the brief's order.
        extra.append(f'<div hidden id="workspace-manifest" data-tasks="{escape(_state.manifest)}"></div>')
    return new_markdown + "\n\n" + "\n".join(extra) + "\n"


def _check_examples(banks: dict[str, Bank], bases: list[Path]) -> None:
    """Every `examples:` entry of a reflection names a file in includes/examples/ (found as snippets find it)."""

    def exists(name: str) -> bool:
        return any((base / EXAMPLES_DIR / f"{name}.md").is_file() for base in bases)

    known = sorted({p.stem for base in bases for p in (base / EXAMPLES_DIR).glob("*.md")})
    problems = [
        Problem(
            bank.path,
            q.line,
            f"the example set '{name}' has no file {EXAMPLES_DIR}/{name}.md.",
            f"create {EXAMPLES_DIR}/{name}.md, or use one of: {', '.join(known) or 'none yet'}.",
            q.id,
        )
        for bank in banks.values()
        for q in bank.questions
        for name in q.examples
        if not exists(name)
    ]
    if problems:
        raise PluginError(BankError(problems).report())


def _front_matter_lines(page: Page, markdown: str) -> int:
    """Lines MkDocs removed above the Markdown (YAML front matter), for true line numbers."""
    source = page.file.content_string
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n")
    return 0
