"""A link from outside to a section of a split chapter's first page that moved lands on its new page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from support import PagesServer, served, write_site

PAGES = {
    "index.md": "# Home\n\n[Part](part.md)\n",
    "part.md": "# Part\n\n## Kept {#kept}\n\nStays here.\n",
    "part-more.md": "---\ncontinues: part.md\n---\n\n# Part, continued\n\n## Moved {#moved}\n\nMoved here.\n",
}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PagesServer]:
    with served(write_site(tmp_path, PAGES, {})) as srv:
        yield srv


def test_an_old_link_to_a_moved_section_lands_on_it(page: Page, server: PagesServer) -> None:
    page.goto(server.url("part/#moved"))
    expect(page).to_have_url(server.url("part-more/#moved"))
    expect(page.locator("#moved")).to_be_visible()


def test_the_first_pages_own_sections_and_unknown_fragments_stay(page: Page, server: PagesServer) -> None:
    page.goto(server.url("part/#kept"))
    expect(page.locator("#kept")).to_be_visible()
    expect(page).to_have_url(server.url("part/#kept"))
    page.goto(server.url("part/#no-such-section"))
    expect(page.locator("#kept")).to_be_visible()  # still the first page
    expect(page).to_have_url(server.url("part/#no-such-section"))
