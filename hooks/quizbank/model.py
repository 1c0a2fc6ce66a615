"""Plain data for quiz banks: what the loader produces and the renderer consumes."""

from __future__ import annotations

from dataclasses import dataclass, field

QUESTION_TYPES = ("single", "multiple", "true-false", "fill-blank", "reflection")


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class WordLimits:
    min: int | None = None
    max: int | None = None


@dataclass(frozen=True)
class Field:
    """One labelled part of a structured written answer (e.g. "Model" of task 1)."""

    id: str
    label: str
    words: WordLimits = WordLimits()


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    question: str
    line: int
    options: tuple[Option, ...] = ()
    answer: bool | None = None  # true-false only
    feedback_true: str = ""
    feedback_false: str = ""
    explanation: str = ""
    # reflection only
    title: str = ""
    words: WordLimits = WordLimits()
    rubric: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True)
class Bank:
    name: str  # "part-1" or "part-1/checks": the path under quizzes/ without ".yml"
    path: str  # as shown to instructors in errors, e.g. "quizzes/part-1.yml"
    questions: tuple[Question, ...] = field(default_factory=tuple)

    def get(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
