"""The practice banks give no answer away by position, length, wording or a lopsided true/false key.

Reads quizzes/part-*.yml with plain yaml.safe_load, independent of the quiz-bank loader, so the
checks hold whatever shape the loader's API takes; fact references (`:fact[name]`) are replaced
with their values first, as students see them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizbank.facts import site_facts

ROOT = Path(__file__).resolve().parents[2]
BANKS = sorted((ROOT / "quizzes").glob("part-*.yml"))
# The brief's true/false checks keep the brief's answers; they are not part of the balance.
BRIEF_MARK = "Concept check from the brief"
FACTS = site_facts(ROOT)


def questions(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(FACTS.expand(path.read_text(encoding="utf-8")).text)
    return list(data["questions"])


def is_brief_check(q: dict[str, Any]) -> bool:
    """The brief's own concept checks keep its wording (and, for choices, its option order)."""
    return q.get("shuffle", True) is False or str(q["question"]).lstrip("*").startswith(BRIEF_MARK)


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


# Words that make a claim absolute. Test-wise students learn that options saying "always" or "only"
# are usually wrong: in these banks they must be no likelier to be wrong than right.
ABSOLUTE = re.compile(
    r"\b(always|never|only|any|anything|all|every|everything|no|none|nothing|cannot|can't|entirely|completely"
    r"|guarantees?|guaranteed)\b",
    re.I,
)
# Words that soften a claim. A statement hedged with "can" reads as true to the test-wise.
HEDGE = re.compile(r"\b(can|may|might|could|often|usually|sometimes|typically|generally|tends? to)\b", re.I)


def choice_options(qs: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (q["id"], o) for q in qs if q["type"] in ("single", "multiple") and not is_brief_check(q) for o in q["options"]
    ]


def test_absolute_words_are_no_likelier_in_wrong_options(bank: tuple[str, list[dict[str, Any]]]) -> None:
    """Absolute words ("always", "only", "no") are as common in right options as in wrong ones, and never mark every distractor."""
    name, qs = bank
    options = choice_options(qs)
    wrong = [o for _, o in options if not o.get("correct")]
    right = [o for _, o in options if o.get("correct")]
    share_wrong = sum(bool(ABSOLUTE.search(text(o))) for o in wrong) / len(wrong)
    share_right = sum(bool(ABSOLUTE.search(text(o))) for o in right) / len(right)
    assert abs(share_wrong - share_right) <= 0.10, (
        f"{name}: absolute words are in {share_wrong:.0%} of wrong options and {share_right:.0%} of right ones "
        "(at most 10 points apart): reword the absolute wrong options, or let a right one be absolute"
    )
    marked = [
        q["id"]
        for q in qs
        if q["type"] in ("single", "multiple") and not is_brief_check(q)
        for distractors, keys in [
            ([o for o in q["options"] if not o.get("correct")], [o for o in q["options"] if o.get("correct")])
        ]
        if len(distractors) >= 2
        and all(ABSOLUTE.search(text(o)) for o in distractors)
        and not any(ABSOLUTE.search(text(o)) for o in keys)
    ]
    assert not marked, f"{name}: every wrong option is absolute and no right one is: {marked}"


def test_hedged_and_absolute_statements_are_true_as_often_as_false() -> None:
    """A true/false statement hedged with "can" should not be a sign that it is true, nor "never" that it is false."""
    practice = [q for path in BANKS for q in questions(path) if q["type"] == "true-false" and not is_brief_check(q)]
    for words, pattern in (("hedged", HEDGE), ("absolute", ABSOLUTE)):
        marked = [q for q in practice if pattern.search(str(q["question"]))]
        true_ids = [q["id"] for q in marked if q["answer"] is True]
        false_ids = [q["id"] for q in marked if q["answer"] is False]
        assert abs(len(true_ids) - len(false_ids)) <= 1, (
            f"{words} true/false statements: {len(true_ids)} true {true_ids}, {len(false_ids)} false {false_ids}; "
            "the counts may differ by at most 1"
        )


def words_of(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['’-][a-z0-9]+)*", text.casefold())


def runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


# Seven words in a row taken from the chapter let a student answer by recognition, not understanding.
REPEATED_RUN = 7


def test_no_item_repeats_a_sentence_of_its_chapter(bank: tuple[str, list[dict[str, Any]]]) -> None:
    """Options, ordering items, matching prompts and the statements students judge or complete are written afresh."""
    name, qs = bank
    chapters = [
        FACTS.expand(page.read_text(encoding="utf-8")).text
        for page in sorted((ROOT / "docs").glob("*.md"))
        if f"<!-- quiz: {name}" in page.read_text(encoding="utf-8")
    ]
    assert chapters, f"{name}: no chapter places this bank"
    chapter_runs = set().union(*(runs(words_of(c), REPEATED_RUN) for c in chapters))
    repeated = []
    for q in qs:
        if is_brief_check(q):
            continue
        items = [*(text(o) for o in q.get("options", [])), *map(str, q.get("items", []))]
        items += [str(p["prompt"]) for p in q.get("pairs", [])]
        if q["type"] in ("true-false", "fill-blank"):
            items.append(str(q["question"]))
        for item in items:
            shared = runs(words_of(item), REPEATED_RUN) & chapter_runs
            if shared:
                repeated.append(f"{q['id']}: '{' '.join(sorted(shared)[0])}…' in {item.strip()[:60]!r}")
    assert not repeated, f"{name}: items that repeat their chapter word for word: {repeated}"
