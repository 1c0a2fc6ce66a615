"""Moodle's GIFT format: every question, one category per bank; GIFT's special characters escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from ..blanks import NUMBER, Accepted
from ..ids import question_key
from ..model import (
    NO_LIMITS,
    Bank,
    Choice,
    FillBlank,
    Matching,
    Multiple,
    Ordering,
    Question,
    SelfCheck,
    TrueFalse,
    WrittenTask,
)
from ..written_task import limits_text
from . import losses as L
from .losses import Loss
from .text import (
    BLANK_TOKEN,
    BLANK_TOKEN_RE,
    equal_form,
    inline_html,
    normal_number,
    plain_text,
    to_html,
    with_blank_tokens,
)

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


def gift_choice(question: Choice, key: str) -> tuple[list[str], list[Loss]]:
    """Single choice as `=right ~wrong`; select-all-that-apply with weights only, which Moodle shows as checkboxes."""
    losses = []
    if not question.shuffle:
        losses.append(
            Loss("gift", key, "the fixed option order: Moodle shuffles unless the quiz says not to", L.FIXED_ORDER)
        )
    if not isinstance(question, Multiple):
        marks = ["=" if o.correct else "~" for o in question.options]
    else:
        # Right options share 100%, wrong ones -100%: choosing every option scores 0.
        right = sum(o.correct for o in question.options)
        wrong = len(question.options) - right
        weights = {True: 100 / right, False: -100 / wrong if wrong else 0.0}
        for weight in sorted({abs(w) for w in weights.values() if w}):
            if not any(abs(weight - g) < 0.00001 for g in MOODLE_GRADES):
                why = f"the weight {gift_weight(weight)}% is not on Moodle's grade list: import with 'nearest grade'"
                losses.append(Loss("gift", key, why, L.WEIGHTS))
        marks = [f"~%{gift_weight(weights[o.correct])}%" for o in question.options]
    lines = [
        m + gift_html(inline_html(o.text)) + gift_feedback(o.feedback)
        for m, o in zip(marks, question.options, strict=True)
    ]
    return lines, losses


def gift_true_false(question: TrueFalse) -> str:
    # Moodle reads {T#a#b} as a: the feedback on a wrong answer, b: on the right one.
    right, wrong = (question.feedback_true, question.feedback_false)[:: 1 if question.answer else -1]
    return (
        ("T" if question.answer else "F") + (gift_feedback(wrong) or "#" * bool(right.strip())) + gift_feedback(right)
    )


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


def _numbered_gap(match: re.Match[str]) -> str:
    return f"({int(match.group(1)) + 1}) _____"


def gift_fill_blank(question: FillBlank, key: str) -> tuple[list[list[str]], list[Loss]]:
    """One GIFT question per blank, as GIFT holds one answer set per question; the other blanks show as "(2) _____"."""
    html = to_html(with_blank_tokens(question))
    accepted = question.accepted
    several = len(accepted) > 1
    losses = []
    if several:
        losses.append(
            Loss("gift", key, f"{len(accepted)} blanks in one question: one GIFT question per blank", L.SEVERAL_BLANKS)
        )
    out = []
    for index, acc in enumerate(accepted):
        answers, lost = gift_answer_set(acc, key, index + 1)
        losses += lost
        if not answers:  # `{}` would be an essay
            losses.append(
                Loss("gift", key, f"blank {index + 1}: none of its answers, so it is left out", L.EMPTY_BLANK)
            )
            continue
        before, after = (BLANK_TOKEN_RE.sub(_numbered_gap, part) for part in html.split(BLANK_TOKEN.format(index), 1))
        title = f"{key} (blank {index + 1} of {len(accepted)})" if several else key
        stem = before + (f"({index + 1}) " if several else "")
        out.append(
            [
                f"// [id:{title}]",
                f"::{gift_escape(title)}::[html]{gift_html(stem)}{{",
                answers,
                *gift_general(question),
                "}" + gift_escape(after),
            ]
        )
    return out, losses


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


def gift_matching(question: Matching, key: str) -> tuple[list[str], list[Loss]]:
    pairs = [(p.prompt, p.answer) for p in question.pairs]
    return gift_pairs([*pairs, *(("", d) for d in question.distractors)], key)


ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th")


def gift_ordering(question: Ordering, key: str) -> tuple[list[str], list[Loss]]:
    """GIFT has no ordering question: a matching one, each place ("1st", "2nd", …) matched to its item."""
    lines, losses = gift_pairs(list(zip(ORDINALS, question.items, strict=False)), key)
    why = "ordering: GIFT has none, so a matching question pairs each place (1st, 2nd, …) with its item"
    return lines, [Loss("gift", key, why, L.ORDERING_AS_MATCHING), *losses]


def gift_written_task(task: WrittenTask, key: str) -> tuple[list[str], list[Loss]]:
    """An essay whose text is what students see on the site: title, limits, prompt, answer boxes, rubric."""
    losses = []
    limits = f" ({limits_text(task.words)})" if limits_text(task.words) else ""
    parts = [f"<p><strong>{escape(task.heading)}</strong>{limits}</p>", to_html(task.question)]
    if task.fields:
        items = "".join(
            f"<li>{inline_html(f.label)}" + (f" ({limits_text(f.words)})" if limits_text(f.words) else "") + "</li>"
            for f in task.fields
        )
        parts.append(f"<p>Answer in these parts:</p><ol>{items}</ol>")
        why = f"answer boxes ({len(task.fields)}): one essay box, the parts listed in its text"
        losses.append(Loss("gift", key, why, L.ANSWER_BOXES))
    if task.words != NO_LIMITS or any(f.words != NO_LIMITS for f in task.fields):
        losses.append(
            Loss("gift", key, "word limits: in the text only, as GIFT cannot set Moodle's word limits", L.WORD_LIMITS)
        )
    if task.rubric:
        items = "".join(f"<li>{inline_html(r)}</li>" for r in task.rubric)
        parts.append(f"<p>Check your draft against the rubric:</p><ul>{items}</ul>")
    if task.examples:
        losses.append(
            Loss("gift", key, f"the example answers ({', '.join(task.examples)}), pages of the site", L.EXAMPLES)
        )
    head = f"::{gift_escape(f'{task.heading} ({key})')}::[html]{gift_html(''.join(parts))}{{"
    general = gift_general(task)
    return [f"// [id:{key}]", *([head, *general, "}"] if general else [head + "}"])], losses


def gift_question(bank: Bank, question: Question) -> tuple[list[list[str]], list[Loss]]:
    """The GIFT questions (each a list of lines) for one bank question, and what they cannot hold."""
    key = question_key(bank.name, question.id)
    if isinstance(question, WrittenTask):
        lines, losses = gift_written_task(question, key)
        return [lines], losses
    assert isinstance(question, SelfCheck)
    losses = [Loss("gift", key, f"hints ({len(question.hints)}): GIFT has none", L.HINTS)] if question.hints else []
    if isinstance(question, FillBlank):
        questions, lost = gift_fill_blank(question, key)
        return questions, losses + lost
    if isinstance(question, TrueFalse):
        answers = [gift_true_false(question)]
    elif isinstance(question, Matching):
        answers, lost = gift_matching(question, key)
        losses += lost
    elif isinstance(question, Ordering):
        answers, lost = gift_ordering(question, key)
        losses += lost
    else:
        assert isinstance(question, Choice)
        answers, lost = gift_choice(question, key)
        losses += lost
    stem = f"::{gift_escape(key)}::[html]{gift_html(to_html(question.question))}{{"
    return [[f"// [id:{key}]", stem, *answers, *gift_general(question), "}"]], losses


def gift_file(banks: Sequence[Bank], title: str) -> tuple[str, int, list[Loss]]:
    """The whole GIFT file, the number of questions in it, and the losses."""
    out = [
        f"// {title}: the quiz banks in Moodle's GIFT format, written by `make export`. Edit the banks, not this.",
        "// Import: Question bank > Import > GIFT format, with 'Get category from file' ticked.",
        "",
    ]
    count, losses = 0, []
    for bank in banks:
        # A pool's variants go in a category of their own (bank/pool), after the bank's other questions.
        groups: dict[str, list[Question]] = {bank.name: []}
        for question in bank.questions:
            pool = question.pool if isinstance(question, SelfCheck) else None
            groups.setdefault(f"{bank.name}/{pool.id}" if pool else bank.name, []).append(question)
            if pool and len(groups[f"{bank.name}/{pool.id}"]) == 1:
                why = f"every variant, in the category {bank.name}/{pool.id}: draw {pool.draw} with a random question"
                losses.append(Loss("gift", f"pool {question_key(bank.name, pool.id)}", why, L.POOLS))
        for category, members in groups.items():
            out += [f"$CATEGORY: {category}", ""]
            for question in members:
                questions, lost = gift_question(bank, question)
                losses += lost
                count += len(questions)
                out += [line for lines in questions for line in (*lines, "")]
    return "\n".join(out), count, losses
