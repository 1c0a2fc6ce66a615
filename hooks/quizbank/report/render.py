"""The report page: one self-contained HTML file (no network: inline style, script and SVG figures).

Everything that comes from a handed-in file (a wrong blank answer, a site path) or a bank is
escaped as text. The table sorts with a small inline script that adds buttons to its headers;
without the script it reads the same, in bank order. Colours are CSS variables with a light and a
dark value (prefers-color-scheme), which the figures use too; print gets the light ones.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from ..manifest import short_title
from ..model import FillBlank
from . import plots
from .assets import EXPLAINED, SORT_SCRIPT, STYLE
from .collect import Collection
from .flags import MIN_N, flags_for, negative_limit, option_texts
from .stats import ClassStats, ItemStats, TaskStats
from .table import COLUMNS, flagged, shown, where
from .written import written_tasks


@dataclass(frozen=True)
class Page:
    course: str
    collection: Collection
    stats: ClassStats
    link: Callable[[ItemStats | TaskStats], str]  # href of a question's line in its bank


def render(page: Page) -> str:
    stats = page.stats
    body = [
        f"<h1>Class report: {escape(page.course)}</h1>",
        _summary(page),
        '<nav aria-label="On this page"><ul>'
        + "".join(
            f'<li><a href="#{i}">{t}</a></li>'
            for i, t in [
                ("flags", "Flags"),
                ("questions", "Questions"),
                ("figures", "Figures"),
                ("answers", "Answers chosen"),
                ("written", "Written tasks"),
                ("skipped", "Files not counted"),
                ("reading", "How to read this report"),
            ]
        )
        + "</ul></nav>",
        _flags(page),
        _table(page),
        _figures(stats),
        _answers(page),
        written_tasks(page.stats.tasks, page.link),
        _skipped(page.collection),
        EXPLAINED.format(min_n=MIN_N, limit40=f"{negative_limit(40):.2f}".replace("-", "−")),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f"<title>Class report: {escape(page.course)}</title>\n<style>{STYLE}</style>\n</head>\n"
        "<body>\n<main>\n" + "\n".join(body) + f"\n</main>\n<script>{SORT_SCRIPT}</script>\n</body>\n</html>\n"
    )


def _summary(page: Page) -> str:
    c, s = page.collection, page.stats
    versions = ", ".join(f"{n} of version {v}" for v, n in sorted(s.versions.items()))
    parts = [
        f"<p>From <strong>{s.students}</strong> progress file{'s' if s.students != 1 else ''} handed in"
        + (f" ({versions})" if versions else "")
        + f"; {len(c.skipped)} of the {c.total} files found were not counted "
        '(<a href="#skipped">listed below</a>, with the reason).</p>'
    ]
    if c.shared:
        files = sum(len(shared.labels) for shared in c.shared)
        parts.append(
            f"<p>{files} files share a learner id with another but are not the same student's: "
            '<a href="#shared">possible shared files</a>.</p>'
        )
    if s.unknown:
        parts.append(f"<p>{s.unknown} answers to questions that are no longer in the banks were left out.</p>")
    if c.other_sites:
        sites = ", ".join(f"<code>{escape(site[:80])}</code> ({n})" for site, n in sorted(c.other_sites.items()))
        parts.append(
            f"<p>Some files name this course but another address of the site: {sites}. They are counted; "
            "if that is another edition of the course, take them out of the folder and run the report again.</p>"
        )
    return "\n".join(parts)


def _question(page: Page, item: ItemStats) -> str:
    return (
        f"{escape(short_title(item.question.question))}"
        f' <a class="where" href="{escape(page.link(item))}">{escape(where(item))}</a>'
    )


def _flags(page: Page) -> str:
    found = flagged(page.stats.items)
    out = ['<section id="flags"><h2>Flags</h2>']
    if not found:
        out.append(f"<p>No question is flagged (a question needs at least {MIN_N} answers to be judged).</p>")
    else:
        out.append('<ul class="flags">')
        for item, flag in found:
            examples = ""
            if flag.examples:
                examples = "<ul>" + "".join(f"<li><q>{escape(e)}</q></li>" for e in flag.examples) + "</ul>"
            out.append(
                f'<li><strong class="flag-{flag.kind}">{escape(flag.title)}:</strong> {escape(flag.reason)}'
                f"<br>{_question(page, item)}{examples}</li>"
            )
        out.append("</ul>")
    return "\n".join(out) + "</section>"


def _table(page: Page) -> str:
    shown_columns = [c for c in COLUMNS if c.name not in ("Text", "Bank line")]
    head = "".join(f'<th scope="col"{" class=num" if c.numeric else ""}>{escape(c.name)}</th>' for c in shown_columns)
    rows = []
    for item in page.stats.items:
        cells = []
        for column in shown_columns:
            value = column.value(item)
            if column.name == "Question":
                cells.append(f'<th scope="row" data-sort="{escape(item.key)}">{_question(page, item)}</th>')
            elif column.numeric:
                sort = "" if value is None else f"{value}"
                cells.append(f'<td class="num" data-sort="{sort}">{shown(value, column)}</td>')
            else:
                cells.append(f"<td>{escape(shown(value, column))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<section id="questions"><h2>Questions</h2>'
        '<p>One row per self-check in today\'s banks, in bank order; <a href="questions.csv">questions.csv</a> '
        "holds the same table for a spreadsheet.</p>"
        '<div class="scroll" role="region" aria-labelledby="table-caption" tabindex="0">'
        '<table class="sortable"><caption id="table-caption">Self-checks: answers, shares and discrimination</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _figures(stats: ClassStats) -> str:
    answered = [i for i in stats.items if i.n]
    if not answered:
        return '<section id="figures"><h2>Figures</h2><p>No answers to draw yet.</p></section>'
    points = [
        (i.first_right / i.first_known, i.discrimination, i.key.split("#")[1] if flags_for(i) else "")
        for i in answered
        if i.first_known and i.discrimination is not None
    ]
    levels = {
        k: (sum(i.right_by_confidence[k] for i in answered), sum(i.confidence[k] for i in answered))
        for k in plots.CONFIDENCE_LABELS
    }
    banks: dict[str, list[ItemStats]] = {}
    for i in answered:
        banks.setdefault(i.bank.name, []).append(i)
    part_rows = [
        (
            name,
            _ratio(sum(i.first_right for i in its), sum(i.first_known for i in its)),
            _ratio(sum(i.final_right for i in its), sum(i.n for i in its)),
        )
        for name, its in banks.items()
    ]
    typical = round(statistics.median(i.first_known for i in answered))
    limit = negative_limit(typical)
    return (
        '<section id="figures"><h2>Figures</h2>'
        f"<figure>{plots.difficulty_discrimination(points, limit)}<figcaption>Difficulty against discrimination: "
        "one point per question answered. Far right: easy; low: students who do well elsewhere do no better here "
        f"(below the dashed line, {limit:.2f} for the median {typical} answers, is beyond chance). Flagged questions are named; a question "
        "everyone got right (or wrong) at first try has no discrimination and is not drawn.</figcaption></figure>"
        f"<figure>{plots.calibration(levels)}<figcaption>Confidence calibration: of all latest answers given as "
        "Sure, Think so or Guessing, the share that was right. A well-calibrated class falls from left to right.</figcaption></figure>"
        f"<figure>{plots.parts(part_rows)}<figcaption>Per part: of every answer in the part's bank, the share right at "
        "first try and the share right in the end.</figcaption></figure></section>"
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _answers(page: Page) -> str:
    out = [
        '<section id="answers"><h2>Answers chosen</h2>',
        "<p>From first answers (version 2 files; in version 1 files, the only answer of a question answered once). "
        "Wrong blank answers are grouped as the site compares answers (case and extra spaces aside), shown in "
        "lowercase, and only when at least two students wrote them.</p>",
    ]
    for item in page.stats.items:
        if not item.first_answers:
            continue
        rows: list[str] = []
        if isinstance(item.question, FillBlank):
            for n, wrong in enumerate(item.wrong_blanks, 1):
                common = [(t, c) for t, c in wrong.most_common(5) if c >= 2]
                label = f"Blank {n}: " if len(item.wrong_blanks) > 1 else ""
                text = (
                    ", ".join(f"<q>{escape(t)}</q> ({c})" for t, c in common)
                    or "no wrong answer shared by two students"
                )
                rows.append(f"<li>{label}{text}</li>")
        else:
            for key, text, correct in option_texts(item):
                mark = ' <span class="keyed">(keyed right)</span>' if correct else ""
                rows.append(f"<li>{escape(text)}{mark}: {item.options[key]} of {item.first_answers}</li>")
        if not rows:
            continue  # an ordering or matching question: no options to count
        out.append(
            f'<details><summary>{escape(short_title(item.question.question))} <span class="where">{escape(item.key)}</span></summary><ul>{"".join(rows)}</ul></details>'
        )
    return "\n".join(out) + "</section>"


def _skipped(collection: Collection) -> str:
    out = ['<section id="skipped"><h2>Files not counted</h2>']
    if not collection.skipped:
        out.append("<p>Every file found was counted.</p>")
    else:
        out.append(
            "<p>Files are named by their place in the folder (in name order) and the start of their SHA-256 digest, "
            "never by their name, which may hold a student's. The terminal where the report was made lists each by "
            "its path. To find one by its digest, in the folder (or the unzipped download), subfolders included: "
            "<code>find . -name '*.json' -exec sha256sum {} + | grep 3f2a9c01b7de</code> (Windows PowerShell: "
            "<code>Get-ChildItem -Recurse -Filter *.json | Get-FileHash | Where-Object Hash -like '3f2a9c01b7de*'</code>).</p><ul>"
        )
        out += [f"<li>{escape(s.label)}: {escape(s.why)}.</li>" for s in collection.skipped]
        out.append("</ul>")
    if collection.shared:
        out.append(
            '<h3 id="shared">Possible shared files</h3><p>These files carry the same learner id, yet their answers '
            "contradict each other (a first answer differs, or a later file has fewer attempts): they are not one "
            "student's history. Most likely one student restored a classmate's file, and with it the classmate's id. "
            "Each is counted as a student; the answers they share from before may be counted twice.</p><ul>"
        )
        out += [
            f"<li>{escape(' and '.join(s.labels))}: {s.contradictions} answer{'s' if s.contradictions != 1 else ''} "
            "contradict each other.</li>"
            for s in collection.shared
        ]
        out.append("</ul>")
    return "\n".join(out) + "</section>"
