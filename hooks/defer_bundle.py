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

import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
LOADER = "partials/inline/material.html"  # in the theme's custom_dir, written by `make bundle`
SCRIPT = re.compile(r"<script>(.*)</script>", re.S)
BEFORE = "bundles/search-index.js"  # beside Material's bundle, under assets/javascripts/


# Read once per build (on_config runs again for every rebuild under `mkdocs serve`, so an edited
# loader shows at the next one).
_code = ""


def on_config(config: MkDocsConfig) -> MkDocsConfig | None:
    global _code
    path = Path(str(config.theme.custom_dir)) / LOADER
    found = SCRIPT.search(path.read_text(encoding="utf-8")) if path.is_file() else None
    if found is None:
        raise PluginError(
            f"{path}: Material's loader is missing or unreadable.\n    Fix: run `make bundle`, or restore it from git."
        )
    _code = found.group(1)
    return None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    return _after_first_paint(output)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
    """The 404 page is a template, not a page: its bundle waits for the first paint too."""
    return _after_first_paint(output_content) if template_name == "404.html" else None


def _after_first_paint(html: str) -> str | None:
    if "bundle." not in html:
        return None

    def loader(match: re.Match[str]) -> str:
        src = match.group(1)
        before = src[: src.rindex("bundle.")] + BEFORE
        return f'<script data-bundle="{escape(src)}" data-before="{escape(before)}">{_code}</script>'

    return BUNDLE.sub(loader, html, count=1)
