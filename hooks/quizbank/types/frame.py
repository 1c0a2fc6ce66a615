"""The frame every self-check's markup shares, whatever its type: what the browser finds in each.

The output is HTML with Markdown inside (`markdown="1"` blocks, `markdown="span"` lines) so the
page's own Markdown pass renders question text: glossary tooltips, links between chapters and
code highlighting behave exactly as in the chapter around it. mkdocs-quiz's parser never sees it,
so nothing in a question is mistaken for quiz syntax.

Every self-check is a `.quiz` with `data-bank`, `data-qid`, `data-fp`, `data-key`, `data-grade`
(its browser key, as course.json lists it) and `data-quiz-kind` (its type: the browser's registry
picks the type's view by it). Every button whose click must be held until the scripts are ready
carries `data-quizbank-early` (quizbank/inline/site-loader.js holds by that attribute alone).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from ..ids import anchor, digest, sub_id, text_key
from ..markup import attrs, block, span

if TYPE_CHECKING:
    from ..model import SelfCheck

T = TypeVar("T")


@dataclass(frozen=True)
class RenderOptions:
    """mkdocs-quiz's behaviour switches, read from its entry in mkdocs.yml."""

    show_correct: bool = True
    auto_submit: bool = False
    disable_after_submit: bool = False
    # Ours, from mkdocs.yml's `extra: quiz_banks: confidence:`: ask how sure the student is.
    confidence: bool = True
    # A pool's variants carry their pool, and the browser shows each student `draw` of them; the
    # question-bank preview shows every variant.
    draw_pools: bool = True


def open_quiz(
    bank: str, question: SelfCheck, options: RenderOptions, extra_class: str = "", **extra: str | bool
) -> list[str]:
    """The quiz's opening tag, its "#" link and the opening of its question block."""
    qid = anchor(bank, question.id)
    fp, key = question.identity()
    grade = json.dumps(question.grade(), separators=(",", ":"), ensure_ascii=False)
    cls = "quiz" + (f" {extra_class}" if extra_class else "")
    # A variant of a pool: the browser shows each student `draw` of the pool's variants (quizbank/pools-ui.js).
    # Not indexed for search, which would find a variant this student is never shown.
    pool = question.pool
    if pool is not None and options.draw_pools:
        extra = {**extra, "data_pool": pool.id, "data_draw": str(pool.draw), "data_search_exclude": True}
    return [
        f'<div {attrs(class_=cls, id=qid, data_bank=bank, data_qid=question.id, data_fp=fp, data_key=key, data_grade=grade, data_show_correct=options.show_correct, data_disable_after_submit=options.disable_after_submit, **extra)} markdown="1">',
        f'<a href="#{qid}" class="quiz-header-link" aria-label="Link to this question" data-search-exclude>#</a>',
        f'<div class="quiz-question" id="{sub_id(qid, "question")}" markdown="1">',
    ]


def explanation_block(explanation: str) -> list[str]:
    # data-search-exclude: Material's search index leaves answers out (a search must not find them).
    if not explanation.strip():
        return ['<section class="content hidden"></section>']
    return ['<section class="content hidden" data-search-exclude markdown="1">', *block(explanation), "</section>"]


def hints_block(qid: str, hints: Sequence[str]) -> list[str]:
    """Hints, hidden until the student asks for them one at a time (quizbank/selfcheck.js)."""
    if not hints:
        return []
    return [
        f'<div class="quiz-hints" id="{sub_id(qid, "hints")}" data-search-exclude markdown="1">',
        # Hidden as a whole until the first hint shows: a list of no visible items is still a list to
        # a screen reader ("list, 0 items").
        '<ol class="quiz-hints-list" hidden markdown="1">',
        *(f'<li hidden markdown="span">{span(hint)}</li>' for hint in hints),
        "</ol>",
        # Shown from the start (a student may reach for it before the scripts are ready: the loader
        # keeps the click, asked for once); without JavaScript, main.html's <noscript> rule hides
        # every quiz button.
        f'<button type="button" class="quiz-hint-button" data-quizbank-early="once">Show a hint (1 of {len(hints)})</button>',
        "</div>",
    ]


CONFIDENCE = (("sure", "Sure"), ("unsure", "Think so"), ("guess", "Guessing"))


def confidence_block(qid: str, options: RenderOptions) -> list[str]:
    """How sure the student is: optional, asked before they submit, used in the feedback."""
    if not options.confidence:
        return []
    # The controls around a question are no text of the course: search leaves them out.
    lines = ['<fieldset class="quiz-confidence" data-search-exclude>', "<legend>How sure are you? (optional)</legend>"]
    for value, label in CONFIDENCE:
        cid = sub_id(qid, "confidence", value)
        lines.append(
            f'<span><input type="radio" name="confidence" value="{value}" id="{cid}"><label for="{cid}">{label}</label></span>'
        )
    return [*lines, "</fieldset>"]


SUBMIT = '<button type="submit" class="quiz-button" data-search-exclude>Submit</button>'


def build_order(bank: str, question_id: str, items: Sequence[T], text: Callable[[T], str]) -> list[T]:
    """`items` in an order fixed by the question's identity, never the written one (with two or more).

    Choice options, ordering items and matching answers all use it: the same for every visit and
    every student, so a page never reshuffles under a student's saved answer.
    """
    items = list(items)
    if len(items) < 2:
        return items
    seed = digest("order", bank, question_id)
    order = sorted(items, key=lambda i: digest(seed, text_key(text(i))))
    if order == items:  # the written order would tell a student nothing; but never as a rule
        order = order[1:] + order[:1]
    return order


def graded_here(
    bank: str,
    question: SelfCheck,
    options: RenderOptions,
    interaction: list[str],
    *,
    text: str | None = None,
    hints: Sequence[str] | None = None,
    explanation: str | None = None,
    **extra: str | bool,
) -> list[str]:
    """The frame of a question our script grades: question, form (hints, `interaction`, confidence, feedback), explanation.

    mkdocs-quiz never grades it: the browser's type module stops the form's submit before
    mkdocs-quiz's handler. The hidden fieldset is for mkdocs-quiz's "reset all", which expects one
    first in every quiz form. `text`, `hints` and `explanation` replace the question's own as
    shown (a calculated question's, with its numbers in); `extra` are attributes of the quiz.
    """
    qid = anchor(bank, question.id)
    name = question.type  # the registry's name, by which the browser picks the type's view
    return [
        *open_quiz(bank, question, options, extra_class=f"quiz-{name}", data_quiz_kind=name, **extra),
        *block(question.question if text is None else text),
        "</div>",
        f'<form id="{sub_id(qid, "form")}" action="javascript:void(0);" onsubmit="return false;" autocomplete="off" markdown="1">',
        "<fieldset hidden></fieldset>",
        *hints_block(qid, question.hints if hints is None else hints),
        *interaction,
        *confidence_block(qid, options),
        '<div class="quiz-feedback hidden"></div>',
        SUBMIT,
        "</form>",
        *explanation_block(question.explanation if explanation is None else explanation),
        "</div>",
    ]
