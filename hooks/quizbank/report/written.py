"""The report's section on written tasks: words per draft against each task's limits; never the texts."""

from __future__ import annotations

import statistics
from collections.abc import Callable
from html import escape

from . import plots
from .stats import TaskStats


def written_tasks(tasks: list[TaskStats], link: Callable[[TaskStats], str]) -> str:
    out = [
        '<section id="written"><h2>Written tasks</h2>',
        "<p>Words per handed-in draft (counted as the site counts them); the drafts' texts are never copied here.</p>",
    ]
    for n, task in enumerate(tasks, 1):
        limits = task.task.words
        title = escape(task.task.heading)
        place, href = f"{escape(task.bank.path)}:{task.task.line}", link(task)
        tag = f'<a class="where" href="{escape(href)}">{place}</a>' if href else f'<span class="where">{place}</span>'
        out.append(f"<h3>{title} {tag}</h3>")
        if not task.totals:
            out.append("<p>No draft handed in.</p>")
            continue
        rows = []
        for box in task.task.boxes:
            counts = task.boxes[box.id]
            low, high = box.words.min, box.words.max
            under = sum(c < low for c in counts) if low is not None else None
            over = sum(c > high for c in counts) if high is not None else None
            rows.append(
                f'<tr><th scope="row">{escape(box.label)}</th><td>{_limits(low, high)}</td><td class=num>{min(counts)}</td>'
                f"<td class=num>{statistics.median(counts):.0f}</td><td class=num>{max(counts)}</td>"
                f"<td class=num>{'–' if under is None else under}</td><td class=num>{'–' if over is None else over}</td></tr>"
            )
        out.append(
            f"<p>{len(task.totals)} drafts.</p><table><caption>Words per answer box: {title}</caption><thead><tr><th scope=col>Box</th><th scope=col>Limits</th>"
            "<th scope=col class=num>Fewest</th><th scope=col class=num>Median</th><th scope=col class=num>Most</th>"
            f"<th scope=col class=num>Under</th><th scope=col class=num>Over</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"<figure>{plots.word_counts(task.totals, limits.min, limits.max, f'words-{n}', task.task.heading)}"
            f"<figcaption>Words per draft, all boxes together{_limit_lines(limits.min, limits.max)}.</figcaption></figure>"
        )
    return "\n".join(out) + "</section>"


def _limit_lines(low: int | None, high: int | None) -> str:
    return "" if low is None and high is None else f"; dashed lines: the task's limits ({_limits(low, high)})"


def _limits(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "none"
    if low is not None and high is not None:
        return f"{low}–{high} words"
    return f"at least {low} words" if low is not None else f"at most {high} words"
