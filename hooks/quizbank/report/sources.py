"""The questions' lines in their banks, shown in the page itself, where each question's link leads.

A link to the YAML file (`quizzes/part-1.yml#L42`) makes a browser download it rather than show
the line; so the page carries each question's own lines, numbered as in the file, and a question's
link is an anchor in the page. A question's lines run from its `- id:` to the line before the next
question's (blank lines and comments after it left out).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from ..model import Bank, Question


@dataclass(frozen=True)
class Excerpt:
    anchor: str
    key: str  # bank#id
    path: str
    first: int  # line numbers, from 1, both ends included
    last: int
    lines: tuple[str, ...]


def anchor(bank: Bank, question: Question) -> str:
    return "src-" + re.sub(r"[^A-Za-z0-9_-]", "-", f"{bank.name}--{question.id}")


def excerpts(banks: Sequence[Bank], texts: Mapping[str, str]) -> dict[str, Excerpt]:
    """Each question's excerpt, by anchor, for the banks whose text is known (`texts`: bank path → text)."""
    found: dict[str, Excerpt] = {}
    for bank in banks:
        if bank.path not in texts:
            continue
        lines = texts[bank.path].splitlines()
        starts = sorted(q.line for q in bank.questions)
        for question in bank.questions:
            later = [line for line in starts if line > question.line]
            last = (later[0] - 1) if later else len(lines)
            while last > question.line and (not lines[last - 1].strip() or lines[last - 1].lstrip().startswith("#")):
                last -= 1  # what follows the question (a blank line, the next one's comment) is not its own
            name = anchor(bank, question)
            excerpt = tuple(lines[question.line - 1 : last])
            found[name] = Excerpt(name, f"{bank.name}#{question.id}", bank.path, question.line, last, excerpt)
    return found


def section(shown: Sequence[Excerpt]) -> str:
    """The page's section of excerpts: each a numbered listing under the file and lines it comes from."""
    out = [
        '<section id="banks"><h2>The questions in the banks</h2>',
        "<p>Each question's lines, numbered as in its bank file: where to edit it.</p>",
    ]
    for excerpt in shown:
        width = len(str(excerpt.last))
        numbered = "\n".join(
            f'<span class="ln" aria-hidden="true">{n:>{width}}</span> {escape(line)}'
            for n, line in enumerate(excerpt.lines, excerpt.first)
        )
        out.append(
            f'<div class="excerpt" id="{excerpt.anchor}"><h3>{escape(excerpt.key)}: '
            f"{escape(excerpt.path)}, lines {excerpt.first}–{excerpt.last}</h3>"
            f"<pre>{numbered}</pre></div>"
        )
    return "\n".join(out) + "</section>"
