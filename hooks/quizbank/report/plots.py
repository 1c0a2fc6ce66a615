"""The report's figures, drawn by matplotlib's SVG backend and inlined into the page.

Text stays text (`svg.fonttype: none`: selectable, searchable, in the page's own font). Colours
are drawn with placeholder values and then replaced by CSS variables, so one SVG reads in the
light and the dark palette and in print (render.py defines the variables per scheme). Element ids
get a per-figure prefix: several figures share one page, and matplotlib numbers its ids from 1.
matplotlib is imported only here, when a report is drawn (requirements-report.txt).
"""

from __future__ import annotations

import io
import re
import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import Formatter

# Placeholder colour → the CSS variable that replaces it (render.py gives each a light and a dark value).
COLOURS = {
    "#010203": "--qr-fg",
    "#161718": "--qr-bg",
    "#0a0b0c": "--qr-c1",
    "#0d0e0f": "--qr-c2",
    "#101112": "--qr-c3",
    "#131415": "--qr-grid",
}
FG, BG, C1, C2, C3, GRID = COLOURS
CONFIDENCE_LABELS = {"sure": "Sure", "unsure": "Think so", "guess": "Guessing"}


def _figure(width: float, height: float) -> Figure:
    import matplotlib

    matplotlib.use("svg")  # no display, no GUI toolkit
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "quizbank-class-report",  # the same ids for the same figure: reproducible pages
            "font.size": 10,
            "text.color": FG,
            "axes.edgecolor": FG,
            "axes.labelcolor": FG,
            "xtick.color": FG,
            "ytick.color": FG,
            "axes.facecolor": "none",
            "figure.facecolor": "none",
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    return Figure(figsize=(width, height), layout="tight")  # "constrained" looks alike and takes twice as long


def to_svg(fig: Figure, prefix: str, label: str) -> str:
    """The figure as an inline <svg>: colours as CSS variables, ids prefixed, an accessible name."""
    from html import escape

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)  # a `*` rule: render.py scopes it to .plot
    for colour, variable in COLOURS.items():
        svg = svg.replace(colour, f"var({variable})")
    svg = re.sub(r"font-family: [^;\"]*", "font-family: inherit", svg)
    svg = re.sub(r'\bid="', f'id="{prefix}-', svg)
    svg = re.sub(r'(url\(#|href="#)', rf"\g<1>{prefix}-", svg)
    # Sized by CSS from its viewBox: the page's width, at most its drawn width.
    svg = re.sub(r' width="([\d.]+pt)" height="[\d.]+pt"', r' style="max-width: \1"', svg, count=1)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" class="plot" ', 1)


def difficulty_discrimination(points: Sequence[tuple[float, float, str]], limit: float) -> str:
    """Each question as a point: share right at first try (x) against discrimination (y); flagged ones named."""
    fig = _figure(6.4, 4.0)
    ax: Axes = fig.subplots()
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    ax.axhline(0, color=GRID, linewidth=0.8)
    ax.axhline(limit, color=C3, linewidth=0.8, linestyle="--")
    ax.scatter(xs, ys, s=22, color=C1, edgecolors="none")
    for x, y, name in points:
        if name:
            ax.annotate(name, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=8)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(min([-0.5, *ys]) - 0.05, 1.0)
    ax.set_xlabel("Right at first try (share of students)")
    ax.set_ylabel("Discrimination (r)")
    ax.xaxis.set_major_formatter(_percent())
    return to_svg(
        fig, "difficulty", "Scatter plot: each question's share right at first try against its discrimination"
    )


def calibration(levels: dict[str, tuple[int, int]]) -> str:
    """Share right among the answers given as Sure, Think so and Guessing (answers per level under each bar)."""
    fig = _figure(5.0, 3.0)
    ax: Axes = fig.subplots()
    names = [f"{CONFIDENCE_LABELS[k]}\n({levels[k][1]} answers)" for k in CONFIDENCE_LABELS]
    shares = [levels[k][0] / levels[k][1] if levels[k][1] else 0 for k in CONFIDENCE_LABELS]
    bars = ax.bar(names, shares, color=[C1, C2, C3], width=0.6)
    ax.bar_label(
        bars,
        labels=[f"{s:.0%}" if levels[k][1] else "none" for s, k in zip(shares, CONFIDENCE_LABELS, strict=True)],
        padding=2,
    )
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("Right (latest answer)")
    ax.yaxis.set_major_formatter(_percent())
    return to_svg(fig, "calibration", "Bar chart: share of answers right, by the confidence students gave")


def parts(rows: Sequence[tuple[str, float, float]]) -> str:
    """Per part (bank): share of answers right at first try and right in the end, as paired bars."""
    fig = _figure(6.4, 0.9 + 0.55 * max(1, len(rows)))
    ax: Axes = fig.subplots()
    names = [r[0] for r in rows][::-1]
    first = [r[1] for r in rows][::-1]
    final = [r[2] for r in rows][::-1]
    positions = list(range(len(rows)))
    end = ax.barh([p + 0.2 for p in positions], final, height=0.38, color=C2, label="Right in the end")
    start = ax.barh([p - 0.2 for p in positions], first, height=0.38, color=C1, label="Right at first try")
    ax.bar_label(end, labels=[f"{v:.0%}" for v in final], padding=2, fontsize=8)
    ax.bar_label(start, labels=[f"{v:.0%}" for v in first], padding=2, fontsize=8)
    ax.set_yticks(positions, names)
    ax.set_xlim(0, 1.12)
    ax.xaxis.set_major_formatter(_percent())
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=2, frameon=False, fontsize=8, reverse=True)
    return to_svg(fig, "parts", "Bar chart: share of answers right at first try and in the end, per part")


def scores(shares: Sequence[float]) -> str:
    """A histogram of the students' scores: each one's share right at first try, in tenths from 0 to 100 %."""
    fig = _figure(5.0, 2.4)
    ax: Axes = fig.subplots()
    ax.hist(shares, bins=10, range=(0, 1), color=C1, edgecolor=BG, linewidth=0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("Right at first try (share of the questions a student answered)")
    ax.set_ylabel("Students")
    ax.xaxis.set_major_formatter(_percent())
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return to_svg(fig, "scores", "Histogram of the students' scores: share right at first try, in steps of 10 %")


def word_counts(counts: Sequence[int], low: int | None, high: int | None, prefix: str, title: str) -> str:
    """A histogram of words per draft, with the task's limits as dashed lines."""
    fig = _figure(5.0, 2.4)
    ax: Axes = fig.subplots()
    top = max([*counts, high or 0, low or 0, 10])
    ax.hist(counts, bins=min(20, max(5, len(set(counts)))), range=(0, top * 1.05), color=C1)
    for limit in (low, high):
        if limit is not None:
            ax.axvline(limit, color=C3, linestyle="--", linewidth=1.2)
    ax.set_xlabel("Words" + (f" (median {statistics.median(counts):.0f})" if counts else ""))
    ax.set_ylabel("Drafts")
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return to_svg(fig, prefix, f"Histogram of words per draft: {title}")


def _percent() -> Formatter:
    from matplotlib.ticker import PercentFormatter

    return PercentFormatter(xmax=1.0, decimals=0)
