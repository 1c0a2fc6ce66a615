"""The progress page: the course's questions and written tasks, for the student's own results.

`<!-- progress -->` in a page becomes its structure: one section per part listing its questions
and written tasks (with links to them), the review round, and the buttons that carry a student's
work to another browser. Everything in it that depends on the student (statuses, counts, word
counts, the round) is filled in by overrides/assets/javascripts/quizbank/progress.js from the
browser's own storage; the build knows only the course. The review round's questions are every
self-check of the course, rendered once more here between two comments, each kept hidden until the
round shows it: hooks/review_pool.py moves them out of the built page into a file of their own,
which the page fetches when a round starts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape

from .ids import anchor, question_key, written_task_anchor
from .manifest import Manifest
from .model import Bank
from .types.frame import RenderOptions

MARKER = re.compile(r"^<!--\s*progress\s*-->\s*$", re.M)
# The review round's stage, and the comments around its questions (read by hooks/review_pool.py).
STAGE = '<div class="quizbank-review-stage"'
POOL_START = "<!-- quizbank:review-pool -->"
POOL_END = "<!-- /quizbank:review-pool -->"


def render_progress(
    manifest: Manifest, banks: dict[str, Bank], options: RenderOptions, *, link: Callable[[str], str]
) -> str:
    """The Markdown (with HTML) that replaces `<!-- progress -->`. `link` turns a page's URL into a link from this page."""
    parts = manifest["parts"]
    questions = manifest["questions"]
    tasks = {t["key"]: t for t in manifest["tasks"]}
    lines = [
        f'<div class="quizbank-progress" data-manifest="{escape(json.dumps(manifest, ensure_ascii=False))}" markdown="1">',
        '<noscript><p class="quizbank-progress-noscript">This page reads your results from this browser\'s storage, '
        "which needs JavaScript: it is off, so there is nothing to show.</p></noscript>",
        '<p class="quizbank-progress-status" role="status"></p>',
        '<div class="quizbank-progress-notices"></div>',
        "",
        "## Your parts",
        "",
        '<div class="quizbank-parts" markdown="1">',
    ]
    for part in parts:
        url = link(part["url"])
        lines += [
            f'<section class="quizbank-part" data-part="{escape(part["url"])}" markdown="1">',
            f'<h3><a href="{escape(url)}">{escape(part["title"])}</a></h3>',
            '<p class="quizbank-part-summary"></p>',
            '<div class="quizbank-part-bar" aria-hidden="true"><span class="right"></span><span class="review"></span></div>',
        ]
        if part["questions"]:
            lines += [
                '<table class="quizbank-questions">',
                '<thead><tr><th scope="col">Question</th><th scope="col">Status</th><th scope="col">How sure you were</th></tr></thead>',
                "<tbody>",
            ]
            for key in part["questions"]:
                q = questions[key]
                bank, qid = key.split("#", 1)
                href = f"{url}#{anchor(bank, qid)}"
                lines.append(
                    f'<tr data-question="{escape(key)}"><td><a href="{escape(href)}">{escape(q["title"])}</a></td>'
                    '<td class="status">Not tried</td><td class="confidence">—</td></tr>'
                )
            lines += ["</tbody>", "</table>"]
        for key in part["tasks"]:
            task = tasks[key]
            bank, qid = key.split("#", 1)
            href = f"{url}#{written_task_anchor(bank, qid)}"
            lines.append(
                f'<p class="quizbank-task" data-task="{escape(key)}"><a href="{escape(href)}">{escape(task["title"])}</a>: '
                '<span class="words">no draft yet</span></p>'
            )
        lines.append("</section>")
    lines += [
        "</div>",
        "",
        '<div class="quizbank-elsewhere"></div>',
        "",
        "## Practise what you missed",
        "",
        "A review round brings back the questions you have not got right yet, the ones you got right while guessing, "
        "and the ones that are due again, from every part. A question you answer right comes back after 1 day, then "
        "3, then 7, then 21 days, so that it is practised just as it starts to fade; one you miss comes back at once.",
        "",
        '<div class="quizbank-review" markdown="1">',
        '<p class="quizbank-review-status"></p>',
        f'{STAGE} markdown="1">',
        POOL_START,
        *_review_pool(banks, options),
        POOL_END,
        "</div>",
        '<p class="quizbank-review-actions"></p>',
        "</div>",
        "",
        "## Carry your work",
        "",
        "Your answers, drafts and review schedule live in this browser only. Download them as one file to keep a copy, "
        "or to continue on another browser or device: there, open this page and restore from the file.",
        "",
        # Filled in by quizbank/keep-page.js: whether this browser keeps the work, the last download
        # and what changed since, and the reminder to download (a polite live region).
        '<div class="quizbank-keep">',
        '<p class="quizbank-keep-persist"></p>',
        '<p class="quizbank-keep-download" tabindex="-1"></p>',
        '<div class="quizbank-keep-reminder" role="status"></div>',
        "</div>",
        '<div class="quizbank-transfer">',
        '<p class="quizbank-transfer-actions"></p>',
        '<div class="quizbank-restore"></div>',
        "</div>",
        "</div>",
    ]
    return "\n".join(lines)


def _review_pool(banks: dict[str, Bank], options: RenderOptions) -> list[str]:
    """Every self-check, hidden: the review round shows one at a time (never one kept for the export only)."""
    out: list[str] = []
    for bank in banks.values():
        for q in bank.questions:
            if q.role == "quiz" and not bank.is_export_only(q):
                key = escape(question_key(bank.name, q.id))
                out += [
                    "",
                    f'<div class="quizbank-review-item" data-question="{key}" hidden markdown="1">',
                    "",
                    *q.render(bank.name, options),
                    "",
                    "</div>",
                    "",
                ]
    return out
