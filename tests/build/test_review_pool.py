"""hooks/review_pool.py on its own: a page whose review questions lost their closing comment stops the build.

The project site's page and file are checked in tests/build/test_project_site.py, the round in the
browser in tests/browser/test_progress.py.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

import review_pool
from quizbank.progress import POOL_END, POOL_START, STAGE


def run(tmp_path: Path, html: str) -> str | None:
    page: Any = SimpleNamespace(
        file=SimpleNamespace(src_uri="progress.md", dest_uri="progress/index.html"), url="progress/"
    )
    config: Any = SimpleNamespace(site_dir=str(tmp_path))
    return review_pool.on_post_page(html, page=page, config=config)


def test_the_questions_move_to_a_file_named_by_their_digest_and_the_last_one_goes(tmp_path: Path) -> None:
    (tmp_path / "progress").mkdir()
    (tmp_path / "progress" / "review-pool.000000000000.html").write_text("old", encoding="utf-8")
    out = run(tmp_path, f'<p>a</p>{STAGE}>\n{POOL_START}\n<div class="x">q</div>\n{POOL_END}\n</div><p>b</p>')
    assert out is not None
    files = list((tmp_path / "progress").iterdir())
    assert len(files) == 1 and files[0].read_text(encoding="utf-8") == '<div class="x">q</div>\n'
    assert out == f'<p>a</p>{STAGE} data-review-pool="{files[0].name}">\n\n</div><p>b</p>'


def test_a_page_without_a_round_is_left_alone(tmp_path: Path) -> None:
    assert run(tmp_path, "<p>chapter</p>") is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("html", [f"{STAGE}>{POOL_START}<p>q</p></div>", f"<div>{POOL_START}<p>q</p>{POOL_END}</div>"])
def test_a_round_outside_its_stage_is_a_located_error(tmp_path: Path, html: str) -> None:
    with pytest.raises(PluginError) as err:
        run(tmp_path, html)
    assert str(err.value).startswith("docs/progress.md: the review round's questions are not inside their stage")
    assert "Fix: keep `<!-- progress -->` alone on its line" in str(err.value)
