"""The per-question table, once: the same columns and values for the page and for the CSV.

Shares are percentages (0–100, one decimal in the CSV); an empty cell means "no answer to count".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from ..manifest import short_title
from .flags import Flag, flags_for
from .plots import CONFIDENCE_LABELS
from .stats import ItemStats


@dataclass(frozen=True)
class Column:
    name: str
    value: Callable[[ItemStats], float | int | str | None]
    numeric: bool = True


def _pct(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


def _confidence(level: str) -> Callable[[ItemStats], float | None]:
    return lambda i: _pct(i.confidence[level], i.n)


def _right_when(level: str) -> Callable[[ItemStats], float | None]:
    return lambda i: _pct(i.right_by_confidence[level], i.confidence[level])


def where(item: ItemStats) -> str:
    """The question's place in its bank, as an instructor opens it: `quizzes/part-1.yml:42`."""
    return f"{item.bank.path}:{item.question.line}"


COLUMNS: list[Column] = [
    Column("Question", lambda i: i.key, numeric=False),
    Column("Text", lambda i: short_title(i.question.question), numeric=False),
    Column("Bank line", where, numeric=False),
    Column("Part", lambda i: i.bank.name, numeric=False),
    Column("Type", lambda i: i.question.type, numeric=False),
    Column("Answered", lambda i: i.n),
    Column("Changed since answered", lambda i: i.changed),
    Column("Re-marked", lambda i: i.rekeyed),
    Column("Right at first try (%)", lambda i: _pct(i.first_right, i.first_known)),
    Column("Right in the end (%)", lambda i: _pct(i.final_right, i.n)),
    Column("Hint used (%)", lambda i: _pct(i.hinted, i.n)),
    *(Column(f"{label} (%)", _confidence(level)) for level, label in CONFIDENCE_LABELS.items()),
    *(Column(f"Right when {label} (%)", _right_when(level)) for level, label in CONFIDENCE_LABELS.items()),
    Column("Discrimination (r)", lambda i: i.discrimination),
    Column("Flags", lambda i: "; ".join(f.title for f in flags_for(i)), numeric=False),
]


def shown(value: float | int | str | None, column: Column) -> str:
    """A cell as the page shows it: shares rounded to whole percent, r to two decimals, "–" for none."""
    if value is None or value == "":
        return "–" if column.numeric else ""
    if isinstance(value, float):
        return f"{value:.2f}" if column.name.endswith("(r)") else f"{value:.0f}%"
    return str(value)


def to_csv(items: list[ItemStats]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in COLUMNS])
    for item in items:
        row = []
        for column in COLUMNS:
            value = column.value(item)
            row.append("" if value is None else f"{value:.3f}" if column.name.endswith("(r)") else _cell(value))
        writer.writerow(row)
    return buffer.getvalue()


def _cell(value: float | int | str) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    text = str(value)
    # A cell starting with = + - @ is a formula to a spreadsheet: bank text is not meant to run.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def flagged(items: list[ItemStats]) -> list[tuple[ItemStats, Flag]]:
    return [(item, flag) for item in items for flag in flags_for(item)]
