"""The review round's questions cut out of My progress's built HTML, into a file of their own.

hooks/review_pool.py says why. Pure: the MkDocs hook calls it on the page it renders, and
`python -m quizbank site` (quizbank/postbuild.py) on the page any engine wrote; a page already cut
(no pool between the comments) is left alone, so running both changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from .progress import POOL_END, POOL_START, STAGE

NAME = "review-pool.{digest}.html"
DIGEST_CHARS = 12


class PoolOutsideStage(ValueError):
    """The pool's comments are not inside the stage quizbank/progress.py put them in."""

    def __init__(self) -> None:
        super().__init__(
            f"the review round's questions are not inside their stage "
            f"(looked for '{STAGE}' before '{POOL_START}', and '{POOL_END}' after)"
        )
        self.fix = "keep `<!-- progress -->` alone on its line in the page, outside any HTML block."


@dataclass(frozen=True)
class Cut:
    page: str  # the page without its pool, its stage naming the file
    name: str  # the file's name, beside the page: review-pool.<digest>.html
    pool: str  # the file's content


def cut_pool(html: str, link: Callable[[str], str] = lambda name: name) -> Cut | None:
    """The page without its review questions, and the file that holds them; None for any other page.

    `link` turns the file's name into the address the page gives it (beside the page: the name).
    Raises PoolOutsideStage when a plugin or a template has moved the pool out of its stage.
    """
    start = html.find(POOL_START)
    if start < 0:  # every page but My progress, and My progress once cut
        return None
    end = html.find(POOL_END, start)
    stage = html.rfind(STAGE, 0, start)
    if end < 0 or stage < 0:
        raise PoolOutsideStage()
    pool = html[start + len(POOL_START) : end].strip() + "\n"
    name = NAME.format(digest=hashlib.sha256(pool.encode("utf-8")).hexdigest()[:DIGEST_CHARS])
    at = stage + len(STAGE)
    page = html[:at] + f' data-review-pool="{link(name)}"' + html[at:start] + html[end + len(POOL_END) :]
    return Cut(page, name, pool)
