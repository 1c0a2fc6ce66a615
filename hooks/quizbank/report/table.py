"""The per-question table, once: the same columns, values and explanations for the page and for the CSV.

Shares are percentages (0–100, one decimal in the CSV); an empty cell means "no answer to count".
Each column says what it is (`help`): the page shows it beside the table and on the column's
heading, and "How to read this report" repeats it.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from dataclasses import dataclass

from ..manifest import short_title
from .flags import Flag, flags_for, ordered
from .plots import CONFIDENCE_LABELS
from .stats import ItemStats

Value = float | int | str | None


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[ItemStats], Value]
    help: str
    numeric: bool = True
    page: bool = True  # shown in the page's table (the CSV has every column)
    decimals: int = 1  # in the CSV


def _pct(part: float, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def wilson(right: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """The 95 % Wilson score interval of a share `right` of `n` (it stays within 0–1 and is sound for small n)."""
    if not n:
        return None
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _interval(end: int) -> Callable[[ItemStats], float | None]:
    def value(i: ItemStats) -> float | None:
        bounds = wilson(i.first_right, i.first_known)
        return None if bounds is None else 100 * bounds[end]

    return value


def _confidence(level: str) -> Callable[[ItemStats], float | None]:
    return lambda i: _pct(i.confidence[level], i.confidence_known)


def _right_when(level: str) -> Callable[[ItemStats], float | None]:
    return lambda i: _pct(i.right_by_confidence[level], i.confidence[level])


def where(item: ItemStats) -> str:
    """The question's place in its bank, as an instructor opens it: `quizzes/part-1.yml:42`."""
    return f"{item.bank.path}:{item.question.line}"


def interval_text(item: ItemStats) -> str:
    """The page's cell: "52–76 %", or "–"."""
    bounds = wilson(item.first_right, item.first_known)
    return "–" if bounds is None else f"{100 * bounds[0]:.0f}–{100 * bounds[1]:.0f}%"


COLUMNS: list[Column] = [
    Column("Question", lambda i: i.key, "The question's bank and id; the link shows its lines in the bank.", False),
    Column("Text", lambda i: short_title(i.question.question), "The question's first sentence.", False, page=False),
    Column("Bank line", where, "Where the question starts in its bank.", False, page=False),
    Column("Part", lambda i: i.bank.name, "The bank the question is in.", False),
    Column("Type", lambda i: i.question.type, "The question's type.", False),
    Column("Answered", lambda i: i.n, "Students with an answer to the question as it is worded today."),
    Column(
        "Changed since answered", lambda i: i.changed, "Answers to an earlier wording: counted apart, nowhere else."
    ),
    Column(
        "Re-marked", lambda i: i.rekeyed, "Answers given against an earlier answer key, marked again against today's."
    ),
    Column(
        "First tries", lambda i: i.first_known, "Students whose first try is known: the n behind the next four columns."
    ),
    Column(
        "Right at first try (%)",
        lambda i: _pct(i.first_right, i.first_known),
        "Facility: right, never wrong, no hint open (the status students see in My progress).",
    ),
    Column(
        "95% interval from (%)",
        _interval(0),
        "Where the facility of a class like this one would lie, 19 times in 20 (Wilson): the lower end.",
        page=False,
    ),
    Column(
        "95% interval to (%)",
        _interval(1),
        "Where the facility of a class like this one would lie, 19 times in 20 (Wilson): the upper end.",
        page=False,
    ),
    Column(
        "95% interval",
        interval_text,
        "Where the facility of a class like this one would lie, 19 times in 20 (Wilson): the fewer the answers, the wider.",
        False,
    ),
    Column(
        "Random guess (%)",
        lambda i: 100 * i.question.guess_chance(),
        "The chance that a blind guess is right: set the facility against it (a true-false sits at 50 %).",
    ),
    Column(
        "Partial credit (%)",
        lambda i: _pct(i.credit, i.first_answers),
        "First answers' share of parts right: options set right, blanks, items in place, pairs matched.",
    ),
    Column(
        "Right in the end (%)", lambda i: _pct(i.final_right, i.n), "The latest answer's mark (students may retry)."
    ),
    Column("Hint used (%)", lambda i: _pct(i.hinted, i.n), "Students who opened at least one hint."),
    Column(
        "Confidence given",
        lambda i: i.confidence_known,
        "First answers whose confidence the file tells: the n behind the six confidence columns.",
    ),
    *(
        Column(f"{label} (%)", _confidence(level), f"First answers given as “{label}”.")
        for level, label in CONFIDENCE_LABELS.items()
    ),
    *(
        Column(
            f"Right when {label} (%)", _right_when(level), f"Of the first answers given as “{label}”, the share right."
        )
        for level, label in CONFIDENCE_LABELS.items()
    ),
    Column(
        "Discrimination (r)",
        lambda i: i.discrimination,
        "Right at first try here against the rest of the course: 0.3 or more separates well; below 0, see the flags.",
        decimals=3,
    ),
    Column("Students behind r", lambda i: i.discrimination_n, "The n behind the discrimination index."),
    Column(
        "Discriminative efficiency (%)",
        lambda i: None if i.efficiency is None else 100 * i.efficiency,
        "r's covariance as a share of the most this question's facility allows (Moodle's): 50 % or more is good.",
    ),
    Column(
        "Flags",
        lambda i: "; ".join(f.title for f in flags_for(i)),
        "What deserves a look (the flags above say why).",
        False,
    ),
]


def shown(value: Value, column: Column) -> str:
    """A cell as the page shows it: shares rounded to whole percent, r to two decimals, "–" for none."""
    if value is None or value == "":
        return "–" if column.numeric else ""
    if isinstance(value, float):
        return f"{value:.2f}".replace("-", "−") if column.name.endswith("(r)") else f"{value:.0f}%"
    return str(value)


def to_csv(items: list[ItemStats]) -> str:
    columns = [c for c in COLUMNS if c.name != "95% interval"]  # the CSV has its two ends as numbers
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    for item in items:
        writer.writerow([_cell(column.value(item), column) for column in columns])
    return buffer.getvalue()


def _cell(value: Value, column: Column) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.{column.decimals}f}"
    text = str(value)
    # A cell starting with = + - @ is a formula to a spreadsheet: bank text is not meant to run.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def flagged(items: list[ItemStats]) -> list[tuple[ItemStats, Flag]]:
    """Every flag, in reading order: by severity, then by evidence."""
    return ordered([(item, flag) for item in items for flag in flags_for(item)])
