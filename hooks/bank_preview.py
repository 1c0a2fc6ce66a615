"""MkDocs hook: the question-bank preview, one page with every question of every bank (quizbank/preview.py).

For instructors: built under `mkdocs serve` (it reloads as a bank is saved), never into a published
build unless mkdocs.yml says `extra: quiz_banks: preview: always` (the page shows every answer);
`never` turns it off. Listed after quiz_banks.py in mkdocs.yml: that hook checks the banks and
renders the page's markers as on any chapter; this one only writes the page, after the course
manifest and the unplaced-question check have read the chapters, so neither counts it as one.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from quizbank import Problem, load_banks
from quizbank.manifest import placed_on, site_chapters

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.plugins.bank_preview")
_serving = False


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    # MkDocs calls this once; the hook module (and so this flag) lives through every rebuild of `serve`.
    global _serving
    _serving = command == "serve"


def on_files(files: Files, *, config: MkDocsConfig) -> Files | None:
    settings = config.extra.get("quiz_banks") or {}
    when = settings.get("preview", "serve")  # checked by quiz_banks.py's on_config
    if when == "never" or (when == "serve" and not _serving):
        return None
    # Only now: the answer key's writer comes with the exporters, half a second to import.
    from quizbank.preview import PREVIEW_PAGE, preview_markdown

    root = Path(config.config_file_path).parent
    # A bank with problems is reported by quiz_banks.py (under serve, in this page too): what reads is shown.
    problems: list[Problem] = []
    banks = load_banks(root / str(settings.get("dir", "quizzes")), root, problems)
    pages = {f.src_uri: (f.url, f.content_string) for f in files.documentation_pages()}
    chapters = site_chapters(pages, config.nav or [])
    # Not in the nav (it is for instructors); MkDocs then does not warn that the nav leaves it out.
    page = File.generated(config, PREVIEW_PAGE, content="", inclusion=InclusionLevel.NOT_IN_NAV)
    page.content_string = preview_markdown(
        banks,
        placed_on(chapters, banks),
        link=lambda url: get_relative_url(url, page.url),
        published=when == "always",
    )
    files.append(page)
    if _serving:
        log.info(f"Question bank preview: {config.site_url or '/'}{page.url}")
    return files
