"""Stable identities: HTML ids of placed questions, saved-answer keys of options, fingerprints.

Bank names and question ids are slugs (lowercase words joined by single hyphens), so "--" never
occurs inside either: it separates the parts of an id, and a sub-element's id
(`<anchor>--question`) can never equal another question's anchor. The browser relies on the
same shapes (see DEVELOPERS.md: the storage format).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Protocol

QUIZ_PREFIX = "quiz-"
WRITTEN_TASK_PREFIX = "answer-"


class HasOptionText(Protocol):
    @property
    def text(self) -> str: ...


def _bank_part(bank: str) -> str:
    return bank.replace("/", "__")


def anchor(bank: str, question_id: str) -> str:
    """A self-check's HTML id: `part-1/checks` + `key-benefit` → `quiz-part-1__checks--key-benefit`."""
    return f"{QUIZ_PREFIX}{_bank_part(bank)}--{question_id}"


def written_task_anchor(bank: str, question_id: str) -> str:
    """A written task's HTML id: `assignment` + `case-study` → `answer-assignment--case-study`."""
    return f"{WRITTEN_TASK_PREFIX}{_bank_part(bank)}--{question_id}"


def sub_id(anchor_id: str, *parts: str) -> str:
    """The id of an element inside a placed question: `<anchor>--question`, `<anchor>--blank-0`."""
    return "--".join((anchor_id, *parts))


def question_key(bank: str, question_id: str) -> str:
    """What stored answers and drafts are keyed by: `part-1#key-benefit`."""
    return f"{bank}#{question_id}"


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def text_key(text: str) -> str:
    """A saved-answer key for a piece of text (an option, a rubric item): survives reordering."""
    return digest(" ".join(text.split()))


def fingerprint(type_: str, question: str, options: Iterable[HasOptionText] = ()) -> str:
    """What a saved answer depends on: the question's type, wording and set of options.

    Feedback, explanation and answer-key edits keep it; rewording the question or changing the
    set of options drops saved answers.
    """
    values = sorted(text_key(o.text) for o in options)
    return digest(type_, " ".join(question.split()), *values)


def answer_key(*parts: str) -> str:
    """What a saved answer's mark depends on (which options are right, what each blank accepts).

    Changing it re-marks saved answers against the new key rather than dropping them.
    """
    return digest("key", *parts)
