"""Select all that apply: any number of right options (checkboxes), with partial credit per option."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ..export import losses as L
from ..export.gift import gift_weight
from ..export.items import QtiForm, QtiPlace
from ..export.losses import Loss
from ..ids import text_key
from ..keys import key
from ..model import Finding, Option, QuestionType
from .choice import OPTIONS, Choice, mark_select_all, off_the_list, weights


@dataclass(frozen=True, kw_only=True)
class Multiple(Choice):
    type: ClassVar[QuestionType] = "multiple"
    label: ClassVar[str] = "select all that apply"
    select_all: ClassVar[bool] = True

    options: tuple[Option, ...] = key(OPTIONS, schema={"contains": {"$ref": "#/$defs/correctOption"}, "minContains": 1})

    def check(self) -> Iterator[Finding]:
        if self.options and not any(o.correct for o in self.options):
            yield Finding(
                "options",
                "a multiple-choice question needs at least one correct option, found none.",
                "mark the right options 'correct: true'.",
            )

    def grade(self) -> dict[str, Any]:
        # Every option too: partial credit counts the options set right, ticked or left.
        return {**super().grade(), "options": sorted(text_key(o.text) for o in self.options)}

    mark = staticmethod(mark_select_all)

    def gift_answers(self, key: str) -> tuple[list[str], list[Loss]]:
        """Weights only, which Moodle shows as checkboxes: right options share 100%, wrong ones take it back."""
        share = weights(self.options)
        return self.gift_lines([f"~%{gift_weight(share[o.correct])}%" for o in self.options]), list(
            off_the_list(self.options, key)
        )

    def qti(self, place: QtiPlace) -> QtiForm:
        form = super().qti(place)
        if sum(o.correct for o in self.options) == 1:
            why = "select all that apply, with one right option: mkdocs-quiz makes it single choice"
            form.losses.insert(0, Loss(place.format, place.key, why, L.ONE_RIGHT))
        return form

    def guess_chance(self) -> float:
        # Any non-empty set of options may be ticked.
        return 1 / (2 ** len(self.options) - 1) if self.options else 1.0
