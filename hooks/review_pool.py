"""MkDocs hook: the review round's questions are a file of their own, fetched when a round starts.

A review round can bring back any self-check of the course, so My progress used to carry every one
of them, hidden until the round showed it: about 37 KB of the page's 57 KB of gzipped HTML, which
made it the one page past the first-paint budget (tests/page_budget.py), and it grew with every
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

import hashlib
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from quizbank.progress import POOL_END, POOL_START, STAGE

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

NAME = "review-pool.{digest}.html"
DIGEST_CHARS = 12


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str | None:
    start = output.find(POOL_START)
    if start < 0:  # every page but My progress
        return None
    end = output.find(POOL_END, start)
    stage = output.rfind(STAGE, 0, start)
    if end < 0 or stage < 0:
        # Both come from quizbank/progress.py: a plugin or a template has rewritten the page.
        raise PluginError(
            f"docs/{page.file.src_uri}: the review round's questions are not inside their stage "
            f"(looked for '{STAGE}' before '{POOL_START}', and '{POOL_END}' after).\n"
            "    Fix: keep `<!-- progress -->` alone on its line in the page, outside any HTML block."
        )
    pool = output[start + len(POOL_START) : end].strip() + "\n"
    name = NAME.format(digest=hashlib.sha256(pool.encode("utf-8")).hexdigest()[:DIGEST_CHARS])
    dest = PurePosixPath(page.file.dest_uri).parent / name
    path = Path(config.site_dir, dest)
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(NAME.format(digest="*")):  # an earlier build's, under `mkdocs serve`
        if old.name != name:
            old.unlink()
    path.write_text(pool, encoding="utf-8")
    href = get_relative_url(dest.as_posix(), page.url)
    at = stage + len(STAGE)
    return output[:at] + f' data-review-pool="{href}"' + output[at:start] + output[end + len(POOL_END) :]
