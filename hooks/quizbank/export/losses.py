"""What a format cannot hold, and what the export wrote.

Each loss has its summary line (one of the constants below, worded for the summary `make export`
prints: one line each, with how many questions it touches in which format); the full list, one line per
format and question, goes to `dist/export-losses.txt`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

GIFT_FILE = "moodle.gift"
KEY_FILE = "answer-key.md"
LOSSES_FILE = "export-losses.txt"
FORMATS = ("qti-1.2", "qti-2.1", "gift")

# ── What is lost, as the summary names it ────────────────────────────────────────────────
HINTS = "hints: none of the formats has them"
WRITTEN_TASK = "written tasks: QTI holds none (GIFT has them as essays)"
NOT_IN_QTI12 = "ordering, matching and calculated questions: QTI 1.2 holds none (QTI 2.1 and GIFT do)"
ONE_RIGHT = "select all that apply with one right option: becomes single choice"
PLACEHOLDER = "text with '{{BLANK_': left out, as the exporter would read it as a blank"
TOLERANCE = "a blank's tolerance (± …): only the number itself is right"
ALTERNATIVES = "a blank's other accepted answers: only the first is right"
EQUAL_FORMS = "equal forms of a number (0.80 for 0.8): matched as text"
OPTION_FEEDBACK = "feedback on each option: moved into the general feedback"
SHUFFLE = "options in an order of their own: the written order is kept (the LMS's quiz can shuffle)"
FORMATTING = "formatting (code, tables, emphasis): plain text"
POOLS = "pools: every variant is exported (a QTI 2.1 section or a GIFT category draws; QTI 1.2 cannot)"
FIXED_ORDER = "a fixed option order: Moodle shuffles unless its quiz says not to"
WEIGHTS = "select-all weights off Moodle's grade list: import with 'nearest grade'"
MISREAD = "blank answers Moodle would misread: left out"
SEVERAL_BLANKS = "several blanks in one question: one GIFT question per blank"
EMPTY_BLANK = "a blank with none of its answers held: left out"
ARROW = "matching pairs with '->' in their text: left out"
ORDERING_AS_MATCHING = "ordering questions: a matching of places (1st, 2nd, …) to items"
ANSWER_BOXES = "several answer boxes: one essay box, the parts listed in its text"
WORD_LIMITS = "word limits: in the text only"
EXAMPLES = "example answers: pages of the site, not exported"
VARIANTS = "calculated questions: every variant is exported (a QTI 2.1 section or a GIFT category draws one)"
NUMBER_FORMS = "answers as a percentage or a fraction (84%, 21/25): the LMS takes a number only"
UNITS = "units: the LMS's numerical question takes the number alone (the text names the unit)"


@dataclass(frozen=True)
class Loss:
    """Something of a question that a format cannot hold, as the command lists it."""

    format: str  # "qti-1.2", "qti-2.1" or "gift"
    question: str  # "part-1#key-benefit", "pool part-2#overfitting", or a group such as "every choice question"
    why: str  # in detail, for the full list
    summary: str  # one of the lines above, under which the summary counts it

    def __str__(self) -> str:
        return f"not exported to {self.format}: {self.question} ({self.why})"


@dataclass(frozen=True)
class Report:
    written: tuple[tuple[Path, str], ...]  # (file, what it holds)
    losses: tuple[Loss, ...]

    def loss_lines(self) -> list[str]:
        """One line per format and question, its reasons joined, in the order found."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for loss in self.losses:
            grouped.setdefault((loss.format, loss.question), []).append(loss.why)
        return [str(Loss(fmt, question, "; ".join(whys), "")) for (fmt, question), whys in grouped.items()]

    def summary_lines(self) -> list[str]:
        """One line per summary line of a loss, in the order first found: how many it touches, in which formats."""
        kinds: dict[str, dict[str, set[str]]] = {}
        for loss in self.losses:
            kinds.setdefault(loss.summary, {}).setdefault(loss.format, set()).add(loss.question)
        return [f"{line}: {_touched(by_format)}" for line, by_format in kinds.items()]


def _touched(by_format: dict[str, set[str]]) -> str:
    """How many a kind touches where: "12 questions in qti-1.2 and gift", "5 questions in qti-2.1, 4 in gift"."""
    formats = [f for f in FORMATS if f in by_format] + sorted(set(by_format) - set(FORMATS))
    groups = sorted({q for qs in by_format.values() for q in qs if q.startswith("every ")})
    if groups:
        return f"{' and '.join(groups)}, in {_and(formats)}"
    unit = "pools" if all(q.startswith("pool ") for qs in by_format.values() for q in qs) else "questions"
    by_count: dict[int, list[str]] = {}
    for f in formats:
        by_count.setdefault(len(by_format[f]), []).append(f)
    parts = [f"{n} in {_and(fs)}" for n, fs in by_count.items()]
    first = next(iter(by_count))
    parts[0] = f"{first} {unit if first != 1 else unit[:-1]} in {_and(by_count[first])}"
    return ", ".join(parts)


def _and(items: Iterable[str]) -> str:
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
