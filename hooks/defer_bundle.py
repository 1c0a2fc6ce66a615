"""MkDocs hook: Material's script bundle loads after the page's first paint.

Material writes its bundle as a plain `<script src>` at the end of the page. Deferred, it still
ran as soon as the page was parsed, and often before the first paint, so a student on a phone
waited for about 250 ms of script to see the text. Here the minified loader
`overrides/partials/inline/material.html` (source, and why it works:
`overrides/assets/javascripts/quizbank/inline/material.js`) takes its place, with the bundle's URL
in `data-bundle`, and the site's `search-index.js` (which holds back Material's search index until a
student wants search) in `data-before`; `window.quizbank.material` resolves once the bundle has run.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from quizbank.finalhtml import LOADER, after_first_paint, loader_code

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

# Read once per build (on_config runs again for every rebuild under `mkdocs serve`, so an edited
# loader shows at the next one).
_code = ""


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _code
    custom_dir = Path(str(config.theme.custom_dir))
    code = loader_code(custom_dir)
    if code is None:
        raise PluginError(
            f"{custom_dir / LOADER}: Material's loader is missing or unreadable.\n    Fix: run `make bundle`, or restore it from git."
        )
    _code = code
    return None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    return after_first_paint(output, _code)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
    """The 404 page is a template, not a page: its bundle waits for the first paint too."""
    return after_first_paint(output_content, _code) if template_name == "404.html" else None
