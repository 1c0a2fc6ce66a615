"""Moodle's GIFT format: every question, one category per bank; GIFT's special characters escaped.

Each question type writes its own GIFT (its `gift` method, with the helpers here); `gift_file`
puts them together, a pool's variants and a calculated question's variants each in a category of
their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..blanks import NUMBER, Accepted
from ..ids import question_key
from ..model import Bank, Question
from . import losses as L
from .losses import Loss
from .text import equal_form, inline_html, normal_number, plain_text, to_html

# ── Moodle GIFT ─────────────────────────────────────────────────────────────────────────────

GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")
# Moodle's grade list: at import, a weight off the list is an error ("Match grades: error").
MOODLE_GRADES = (
    100,
    90,
    80,
    75,
    70,
    60,
    50,
    40,
    30,
    25,
    20,
    10,
    5,
    500 / 6,
    200 / 3,
    100 / 3,
    100 / 6,
    100 / 7,
    12.5,
    100 / 9,
)
FORMAT_MARKER = re.compile(r"\[(?:html|markdown|plain|moodle)\]")


def gift_escape(text: str) -> str:
    r"""Text as GIFT holds it: a backslash before each of \ ~ = # { } :, and each newline as \n.

    Newlines are escaped because a blank line ends a question: every text stays on one line.
    """
    return GIFT_SPECIAL.sub(r"\\\1", text).replace("\n", r"\n")


def gift_html(html: str) -> str:
    """HTML as GIFT text. A leading '[' could read as a format ([plain]), a leading '%' as a weight: entities are inert."""
    if html.startswith(("[", "%")):
        html = f"&#{ord(html[0])};" + html[1:]
    return gift_escape(html)


def gift_feedback(markdown_text: str) -> str:
    return "#" + gift_html(inline_html(markdown_text)) if markdown_text.strip() else ""


def gift_general(question: Question) -> list[str]:
    """The general feedback line (`####…`), from the explanation."""
    return ["####" + gift_html(to_html(question.explanation))] if question.explanation.strip() else []


def gift_weight(weight: float) -> str:
    return f"{weight:.5f}".rstrip("0").rstrip(".")


def gift_short_answer(alternative: str) -> str | None:
    r"""One accepted answer as a Moodle short answer, or None when Moodle cannot hold it as written.

    `*` is Moodle's wildcard (a literal one is `\*`); a leading '%' would read as a weight, so it
    gets an explicit 100%; '->' beside '=' makes Moodle read a matching question.
    """
    if "->" in alternative or FORMAT_MARKER.match(alternative):
        return None
    weight = "%100%" if alternative.startswith("%") else ""
    return "=" + weight + gift_escape(alternative.replace("*", r"\*"))


def gift_answer_set(accepted: Accepted, key: str, n: int) -> tuple[str, list[Loss]]:
    """What goes between { and } for one blank: numerical {#0.84:0.01} or {#=1 =2}, else short answer {=a =b}."""
    if accepted.tolerance:
        return f"#{normal_number(accepted.number)}:{normal_number(accepted.tolerance)}", []
    if all(NUMBER.match(a) for a in accepted.alternatives):
        numbers = [normal_number(a) for a in accepted.alternatives]
        return "#" + (numbers[0] if len(numbers) == 1 else " ".join(f"={x}" for x in numbers)), []
    answers, losses = [], []
    for alternative in accepted.alternatives:
        held = gift_short_answer(alternative)
        if held is None:
            losses.append(
                Loss("gift", key, f"blank {n}: the answer '{alternative}', which Moodle would misread", L.MISREAD)
            )
        else:
            answers.append(held)
    numbers = [a for a in accepted.alternatives if NUMBER.match(a)]
    if numbers:
        forms = ", ".join(f"{equal_form(x)} for {x}" for x in numbers)
        losses.append(
            Loss("gift", key, f"blank {n}: equal forms such as {forms}, as a short answer matches text", L.EQUAL_FORMS)
        )
    return " ".join(answers), losses


def gift_pairs(pairs: Sequence[tuple[str, str]], key: str) -> tuple[list[str], list[Loss]]:
    """Moodle matching lines, `=prompt -> answer`: prompts as HTML, answers as plain text (Moodle shows them in a menu).

    A pair whose prompt is "" is an extra answer no prompt takes. '->' inside a text would split it.
    """
    lines, losses = [], []
    for prompt, answer in pairs:
        shown = plain_text(to_html(answer))
        if "->" in prompt or "->" in shown:
            losses.append(
                Loss("gift", key, f"the pair '{prompt or '(extra)'} → {shown}', as '->' would split it", L.ARROW)
            )
            continue
        left = gift_html(inline_html(prompt)) if prompt else ""
        lines.append(f"={left} -> {gift_escape(' '.join(shown.split()))}")
    return lines, losses


def gift_question(question: Question, key: str, answers: list[str]) -> list[str]:
    """One whole GIFT question: its id, title and text, the answers between braces, the general feedback."""
    stem = f"::{gift_escape(key)}::[html]{gift_html(to_html(question.question))}{{"
    return [f"// [id:{key}]", stem, *answers, *gift_general(question), "}"]


def gift_file(banks: Sequence[Bank], title: str) -> tuple[str, int, list[Loss]]:
    """The whole GIFT file, the number of questions in it, and the losses."""
    out = [
        f"// {title}: the quiz banks in Moodle's GIFT format, written by `make export`. Edit the banks, not this.",
        "// Import: Question bank > Import > GIFT format, with 'Get category from file' ticked.",
        "",
    ]
    count, losses = 0, []
    for bank in banks:
        # A pool's variants go in a category of their own (bank/pool), after the bank's other questions,
        # and so do the questions one question becomes when it asks for its own (a calculated one's variants).
        groups: dict[str, list[Question]] = {bank.name: []}
        pools: set[str] = set()
        for question in bank.questions:
            pool, own = question.pool, question.gift_category()
            category = "/".join([bank.name, *([pool.id] if pool else []), *([own] if own else [])])
            groups.setdefault(category, []).append(question)
            if pool and pool.id not in pools:
                pools.add(pool.id)
                why = f"every variant, in the category {bank.name}/{pool.id}: draw {pool.draw} with a random question"
                losses.append(Loss("gift", f"pool {question_key(bank.name, pool.id)}", why, L.POOLS))
        for category, members in groups.items():
            out += [f"$CATEGORY: {category}", ""]
            for question in members:
                key = question_key(bank.name, question.id)
                if question.hints:
                    losses.append(Loss("gift", key, f"hints ({len(question.hints)}): GIFT has none", L.HINTS))
                questions, lost = question.gift(key)
                losses += lost
                count += len(questions)
                out += [line for lines in questions for line in (*lines, "")]
    return "\n".join(out), count, losses
