"""The question-bank preview: one page for instructors with every question of every bank.

Each question is shown as students see it (a quiz marker, placed by the same renderer as on the
chapters), under its key (`bank#id`), its bank file and line, and the page it sits on ("not placed
on any page", or kept for the export only), and above its answer key and feedback, written as the
printable answer key writes them (`export/answer_key.py`). `hooks/bank_preview.py` adds the page
under `mkdocs serve`, never to a published build unless `extra: quiz_banks: preview: always`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from .export.answer_key import key_entry
from .ids import anchor, question_key, written_task_anchor
from .manifest import Chapter
from .model import Bank, Question

PREVIEW_PAGE = "question-bank-preview.md"
TITLE = "Question bank preview"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def question_anchor(bank: Bank, question: Question) -> str:
    """The id of the question's rendered block, on a chapter and on the preview."""
    make = written_task_anchor if question.role == "written-task" else anchor
    return make(bank.name, question.id)


def indent(markdown: str) -> str:
    """Markdown moved into an admonition (four spaces), blank lines left blank.

    The answer key continues a numbered item on lines indented by three spaces (enough for
    CommonMark, where the key is read); Python-Markdown needs four, or each item restarts at 1.
    """
    markdown = re.sub(r"(?m)^   (?=\S)", "    ", markdown)
    return "\n".join(f"    {line}" if line.strip() else "" for line in markdown.split("\n"))


def where_line(bank: Bank, question: Question, chapter: Chapter | None, link: Callable[[str], str]) -> str:
    """Its bank file and line, and the page it sits on: an HTML paragraph (its link is a URL, not a page path)."""
    source = f"<code>{escape(bank.path)}:{question.line}</code>"
    if bank.is_export_only(question):
        place = "for the export only (<code>export_only: true</code>): on no page of the site"
    elif chapter is None:
        place = '<strong class="quizbank-preview-unplaced">not placed on any page</strong>'
    else:
        href = link(chapter.url) + "#" + question_anchor(bank, question)
        place = f'on <a href="{escape(href)}">{escape(chapter.title)}</a>'
    return f'<p class="quizbank-preview-where">{source} · {place}</p>'


def preview_markdown(
    banks: dict[str, Bank], placed: dict[str, Chapter], *, link: Callable[[str], str], published: bool
) -> str:
    """The whole page: front matter, a summary, then per bank, each question with where it is, itself, and its key.

    `placed`: `bank#id` → the chapter that places it; `link`: a site URL as a link from this page.
    """
    keys = [(bank, q, question_key(bank.name, q.id)) for bank in banks.values() for q in bank.questions]
    unplaced = [(b, q) for b, q, k in keys if k not in placed and not b.is_export_only(q)]
    kept = sum(b.is_export_only(q) for b, q, _ in keys)
    who = (
        "**This page is published** (`preview: always` under `extra: quiz_banks:` in `mkdocs.yml`): "
        "anyone with its address sees every answer."
        if published
        else "Only `make serve` builds this page: the published site does not have it, since it shows every answer."
    )
    lines = [
        "---",
        f"title: {TITLE}",
        "description: Every question of every quiz bank, as students see it, with its answer key.",
        "search:",
        "  exclude: true",
        "quizbank_preview: true",
        "---",
        "",
        f"# {TITLE}",
        "",
        "For instructors: every question of every bank as students see it, with its key (`bank#id`), its bank "
        "file and line, the page it sits on, and its answer key and feedback. Saving a bank reloads this page. "
        + who
        + " Answers you give here are saved in this browser, as on any page of the site.",
        "",
        f"{plural(len(keys), 'question')} in {plural(len(banks), 'bank')}; {len(unplaced)} not placed on any page; "
        f"{kept} for the export only.",
        "",
    ]
    if unplaced:
        items = "".join(
            f'<li><a href="#{question_anchor(b, q)}">{escape(question_key(b.name, q.id))}</a> '
            f"(<code>{escape(b.path)}:{q.line}</code>)</li>"
            for b, q in unplaced
        )
        lines += [
            '<div class="admonition warning" markdown="1">',
            '<p class="admonition-title">Not placed on any page</p>',
            "",
            "Students never see these, yet they go into every export and the answer key. Place each in a "
            "chapter with its marker, or add `export_only: true` to it if it is meant for the export only.",
            "",
            f"<ul>{items}</ul>",
            "</div>",
            "",
        ]
    for bank in banks.values():
        count = plural(len(bank.questions), "question")
        lines += [
            f"## {bank.name}",
            "",
            f"`{bank.path}`: {count}" + (", for the export only." if bank.export_only else "."),
            "",
        ]
        for question in bank.questions:
            key = question_key(bank.name, question.id)
            details = key_entry(bank, question)[2:]  # its heading and text are shown by the question itself
            lines += [
                f"### {key} · {question.label}",
                "",
                where_line(bank, question, placed.get(key), link),
                "",
                f"<!-- quiz: {key} -->",
                "",
                '???+ success "Answer key and feedback"',
                "",
                indent("\n\n".join(details)) if details else "    (none)",
                "",
            ]
    return "\n".join(lines) + "\n"
