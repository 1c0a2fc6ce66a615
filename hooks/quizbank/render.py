"""Render bank questions into the markup mkdocs-quiz's browser script drives.

The output is HTML with Markdown inside (`markdown="1"` blocks, `markdown="span"` options) so
the page's own Markdown pass renders question text: glossary tooltips, links between chapters
and code highlighting behave exactly as in the chapter around it. mkdocs-quiz's parser never
sees it, so nothing in a question is mistaken for quiz syntax.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html import escape

from .model import Option, Question
from .text import protect_code_spans


@dataclass(frozen=True)
class RenderOptions:
    """mkdocs-quiz's behaviour switches, read from its entry in mkdocs.yml."""

    show_correct: bool = True
    auto_submit: bool = False
    disable_after_submit: bool = False


def anchor(bank: str, question_id: str) -> str:
    """Stable HTML id: survives reordering. `part-1/checks` + `key-benefit` → `quiz-part-1__checks--key-benefit`."""
    return f"quiz-{bank.replace('/', '__')}--{question_id}"


def digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def option_value(option: Option) -> str:
    """An option's saved-answer key: its text, so reordering options keeps saved answers."""
    return digest(" ".join(option.text.split()))


def fingerprint(question: Question) -> str:
    """What a saved answer depends on.

    Feedback, explanation and answer-key edits keep it; rewording the question or changing the
    set of options drops saved answers.
    """
    values = sorted(option_value(o) for o in options_of(question))
    return digest(question.type, " ".join(question.question.split()), *values)


def options_of(question: Question) -> tuple[Option, ...]:
    if question.type == "true-false":
        return (
            Option("True", question.answer is True, question.feedback_true),
            Option("False", question.answer is False, question.feedback_false),
        )
    return question.options


def render_question(bank: str, question: Question, options: RenderOptions) -> list[str]:
    """The lines of Markdown (with HTML) that replace one placed self-check question."""
    if question.type == "fill-blank":
        return _fill_blank(bank, question, options)
    return _choice(bank, question, options)


def attrs(**attrs: str | bool | None) -> str:
    out = []
    for key, value in attrs.items():
        name = key.rstrip("_").replace("_", "-")
        if value is True:
            out.append(name)
        elif value:
            out.append(f'{name}="{escape(str(value))}"')
    return " ".join(out)


def block(text: str) -> list[str]:
    """Markdown for a `markdown="1"` block: blank lines around it so it parses as blocks."""
    return ["", *protect_code_spans(text.strip()).split("\n"), ""]


def span(text: str) -> str:
    """Markdown for a `markdown="span"` element: one line of inline Markdown."""
    return " ".join(protect_code_spans(text.strip()).split("\n"))


def _open(
    bank: str, question: Question, options: RenderOptions, extra_class: str = "", **extra: str | bool
) -> list[str]:
    qid = anchor(bank, question.id)
    cls = "quiz" + (f" {extra_class}" if extra_class else "")
    return [
        f'<div {attrs(class_=cls, id=qid, data_bank=bank, data_qid=question.id, data_fp=fingerprint(question), data_show_correct=options.show_correct, data_disable_after_submit=options.disable_after_submit, **extra)} markdown="1">',
        f'<a href="#{qid}" class="quiz-header-link" aria-label="Link to this question">#</a>',
        f'<div class="quiz-question" id="{qid}-question" markdown="1">',
    ]


def _explanation(question: Question) -> list[str]:
    if not question.explanation.strip():
        return ['<section class="content hidden"></section>']
    return ['<section class="content hidden" markdown="1">', *block(question.explanation), "</section>"]


def _choice(bank: str, question: Question, options: RenderOptions) -> list[str]:
    qid = anchor(bank, question.id)
    opts = options_of(question)
    multiple = question.type == "multiple"
    # mkdocs-quiz draws checkboxes only when two or more options are correct; a "select all
    # that apply" question with one right answer must still offer checkboxes, so the type
    # decides here, and mkdocs-quiz's grading (all correct and nothing else) works either way.
    kind = "checkbox" if multiple else "radio"
    auto = options.auto_submit and not multiple
    lines = [
        *_open(bank, question, options, data_quiz_kind=question.type, data_auto_submit=auto),
        *block(question.question),
        *(['<p class="quiz-hint">Select all that apply.</p>'] if multiple else []),
        "</div>",
        '<form action="javascript:void(0);" onsubmit="return false;" markdown="1">',
        f'<fieldset aria-labelledby="{qid}-question" markdown="1">',
    ]
    for option in opts:
        value = option_value(option)
        input_id = f"{qid}-{value}"
        inp = f"<input {attrs(type=kind, name='answer', value=value, id=input_id, data_correct='true' if option.correct else None)}>"
        label = f'<label for="{input_id}">{span(option.text)}</label>'
        feedback = (
            f'<span class="answer-feedback hidden">{span(option.feedback)}</span>' if option.feedback.strip() else ""
        )
        lines.append(f'<div markdown="span">{inp}{label}{feedback}</div>')
    lines += [
        "</fieldset>",
        '<div class="quiz-feedback hidden"></div>',
        *([] if auto else ['<button type="submit" class="quiz-button">Submit</button>']),
        "</form>",
        *_explanation(question),
        "</div>",
    ]
    return lines


def _fill_blank(bank: str, question: Question, options: RenderOptions) -> list[str]:
    qid = anchor(bank, question.id)

    def blank(index: int, answer: str) -> str:
        size = max(5, len(answer) + 2)
        # form= makes the quiz's form the box's owner, so Enter in the box submits the answer.
        return f"<input {attrs(type='text', class_='quiz-blank-input', id=f'{qid}-blank-{index}', form=f'{qid}-form', data_answer=answer, autocomplete='off', spellcheck='false', size=str(size), aria_label=f'Answer {index + 1}')}>"

    question_md = protect_code_spans(question.question.strip(), blank)
    return [
        *_open(
            bank,
            question,
            options,
            extra_class="quiz-fill-blank",
            data_quiz_type="fill-blank",
            data_quiz_kind="fill-blank",
        ),
        "",
        *question_md.split("\n"),
        "",
        "</div>",
        f'<form id="{qid}-form" action="javascript:void(0);" onsubmit="return false;">',
        # mkdocs-quiz's "reset all" expects a fieldset in every quiz form; without one it throws.
        "<fieldset hidden></fieldset>",
        '<div class="quiz-feedback hidden"></div>',
        '<button type="submit" class="quiz-button">Submit</button>',
        "</form>",
        *_explanation(question),
        "</div>",
    ]
