"""Located, instructor-facing errors for quiz banks and markers."""

from __future__ import annotations

from dataclasses import dataclass


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

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        return f"Quiz banks: {head} to fix.\n" + "\n".join(str(p) for p in self.problems)
