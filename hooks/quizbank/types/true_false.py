"""True or false: a statement, and the two options a choice question would have (True, then False)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..export.gift import gift_feedback, gift_question
from ..export.items import QtiForm, QtiPlace
from ..export.losses import Loss
from ..ids import answer_key, fingerprint, text_key
from ..keys import BOOLEAN, TEXT, key
from ..model import Option, QuestionType, Samples, SelfCheck
from .choice import choice_qti, mark_choice, option_samples, render_choice, right_keys
from .frame import RenderOptions


@dataclass(frozen=True, kw_only=True)
class TrueFalse(SelfCheck):
    type: ClassVar[QuestionType] = "true-false"
    label: ClassVar[str] = "true or false"
    shuffle: ClassVar[bool] = False  # True, then False: the order carries nothing

    answer: bool = key(BOOLEAN)
    feedback_true: str = key(TEXT, default="")
    feedback_false: str = key(TEXT, default="")

    @property
    def options(self) -> tuple[Option, Option]:
        """The two options a student sees, as a choice question would have them."""
        return (
            Option("True", self.answer is True, self.feedback_true),
            Option("False", self.answer is False, self.feedback_false),
        )

    def identity(self) -> tuple[str, str]:
        return fingerprint(self.type, self.question, self.options), answer_key(*right_keys(self.options))

    def grade(self) -> dict[str, Any]:
        return {"right": right_keys(self.options)}

    mark = staticmethod(mark_choice)

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        return render_choice(bank, self, self, options)

    def key_lines(self) -> list[str]:
        blocks = [f"**Answer:** {'True' if self.answer else 'False'}"]
        for value, feedback in (("True", self.feedback_true), ("False", self.feedback_false)):
            blocks += [f"**Feedback on {value}:** {feedback.strip()}"] if feedback.strip() else []
        return blocks

    def gift(self, key: str) -> tuple[list[list[str]], list[Loss]]:
        # Moodle reads {T#a#b} as a: the feedback on a wrong answer, b: on the right one.
        right, wrong = (self.feedback_true, self.feedback_false)[:: 1 if self.answer else -1]
        answer = (
            ("T" if self.answer else "F") + (gift_feedback(wrong) or "#" * bool(right.strip())) + gift_feedback(right)
        )
        return [gift_question(self, key, [answer])], []

    def qti(self, place: QtiPlace) -> QtiForm:
        return choice_qti(self, self.options, place)

    def report_options(self) -> list[tuple[str, str, bool]]:
        return [(text_key(o.text), o.text, o.correct) for o in self.options]

    def guess_chance(self) -> float:
        return 0.5

    def samples(self) -> Samples:
        return option_samples(self.options, several=False)
