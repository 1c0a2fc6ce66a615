"""Place bank questions into a chapter: markers in, rendered markup out."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import BankError, Problem
from .ids import question_key
from .markers import Source, find_markers, resolve
from .model import Bank
from .types.frame import RenderOptions


@dataclass(frozen=True)
class Placed:
    """What a page received, as `bank#id` keys in page order: self-checks and written tasks."""

    quizzes: tuple[str, ...] = ()
    written_tasks: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.quizzes or self.written_tasks)


def place_quizzes(
    markdown: str, banks: dict[str, Bank], *, source: Source, options: RenderOptions, export_only: bool = False
) -> tuple[str, Placed]:
    """Replace every marker with its questions; return the new Markdown and what was placed.

    `export_only`: markers may place questions kept for the export (the question-bank preview does).
    """
    markers, problems = find_markers(markdown, source)
    if not markers and not problems:
        return markdown, Placed()
    lines = markdown.split("\n")
    placed: dict[str, int] = {}  # bank#id → marker line, to refuse the same question twice
    quizzes: list[str] = []
    written: list[str] = []
    for marker in markers:
        found = resolve(marker, banks, source, export_only=export_only)
        if isinstance(found, Problem):
            problems.append(found)
            continue
        if found is None:
            continue
        bank, questions = found
        rendered = []
        for question in questions:
            key = question_key(bank.name, question.id)
            if key in placed:
                problems.append(
                    source.problem(
                        marker.line,
                        f"the question '{key}' is already placed on this page (line {placed[key]}).",
                        "place each question once per page: remove one of the markers.",
                    )
                )
                continue
            placed[key] = source.line(marker.line)
            # Blank lines around each block keep it a raw HTML block where the marker stood.
            rendered += ["", *question.render(bank.name, options), ""]
            (written if question.role == "written-task" else quizzes).append(key)
        lines[marker.line] = "\n".join(rendered)
    if problems:
        raise BankError(problems)
    return "\n".join(lines), Placed(tuple(quizzes), tuple(written))
