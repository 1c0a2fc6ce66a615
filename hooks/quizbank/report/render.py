"""The report page: one self-contained HTML file (no network: inline style, script and SVG figures).

Everything that comes from a handed-in file (a wrong blank answer, a site path) or a bank is
escaped as text, and what a student typed is cut when long. The table sorts with a small inline
script that adds buttons to its headers; without the script it reads the same, in bank order.
Colours are CSS variables with a light and a dark value (prefers-color-scheme), which the figures
use too; print gets the light ones.

The reading order: the class as a whole, then the flags (the most serious first), the table, the
figures, the answers chosen, the written tasks, the files left out, and the questions' own lines.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html import escape

from ..manifest import short_title
from . import answers, plots, sources
from .assets import EXPLAINED, SORT_SCRIPT, STYLE
from .collect import Collection
from .flags import MIN_N, SEVERITY, TITLES, negative_limit
from .stats import ClassStats, ItemStats, TaskStats
from .table import COLUMNS, Column, flagged, shown, where
from .written import written_tasks

Link = Callable[[ItemStats | TaskStats], str]  # a question's or a task's href: its lines in the page ("" for none)


@dataclass(frozen=True)
class Page:
    course: str
    collection: Collection
    stats: ClassStats
    banks: Mapping[str, str] = field(default_factory=dict)  # bank path → its text: each question's lines are shown


def render(page: Page) -> str:
    stats = page.stats
    excerpts = sources.excerpts([i.bank for i in stats.items] + [t.bank for t in stats.tasks], page.banks)

    def link(item: ItemStats | TaskStats) -> str:
        question = item.question if isinstance(item, ItemStats) else item.task
        name = sources.anchor(item.bank, question)
        return f"#{name}" if name in excerpts else ""

    body = [
        f"<h1>Class report: {escape(page.course)}</h1>",
        _summary(page),
        '<nav aria-label="On this page"><ul>'
        + "".join(
            f'<li><a href="#{i}">{t}</a></li>'
            for i, t in [
                ("class", "The class as a whole"),
                ("flags", "Flags"),
                ("questions", "Questions"),
                ("figures", "Figures"),
                ("answers", "Answers chosen"),
                ("written", "Written tasks"),
                ("skipped", "Files not counted"),
                ("banks", "The questions in the banks"),
                ("reading", "How to read this report"),
            ]
        )
        + "</ul></nav>",
        _whole(stats),
        _flags(page, link),
        _table(page, link),
        _figures(stats),
        answers.section(stats.items, link),
        written_tasks(stats.tasks, link),
        _skipped(page.collection),
        sources.section(list(excerpts.values())),
        EXPLAINED.format(
            min_n=MIN_N,
            limit40=f"{negative_limit(40):.2f}".replace("-", "−"),
            columns="".join(f"<dt>{escape(c.name)}</dt><dd>{escape(c.help)}</dd>" for c in _page_columns()),
        ),
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
        sites = ", ".join(
            f"<code>{answers.clipped(site, 80)}</code> ({n})" for site, n in sorted(c.other_sites.items())
        )
        parts.append(
            f"<p>Some files name this course but another address of the site: {sites}. They are counted; "
            "if that is another edition of the course, take them out of the folder and run the report again.</p>"
        )
    return "\n".join(parts)


def _whole(stats: ClassStats) -> str:
    whole = stats.whole
    out = ['<section id="class"><h2>The class as a whole</h2>']
    if whole.students < 2 or whole.questions < 2:
        out.append(
            "<p>Too few answers for figures on the class as a whole: they need two students or more who each "
            "answered two questions or more of those half the class answered.</p></section>"
        )
        return "\n".join(out)
    scores = whole.scores
    alpha = "–" if whole.alpha is None else f"{whole.alpha:.2f}".replace("-", "−")
    sem = "–" if whole.sem is None else f"{whole.sem:.1f} questions ({100 * whole.sem / whole.questions:.0f}%)"
    out.append(
        '<dl class="figures">'
        f"<dt>Students</dt><dd>{whole.students} (who answered two or more of the questions below)</dd>"
        f"<dt>Questions</dt><dd>{whole.questions} (those half the class or more answered); "
        f"{100 * whole.answered:.0f}% of the answers they could hold are known</dd>"
        f"<dt>Score</dt><dd>right at first try, per student: mean {100 * statistics.mean(scores):.0f}%, "
        f"median {100 * statistics.median(scores):.0f}%, standard deviation {100 * statistics.pstdev(scores):.0f} points</dd>"
        f"<dt>Cronbach's alpha (KR-20)</dt><dd>{alpha}: how consistently the questions measure one thing "
        "(0.7 or more is usual for a test; a self-check course that covers many topics may sit lower)</dd>"
        f"<dt>Standard error of measurement</dt><dd>{sem}: how far a student's score out of these questions "
        "may lie from their true one, by chance</dd></dl>"
        f"<figure>{plots.scores(scores)}<figcaption>Scores: each student's share right at first try of these "
        f"{whole.questions} questions, of those they answered ({whole.students} students).</figcaption></figure>"
        '<p class="note">Students answer different questions (and pools show each some variants), so alpha uses '
        "each pair of questions over the students who answered both; with every answer known it is KR-20 exactly.</p>"
    )
    return "\n".join(out) + "</section>"


def _question(item: ItemStats, href: str) -> str:
    place = escape(where(item))
    tag = f'<a class="where" href="{escape(href)}">{place}</a>' if href else f'<span class="where">{place}</span>'
    return f"{escape(short_title(item.question.question))} {tag}"


def _flags(page: Page, link: Link) -> str:
    found = flagged(page.stats.items)
    out = ['<section id="flags"><h2>Flags</h2>']
    if not found:
        out.append(
            f"<p>No question is flagged. A question needs at least {MIN_N} answers to be judged, and a flag stands "
            "only on evidence that chance alone rarely gives.</p>"
        )
        return "\n".join(out) + "</section>"
    out.append(
        "<p>The most serious first: a wrong key, then a misconception, then questions that teach too little. Within "
        "each, the strongest evidence first.</p>"
    )
    for name in SEVERITY:
        mine = [(item, flag) for item, flag in found if flag.name == name]
        if not mine:
            continue
        out.append(f'<h3 id="flags-{name}">{escape(TITLES[name])} ({len(mine)})</h3><ul class="flags">')
        for item, flag in mine:
            examples = ""
            if flag.examples:
                examples = (
                    "<ul>" + "".join(f"<li><q>{answers.clipped(t)}</q> ({c})</li>" for t, c in flag.examples) + "</ul>"
                )
            out.append(
                f'<li><strong class="flag-{flag.name}">{escape(flag.title)}:</strong> {escape(flag.reason)}'
                f"<br>{_question(item, link(item))}{examples}</li>"
            )
        out.append("</ul>")
    return "\n".join(out) + "</section>"


def _page_columns() -> list[Column]:
    return [c for c in COLUMNS if c.page]


def _table(page: Page, link: Link) -> str:
    columns = _page_columns()
    head = "".join(
        f'<th scope="col"{" class=num" if c.numeric else ""} title="{escape(c.help)}" '
        f'aria-describedby="col-{n}">{escape(c.name)}</th>'
        for n, c in enumerate(columns)
    )
    legend = "".join(f'<dt>{escape(c.name)}</dt><dd id="col-{n}">{escape(c.help)}</dd>' for n, c in enumerate(columns))
    rows = []
    for item in page.stats.items:
        cells = []
        for column in columns:
            value = column.value(item)
            if column.name == "Question":
                cells.append(f'<th scope="row" data-sort="{escape(item.key)}">{_question(item, link(item))}</th>')
            elif column.name == "95% interval":
                low = COLUMNS[[c.name for c in COLUMNS].index("95% interval from (%)")].value(item)
                sort = "" if low is None else f"{low}"
                cells.append(f'<td class="num" data-sort="{sort}">{escape(str(value))}</td>')
            elif column.numeric:
                sort = "" if value is None else f"{value}"
                cells.append(f'<td class="num" data-sort="{sort}">{shown(value, column)}</td>')
            else:
                cells.append(f"<td>{escape(shown(value, column))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<section id="questions"><h2>Questions</h2>'
        "<p>One row per self-check in today's banks, in bank order; select a column's heading to sort by it. "
        '<a href="questions.csv">questions.csv</a> holds the same table for a spreadsheet (the interval as two '
        "columns, the question's text and line too).</p>"
        f'<details class="legend" open><summary>What each column means</summary><dl>{legend}</dl></details>'
        '<div class="scroll" role="region" aria-labelledby="table-caption" tabindex="0">'
        '<table class="sortable"><caption id="table-caption">Self-checks: answers, shares and discrimination</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _figures(stats: ClassStats) -> str:
    from .flags import flags_for

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
    typical = round(statistics.median(i.discrimination_n or i.first_known for i in answered))
    limit = negative_limit(typical)
    return (
        '<section id="figures"><h2>Figures</h2>'
        f"<figure>{plots.difficulty_discrimination(points, limit)}<figcaption>Difficulty against discrimination: "
        "one point per question answered. Far right: easy; low: students who do well elsewhere do no better here "
        f"(below the dashed line, {limit:.2f} for the median {typical} answers, chance alone rarely goes). Flagged "
        "questions are named; a question everyone got right (or wrong) at first try has no discrimination and is "
        "not drawn.</figcaption></figure>"
        f"<figure>{plots.calibration(levels)}<figcaption>Confidence calibration: of all first answers given as "
        "Sure, Think so or Guessing, the share that was right. A well-calibrated class falls from left to right.</figcaption></figure>"
        f"<figure>{plots.parts(part_rows)}<figcaption>Per part: of every answer in the part's bank, the share right at "
        "first try and the share right in the end.</figcaption></figure></section>"
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


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
