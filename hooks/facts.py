"""MkDocs hook: chapters' fact references (`:fact[name]`…) replaced from the facts file named in mkdocs.yml.

The work is done by `quizbank.facts` and its Python-Markdown extension (`quizbank.facts_extension`),
which another engine can run without this hook. MkDocs imports `markdown_extensions` while it reads
mkdocs.yml, before it loads hooks, and it does not keep hooks/ on sys.path, so the extension cannot
be listed there: this hook adds it, with the facts already read and the page being converted (for
located errors), and has `mkdocs serve` rebuild when the facts file changes. Banks read the same
file as they load (`quiz_banks.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from quizbank import BankError, display_path
from quizbank.facts import facts_file, load_facts
from quizbank.facts_extension import FactsExtension

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


@dataclass
class _State:
    file: Path | None = None
    page: tuple[str, str] | None = None  # (path shown in errors, text as written) of the page being converted


_state = _State()


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    root = Path(config.config_file_path).parent
    try:
        _state.file = facts_file(config.extra, root)
        facts = load_facts(_state.file, root)
    except BankError as err:
        raise PluginError(err.report()) from None
    config.markdown_extensions.append(FactsExtension(facts=facts, page=lambda: _state.page))
    return config


# Last: MkDocs converts the page right after its on_page_markdown events.
@event_priority(-100)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    root = Path(config.config_file_path).parent
    _state.page = (display_path(Path(config.docs_dir, page.file.src_path), root), page.file.content_string)
    return None


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    """Rebuild when the facts file changes: every page and bank that uses a fact follows it."""
    if _state.file is not None and _state.file.is_file():
        server.watch(str(_state.file))
    return server
