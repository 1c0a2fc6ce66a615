"""The MkDocs command this process runs ("build", "serve", "gh-deploy"), for the hooks.

MkDocs calls `on_startup` once, but under `mkdocs serve` it loads the hook files afresh for every
rebuild, so a hook's own globals forget what it was told. This module is imported normally and
lives as long as the process: a hook records the command here and reads it on every rebuild.
"""

from __future__ import annotations

command: str = "build"


def serving() -> bool:
    """Whether this process is `mkdocs serve`: a preview, where a mistake is shown in the page rather than stopping."""
    return command == "serve"
