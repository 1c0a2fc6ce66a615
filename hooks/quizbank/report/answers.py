"""The report's section on the answers students chose first, question by question.

- Choice questions: per option, how many first answers chose it, how often the strongest and the
  weakest third of the class did (by the rest of the course), and the option's own point-biserial
  (as Canvas shows it): a distractor that pulls strong students stands out.
- Fill-ins: the wrong answers at least two students wrote (cut when long, and said so).
- Ordering: where each item was put; matching: which answer each prompt was given (confusion tables).

Everything a student typed is escaped as text and cut at SHOWN_CHARACTERS.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ..manifest import short_title
from ..model import FillBlank, Matching, Ordering
from .flags import option_texts
from .stats import ItemStats, text_key

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
    if isinstance(item.question, FillBlank):
        return _blanks(item)
    if isinstance(item.question, Ordering):
        return _ordering(item, item.question)
    if isinstance(item.question, Matching):
        return _matching(item, item.question)
    return _options(item)


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


def _blanks(item: ItemStats) -> str:
    rows = []
    for n, wrong in enumerate(item.wrong_blanks, 1):
        common = [(t, c) for t, c in wrong.most_common(5) if c >= 2]
        label = f"Blank {n}: " if len(item.wrong_blanks) > 1 else ""
        text = ", ".join(f"<q>{clipped(t)}</q> ({c})" for t, c in common) or "no wrong answer shared by two students"
        rows.append(f"<li>{label}{text}</li>")
    return f"<ul>{''.join(rows)}</ul>"


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _ordering(item: ItemStats, question: Ordering) -> str:
    places = len(question.items)
    head = "".join(f'<th scope="col" class="num">{_ordinal(p)}</th>' for p in range(1, places + 1))
    rows = []
    for n, (text, counts) in enumerate(zip(question.items, item.placed, strict=True)):
        cells = "".join(_cell(counts[p], p == n) for p in range(places))
        rows.append(f'<tr><th scope="row">{n + 1}. {escape(text)}</th>{cells}</tr>')
    return (
        f"<table><caption>Where each item was put in first answers (✓ its right place): "
        f"{escape(short_title(question.question))}</caption>"
        f'<thead><tr><th scope="col">Item, in the right order</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _matching(item: ItemStats, question: Matching) -> str:
    answers = [(text_key(a), a) for a in question.answers]
    head = "".join(f'<th scope="col" class="num">{escape(text)}</th>' for _, text in answers)
    rows = []
    for pair, counts in zip(question.pairs, item.matched, strict=True):
        right = text_key(pair.answer)
        cells = "".join(_cell(counts[key], key == right) for key, _ in answers) + _cell(counts[""], False)
        rows.append(f'<tr><th scope="row">{escape(pair.prompt)}</th>{cells}</tr>')
    return (
        f"<table><caption>The answer each prompt was given in first answers (✓ its own): "
        f"{escape(short_title(question.question))}</caption>"
        f'<thead><tr><th scope="col">Prompt</th>{head}<th scope="col" class="num">None</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _cell(count: int, right: bool) -> str:
    return f'<td class="num">{count} ✓</td>' if right else f'<td class="num">{count}</td>'
