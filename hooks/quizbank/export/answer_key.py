"""The printable answer key: every question with its answers, accepted forms, feedback, hints and explanation.

Each type writes what is under its text (`key_lines`); the frame (heading, text, pool, hints,
explanation) is the same for all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..ids import question_key
from ..model import Bank, Question

# ── The answer key ──────────────────────────────────────────────────────────────────────────


def code(text: str) -> str:
    """Text as a Markdown code span, exactly as typed: fenced by more backticks than any run inside."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def indented(text: str, by: str = "   ") -> str:
    """Text for a list item: its later lines indented to stay in the item."""
    return text.strip().replace("\n", "\n" + by)


def key_entry(bank: Bank, question: Question) -> list[str]:
    """One question in the key, as blocks: heading, text, answers, hints, explanation."""
    heading = f"### {question_key(bank.name, question.id)} · {question.key_heading()}"
    blocks = [heading, question.key_text().strip(), *question.key_lines()]
    if bank.is_export_only(question):
        blocks.append("**Export only:** no page of the site shows it (`export_only: true`).")
    pool = question.pool
    if pool is not None:
        blocks.append(
            f"**Pool:** `{pool.id}`, a variant of one idea: each student is shown {pool.draw} of its variants."
        )
    hints: Sequence[str] = question.hints
    if hints:
        blocks += ["**Hints** (shown one at a time, on request):"]
        blocks.append("\n".join(f"{n}. {indented(h)}" for n, h in enumerate(hints, 1)))
    if question.explanation.strip():
        blocks += ["**Explanation:**", question.explanation.strip()]
    return blocks


def answer_key(banks: Sequence[Bank], title: str) -> str:
    blocks = [
        f"# Answer key: {title}",
        "For instructors only: never publish this file. `make export` writes it from the quiz banks;\n"
        "run it again after editing a bank.",
        "Blanks are marked ignoring case and extra spaces, and an answer that reads as a number also\n"
        "matches equal forms of it (0.8, 0.80 and .8).",
    ]
    for bank in banks:
        blocks += [f"## {bank.name}", f"From {code(bank.path)}: {len(bank.questions)} questions."]
        for question in bank.questions:
            blocks += key_entry(bank, question)
    return "\n\n".join(blocks) + "\n"
