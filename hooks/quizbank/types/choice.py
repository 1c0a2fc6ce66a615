"""What single choice, select all that apply and true or false share: options, their markup, their marking.

Their markup is the one mkdocs-quiz's browser script drives (DEVELOPERS.md: the contract with
mkdocs-quiz): a form whose first fieldset holds `input[name="answer"]` with `data-correct` on the
right ones, each in a `div` with its `label` and hidden feedback. A saved answer is the chosen
options' keys (`text_key` of their text), so it survives any order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import yaml

from ..export import losses as L
from ..export.answer_key import indented
from ..export.gift import MOODLE_GRADES, gift_feedback, gift_html, gift_question, gift_weight
from ..export.items import QtiForm, QtiItem, QtiPlace, qti_answers, qti_feedback
from ..export.losses import Loss
from ..export.text import inline_html
from ..ids import anchor, answer_key, fingerprint, sub_id, text_key
from ..keys import BOOLEAN, PARAGRAPH_BREAK, PARAGRAPH_DEFS, KeyReader, key
from ..markup import attrs, block, span
from ..model import Mark, Option, Samples, SelfCheck
from ..nodes import Entry, NodeReader, line_of
from .frame import SUBMIT, RenderOptions, build_order, confidence_block, explanation_block, hints_block, open_quiz

OPTION_KEYS = ("text", "correct", "feedback")


def _options(r: NodeReader, entry: Entry, key: str) -> tuple[Option, ...]:
    node = entry.value
    if not isinstance(node, yaml.SequenceNode):
        r.problem(node, "'options' must be a list.", "write each option as '- text: …' under 'options:'.")
        return ()
    out: list[Option] = []
    seen: dict[str, int] = {}
    for onode in node.value:
        if isinstance(onode, yaml.ScalarNode):
            r.problem(onode, "each option must be a mapping with 'text:'.", f"write '- text: {onode.value}'.")
            continue
        entries = r.mapping(onode, OPTION_KEYS, "an option")
        if entries is None:
            continue
        if "text" not in entries:
            r.problem(onode, "an option has no 'text'.", "add 'text: …' to the option.")
            continue
        text = r.text(entries["text"].value, "text")
        if PARAGRAPH_BREAK.search(text.strip()):
            r.problem(
                entries["text"].value,
                "an option's text must be one paragraph.",
                "shorten the option; put longer discussion in 'feedback' or 'explanation'.",
            )
        correct = r.boolean(entries["correct"].value, "correct") if "correct" in entries else False
        feedback = r.text(entries["feedback"].value, "feedback") if "feedback" in entries else ""
        if PARAGRAPH_BREAK.search(feedback.strip()) or "```" in feedback or "~~~" in feedback:
            r.problem(
                entries["feedback"].value,
                "per-option feedback must be one paragraph without code blocks.",
                "keep it to one paragraph; put longer discussion in the question's 'explanation'.",
            )
        same = " ".join(text.split())
        if same in seen:
            r.problem(
                onode, f"two options have the same text (see line {seen[same]}).", "make each option's text different."
            )
        seen[same] = line_of(onode)
        out.append(Option(text=text, correct=bool(correct), feedback=feedback))
    if len(node.value) < 2:
        r.problem(
            entry.key,
            f"a choice question needs at least two options, found {len(node.value)}.",
            "add more options under 'options:'.",
        )
    return tuple(out)


OPTIONS = KeyReader(
    _options,
    {"type": "array", "minItems": 2, "items": {"$ref": "#/$defs/option"}},
    {
        **PARAGRAPH_DEFS,
        "option": {
            "type": "object",
            "additionalProperties": False,
            "required": ["text"],
            "properties": {
                "text": {"$ref": "#/$defs/paragraph"},
                "correct": {"type": "boolean", "default": False},
                "feedback": {
                    "allOf": [{"$ref": "#/$defs/paragraph"}, {"not": {"type": "string", "pattern": "```|~~~"}}]
                },
            },
        },
        "correctOption": {"type": "object", "required": ["correct"], "properties": {"correct": {"const": True}}},
    },
)


class ChoiceLike(Protocol):
    """What the choice markup needs: single, multiple and true/false questions all have it."""

    @property
    def type(self) -> str: ...
    @property
    def select_all(self) -> bool: ...
    @property
    def id(self) -> str: ...
    @property
    def question(self) -> str: ...
    @property
    def explanation(self) -> str: ...
    @property
    def options(self) -> Sequence[Option]: ...
    @property
    def shuffle(self) -> bool: ...
    @property
    def hints(self) -> Sequence[str]: ...


def right_keys(options: Sequence[Option]) -> list[str]:
    return sorted(text_key(o.text) for o in options if o.correct)


def shown_order(bank: str, question: ChoiceLike) -> list[Option]:
    """The options in the order students see them.

    The written order if `shuffle: false`; otherwise an order fixed by the question's identity (the
    same for every visit and every student), which is never the written one. Saved answers are
    keyed by option text, so they survive any order.
    """
    opts = list(question.options)
    if not question.shuffle:
        return opts
    return build_order(bank, question.id, opts, lambda o: o.text)


def render_choice(bank: str, question: SelfCheck, choice: ChoiceLike, options: RenderOptions) -> list[str]:
    """The lines of Markdown (with HTML) for a single, multiple or true/false question."""
    qid = anchor(bank, question.id)
    # mkdocs-quiz draws checkboxes only when two or more options are correct; a "select all
    # that apply" question with one right answer must still offer checkboxes, so the type
    # decides here, and mkdocs-quiz's grading (all correct and nothing else) works either way.
    control = "checkbox" if choice.select_all else "radio"
    auto = options.auto_submit and not choice.select_all
    lines = [
        *open_quiz(bank, question, options, data_quiz_kind=question.type, data_auto_submit=auto),
        *block(question.question),
        *(['<p class="quiz-select-all">Select all that apply.</p>'] if choice.select_all else []),
        "</div>",
        '<form action="javascript:void(0);" onsubmit="return false;" autocomplete="off" markdown="1">',
        *hints_block(qid, question.hints),
        f'<fieldset aria-labelledby="{sub_id(qid, "question")}" markdown="1">',
    ]
    for option in shown_order(bank, choice):
        value = text_key(option.text)
        input_id = sub_id(qid, value)
        inp = f"<input {attrs(type=control, name='answer', value=value, id=input_id, data_correct='true' if option.correct else None)}>"
        label = f'<label for="{input_id}">{span(option.text)}</label>'
        feedback = (
            f'<span class="answer-feedback hidden" data-search-exclude>{span(option.feedback)}</span>'
            if option.feedback.strip()
            else ""
        )
        lines.append(f'<div markdown="span">{inp}{label}{feedback}</div>')
    lines += [
        "</fieldset>",
        *confidence_block(qid, options),
        '<div class="quiz-feedback hidden"></div>',
        *([] if auto else [SUBMIT]),
        "</form>",
        *explanation_block(question.explanation),
        "</div>",
    ]
    return lines


def _texts(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def _chosen(grade: Any, answer: Any) -> tuple[set[str], list[str]] | None:
    """The right options and the answer, or None when either cannot be read (no right option is no key)."""
    if not isinstance(grade, dict) or not _texts(grade.get("right")) or not grade["right"] or not _texts(answer):
        return None
    return set(grade["right"]), list(answer)


def mark_choice(grade: Any, answer: Any) -> Mark | None:
    """mkdocs-quiz's rule: every right option and nothing else, each once; right or wrong, nothing between."""
    read = _chosen(grade, answer)
    if read is None:
        return None
    right, chosen = read
    correct = len(set(chosen)) == len(chosen) and set(chosen) == right
    return Mark(correct, float(correct))


