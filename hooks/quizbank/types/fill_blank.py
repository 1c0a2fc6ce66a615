"""Fill in the blanks: `[[answer]]` in the question marks each blank and what it accepts (blanks.py).

A saved answer is the blanks' texts in order. The browser matches them as blanks.js does;
`mark` is its twin, rule for rule, for the class report.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ..blanks import NUMBER, Accepted, BlankSyntaxError, matches, normalize_text, parse_accepted, read_blank
from ..export import losses as L
from ..export.answer_key import code
from ..export.gift import gift_answer_set, gift_escape, gift_general, gift_html
from ..export.items import QtiBlank, QtiForm, QtiItem, QtiPlace, qti_feedback
from ..export.losses import Loss
from ..export.text import BLANK_TOKEN, BLANK_TOKEN_RE, equal_form, to_html, tolerance_range, with_blank_tokens
from ..ids import anchor, answer_key, fingerprint, sub_id
from ..keys import TEXT, key
from ..markup import attrs
from ..model import AnswerList, Finding, Mark, QuestionType, Samples, SelfCheck, Tally
from ..text import find_blanks, protect_code_spans
from .frame import SUBMIT, RenderOptions, confidence_block, explanation_block, hints_block, open_quiz

BLANK_PATTERN = "\\[\\[[^\\]]*\\S[^\\]]*\\]\\]"
# mkdocs-quiz's exporter splits a blank question's text at these.
QTI_PLACEHOLDER = re.compile(r"\{\{BLANK_\d+\}\}")


def _texts(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def mark_blanks(grade: Any, answer: Any) -> Mark | None:
    """Each blank as blanks.js `matches` it; credit: the share of blanks right.

    A grade with no blank, or a blank it cannot read, marks nothing; an answer with another number
    of texts than there are blanks is wrong.
    """
    if not isinstance(grade, dict) or not isinstance(grade.get("blanks"), list) or not _texts(answer):
        return None
    accepted = [parse_accepted(a) for a in grade["blanks"]]
    if not accepted or any(a == Accepted() for a in accepted):
        return None
    if len(answer) != len(accepted):
        return Mark(False, 0.0)
    right = sum(matches(a, text) for a, text in zip(accepted, answer, strict=True))
    return Mark(right == len(accepted), right / len(accepted))


class WrongTexts(Tally):
    """The wrong texts typed in each blank, normalised as the site compares them (case and spaces aside)."""

    def __init__(self, accepted: tuple[Accepted, ...]) -> None:
        self.accepted = accepted
        self.wrong: list[Counter[str]] = [Counter() for _ in accepted]
        self._seen: dict[tuple[str, ...], tuple[bool, ...]] = {}  # the same texts recur: each is compared once

    def add(self, answer: tuple[str, ...], right: bool) -> None:
        known = self._seen.get(answer)
        if known is None:
            known = self._seen[answer] = tuple(matches(a, t) for a, t in zip(self.accepted, answer, strict=False))
        for i, (ok, text) in enumerate(zip(known, answer, strict=False)):
            if not ok and normalize_text(text):
                self.wrong[i][normalize_text(text)] += 1

    def labels(self) -> list[str]:
        several = len(self.wrong) > 1
        return [f"blank {n}" if several else "the blank" for n in range(1, len(self.wrong) + 1)]

    def common_wrong(self) -> list[tuple[str, Counter[str]]]:
        return list(zip(self.labels(), self.wrong, strict=True))

    def answers(self) -> AnswerList:
        several = len(self.wrong) > 1
        return AnswerList(
            tuple(
                (f"Blank {n}: " if several else "", tuple((t, c) for t, c in wrong.most_common(5) if c >= 2))
                for n, wrong in enumerate(self.wrong, 1)
            ),
            "no wrong answer shared by two students",
        )


@dataclass(frozen=True, kw_only=True)
class FillBlank(SelfCheck):
    type: ClassVar[QuestionType] = "fill-blank"
    label: ClassVar[str] = "fill in the blanks"

    question: str = key(TEXT, schema={"allOf": [{"$ref": "#/$defs/text"}, {"pattern": BLANK_PATTERN}]})

    def check(self) -> Iterator[Finding]:
        blanks = find_blanks(self.question)
        if self.question.strip() and not blanks:
            yield Finding(
                "question",
                "a fill-blank question has no blank.",
                "mark each answer with double brackets, e.g. 'The engine is [[ONNX Runtime]].' "
                "(brackets inside `code` do not count).",
            )
        for blank in blanks:
            if not blank.answer.strip():
                yield Finding(
                    "question", "a blank has no answer inside its brackets.", "write the answer between [[ and ]]."
                )
                continue
            try:
                read_blank(blank.answer)
            except BlankSyntaxError as err:
                yield Finding(
                    "question",
                    f"{err}.",
                    "write alternatives as [[ONNX Runtime|ONNXRuntime]] (a backslash before a bar, \\|, "
                    "for a literal bar), or a number with a tolerance as [[0.84 ± 0.01]].",
                )

    @property
    def accepted(self) -> tuple[Accepted, ...]:
        """What each blank accepts, in order (a bank that loaded has only readable blanks)."""
        return tuple(read_blank(b.answer) for b in find_blanks(self.question))

    @property
    def without_answers(self) -> str:
        text = self.question
        for b in reversed(find_blanks(self.question)):
            text = text[: b.start] + "[[]]" + text[b.end :]
        return text

    def identity(self) -> tuple[str, str]:
        # The fingerprint leaves the answers out: a new accepted form marks saved answers again
        # rather than setting them aside.
        return fingerprint(self.type, self.without_answers), answer_key(*(a.as_json() for a in self.accepted))

    def grade(self) -> dict[str, Any]:
        # What each blank accepts, in order, as the page's data-accept has it.
        return {"blanks": [json.loads(a.as_json()) for a in self.accepted]}

    mark = staticmethod(mark_blanks)

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        qid = anchor(bank, self.id)
        form_id = sub_id(qid, "form")
        accepted = self.accepted

        def blank(index: int, inner: str) -> str:
            answer = accepted[index]
            size = max(5, len(answer.shown) + 2)
            # form= makes the quiz's form the box's owner, so Enter in the box submits the answer.
            return f"<input {attrs(type='text', class_='quiz-blank-input', id=sub_id(qid, f'blank-{index}'), form=form_id, data_answer=answer.shown, data_accept=answer.as_json(), autocomplete='off', spellcheck='false', size=str(size), aria_label=f'Answer {index + 1}')}>"

        question_md = protect_code_spans(self.question.strip(), blank)
        # The first site version fingerprinted blanks with their answers: it finds answers saved then.
        fp1 = fingerprint(self.type, self.question)
        return [
            *open_quiz(
                bank,
                self,
                options,
                extra_class="quiz-fill-blank",
                data_quiz_type="fill-blank",
                data_quiz_kind="fill-blank",
                data_fp1=fp1,
            ),
            "",
            *question_md.split("\n"),
            "",
            "</div>",
            f'<form id="{form_id}" action="javascript:void(0);" onsubmit="return false;" autocomplete="off" markdown="1">',
            # mkdocs-quiz's "reset all" expects a fieldset in every quiz form; without one it throws.
            "<fieldset hidden></fieldset>",
            *hints_block(qid, self.hints),
            *confidence_block(qid, options),
            '<div class="quiz-feedback hidden"></div>',
            SUBMIT,
            "</form>",
            *explanation_block(self.explanation),
            "</div>",
        ]

    def key_text(self) -> str:
        text = self.question
        for n, blank in reversed(list(enumerate(find_blanks(text), 1))):
            text = text[: blank.start] + f"**({n})**" + text[blank.end :]
        return text

    def key_lines(self) -> list[str]:
        def line(n: int, accepted: Accepted) -> str:
            if accepted.tolerance:
                return f"{n}. any number from {tolerance_range(accepted)} ({code(accepted.shown)})"
            also = "; also accepted: " + ", ".join(code(a) for a in accepted.others) if accepted.others else ""
            return f"{n}. {code(accepted.alternatives[0])}{also}"

        return ["**Blanks:**", "\n".join(line(n, a) for n, a in enumerate(self.accepted, 1))]

    def gift(self, key: str) -> tuple[list[list[str]], list[Loss]]:
        """One GIFT question per blank, as GIFT holds one answer set per question; the other blanks show as "(2) _____"."""
        html = to_html(with_blank_tokens(self.question))
        accepted = self.accepted
        several = len(accepted) > 1
        losses = []
        if several:
            losses.append(
                Loss(
                    "gift",
                    key,
                    f"{len(accepted)} blanks in one question: one GIFT question per blank",
                    L.SEVERAL_BLANKS,
                )
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
            before, after = (
                BLANK_TOKEN_RE.sub(_numbered_gap, part) for part in html.split(BLANK_TOKEN.format(index), 1)
            )
            title = f"{key} (blank {index + 1} of {len(accepted)})" if several else key
            stem = before + (f"({index + 1}) " if several else "")
            out.append(
                [
                    f"// [id:{title}]",
                    f"::{gift_escape(title)}::[html]{gift_html(stem)}{{",
                    answers,
                    *gift_general(self),
                    "}" + gift_escape(after),
                ]
            )
        return out, losses

    def qti(self, place: QtiPlace) -> QtiForm:
        fmt, key = place.format, place.key
        if QTI_PLACEHOLDER.search(self.question):
            why = "its text has '{{BLANK_', which the exporter reads as a blank"
            return QtiForm([], [], [Loss(fmt, key, why, L.PLACEHOLDER)])
        blanks, losses = [], []
        for n, accepted in enumerate(self.accepted, 1):
            answer = accepted.number if accepted.tolerance else accepted.alternatives[0]
            blanks.append(QtiBlank(correct_answer=answer, identifier=f"{place.ident}--blank-{n}"))
            if accepted.tolerance:
                why = f"blank {n}: the tolerance ± {accepted.tolerance}, only {answer} is right"
                losses.append(Loss(fmt, key, why, L.TOLERANCE))
            elif accepted.others:
                others = ", ".join(f"'{a}'" for a in accepted.others)
                why = f"blank {n}: the alternatives {others}, only '{answer}' is right"
                losses.append(Loss(fmt, key, why, L.ALTERNATIVES))
            if NUMBER.match(answer) and not accepted.tolerance:
                why = f"blank {n}: equal forms such as {equal_form(answer)}, matched as text"
                losses.append(Loss(fmt, key, why, L.EQUAL_FORMS))
        # Inline: a one-paragraph question loses its <p>, so the parts between blanks are whole HTML.
        text = place.text.inline(with_blank_tokens(self.question))
        body = BLANK_TOKEN_RE.sub(lambda m: "{{BLANK_" + m.group(1) + "}}", text)
        item = QtiItem(
            identifier=place.ident,
            question=body,
            blanks=tuple(blanks),
            content=qti_feedback((), self.explanation, place.text) or None,
        )
        return QtiForm([item], [], losses)

    def tally(self) -> WrongTexts:
        return WrongTexts(self.accepted)

    def samples(self) -> Samples:
        right = tuple(a.number if a.tolerance else a.alternatives[0] for a in self.accepted)
        wrong = (tuple("wrong guess" for _ in right),)
        partial = (("wrong guess", *right[1:]),) if len(right) > 1 else ()
        return Samples(right, wrong, partial)


def _numbered_gap(match: re.Match[str]) -> str:
    return f"({int(match.group(1)) + 1}) _____"
