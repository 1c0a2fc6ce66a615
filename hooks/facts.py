"""MkDocs hook: a facts file that cannot be read stops the build, and `mkdocs serve` follows its edits.

Chapters' fact references (`:fact[name]`…) are replaced by the course's page extension
(`quizbank.extension`, which runs `quizbank.facts_extension` after pymdownx.snippets) in MkDocs and
Zensical alike; banks replace theirs as they are read. This hook only says, before any page, what is
wrong with the facts file, and has `mkdocs serve` rebuild when it changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from quizbank import BankError
from quizbank.facts import facts_file, load_facts

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

_file: Path | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _file
    root = Path(config.config_file_path).parent
    try:
        _file = facts_file(config.extra, root)
        load_facts(_file, root)
    except BankError as err:
        raise PluginError(err.report()) from None
    return config


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    """Rebuild when the facts file changes: every page and bank that uses a fact follows it."""
    if _file is not None and _file.is_file():
        server.watch(str(_file))
    return server
