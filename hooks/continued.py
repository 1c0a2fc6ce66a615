"""MkDocs hook: a chapter split over two pages, and the links from outside that still name the first.

A chapter that outgrows a phone's first-paint budget (quizbank/budget.py) is split: its first page
keeps its address, and the page that continues it says so in its front matter,

    continues: part-2.md

Links inside the site are checked by the strict build. Links from outside (a bookmark, a learning
management system, a student's notes) may still name a section or a question on the first page
that moved: `part-2/#labeling`. The first page gets a small inline script in its `<head>` that sends
exactly those links on to the continuation before anything is painted; every other address, its
own sections included, stays where it is.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from quizbank.finalhtml import with_redirect

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

KEY = "continues"
# What a link can name (quizbank/finalhtml.py, which `python -m quizbank site` uses on any engine's pages).
ID = re.compile(r'<(?:h[1-6]|div|section|details)\b[^>]*?\bid="([^"]+)"')

_ids: dict[str, set[str]] = {}  # page src_uri -> every id in its content
_continued_by: dict[str, Page] = {}  # first page's src_uri -> the page continuing it


def on_pre_build(*, config: MkDocsConfig) -> None:
    _ids.clear()
    _continued_by.clear()


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    _ids[page.file.src_uri] = set(ID.findall(html))
    target = page.meta.get(KEY)
    if target is None:
        return None
    first = files.get_file_from_path(str(target)) if isinstance(target, str) else None
    if first is None or not first.is_documentation_page() or first.src_uri == page.file.src_uri:
        raise PluginError(
            f"docs/{page.file.src_uri}: front matter '{KEY}: {target}' names no other page of the site.\n"
            f"    Fix: give the path of the chapter's first page, relative to docs/, e.g. '{KEY}: part-2.md'."
        )
    if first.src_uri in _continued_by:
        other = _continued_by[first.src_uri].file.src_uri
        raise PluginError(
            f"docs/{page.file.src_uri}: docs/{other} already continues {first.src_uri}.\n"
            f"    Fix: make this page continue docs/{other} instead ('{KEY}: {other}')."
        )
    _continued_by[first.src_uri] = page
    return None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    continuation = _continued_by.get(page.file.src_uri)
    if continuation is None or "</head>" not in output:
        return None
    moved = sorted(_ids.get(continuation.file.src_uri, set()) - _ids.get(page.file.src_uri, set()))
    if not moved:
        return None
    return with_redirect(output, moved, get_relative_url(continuation.url, page.url))
