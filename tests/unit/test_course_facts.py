"""The course's own facts: each one used, and no price, date or "as of" note typed out where a reference belongs."""

from __future__ import annotations

import re
from pathlib import Path

from quizbank import load_banks
from quizbank.facts import references, site_facts
from support import ROOT


def test_the_course_has_its_facts_and_every_one_is_used() -> None:
    facts = site_facts(ROOT)
    assert facts.path == "facts.yml" and facts.facts, "the course's facts.yml is missing or empty"
    used = {r.name for path in _course_texts() for r in references(path.read_text(encoding="utf-8"))}
    cited = {f.source for f in facts.facts.values()}
    unused = sorted(set(facts.facts) - used) + sorted(set(facts.sources) - cited - used)
    assert not unused, f"facts.yml entries nothing refers to (delete them, or use them): {unused}"
    load_banks(ROOT / "quizzes", ROOT)  # every bank's references resolve


def _course_texts() -> list[Path]:
    return [
        *sorted((ROOT / "docs").glob("*.md")),
        *sorted((ROOT / "includes").rglob("*.md")),
        *sorted((ROOT / "quizzes").glob("*.yml")),
    ]


# What goes out of date, typed out where a reference belongs: a price, a full date, or an "as of" note.
DOLLARS = re.compile(r"\$\s?\d")
FULL_DATE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\b"
    r"|(?<![\w(-])\d{4}-\d{2}-\d{2}\b(?!\))"
)
AS_OF = re.compile(
    r"\b(?:as of|checked in|checked on) (?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December|\d{4})",
    re.I,
)
# Exercises whose prices are invented for the arithmetic, and say so in the question.
INVENTED_PRICES = {"quizzes/part-2.yml": ["training-cost"], "quizzes/part-3.yml": ["kfold-cost"]}


def test_no_price_date_or_as_of_note_is_typed_out_instead_of_referenced() -> None:
    """Done when no dollar figure or model date appears in a chapter or bank except through the facts file."""
    typed = []
    for path in _course_texts():
        shown = path.relative_to(ROOT).as_posix()
        if shown.startswith("docs/instructors"):
            continue  # the instructors' pages show the facts file's own format, dates and all
        text = path.read_text(encoding="utf-8")
        exercise_lines = _lines_of_questions(text, INVENTED_PRICES.get(shown, []))
        for number, line in enumerate(text.split("\n"), 1):
            line = re.sub(r"\\?:(?:fact|checked|source)\[[^\]]*\]", "", line)
            for pattern in (DOLLARS, FULL_DATE, AS_OF):
                for m in pattern.finditer(line):
                    if pattern is DOLLARS and number in exercise_lines:
                        continue
                    typed.append(f"{shown}:{number}: {m.group(0)!r}")
    assert not typed, f"write these through facts.yml (:fact[name], :checked[name]): {typed}"


def _lines_of_questions(text: str, ids: list[str]) -> set[int]:
    """The line numbers of the named questions in a bank (those that invent their prices, and say so)."""
    lines = text.split("\n")
    out: set[int] = set()
    for qid in ids:
        start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {qid}")
        end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("- id: ")), len(lines))
        assert re.search(r"made-up|invented", "\n".join(lines[start:end])), f"{qid} must say its prices are made up"
        out |= set(range(start + 1, end + 1))
    return out
