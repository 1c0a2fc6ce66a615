"""What Material's search index holds of the real site: the course's text, not its answers or its buttons.

A search must not find an answer (explanations, option feedback), a hint, a variant of a question
pool this student may never be shown, or the controls around each question ("Sure Think so Guessing
Submit", "Move up", "Choose…"): every such element is marked data-search-exclude, and nothing marked
so reaches the index, however it nests (hooks/search_exclude.py).
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from bs4 import BeautifulSoup

from support import BuildResult

CHROME = [
    "Sure Think so Guessing",
    "How sure are you?",
    "Submit",
    "Move up",
    "Move down",
    "Choose…",
    "Show a hint",
    "need JavaScript",
]


def words(text: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.fixture(scope="module")
def index(built_site: BuildResult) -> dict[str, str]:
    """Each indexed page ("part-1/") and all the text the index holds of it."""
    docs = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages: dict[str, str] = {}
    for doc in docs:
        page = doc["location"].split("#")[0]
        pages[page] = pages.get(page, "") + " " + words(doc["title"]) + " " + words(doc["text"])
    return pages


def test_the_controls_around_questions_are_not_indexed(built_site: BuildResult, index: dict[str, str]) -> None:
    assert index["part-1/"].count("fine-tun") > 5, "the chapter's own text is indexed"
    for page, text in index.items():
        for chrome in CHROME:
            assert chrome not in text, (page, chrome)
    # Each question's "#" link (to itself) is no text of the course either.
    assert "<p>#</p>" not in (built_site.site / "search" / "search_index.json").read_text(encoding="utf-8")


def squeezed(text: str) -> str:
    return "".join(text.split())


# What is marked data-search-exclude (Material removes the valued marks from the built page once it
# has indexed it, so the built page is read by what the marks are on).
EXCLUDED = ", ".join(
    [
        "[data-search-exclude]",
        ".quiz[data-pool]",  # a pool's variants: a student is shown one
        ".quiz section.content",  # explanations
        ".quiz .answer-feedback",
        ".quiz .quiz-hints",
        ".quiz .quiz-confidence",
        ".quiz button",
        ".quiz .quiz-header-link",
        ".quiz .quiz-order-help",
        ".quiz .quiz-order-moves",
        ".quiz select",
        ".quiz-noscript",
    ]
)


def test_nothing_marked_data_search_exclude_is_indexed_however_it_nests(
    built_site: BuildResult, index: dict[str, str]
) -> None:
    checked = 0
    pools = 0
    for page in [p for p in index if p.startswith("part-")]:
        html = BeautifulSoup((built_site.site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        article = html.select_one("article")
        assert article is not None
        pools += len(article.select(".quiz[data-pool]"))
        excluded = [" ".join(e.get_text(" ").split()) for e in article.select(EXCLUDED)]
        for e in article.select(EXCLUDED):
            e.decompose()
        indexed = squeezed(index[page])
        allowed = squeezed(article.get_text(" "))  # the same words may be in the chapter's own text
        for text in excluded:
            run = text.split()
            # Any run of eight words of it would be found by a search.
            for start in range(0, len(run) - 7, 4):
                chunk = squeezed(" ".join(run[start : start + 8]))
                assert indexed.count(chunk) <= allowed.count(chunk), f"{page}: '{chunk}' is in the search index"
                checked += 1
    assert pools >= 4, "the real site has question pools"
    assert checked > 100, "the check read the excluded text"
