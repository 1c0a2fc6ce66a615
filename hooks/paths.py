"""MkDocs hook: resolve pymdownx.snippets' base paths against mkdocs.yml, not the working directory.

pymdown-extensions reads `base_path` relative to wherever `mkdocs` was started; making it
absolute here lets `mkdocs build -f path/to/mkdocs.yml` work from any folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    snippets = config.mdx_configs.get("pymdownx.snippets")
    if not isinstance(snippets, dict):
        return None
    root = Path(config.config_file_path).parent
    base = snippets.get("base_path", ["."])
    base = [base] if isinstance(base, str) else list(base)
    snippets["base_path"] = [str((root / b).resolve()) for b in base]
    return config
