"""The written tasks' word-count rule: the Python reference (hooks/quizbank/words.py) and the browser's counter agree.

The rule (documented in overrides/assets/javascripts/quizbank/words.js): a word is a
whitespace-separated token that contains at least one Unicode letter or digit. So
"fine-tuning", "200", "3.5", a URL and "e.g." are one word each; a lone "—", "-", "&" or "•"
and an emoji alone are none. tests/word_count_cases.json holds the cases both sides check
(tests/js/words.test.mjs runs the browser's counter on them under Node); the last test here
runs that counter on every character and compares it with this reference.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import TypedDict

import pytest

from quizbank.words import WORDLIKE, count_words
from support import ROOT

CASES_FILE = Path(__file__).resolve().parents[1] / "word_count_cases.json"


class Case(TypedDict):
    text: str
    words: int
    why: str


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


def test_a_60000_word_answer_is_counted_exactly() -> None:
    text = "fine-tuning — 3.5 e.g. 👍 " * 20_000
    assert count_words(text) == 60_000


# Counts each line of stdin with the browser's counter; prints one count per line.
NODE_COUNTER = """
import { countWords } from %s;
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const texts = JSON.parse(input);
  process.stdout.write(JSON.stringify(texts.map((t) => countWords(t))));
});
"""


def browser_counts(texts: list[str]) -> list[int]:
    node = shutil.which("node")
    assert node, (
        "Node.js is required (Debian/Ubuntu: `sudo apt-get install nodejs`): the browser's counter runs under it."
    )
    module = (ROOT / "overrides/assets/javascripts/quizbank/words.js").as_uri()
    proc = subprocess.run(
        [node, "--input-type=module", "-e", NODE_COUNTER % json.dumps(module)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    counts: list[int] = json.loads(proc.stdout)
    return counts


def test_the_browser_counter_agrees_with_python_on_every_character() -> None:
    """Whitespace is exactly Python's str.split() set, and letters and digits are the same characters."""
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF] + ["\ufeff", "\u200b", "\u180e", "\u2060"]
    between = [f"a{ch}b" for ch in chars]
    assert browser_counts(between) == [len(t.split()) for t in between]
    alone = browser_counts(chars)
    differ = [ch for ch, n in zip(chars, alone, strict=True) if n != count_words(ch)]
    # Only characters that Python's Unicode version has not assigned yet may differ.
    assert all(unicodedata.category(ch) == "Cn" for ch in differ), [f"U+{ord(ch):04X}" for ch in differ]


def test_the_two_pass_count_is_the_rule_on_mixed_text() -> None:
    """count_words counts tokens less the wordless ones: the same as the rule's one-token-at-a-time sum."""
    rng = random.Random(11)
    alphabet = [
        " ",
        "\t",
        "\n",
        "\x1c",
        "\u00a0",
        "\u3000",
        "\u200b",
        "\ufeff",
        "_",
        "-",
        "—",
        ".",
        "&",
        "a",
        "1",
        "é",
        "👍",
    ]
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
        assert count_words(text) == sum(1 for token in text.split() if WORDLIKE.search(token)), repr(text)
