"""Located, instructor-facing errors: what is wrong, where, and how to fix it.

Readers do not stop at the first problem: each is handed a list and appends every problem it finds
to it (`Problem`), so that `make check` can report everything at once, sorted by file and line, the
way a compiler does. `BankError` carries such a list where a caller must stop (the build).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bank or a chapter, in three parts: where, what, how to fix.

    A warning is something an instructor should know (a question no page shows) that does not stop a build.
    """

    file: str
    line: int
    what: str
    fix: str
    question_id: str | None = None
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.question_id:
            where += f": question '{self.question_id}'"
        if self.severity == "warning":
            where += ": warning"
        return f"{where}: {self.what}\n    Fix: {self.fix}"

    def place(self) -> tuple[str, int]:
        """Where it is, for sorting: file, then line."""
        return (self.file, self.line)


def in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems sorted by file and line (stable: two on one line keep the order they were found in)."""
    return sorted(problems, key=Problem.place)


def summary(problems: list[Problem], subject: str = "Quiz banks") -> str:
    """Every problem, sorted, under one line that counts the errors and the warnings (`subject`: what they are in)."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    counts = []
    if errors:
        counts.append("1 problem to fix" if errors == 1 else f"{errors} problems to fix")
    if warnings:
        counts.append("1 warning" if warnings == 1 else f"{warnings} warnings")
    return f"{subject}: {', '.join(counts)}.\n" + "\n".join(str(p) for p in in_order(problems))


def as_html(problems: list[Problem]) -> str:
    """Every problem as a page shows it under `mkdocs serve` (escaped: a message quotes the instructor's text)."""
    errors = [p for p in in_order(problems) if p.severity == "error"]
    items = "".join(
        f"<li><p><code>{escape(p.file)}:{p.line}</code>"
        + (f" (question <code>{escape(p.question_id)}</code>)" if p.question_id else "")
        + f": {escape(p.what)}</p><p>Fix: {escape(p.fix)}</p></li>"
        for p in errors
    )
    count = "1 problem" if len(errors) == 1 else f"{len(errors)} problems"
    return (
        '<div class="admonition failure quizbank-build-error">'
        f'<p class="admonition-title">This page cannot be shown: {count} to fix</p>'
        "<p>Fix them and save the file: this page reloads by itself. The terminal running "
        "<code>make serve</code> lists them too; <code>mkdocs build</code> would stop here.</p>"
        f"<ol>{items}</ol></div>"
    )


class BankError(Exception):
    """Raised with every problem found, so an instructor can fix them in one pass."""

    def __init__(self, problems: list[Problem], *, subject: str = "Quiz banks") -> None:
        self.problems = problems
        self.subject = subject  # what the report's first line says is to fix ("Facts" for the facts file)
        super().__init__(self.report())

    def report(self) -> str:
        return summary(self.problems, self.subject)


def display_path(path: Path, root: Path) -> str:
    """A path as instructors see it in errors: relative to the project when it can be."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def did_you_mean(word: str, choices: Iterable[str], *, cutoff: float = 0.5) -> str:
    """A "did you mean 'x'? " for the closest choice, or "" when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f"did you mean '{close[0]}'? " if close else ""
