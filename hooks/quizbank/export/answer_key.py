"""The printable answer key: every question with its answers, accepted forms, feedback, hints and explanation."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..blanks import Accepted
from ..ids import question_key
from ..model import Bank, Choice, FillBlank, Matching, Ordering, Question, TrueFalse, WrittenTask
from ..text import find_blanks
from ..written_task import limits_text
from .text import tolerance_range

# ── The answer key ──────────────────────────────────────────────────────────────────────────

TYPE_NAMES = {
    "single": "single choice",
    "multiple": "select all that apply",
    "true-false": "true or false",
    "fill-blank": "fill in the blanks",
    "ordering": "put in order",
    "matching": "matching",
    "written-task": "written task",
}


def code(text: str) -> str:
    """Text as a Markdown code span, exactly as typed: fenced by more backticks than any run inside."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def indented(text: str, by: str = "   ") -> str:
    """Text for a list item: its later lines indented to stay in the item."""
    return text.strip().replace("\n", "\n" + by)


def key_blank(n: int, accepted: Accepted) -> str:
    if accepted.tolerance:
        return f"{n}. any number from {tolerance_range(accepted)} ({code(accepted.shown)})"
    also = "; also accepted: " + ", ".join(code(a) for a in accepted.others) if accepted.others else ""
    return f"{n}. {code(accepted.alternatives[0])}{also}"


def key_answers(question: Question) -> list[str]:
    """The blocks of Markdown under a question's text: its answers, and for a written task what it asks for."""
    if isinstance(question, FillBlank):
        return ["**Blanks:**", "\n".join(key_blank(n, a) for n, a in enumerate(question.accepted, 1))]
    if isinstance(question, TrueFalse):
        blocks = [f"**Answer:** {'True' if question.answer else 'False'}"]
        for value, feedback in (("True", question.feedback_true), ("False", question.feedback_false)):
            blocks += [f"**Feedback on {value}:** {feedback.strip()}"] if feedback.strip() else []
        return blocks
    if isinstance(question, Choice):
        order = "shown shuffled" if question.shuffle else "shown in this order"
        blocks = [f"**Options** ({order}; ✓ right, ✗ wrong):"]
        for n, option in enumerate(question.options, 1):
            feedback = f"\n\n   *Feedback:* {indented(option.feedback)}" if option.feedback.strip() else ""
            blocks.append(f"{n}. {'✓' if option.correct else '✗'} {indented(option.text)}{feedback}")
        return blocks
    if isinstance(question, Ordering):
        items = "\n".join(f"{n}. {indented(item)}" for n, item in enumerate(question.items, 1))
        return ["**Right order** (shown in another):", items]
    if isinstance(question, Matching):
        pairs = "\n".join(f"- {indented(p.prompt, '  ')} → {indented(p.answer, '  ')}" for p in question.pairs)
        blocks = ["**Pairs** (prompt → its answer):", pairs]
        if question.distractors:
            blocks.append("**Also offered:** " + "; ".join(" ".join(d.split()) for d in question.distractors))
        return blocks
    assert isinstance(question, WrittenTask)
    blocks = [f"**Word limit:** {limits_text(question.words)}"] if limits_text(question.words) else []
    if question.fields:
        boxes = [
            f"{n}. {indented(f.label)}" + (f" ({limits_text(f.words)})" if limits_text(f.words) else "")
            for n, f in enumerate(question.fields, 1)
        ]
        blocks += ["**Answer boxes:**", "\n".join(boxes)]
    if question.rubric:
        blocks += ["**Rubric:**", "\n".join(f"- {indented(item, '  ')}" for item in question.rubric)]
    if question.examples:
        blocks.append("**Example answers:** " + ", ".join(code(f"includes/examples/{e}.md") for e in question.examples))
    return blocks


def key_entry(bank: Bank, question: Question) -> list[str]:
    """One question in the key, as blocks: heading, text, answers, hints, explanation."""
    heading = f"### {question_key(bank.name, question.id)} · {TYPE_NAMES[question.type]}"
    if isinstance(question, WrittenTask):
        heading += f": {question.heading}"
    text = question.question
    for n, blank in reversed(list(enumerate(find_blanks(text), 1)) if isinstance(question, FillBlank) else []):
        text = text[: blank.start] + f"**({n})**" + text[blank.end :]
    blocks = [heading, text.strip(), *key_answers(question)]
    if bank.is_export_only(question):
        blocks.append("**Export only:** no page of the site shows it (`export_only: true`).")
    pool = getattr(question, "pool", None)
    if pool is not None:
        blocks.append(
            f"**Pool:** `{pool.id}`, a variant of one idea: each student is shown {pool.draw} of its variants."
        )
    hints: Sequence[str] = getattr(question, "hints", ())
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
