"""The practice banks give no answer away by position, length, wording or a lopsided true/false key.

Reads quizzes/part-*.yml with plain yaml.safe_load, independent of the quiz-bank loader, so the
checks hold whatever shape the loader's API takes.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BANKS = sorted((ROOT / "quizzes").glob("part-*.yml"))
# The brief's true/false checks keep the brief's answers; they are not part of the balance.
BRIEF_MARK = "Concept check from the brief"


def questions(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["questions"])


def text(option: dict[str, Any]) -> str:
    return str(option["text"]).strip()


def of_type(qs: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [q for q in qs if q["type"] == kind]


def shuffled(qs: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """Questions of one type whose options are shown shuffled: `shuffle: false` keeps the written order."""
    return [q for q in of_type(qs, kind) if q.get("shuffle", True) is not False]


@pytest.fixture(params=BANKS, ids=[p.stem for p in BANKS])
def bank(request: pytest.FixtureRequest) -> tuple[str, list[dict[str, Any]]]:
    path: Path = request.param
    return path.stem, questions(path)


def test_there_are_banks_to_check() -> None:
    assert BANKS, "no quizzes/part-*.yml found"


def test_right_option_is_rarely_the_longest(bank: tuple[str, list[dict[str, Any]]]) -> None:
    name, qs = bank
    singles = shuffled(qs, "single")
    longest = []
    for q in singles:
        lengths = [len(text(o)) for o in q["options"]]
        right = next(i for i, o in enumerate(q["options"]) if o.get("correct"))
        if all(lengths[right] > n for i, n in enumerate(lengths) if i != right):
            longest.append(q["id"])
    assert len(longest) <= len(singles) / 3, (
        f"{name}: the correct option is the strictly longest in {len(longest)} of {len(singles)} single-choice "
        f"questions (at most a third allowed): {longest}"
    )


def test_right_option_is_not_usually_written_first(bank: tuple[str, list[dict[str, Any]]]) -> None:
    name, qs = bank
    singles = shuffled(qs, "single")
    first = [q["id"] for q in singles if q["options"][0].get("correct")]
    assert len(first) <= len(singles) / 2, (
        f"{name}: the correct option is written first in {len(first)} of {len(singles)} single-choice "
        f"questions (at most half allowed): {first}"
    )


def test_right_options_are_not_usually_the_first_ones(bank: tuple[str, list[dict[str, Any]]]) -> None:
    name, qs = bank
    multiples = shuffled(qs, "multiple")
    leading = []
    for q in multiples:
        flags = [bool(o.get("correct")) for o in q["options"]]
        n = sum(flags)
        if flags == [True] * n + [False] * (len(flags) - n):
            leading.append(q["id"])
    assert len(leading) <= len(multiples) / 2, (
        f"{name}: the correct options are exactly the first ones in {len(leading)} of {len(multiples)} "
        f"multiple-choice questions (at most half allowed): {leading}"
    )


def test_true_false_answers_are_balanced(bank: tuple[str, list[dict[str, Any]]]) -> None:
    name, qs = bank
    practice = [q for q in of_type(qs, "true-false") if not str(q["question"]).lstrip("*").startswith(BRIEF_MARK)]
    true_ids = [q["id"] for q in practice if q["answer"] is True]
    false_ids = [q["id"] for q in practice if q["answer"] is False]
    assert abs(len(true_ids) - len(false_ids)) <= 2, (
        f"{name}: {len(true_ids)} practice true/false statements are true {true_ids} and "
        f"{len(false_ids)} are false {false_ids}; the counts may differ by at most 2"
    )


def test_no_option_repeats_another(bank: tuple[str, list[dict[str, Any]]]) -> None:
    name, qs = bank
    repeats = []
    for q in qs:
        seen: set[str] = set()
        for o in q.get("options", []):
            key = " ".join(text(o).casefold().split())
            if key in seen:
                repeats.append(f"{q['id']}: {text(o)!r}")
            seen.add(key)
    assert not repeats, f"{name}: options that repeat another option's text: {repeats}"


def significant_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{5,}", text.casefold()))


def test_no_matching_prompt_shares_a_word_with_its_own_answer(bank: tuple[str, list[dict[str, Any]]]) -> None:
    """A prompt that repeats a word of its answer ("preference" … "Direct preference optimization") gives it away."""
    name, qs = bank
    cued = []
    for q in of_type(qs, "matching"):
        for pair in q["pairs"]:
            shared = significant_words(str(pair["prompt"])) & significant_words(str(pair["answer"]))
            if shared:
                cued.append(f"{q['id']}: {sorted(shared)}")
    assert not cued, f"{name}: a matching prompt shares a word with its own answer: {cued}"


def test_ordering_items_do_not_number_themselves(bank: tuple[str, list[dict[str, Any]]]) -> None:
    """Items that say 'first', 'then' or 'finally' (or start with a number) give the order away."""
    name, qs = bank
    cued = [
        f"{q['id']}: {item}"
        for q in of_type(qs, "ordering")
        for item in q["items"]
        if re.match(r"\s*(\d|step\b)", str(item), re.I)
        or re.search(r"\b(first|then|next|finally|lastly|afterwards)\b", str(item), re.I)
    ]
    assert not cued, f"{name}: ordering items that number themselves: {cued}"
