"""The report's section on the answers students chose first, question by question.

- Questions with options: per option, how many first answers chose it, how often the strongest and
  the weakest third of the class did (by the rest of the course), and the option's own
  point-biserial (as Canvas shows it): a distractor that pulls strong students stands out.
- Every other type shows what its tally counted (model.Tally): the wrong answers at least two
  students wrote in a blank (cut when long, and said so); where each item of an ordering was put;
  which answer each prompt of a matching was given (confusion tables); a calculated question's
  first answers per variant.

Everything a student typed is escaped as text and cut at SHOWN_CHARACTERS.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..manifest import short_title
from ..model import AnswerList, AnswerTable
from .flags import option_texts
from .stats import ItemStats

SHOWN_CHARACTERS = 200  # of an answer a student typed; a longer one is cut, and the page says so


def clipped(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """`text` as the page shows it, escaped: at most `limit` characters, and a note when it was cut."""
    if len(text) <= limit:
        return escape(text)
    return f'{escape(text[:limit])}… <span class="cut">(cut: {len(text):,} characters in all)</span>'


def section(items: list[ItemStats], link: Callable[[ItemStats], str]) -> str:
    out = [
        '<section id="answers"><h2>Answers chosen</h2>',
        "<p>From first answers (version 2 files and later; in version 1 files, the only answer of a question answered "
        "once). The strongest and the weakest third of the class are ranked by their share right at first try on the "
        "rest of the course. Wrong blank answers are grouped as the site compares answers (case and extra spaces "
        "aside), shown in lowercase, and only when at least two students wrote them.</p>",
    ]
    for item in items:
        if not item.first_answers:
            continue
        body = _body(item)
        if body:
            title = escape(short_title(item.question.question))
            out.append(
                f'<details><summary>{title} <span class="where">{escape(item.key)}</span></summary>'
                f'{body}<p><a href="{escape(link(item))}">The question in its bank</a></p></details>'
            )
    return "\n".join(out) + "</section>"


def _body(item: ItemStats) -> str:
    if option_texts(item):
        return _options(item)
    shown = item.tally.answers()
    if isinstance(shown, AnswerTable):
        return _table(shown, short_title(item.question.question))
    if isinstance(shown, AnswerList):
        return _list(shown)
    return ""


def _share(count: int, whole: int) -> str:
    return f"{count} of {whole}" + (f" ({100 * count / whole:.0f}%)" if whole else "")


def _options(item: ItemStats) -> str:
    rows = []
    for key, text, correct in option_texts(item):
        r = item.option_r.get(key)
        mark = ' <span class="keyed">(keyed right)</span>' if correct else ""
        rows.append(
            f'<tr><th scope="row">{escape(text)}{mark}</th><td class="num">{_share(item.options[key], item.first_answers)}</td>'
            f'<td class="num">{_share(item.strong_options[key], item.strong_n)}</td>'
            f'<td class="num">{_share(item.weak_options[key], item.weak_n)}</td>'
            f'<td class="num">{"–" if r is None else f"{r:.2f}".replace("-", "−")}</td></tr>'
        )
    return (
        f"<table><caption>Options chosen first: {escape(short_title(item.question.question))}</caption>"
        '<thead><tr><th scope="col">Option</th><th scope="col" class="num">Everyone</th>'
        '<th scope="col" class="num">Strongest third</th><th scope="col" class="num">Weakest third</th>'
        '<th scope="col" class="num">r (option)</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        '<p class="note">r (option): choosing this option against the rest of the course. The keyed option\'s is '
        "positive in a sound question, a distractor's negative; a distractor's above zero pulls strong students.</p>"
    )


def _list(shown: AnswerList) -> str:
    rows = []
    for label, common in shown.items:
        text = ", ".join(f"<q>{clipped(t)}</q> ({c})" for t, c in common) or escape(shown.empty)
        rows.append(f"<li>{escape(label)}{text}</li>")
    return f"<ul>{''.join(rows)}</ul>"


def _table(shown: AnswerTable, title: str) -> str:
    head = "".join(f'<th scope="col" class="num">{escape(text)}</th>' for text in shown.heads)
    rows = "".join(
        f'<tr><th scope="row">{escape(label)}</th>{"".join(_cell(c.count, c.right) for c in cells)}</tr>'
        for label, cells in shown.rows
    )
    note = f'<p class="note">{escape(shown.note)}</p>' if shown.note else ""
    return (
        f"<table><caption>{escape(shown.caption)}: {escape(title)}</caption>"
        f'<thead><tr><th scope="col">{escape(shown.corner)}</th>{head}</tr></thead><tbody>{rows}</tbody></table>{note}'
    )


def _cell(count: int, right: bool) -> str:
    return f'<td class="num">{count} ✓</td>' if right else f'<td class="num">{count}</td>'
