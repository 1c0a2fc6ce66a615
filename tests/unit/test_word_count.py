"""The workspace's word-count rule, in Python: the reference the browser's counter must match.

The rule (documented in overrides/assets/javascripts/workspace.js): a word is a
whitespace-separated token that contains at least one Unicode letter or digit. So
"fine-tuning", "200", "3.5", a URL and "e.g." are one word each; a lone "—", "-", "&" or "•"
and an emoji alone are none. tests/word_count_cases.json holds the cases both sides check;
tests/browser/test_workspace.py runs the page's counter on the same file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TypedDict

import pytest

CASES_FILE = Path(__file__).resolve().parents[1] / "word_count_cases.json"
WORDLIKE = re.compile(r"[^\W_]")  # a Unicode letter or digit: \w without the underscore


class Case(TypedDict):
    text: str
    words: int
    why: str


def count_words(text: str) -> int:
    """The reference implementation of the rule."""
    return sum(1 for token in text.split() if WORDLIKE.search(token))


def load_cases() -> list[Case]:
    cases: list[Case] = json.loads(CASES_FILE.read_text(encoding="utf-8"))
    return cases


@pytest.mark.parametrize("case", load_cases(), ids=lambda c: c["why"])
def test_reference_counts_each_case(case: Case) -> None:
    assert count_words(case["text"]) == case["words"]


def test_the_cases_cover_the_documented_rule() -> None:
    """The examples the rule's documentation promises are all in the shared file."""
    by_text = {c["text"]: c["words"] for c in load_cases()}
    promised = {
        "fine-tuning": 1,
        "200": 1,
        "3.5": 1,
        "e.g.": 1,
        "—": 0,
        "-": 0,
        "&": 0,
        "•": 0,
        "👍": 0,
    }
    for text, words in promised.items():
        assert by_text.get(text) == words, text
    assert any(c["text"].startswith("https://") and c["words"] == 1 for c in load_cases()), "a URL alone"


def test_the_cases_file_is_well_formed() -> None:
    cases = load_cases()
    texts = [c["text"] for c in cases]
    assert len(texts) == len(set(texts)), "duplicate cases"
    for case in cases:
        assert set(case) == {"text", "words", "why"}, case
        assert isinstance(case["text"], str) and isinstance(case["words"], int) and case["words"] >= 0
        assert case["why"].strip(), case


def test_a_long_answer_is_counted_in_linear_time() -> None:
    text = "fine-tuning — 3.5 e.g. 👍 " * 20_000
    assert count_words(text) == 60_000
