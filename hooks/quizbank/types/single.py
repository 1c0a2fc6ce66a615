"""Single choice: one right option among several (radio buttons)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from ..keys import key
from ..model import Finding, Option, QuestionType
from .choice import OPTIONS, Choice


@dataclass(frozen=True, kw_only=True)
class Single(Choice):
    type: ClassVar[QuestionType] = "single"
    label: ClassVar[str] = "single choice"

    options: tuple[Option, ...] = key(
        OPTIONS, schema={"contains": {"$ref": "#/$defs/correctOption"}, "minContains": 1, "maxContains": 1}
    )

    def check(self) -> Iterator[Finding]:
        correct = [i + 1 for i, o in enumerate(self.options) if o.correct]
        if self.options and len(correct) != 1:
            found = "none" if not correct else f"{len(correct)} (options {', '.join(map(str, correct))})"
            yield Finding(
                "options",
                f"a single-choice question needs exactly one correct option, found {found}.",
                "mark exactly one option 'correct: true', or use 'type: multiple' if several are right.",
            )
