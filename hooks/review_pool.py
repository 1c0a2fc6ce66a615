"""MkDocs hook: the review round's questions are a file of their own, fetched when a round starts.

A review round can bring back any self-check of the course, so My progress used to carry every one
of them, hidden until the round showed it: about 37 KB of the page's 57 KB of gzipped HTML, which
made it the one page past the first-paint budget (quizbank/budget.py), and it grew with every
question an instructor added. Here they are cut out of the page once it is rendered (the
progress page's Markdown puts them between two comments: quizbank/progress.py) and written beside
it as `review-pool.<digest>.html`. The page keeps the empty stage, whose `data-review-pool` names the file;
quizbank/progress.js fetches it when a round starts or resumes, and quizbank/selfcheck.js starts
its questions like a chapter's.

The digest in the name ties a page to the questions of its own build: a page left open across a
deploy asks for its own file (kept by the offline worker, which precaches it like any file), never
for questions that no longer match its manifest.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from quizbank.reviewpool import NAME, PoolOutsideStage, cut_pool

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    dest = PurePosixPath(page.file.dest_uri).parent
    try:
        cut = cut_pool(output, lambda name: get_relative_url((dest / name).as_posix(), page.url))
    except PoolOutsideStage as err:
        # Both comments come from quizbank/progress.py: a plugin or a template has rewritten the page.
        raise PluginError(f"docs/{page.file.src_uri}: {err}.\n    Fix: {err.fix}") from None
    if cut is None:  # every page but My progress
        return None
    path = Path(config.site_dir, dest, cut.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(NAME.format(digest="*")):  # an earlier build's, under `mkdocs serve`
        if old.name != cut.name:
            old.unlink()
    path.write_text(cut.pool, encoding="utf-8")
    return cut.page
