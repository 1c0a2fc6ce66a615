"""A written task: answer boxes with word limits, a rubric and example answers.

The markup reads well without JavaScript (prompt, limits, rubric as a list of checkboxes);
overrides/assets/javascripts/quizbank/written-task.js adds the live word count, autosave,
the download and the rest. Nothing is marked: the class report counts the words of the drafts.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import ClassVar, cast

import yaml

from ..errors import Problem
from ..export import losses as L
from ..export.answer_key import code, indented
from ..export.gift import gift_escape, gift_general, gift_html
from ..export.items import QtiForm, QtiPlace
from ..export.losses import Loss
from ..export.text import inline_html, to_html
from ..ids import question_key, sub_id, text_key, written_task_anchor
from ..keys import SLUG, SLUG_DEFS, TEXT, TEXT_DEFS, TEXT_LIST, KeyReader, key
from ..markup import attrs, block, span
from ..model import NO_LIMITS, Bank, Field, Question, QuestionType, Role, WordLimits
from ..nodes import Entry, Mapping, NodeReader
from .frame import RenderOptions

EXAMPLES_DIR = "includes/examples"
WORDS_KEYS = ("min", "max")
FIELD_KEYS = ("id", "label", "words")

# ── Reading ────────────────────────────────────────────────────────────────────────────────


def _word_limits(r: NodeReader, entry: Entry, key: str) -> WordLimits:
    return word_limits(r, entry.value)


def word_limits(r: NodeReader, node: yaml.Node) -> WordLimits:
    limits = r.mapping(node, WORDS_KEYS, "'words'")
    if limits is None:
        return WordLimits()
    if not limits:
        r.problem(node, "'words' needs 'min', 'max' or both.", "write e.g. 'words: {min: 150, max: 200}'.")
        return WordLimits()
    lo = r.integer(limits["min"].value, "min") if "min" in limits else None
    hi = r.integer(limits["max"].value, "max") if "max" in limits else None
    if lo is not None and hi is not None and lo > hi:
        r.problem(node, f"'min' ({lo}) is larger than 'max' ({hi}).", "swap the two numbers.")
    return WordLimits(min=lo, max=hi)


def _fields(r: NodeReader, entry: Entry, key: str) -> tuple[Field, ...]:
    node = entry.value
    parts: list[Field] = []
    seen: set[str] = set()
    for fnode in r.sequence(node, "fields", "write each part as '- id: …' with a 'label: …'."):
        entries: Mapping | None = r.mapping(fnode, FIELD_KEYS, "a field")
        if entries is None:
            continue
        missing = [k for k in ("id", "label") if k not in entries]
        for k in missing:
            r.problem(fnode, f"a field has no '{k}'.", f"add '{k}: …' to the field.")
        if missing:
            continue
        fid = str(entries["id"].value.value)
        if not SLUG.match(fid):
            r.problem(
                entries["id"].value,
                f"the field id '{fid}' is not a lowercase slug.",
                "use lowercase letters, digits and single hyphens.",
            )
            continue
        if fid in seen:
            r.problem(entries["id"].value, f"two fields share the id '{fid}'.", "give each field its own id.")
            continue
        seen.add(fid)
        words = word_limits(r, entries["words"].value) if "words" in entries else WordLimits()
        parts.append(Field(id=fid, label=r.text(entries["label"].value, "label"), words=words))
    return tuple(parts)


def _example_names(r: NodeReader, entry: Entry, key: str) -> tuple[str, ...]:
    return tuple(" ".join(e.split()) for e in r.text_list(entry.value, key))


WORDS_DEFS = {
    "words": {
        "type": "object",
        "additionalProperties": False,
        "minProperties": 1,
        "properties": {"min": {"type": "integer", "minimum": 0}, "max": {"type": "integer", "minimum": 0}},
    }
}
WORDS = KeyReader(_word_limits, {"$ref": "#/$defs/words"}, WORDS_DEFS)
EXAMPLES = KeyReader(_example_names, {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/slug"}}, SLUG_DEFS)
FIELDS = KeyReader(
    _fields,
    {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/field"}},
    {
        **SLUG_DEFS,
        **TEXT_DEFS,
        **WORDS_DEFS,
        "field": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "label"],
            "properties": {
                "id": {"$ref": "#/$defs/slug"},
                "label": {"$ref": "#/$defs/text"},
                "words": {"$ref": "#/$defs/words"},
            },
        },
    },
)

# ── The markup ─────────────────────────────────────────────────────────────────────────────


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


@dataclass(frozen=True, kw_only=True)
class WrittenTask(Question):
    """A task the student answers in writing, in one or more answer boxes."""

    type: ClassVar[QuestionType] = "written-task"
    role: ClassVar[Role] = "written-task"
    label: ClassVar[str] = "written task"

    title: str = key(TEXT, default="")
    words: WordLimits = key(WORDS, default=NO_LIMITS)
    rubric: tuple[str, ...] = key(TEXT_LIST, default=())
    examples: tuple[str, ...] = key(EXAMPLES, default=())
    fields: tuple[Field, ...] = key(FIELDS, default=())

    @property
    def heading(self) -> str:
        """The task's title as students see it (the id, readable, when no title is given)."""
        return self.title or self.id.replace("-", " ").capitalize()

    @property
    def boxes(self) -> tuple[Field, ...]:
        """The answer boxes: the declared fields, or one box labelled 'Your answer'."""
        return self.fields or (Field(id="answer", label="Your answer", words=self.words),)

    def identity(self) -> tuple[str, str]:
        # Drafts are keyed by bank and task, and rubric ticks by their text: nothing is marked.
        return "", ""

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        return render_written_task(bank, self)

    def key_heading(self) -> str:
        return f"{self.label}: {self.heading}"

    def key_lines(self) -> list[str]:
        blocks = [f"**Word limit:** {limits_text(self.words)}"] if limits_text(self.words) else []
        if self.fields:
            boxes = [
                f"{n}. {indented(f.label)}" + (f" ({limits_text(f.words)})" if limits_text(f.words) else "")
                for n, f in enumerate(self.fields, 1)
            ]
            blocks += ["**Answer boxes:**", "\n".join(boxes)]
        if self.rubric:
            blocks += ["**Rubric:**", "\n".join(f"- {indented(item, '  ')}" for item in self.rubric)]
        if self.examples:
            blocks.append("**Example answers:** " + ", ".join(code(f"{EXAMPLES_DIR}/{e}.md") for e in self.examples))
        return blocks

    def gift(self, key: str) -> tuple[list[list[str]], list[Loss]]:
        """An essay whose text is what students see on the site: title, limits, prompt, answer boxes, rubric."""
        losses = []
        limits = f" ({limits_text(self.words)})" if limits_text(self.words) else ""
        parts = [f"<p><strong>{escape(self.heading)}</strong>{limits}</p>", to_html(self.question)]
        if self.fields:
            items = "".join(
                f"<li>{inline_html(f.label)}" + (f" ({limits_text(f.words)})" if limits_text(f.words) else "") + "</li>"
                for f in self.fields
            )
            parts.append(f"<p>Answer in these parts:</p><ol>{items}</ol>")
            why = f"answer boxes ({len(self.fields)}): one essay box, the parts listed in its text"
            losses.append(Loss("gift", key, why, L.ANSWER_BOXES))
        if self.words != NO_LIMITS or any(f.words != NO_LIMITS for f in self.fields):
            losses.append(
                Loss(
                    "gift", key, "word limits: in the text only, as GIFT cannot set Moodle's word limits", L.WORD_LIMITS
                )
            )
        if self.rubric:
            items = "".join(f"<li>{inline_html(r)}</li>" for r in self.rubric)
            parts.append(f"<p>Check your draft against the rubric:</p><ul>{items}</ul>")
        if self.examples:
            losses.append(
                Loss("gift", key, f"the example answers ({', '.join(self.examples)}), pages of the site", L.EXAMPLES)
            )
        head = f"::{gift_escape(f'{self.heading} ({key})')}::[html]{gift_html(''.join(parts))}{{"
        general = gift_general(self)
        return [[f"// [id:{key}]", *([head, *general, "}"] if general else [head + "}"])]], losses

    def qti(self, place: QtiPlace) -> QtiForm:
        why = "written task: the exporter holds choice and blank questions only"
        return QtiForm([], [], [Loss(place.format, place.key, why, L.WRITTEN_TASK)])


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
        if q.role == "written-task"
        for name in cast(WrittenTask, q).examples
        if not exists(name)
    ]
