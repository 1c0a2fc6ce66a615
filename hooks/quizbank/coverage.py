"""Questions that no page shows: in every export and the answer key, yet never seen by a student.

A question is accounted for when a chapter places it, or when it (or its bank) says
`export_only: true`: kept for the learning management system on purpose.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import Problem
from .ids import question_key
from .model import Bank


def unplaced(banks: dict[str, Bank], placed: Iterable[str]) -> list[Problem]:
    """A warning for each question no page places and no `export_only` accounts for, at its line."""
    on_pages = set(placed)
    return [
        Problem(
            bank.path,
            q.line,
            "no page places this question: students never see it, yet it goes into every export and the answer key.",
            f"place it in a chapter with '<!-- quiz: {question_key(bank.name, q.id)} -->' (or the whole bank with "
            f"'<!-- quiz: {bank.name} -->'), or add 'export_only: true' to it if it is meant for the export only.",
            q.id,
            "warning",
        )
        for bank in banks.values()
        for q in bank.questions
        if not bank.is_export_only(q) and question_key(bank.name, q.id) not in on_pages
    ]
