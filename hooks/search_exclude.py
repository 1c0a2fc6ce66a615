"""MkDocs hook: what a page marks `data-search-exclude` stays out of the search index, all of it.

Answers (explanations, option feedback), hints, the variants of a question pool and the controls
around each question are marked so (hooks/quizbank/types/frame.py and the type modules). Material's search
parser loses the mark at the first element of the same tag inside (quizbank/searchable.py says
how): this hook marks the elements inside too, once every other hook has changed the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

from quizbank.searchable import exclude_whole

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


@event_priority(-200)  # last: after the glossary's tooltips and every other change to the content
def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
    if "data-search-exclude" not in html:
        return None
    return exclude_whole(html)
