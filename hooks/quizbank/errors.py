"""Located, instructor-facing errors: what is wrong, where, and how to fix it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bank or a chapter, in three parts: where, what, how to fix."""

    file: str
    line: int
    what: str
    fix: str
    question_id: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.question_id:
            where += f": question '{self.question_id}'"
        return f"{where}: {self.what}\n    Fix: {self.fix}"


class BankError(Exception):
    """Raised with every problem found, so an instructor can fix them in one pass."""

    def __init__(self, problems: list[Problem], *, subject: str = "Quiz banks") -> None:
        self.problems = problems
        self.subject = subject  # what the report's first line says is to fix ("Facts" for the facts file)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        return f"{self.subject}: {head} to fix.\n" + "\n".join(str(p) for p in self.problems)


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
