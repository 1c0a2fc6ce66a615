"""Render written tasks: answer boxes with word limits, a rubric and example answers.

The markup reads well without JavaScript (prompt, limits, rubric as a list of checkboxes);
overrides/assets/javascripts/quizbank/written-task.js adds the live word count, autosave,
the download and the rest.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem
from .ids import question_key, sub_id, text_key, written_task_anchor
from .markup import attrs, block, span

if TYPE_CHECKING:
    from .model import Bank, WordLimits, WrittenTask

EXAMPLES_DIR = "includes/examples"


def limits_text(words: WordLimits) -> str:
    if words.min is not None and words.max is not None:
        return f"{words.min}–{words.max} words"
    if words.min is not None:
        return f"at least {words.min} words"
    if words.max is not None:
        return f"at most {words.max} words"
    return ""


def _num(value: int | None) -> str | None:
    return None if value is None else str(value)


def render_written_task(bank: str, task: WrittenTask) -> list[str]:
    """The lines of Markdown (with HTML) for one written task's answer boxes."""
    key = written_task_anchor(bank, task.id)
    overall = limits_text(task.words)
    several = bool(task.fields)
    lines = [
        f'<div {attrs(class_="written-task", id=key, data_task=question_key(bank, task.id), data_title=task.heading, data_min=_num(task.words.min), data_max=_num(task.words.max))} markdown="1">',
        f'<p class="written-task-title"><strong>{escape(task.heading)}</strong>'
        + (f' <span class="written-task-limits">({overall})</span>' if overall else "")
        + "</p>",
        '<div class="written-task-prompt" markdown="1">',
        *block(task.question),
        "</div>",
    ]
    for box in task.boxes:
        fid = sub_id(key, box.id)
        limit = limits_text(box.words) if several else ""
        lines += [
            f'<div {attrs(class_="written-task-field", data_field=box.id, data_min=_num(box.words.min) if several else None, data_max=_num(box.words.max) if several else None)} markdown="1">',
            f'<label for="{fid}">{span(box.label)}'
            + (f' <span class="written-task-limits">({limit})</span>' if limit else "")
            + "</label>",
            # autocomplete=off: the browser must not restore an old text into the box when the
            # student comes back through history; the saved draft is what the box shows.
            f"<textarea {attrs(id=fid, name=box.id, rows='4' if several else '8', spellcheck='true', autocomplete='off', aria_describedby=sub_id(fid, 'count'))}></textarea>",
            f'<p class="written-task-count" id="{sub_id(fid, "count")}"></p>',
            "</div>",
        ]
    if several and overall:
        lines.append(f'<p class="written-task-count written-task-total" id="{sub_id(key, "total")}"></p>')
    if task.rubric:
        lines += [
            '<fieldset class="written-task-rubric" markdown="1">',
            "<legend>Check your draft against the rubric</legend>",
        ]
        for item in task.rubric:
            tick = text_key(item)
            rid = sub_id(key, "rubric", tick)
            lines.append(
                f'<div markdown="span"><input type="checkbox" id="{rid}" data-rubric="{tick}"><label for="{rid}">{span(item)}</label></div>'
            )
        lines.append("</fieldset>")
    for example in task.examples:
        lines += [
            '<details class="written-task-examples" markdown="1">',
            "<summary>Compare with example answers</summary>",
            "",
            f'--8<-- "{EXAMPLES_DIR}/{example}.md"',
            "",
            "</details>",
        ]
    lines += [
        '<noscript><p class="written-task-noscript">This box is not saved while JavaScript is off: '
        "write your answer somewhere else too.</p></noscript>",
        '<p class="written-task-status" role="status"></p>',
        "</div>",
    ]
    return lines


def missing_examples(banks: dict[str, Bank], bases: list[Path]) -> list[Problem]:
    """A problem for every `examples:` entry naming no file in includes/examples/ (looked up as snippets look)."""

    def exists(name: str) -> bool:
        return any((base / EXAMPLES_DIR / f"{name}.md").is_file() for base in bases)

    known = sorted({p.stem for base in bases for p in (base / EXAMPLES_DIR).glob("*.md")})
    return [
        Problem(
            bank.path,
            q.line,
            f"the example set '{name}' has no file {EXAMPLES_DIR}/{name}.md.",
            f"create {EXAMPLES_DIR}/{name}.md, or use one of: {', '.join(known) or 'none yet'}.",
            q.id,
        )
        for bank in banks.values()
        for q in bank.questions
        for name in getattr(q, "examples", ())
        if not exists(name)
    ]
