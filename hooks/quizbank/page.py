"""Place bank questions into a chapter: markers in, rendered quiz markup out."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import BankError, Problem
from .markers import find_markers, resolve
from .model import Bank
from .render import RenderOptions, anchor, render_question
from .workspace import render_reflection


@dataclass(frozen=True)
class Placed:
    """What a page received: self-check questions (need mkdocs-quiz) and answer boxes (need workspace.js)."""

    quizzes: int = 0
    workspaces: int = 0

    def __bool__(self) -> bool:
        return bool(self.quizzes or self.workspaces)


def place_quizzes(
    markdown: str, banks: dict[str, Bank], *, shown: str, options: RenderOptions, line_offset: int = 0
) -> tuple[str, Placed]:
    """Replace every marker with its questions; return the new Markdown and what was placed.

    `shown` is the chapter's path as instructors know it (docs/part-1.md) and `line_offset`
    the number of front-matter lines MkDocs removed, so errors point at the file's real line.
    """
    markers, problems = find_markers(markdown, shown=shown, line_offset=line_offset)
    if not markers and not problems:
        return markdown, Placed()
    lines = markdown.split("\n")
    placed: dict[str, int] = {}  # anchor → marker line, to refuse the same question twice
    quizzes = workspaces = 0
    for marker in markers:
        bank, questions, problem = resolve(marker, banks, shown=shown, line_offset=line_offset)
        if problem or bank is None:
            problems.append(problem or Problem(shown, marker.line + 1, "unknown bank", "check the marker"))
            continue
        rendered = []
        for question in questions:
            key = anchor(bank.name, question.id)
            where = marker.line + 1 + line_offset
            if key in placed:
                problems.append(
                    Problem(
                        shown,
                        where,
                        f"the question '{bank.name}#{question.id}' is already placed on this page (line {placed[key]}).",
                        "place each question once per page: remove one of the markers.",
                    )
                )
                continue
            placed[key] = where
            if question.type == "reflection":
                rendered += ["", *render_reflection(bank.name, question), ""]
                workspaces += 1
            else:
                rendered += ["", *render_question(bank.name, question, options), ""]
                quizzes += 1
        # Blank lines around each block keep it a raw HTML block where the marker stood.
        lines[marker.line] = "\n".join(rendered)
    if problems:
        raise BankError(problems)
    return "\n".join(lines), Placed(quizzes, workspaces)
