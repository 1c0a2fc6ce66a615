"""Render self-check questions into the markup mkdocs-quiz's browser script drives.

The output is HTML with Markdown inside (`markdown="1"` blocks, `markdown="span"` options) so
the page's own Markdown pass renders question text: glossary tooltips, links between chapters
and code highlighting behave exactly as in the chapter around it. mkdocs-quiz's parser never
sees it, so nothing in a question is mistaken for quiz syntax. The DOM written here is one side
of the contract with mkdocs-quiz described in DEVELOPERS.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from .ids import anchor, digest, fingerprint, sub_id, text_key
from .markup import attrs, block, span
from .text import protect_code_spans

if TYPE_CHECKING:
    from .model import FillBlank, Option

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


class ChoiceLike(Protocol):
    """What a choice renderer needs: single, multiple and true/false questions all have it."""

    @property
    def type(self) -> str: ...
    @property
    def select_all(self) -> bool: ...
    @property
    def id(self) -> str: ...
    @property
    def question(self) -> str: ...
    @property
    def explanation(self) -> str: ...
    @property
    def options(self) -> Sequence[Option]: ...
    @property
    def shuffle(self) -> bool: ...
    @property
    def hints(self) -> Sequence[str]: ...
    def identity(self) -> tuple[str, str]: ...
    def grade(self) -> dict[str, Any]: ...


class Identified(Protocol):
    """What the frame of a question needs: its id (and, for our own types, its wording and extras)."""

    @property
    def id(self) -> str: ...


class GradedHere(Identified, Protocol):
    """A question our script grades (not mkdocs-quiz): ordering and matching."""

    @property
    def type(self) -> str: ...
    @property
    def question(self) -> str: ...
    @property
    def explanation(self) -> str: ...
    @property
    def hints(self) -> Sequence[str]: ...
    def identity(self) -> tuple[str, str]: ...
    def grade(self) -> dict[str, Any]: ...


def _open(
    bank: str,
    question: Identified,
    fp: str,
    key: str,
    grade: dict[str, Any],
    options: RenderOptions,
    extra_class: str = "",
    **extra: str | bool,
) -> list[str]:
    qid = anchor(bank, question.id)
    cls = "quiz" + (f" {extra_class}" if extra_class else "")
    # A variant of a pool: the browser shows each student `draw` of the pool's variants (quizbank/pools-ui.js).
    # Not indexed for search, which would find a variant this student is never shown.
    pool = getattr(question, "pool", None)
    if pool is not None and options.draw_pools:
        extra = {**extra, "data_pool": pool.id, "data_draw": str(pool.draw), "data_search_exclude": True}
    return [
        f'<div {attrs(class_=cls, id=qid, data_bank=bank, data_qid=question.id, data_fp=fp, data_key=key, data_grade=json.dumps(grade, separators=(",", ":"), ensure_ascii=False), data_show_correct=options.show_correct, data_disable_after_submit=options.disable_after_submit, **extra)} markdown="1">',
        f'<a href="#{qid}" class="quiz-header-link" aria-label="Link to this question" data-search-exclude>#</a>',
        f'<div class="quiz-question" id="{sub_id(qid, "question")}" markdown="1">',
    ]


def _explanation(explanation: str) -> list[str]:
    # data-search-exclude: Material's search index leaves answers out (a search must not find them).
    if not explanation.strip():
        return ['<section class="content hidden"></section>']
    return ['<section class="content hidden" data-search-exclude markdown="1">', *block(explanation), "</section>"]


def _hints(qid: str, hints: Sequence[str]) -> list[str]:
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
        # keeps the click); without JavaScript, main.html's <noscript> rule hides every quiz button.
        f'<button type="button" class="quiz-hint-button" data-quizbank-early="once">Show a hint (1 of {len(hints)})</button>',
        "</div>",
    ]


CONFIDENCE = (("sure", "Sure"), ("unsure", "Think so"), ("guess", "Guessing"))


def _confidence(qid: str, options: RenderOptions) -> list[str]:
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


def shown_order(bank: str, question: ChoiceLike) -> list[Option]:
    """The options in the order students see them.

    The written order if `shuffle: false`; otherwise an order fixed by the question's identity (the
    same for every visit and every student), which is never the written one. Saved answers are
    keyed by option text, so they survive any order.
    """
    opts = list(question.options)
    if not question.shuffle:
        return opts
    return build_order(bank, question.id, opts, lambda o: o.text)


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


def render_choice(bank: str, question: ChoiceLike, options: RenderOptions) -> list[str]:
    """The lines of Markdown (with HTML) for a single, multiple or true/false question."""
    qid = anchor(bank, question.id)
    # mkdocs-quiz draws checkboxes only when two or more options are correct; a "select all
    # that apply" question with one right answer must still offer checkboxes, so the type
    # decides here, and mkdocs-quiz's grading (all correct and nothing else) works either way.
    kind = "checkbox" if question.select_all else "radio"
    auto = options.auto_submit and not question.select_all
    fp, key = question.identity()
    lines = [
        *_open(bank, question, fp, key, question.grade(), options, data_quiz_kind=question.type, data_auto_submit=auto),
        *block(question.question),
        *(['<p class="quiz-select-all">Select all that apply.</p>'] if question.select_all else []),
        "</div>",
        '<form action="javascript:void(0);" onsubmit="return false;" autocomplete="off" markdown="1">',
        *_hints(qid, question.hints),
        f'<fieldset aria-labelledby="{sub_id(qid, "question")}" markdown="1">',
    ]
    for option in shown_order(bank, question):
        value = text_key(option.text)
        input_id = sub_id(qid, value)
        inp = f"<input {attrs(type=kind, name='answer', value=value, id=input_id, data_correct='true' if option.correct else None)}>"
        label = f'<label for="{input_id}">{span(option.text)}</label>'
        feedback = (
            f'<span class="answer-feedback hidden" data-search-exclude>{span(option.feedback)}</span>'
            if option.feedback.strip()
            else ""
        )
        lines.append(f'<div markdown="span">{inp}{label}{feedback}</div>')
    lines += [
        "</fieldset>",
        *_confidence(qid, options),
        '<div class="quiz-feedback hidden"></div>',
        *([] if auto else ['<button type="submit" class="quiz-button" data-search-exclude>Submit</button>']),
        "</form>",
        *_explanation(question.explanation),
        "</div>",
    ]
    return lines


def render_fill_blank(bank: str, question: FillBlank, options: RenderOptions) -> list[str]:
    """The lines of Markdown (with HTML) for a fill-in-the-blank question."""
    qid = anchor(bank, question.id)
    form_id = sub_id(qid, "form")
    accepted = question.accepted

    def blank(index: int, inner: str) -> str:
        answer = accepted[index]
        size = max(5, len(answer.shown) + 2)
        # form= makes the quiz's form the box's owner, so Enter in the box submits the answer.
        return f"<input {attrs(type='text', class_='quiz-blank-input', id=sub_id(qid, f'blank-{index}'), form=form_id, data_answer=answer.shown, data_accept=answer.as_json(), autocomplete='off', spellcheck='false', size=str(size), aria_label=f'Answer {index + 1}')}>"

    question_md = protect_code_spans(question.question.strip(), blank)
    fp, key = question.identity()
    # The first site version fingerprinted blanks with their answers: it finds answers saved then.
    fp1 = fingerprint(question.type, question.question)
    return [
        *_open(
            bank,
            question,
            fp,
            key,
            question.grade(),
            options,
            extra_class="quiz-fill-blank",
            data_quiz_type="fill-blank",
            data_quiz_kind="fill-blank",
            data_fp1=fp1,
        ),
        "",
        *question_md.split("\n"),
        "",
        "</div>",
        f'<form id="{form_id}" action="javascript:void(0);" onsubmit="return false;" autocomplete="off" markdown="1">',
        # mkdocs-quiz's "reset all" expects a fieldset in every quiz form; without one it throws.
        "<fieldset hidden></fieldset>",
        *_hints(qid, question.hints),
        *_confidence(qid, options),
        '<div class="quiz-feedback hidden"></div>',
        '<button type="submit" class="quiz-button" data-search-exclude>Submit</button>',
        "</form>",
        *_explanation(question.explanation),
        "</div>",
    ]


def render_graded_here(
    bank: str,
    question: GradedHere,
    options: RenderOptions,
    interaction: list[str],
    *,
    text: str | None = None,
    hints: Sequence[str] | None = None,
    explanation: str | None = None,
    **extra: str | bool,
) -> list[str]:
    """The frame of a question our script grades: question, form (hints, `interaction`, confidence, feedback), explanation.

    Like a blank, mkdocs-quiz never grades it: quizbank/selfcheck.js stops the form's submit
    before mkdocs-quiz's handler. The hidden fieldset is for mkdocs-quiz's "reset all", which
    expects one first in every quiz form. `text`, `hints` and `explanation` replace the question's
    own as shown (a calculated question's with its numbers in); `extra` are attributes of the quiz.
    """
    qid = anchor(bank, question.id)
    fp, key = question.identity()
    kind = question.type
    return [
        *_open(
            bank, question, fp, key, question.grade(), options, extra_class=f"quiz-{kind}", data_quiz_kind=kind, **extra
        ),
        *block(question.question if text is None else text),
        "</div>",
        f'<form id="{sub_id(qid, "form")}" action="javascript:void(0);" onsubmit="return false;" autocomplete="off" markdown="1">',
        "<fieldset hidden></fieldset>",
        *_hints(qid, question.hints if hints is None else hints),
        *interaction,
        *_confidence(qid, options),
        '<div class="quiz-feedback hidden"></div>',
        '<button type="submit" class="quiz-button" data-search-exclude>Submit</button>',
        "</form>",
        *_explanation(question.explanation if explanation is None else explanation),
        "</div>",
    ]
