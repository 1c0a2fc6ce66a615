"""Find `<!-- quiz: bank -->` and `<!-- quiz: bank#id -->` markers in a chapter's Markdown."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .errors import Problem
from .model import Bank, Question
from .text import FENCE

MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*quiz:\s*(?P<ref>[^\s]*?)\s*-->\s*$")
# Anything that starts like a marker but is not one: reported instead of silently ignored.
NEAR_MARKER = re.compile(r"^[ \t]*<!--\s*quiz\b", re.I)
REF = re.compile(
    r"^(?P<bank>[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)*)(?:#(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*))?$"
)


@dataclass(frozen=True)
class Marker:
    line: int  # 0-based index into the page's Markdown lines
    bank: str
    question_id: str | None


def find_markers(markdown: str, *, shown: str, line_offset: int = 0) -> tuple[list[Marker], list[Problem]]:
    """Markers outside fenced code, and problems for lines that look like broken markers."""
    markers: list[Marker] = []
    problems: list[Problem] = []
    fence: tuple[str, int] | None = None
    for index, line in enumerate(markdown.split("\n")):
        fm = FENCE.match(line)
        if fence is None and fm:
            fence = (fm.group(1)[0], len(fm.group(1)))
            continue
        if fence is not None:
            if fm and fm.group(1)[0] == fence[0] and len(fm.group(1)) >= fence[1]:
                fence = None
            continue
        m = MARKER.match(line)
        where = index + 1 + line_offset
        if m and m.group("indent"):
            # Python-Markdown reads HTML blocks only at the top level of a page, so a quiz
            # inside an admonition, tab or list would come out as escaped text.
            problems.append(
                Problem(
                    shown,
                    where,
                    "a quiz marker is indented (inside an admonition, tab or list), where the quiz cannot render.",
                    "move the marker to the start of its own line, outside the indented block.",
                )
            )
        elif m:
            ref = REF.match(m.group("ref"))
            if ref:
                markers.append(Marker(index, ref.group("bank"), ref.group("id")))
                continue
            problems.append(
                Problem(
                    shown,
                    where,
                    f"the quiz marker names '{m.group('ref')}', which is not a bank name or bank#question-id.",
                    "write e.g. '<!-- quiz: part-1 -->' or '<!-- quiz: part-1#key-benefit -->'.",
                )
            )
        elif NEAR_MARKER.match(line):
            problems.append(
                Problem(
                    shown,
                    where,
                    f"this line looks like a quiz marker but is not one: {line.strip()}",
                    "write it alone on its line as '<!-- quiz: bank -->' or '<!-- quiz: bank#question-id -->'.",
                )
            )
    return markers, problems


def resolve(
    marker: Marker, banks: dict[str, Bank], *, shown: str, line_offset: int = 0
) -> tuple[Bank | None, list[Question], Problem | None]:
    """The bank and questions a marker places, or a located problem naming the nearest valid name."""
    where = marker.line + 1 + line_offset
    bank = banks.get(marker.bank)
    if bank is None:
        close = difflib.get_close_matches(marker.bank, list(banks), n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'? " if close else ""
        known = ", ".join(sorted(banks)) or "none yet"
        return (
            None,
            [],
            Problem(
                shown,
                where,
                f"the quiz marker names the bank '{marker.bank}', which does not exist.",
                f"{hint}banks are the .yml files under quizzes/ (known: {known}).",
            ),
        )
    if marker.question_id is None:
        return bank, list(bank.questions), None
    question = bank.get(marker.question_id)
    if question is None:
        ids = [q.id for q in bank.questions]
        close = difflib.get_close_matches(marker.question_id, ids, n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return (
            bank,
            [],
            Problem(
                shown,
                where,
                f"the quiz marker names the question '{marker.question_id}', which is not in bank '{bank.name}' ({bank.path}).",
                f"{hint}ids in that bank: {', '.join(ids)}.",
            ),
        )
    return bank, [question], None
