"""A chapter split over two pages: links from outside that name a section that moved still find it.

The browser half (the inline script sends the address on) is in tests/browser/test_continued_links.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from support import build, write_site

PAGES = {
    "index.md": "# Home\n\n[Part](part.md)\n",
    "part.md": "# Part\n\n## Kept {#kept}\n\nStays here.\n",
    "part-more.md": "---\ncontinues: part.md\n---\n\n# Part, continued\n\n## Moved {#moved}\n\nMoved here.\n",
}


def moved_list(html: str) -> list:  # type: ignore[type-arg]
    m = re.search(r"<script>\(function\(d\).*?\}\)\((.*?)\)</script></head>", html)
    assert m, "no redirect script in the first page's <head>"
    return list(json.loads(m.group(1)))


def test_the_first_page_sends_on_only_what_moved(tmp_path: Path) -> None:
    result = build(write_site(tmp_path, PAGES, {}))
    assert result.code == 0, result.output
    ids, to = moved_list(result.page("part/index.html"))
    assert to == "../part-more/"
    assert "moved" in ids and "kept" not in ids
    assert "<script>(function(d)" not in result.page("part-more/index.html")
    assert "<script>(function(d)" not in result.page("index.html")


def test_continuing_a_page_that_does_not_exist_is_a_located_error(tmp_path: Path) -> None:
    pages = {**PAGES, "part-more.md": PAGES["part-more.md"].replace("continues: part.md", "continues: prat.md")}
    result = build(write_site(tmp_path, pages, {}))
    assert result.code != 0
    assert "docs/part-more.md: front matter 'continues: prat.md' names no other page of the site." in result.output
    assert "Fix: give the path of the chapter's first page" in result.output
    assert "Traceback" not in result.output
