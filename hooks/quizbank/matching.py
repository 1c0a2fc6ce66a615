"""Render a matching question: one `<select>` per prompt, each offering every answer.

The answers are listed in an order fixed at build time (`build_order`), never the written one,
and may outnumber the prompts (distractors). A `<select>` can hold only text, so an answer's
Markdown is shown as plain text there, in a raw HTML block the page's Markdown leaves alone. Each select carries its right answer's key
(`data-answer`), which quizbank/matching-ui.js grades against, pair by pair; a saved answer is,
for each prompt in bank order, the key of the chosen answer ("" for none).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .ids import anchor, sub_id, text_key
from .markup import attrs, span
from .selfcheck import RenderOptions, build_order, render_graded_here

if TYPE_CHECKING:
    from .model import Matching

CHOOSE = "Choose…"


def option_text(markdown_text: str) -> str:
    """An answer as a `<select>` shows it: what a reader sees of its Markdown, on one line."""
    # Imported here: the export package imports the model, which imports this module.
    from .export.text import plain_text, to_html

    return escape(" ".join(plain_text(to_html(markdown_text)).split()))


def render_matching(bank: str, question: Matching, options: RenderOptions) -> list[str]:
    """The lines of Markdown (with HTML) for a matching question."""
    qid = anchor(bank, question.id)
    choices = "".join(
        f'<option value="{text_key(answer)}">{option_text(answer)}</option>'
        for answer in build_order(bank, question.id, question.answers, str)
    )
    lines = [f'<div class="quiz-match" role="group" aria-labelledby="{sub_id(qid, "question")}" markdown="1">']
    for n, pair in enumerate(question.pairs):
        select_id = sub_id(qid, "match", str(n))
        feedback_id = sub_id(select_id, "feedback")
        lines += [
            '<div class="quiz-match-pair" markdown="1">',
            f'<div class="quiz-match-prompt" markdown="span"><label for="{select_id}">{span(pair.prompt)}</label></div>',
            # No markdown attribute: a raw block, so nothing (abbreviations included) is added inside the select.
            # Its options are not indexed for search: one run of words ("Choose…DPOLoRA…") per prompt.
            '<div class="quiz-match-choice">'
            f"<select {attrs(id=select_id, class_='quiz-match-select', data_answer=text_key(pair.answer), aria_describedby=feedback_id, data_search_exclude=True)}>"
            f'<option value="">{CHOOSE}</option>{choices}</select>'
            f'<span class="quiz-match-feedback" id="{feedback_id}" hidden></span>'
            "</div>",
            "</div>",
        ]
    lines.append("</div>")
    return render_graded_here(bank, question, options, lines)
