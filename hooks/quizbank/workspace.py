"""Render `reflection` questions: answer boxes with word limits, a rubric and example answers.

The markup reads well without JavaScript (prompt, limits, rubric as a list of checkboxes);
overrides/assets/javascripts/workspace.js adds the live word count, autosave, the example
answers toggle and the download. The manifest lists every written task of the site in bank
order (the brief's order), so a download from any page contains every draft.
"""

from __future__ import annotations

import json
from html import escape

from .model import Bank, Field, Question, WordLimits
from .render import attrs, block, span

EXAMPLES_DIR = "includes/examples"


def answer_anchor(bank: str, question_id: str) -> str:
    return f"answer-{bank.replace('/', '__')}--{question_id}"


def limits_text(words: WordLimits) -> str:
    if words.min is not None and words.max is not None:
        return f"{words.min}–{words.max} words"
    if words.min is not None:
        return f"at least {words.min} words"
    if words.max is not None:
        return f"at most {words.max} words"
    return ""


def fields_of(question: Question) -> tuple[Field, ...]:
    """A reflection without `fields` is one answer box labelled 'Your answer'."""
    return question.fields or (Field(id="answer", label="Your answer", words=question.words),)


def render_reflection(bank: str, question: Question) -> list[str]:
    key = answer_anchor(bank, question.id)
    title = question.title or question.id.replace("-", " ").capitalize()
    overall = limits_text(question.words)
    lines = [
        f'<div {attrs(class_="workspace", id=key, data_answer_key=f"{bank}#{question.id}", data_title=title, data_min=_num(question.words.min), data_max=_num(question.words.max))} markdown="1">',
        f'<p class="workspace-title"><strong>{escape(title)}</strong>'
        + (f' <span class="workspace-limits">({overall})</span>' if overall else "")
        + "</p>",
        '<div class="workspace-prompt" markdown="1">',
        *block(question.question),
        "</div>",
    ]
    for field in fields_of(question):
        fid = f"{key}--{field.id}"
        limit = limits_text(field.words) if question.fields else ""
        lines += [
            f'<div {attrs(class_="workspace-field", data_field=field.id, data_min=_num(field.words.min) if question.fields else None, data_max=_num(field.words.max) if question.fields else None)} markdown="1">',
            f'<label for="{fid}">{span(field.label)}'
            + (f' <span class="workspace-limits">({limit})</span>' if limit else "")
            + "</label>",
            f"<textarea {attrs(id=fid, name=field.id, rows='8' if not question.fields else '4', spellcheck='true', aria_describedby=f'{fid}-count')}></textarea>",
            f'<p class="workspace-count" id="{fid}-count"></p>',
            "</div>",
        ]
    if question.fields and overall:
        lines.append(f'<p class="workspace-count workspace-total" id="{key}-total"></p>')
    if question.rubric:
        lines += [
            '<fieldset class="workspace-rubric" markdown="1">',
            "<legend>Check your draft against the rubric</legend>",
        ]
        for i, item in enumerate(question.rubric):
            rid = f"{key}--rubric-{i}"
            lines.append(
                f'<div markdown="span"><input type="checkbox" id="{rid}" data-rubric="{i}"><label for="{rid}">{span(item)}</label></div>'
            )
        lines.append("</fieldset>")
    for example in question.examples:
        lines += [
            '<details class="workspace-examples" markdown="1">',
            "<summary>Compare with example answers</summary>",
            "",
            f'--8<-- "{EXAMPLES_DIR}/{example}.md"',
            "",
            "</details>",
        ]
    lines += [
        '<noscript><p class="workspace-noscript">This box is not saved while JavaScript is off: '
        "write your answer somewhere else too.</p></noscript>",
        '<p class="workspace-status" role="status"></p>',
        "</div>",
    ]
    return lines


def _num(value: int | None) -> str | None:
    return None if value is None else str(value)


def manifest(banks: dict[str, Bank]) -> str:
    """Every written task, in bank order, as JSON for the download: titles, fields and limits."""
    tasks = []
    for bank in banks.values():
        for q in bank.questions:
            if q.type != "reflection":
                continue
            tasks.append(
                {
                    "key": f"{bank.name}#{q.id}",
                    "title": q.title or q.id.replace("-", " ").capitalize(),
                    "min": q.words.min,
                    "max": q.words.max,
                    "fields": [
                        {"id": f.id, "label": f.label, "min": f.words.min, "max": f.words.max} for f in fields_of(q)
                    ],
                }
            )
    return json.dumps(tasks, ensure_ascii=False)