def mark_select_all(grade: Any, answer: Any) -> Mark | None:
    """The same rule, with partial credit where the grade lists every option (`options`).

    The share of options set right, ticked if right and left if wrong. Nothing ticked is no answer,
    and an option ticked twice or one the question does not have is no share: 0. A grade without
    `options` (a course.json from before it) gives the mark alone.
    """
    read = _chosen(grade, answer)
    if read is None or ("options" in grade and not _texts(grade["options"])):
        return None
    right, chosen = read
    correct = len(set(chosen)) == len(chosen) and set(chosen) == right
    every = grade.get("options")
    if correct or not every:
        return Mark(correct, float(correct))
    if not chosen or len(set(chosen)) != len(chosen) or not set(chosen) <= set(every):
        return Mark(False, 0.0)
    return Mark(False, sum((o in chosen) == (o in right) for o in every) / len(every))


def choice_qti(question: SelfCheck, options: Sequence[Option], place: QtiPlace) -> QtiForm:
    """A choice item, as mkdocs-quiz's exporter writes it (the per-option feedback moves into the general one)."""
    text = place.text
    losses = []
    if any(o.feedback for o in options):
        why = "feedback on each option: in the general feedback, as the exporter has none per answer"
        losses.append(Loss(place.format, "every question with option feedback", why, L.OPTION_FEEDBACK))
    item = QtiItem(
        identifier=place.ident,
        question=text.block(question.question),
        answers=qti_answers(place.ident, options, text),
        content=qti_feedback(options, question.explanation, text) or None,
    )
    return QtiForm([item], [], losses)


def option_samples(options: Sequence[Option], several: bool) -> Samples:
    """Answers for the tests: the right option(s); each wrong one instead (with the others right, for several)."""
    right = right_keys(options)
    wrongs = [text_key(o.text) for o in options if not o.correct]
    if not several:
        return Samples(tuple(right), tuple((w,) for w in wrongs))
    # A wrong tick instead of the first right one; one right option and one wrong tick more.
    wrong = tuple(tuple(sorted({*right[1:], w})) for w in wrongs)
    partial = tuple(tuple(sorted({*right, w})) for w in wrongs[:1])
    return Samples(tuple(right), wrong, partial)


@dataclass(frozen=True, kw_only=True)
class Choice(SelfCheck):
    """Options to choose from; `select_all` (checkboxes) when several may be right."""

    options: tuple[Option, ...] = key(OPTIONS)
    # Shown in an order of their own (fixed per question), unless the written order matters.
    shuffle: bool = key(
        BOOLEAN,
        default=True,
        doc="false keeps the written order (e.g. the brief's A–D); options are otherwise shown in an order of their own.",
    )

    def identity(self) -> tuple[str, str]:
        return fingerprint(self.type, self.question, self.options), answer_key(*right_keys(self.options))

    def grade(self) -> dict[str, Any]:
        return {"right": right_keys(self.options)}

    mark = staticmethod(mark_choice)

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        return render_choice(bank, self, self, options)

    def key_lines(self) -> list[str]:
        order = "shown shuffled" if self.shuffle else "shown in this order"
        blocks = [f"**Options** ({order}; ✓ right, ✗ wrong):"]
        for n, option in enumerate(self.options, 1):
            feedback = f"\n\n   *Feedback:* {indented(option.feedback)}" if option.feedback.strip() else ""
            blocks.append(f"{n}. {'✓' if option.correct else '✗'} {indented(option.text)}{feedback}")
        return blocks

    def gift_answers(self, key: str) -> tuple[list[str], list[Loss]]:
        """`=right ~wrong`, each with its feedback."""
        marks = ["=" if o.correct else "~" for o in self.options]
        return self.gift_lines(marks), []

    def gift_lines(self, marks: list[str]) -> list[str]:
        return [
            m + gift_html(inline_html(o.text)) + gift_feedback(o.feedback)
            for m, o in zip(marks, self.options, strict=True)
        ]

    def gift(self, key: str) -> tuple[list[list[str]], list[Loss]]:
        losses = []
        if not self.shuffle:
            losses.append(
                Loss("gift", key, "the fixed option order: Moodle shuffles unless the quiz says not to", L.FIXED_ORDER)
            )
        answers, lost = self.gift_answers(key)
        return [gift_question(self, key, answers)], losses + lost

    def qti(self, place: QtiPlace) -> QtiForm:
        form = choice_qti(self, self.options, place)
        if self.shuffle:
            why = "shuffled options: the written order is kept; the LMS's quiz setting can shuffle"
            form.losses.append(Loss(place.format, "every choice question", why, L.SHUFFLE))
        return form

    def report_options(self) -> list[tuple[str, str, bool]]:
        return [(text_key(o.text), o.text, o.correct) for o in self.options]

    def guess_chance(self) -> float:
        return 1 / (len(self.options) or 1)

    def samples(self) -> Samples:
        return option_samples(self.options, self.select_all)


def weights(options: Sequence[Option]) -> dict[bool, float]:
    """Select-all weights for Moodle: right options share 100%, wrong ones −100% (choosing every option scores 0)."""
    right = sum(o.correct for o in options)
    wrong = len(options) - right
    return {True: 100 / right, False: -100 / wrong if wrong else 0.0}


def off_the_list(options: Sequence[Option], key: str) -> Iterator[Loss]:
    for weight in sorted({abs(w) for w in weights(options).values() if w}):
        if not any(abs(weight - g) < 0.00001 for g in MOODLE_GRADES):
            why = f"the weight {gift_weight(weight)}% is not on Moodle's grade list: import with 'nearest grade'"
            yield Loss("gift", key, why, L.WEIGHTS)
