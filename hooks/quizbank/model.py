"""The bank format as data: one class per question type, each declaring the YAML keys it carries.

A question class is the single description of its type. Each field declared with `key(...)`
is a YAML key of that type: `bankformat.py` reads it with the named reader, the keys a type
accepts and the keys it requires come from these declarations, and tests/unit/test_schema.py
checks quizzes/schema.json against them. Checks that involve several keys (exactly one
correct option, a blank in the question) are each class's `check`; its markup is its `render`.
Adding a type is one class here plus its entry in QUESTION_TYPES; adding a key is one field.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple

from .blanks import Accepted, BlankSyntaxError, read_blank
from .ids import answer_key, fingerprint, text_key
from .matching import render_matching
from .ordering import render_ordering
from .selfcheck import RenderOptions, render_choice, render_fill_blank
from .text import find_blanks
from .written_task import render_written_task

if TYPE_CHECKING:
    from .nodes import Entry, NodeReader

QuestionType = str  # a name in the registry (types/__init__.py), which alone lists them
# How a key's YAML value is read: the name of a reader method of bankformat.BankReader.
Reader = Literal[
    "text",
    "boolean",
    "paragraphs",
    "options",
    "word_limits",
    "text_list",
    "example_names",
    "fields",
    "items",
    "pairs",
    "pool",
]


@dataclass(frozen=True)
class KeyReader:
    """How a type of its own reads a key's YAML value (`read`), and what JSON Schema says of the value (`schema`).

    `read(reader, entry, key)` appends its problems to the reader (a `nodes.NodeReader`) and returns
    the value; `defs` are the schema definitions `schema` refers to (`#/$defs/<name>`).
    """

    read: Callable[[NodeReader, Entry, str], Any]
    schema: dict[str, Any]
    defs: dict[str, dict[str, Any]] = field(default_factory=dict)


def key(reader: Reader | KeyReader, *, default: Any = MISSING) -> Any:
    """Declare a YAML key of a question type; without a default, the key is required."""
    return field(default=default, metadata={"reader": reader})


class Mark(NamedTuple):
    """An answer's mark: right or not, and its partial credit (0 to 1; `correct` is credit 1)."""

    correct: bool
    credit: float


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class WordLimits:
    min: int | None = None
    max: int | None = None


NO_LIMITS = WordLimits()


@dataclass(frozen=True)
class Field:
    """One labelled part of a structured written answer (e.g. "Task 1" of the application task)."""

    id: str
    label: str
    words: WordLimits = NO_LIMITS


@dataclass(frozen=True)
class Pair:
    """A matching question's prompt and the answer that belongs to it; `line` for located errors."""

    prompt: str
    answer: str
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Pool:
    """The idea a question is one variant of: each student sees `draw` of the pool's variants."""

    id: str
    draw: int = 1
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Finding:
    """A problem found by a question's own `check`: on `line` if given, else the line of `at` (a key, or the question)."""

    at: str
    what: str
    fix: str
    line: int = 0


# How many items an ordering question, or prompts a matching question, may have.
FEWEST, MOST = 3, 8


def _count(at: str, what: str, n: int) -> Iterator[Finding]:
    if not FEWEST <= n <= MOST:
        yield Finding(
            at,
            f"{what} needs {FEWEST} to {MOST} {at}, found {n}.",
            f"write between {FEWEST} and {MOST} {at}; split a longer sequence into two questions.",
        )


@dataclass(frozen=True, kw_only=True)
class Question:
    """What every question has. `id` and `line` come from the bank, not from a declared key."""

    type: ClassVar[QuestionType]
    # Its role on a page: "quiz", a self-check the browser marks; "written-task", answer boxes.
    role: ClassVar[Literal["quiz", "written-task"]] = "quiz"

    id: str
    line: int
    # The bank it was read from ("part-1"): a calculated question draws its variants by it.
    bank: str = field(default="", compare=False)
    question: str = key("text")
    explanation: str = key("text", default="")
    # For the LMS export only, on purpose: no page shows it, and `make check` does not warn that none does.
    export_only: bool = key("boolean", default=False)

    def check(self) -> Iterator[Finding]:
        """Problems that involve several keys; none by default."""
        return iter(())

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class SelfCheck(Question):
    """A question the browser marks: it may offer hints, revealed one at a time before answering."""

    hints: tuple[str, ...] = key("paragraphs", default=())
    # Several questions with the same pool id test one idea: a student is shown `draw` of them.
    pool: Pool | None = key("pool", default=None)

    def identity(self) -> tuple[str, str]:
        """(fingerprint, answer key): what a saved result belongs to, and what it was marked against.

        A new fingerprint (reworded question, other options) sets saved results aside; a new
        answer key (another right option, another accepted form) marks them again.
        """
        options: tuple[Option, ...] = getattr(self, "options", ())
        return (
            fingerprint(self.type, self.question, options),
            answer_key(*sorted(text_key(o.text) for o in options if o.correct)),
        )

    def grade(self) -> dict[str, Any]:
        """The key a re-keyed saved answer is marked against where the page is not open.

        Listed in the course manifest for quizbank/marking.js; the same key the page's markup
        carries. Choices: the right options' keys.
        """
        options: tuple[Option, ...] = getattr(self, "options", ())
        return {"right": sorted(text_key(o.text) for o in options if o.correct)}


@dataclass(frozen=True, kw_only=True)
class Choice(SelfCheck):
    select_all: ClassVar[bool] = False  # checkboxes ("select all that apply") rather than radio buttons

    options: tuple[Option, ...] = key("options")
    # Shown in an order of their own (fixed per question), unless the written order matters.
    shuffle: bool = key("boolean", default=True)

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        return render_choice(bank, self, options)


@dataclass(frozen=True, kw_only=True)
class Single(Choice):
    type: ClassVar[QuestionType] = "single"

    def check(self) -> Iterator[Finding]:
        correct = [i + 1 for i, o in enumerate(self.options) if o.correct]
        if self.options and len(correct) != 1:
            found = "none" if not correct else f"{len(correct)} (options {', '.join(map(str, correct))})"
            yield Finding(
                "options",
                f"a single-choice question needs exactly one correct option, found {found}.",
                "mark exactly one option 'correct: true', or use 'type: multiple' if several are right.",
            )


@dataclass(frozen=True, kw_only=True)
class Multiple(Choice):
    type: ClassVar[QuestionType] = "multiple"
    select_all: ClassVar[bool] = True

    def grade(self) -> dict[str, Any]:
        # Every option too: partial credit counts the options set right, ticked or left.
        return {**super().grade(), "options": sorted(text_key(o.text) for o in self.options)}

    def check(self) -> Iterator[Finding]:
        if self.options and not any(o.correct for o in self.options):
            yield Finding(
                "options",
                "a multiple-choice question needs at least one correct option, found none.",
                "mark the right options 'correct: true'.",
            )


@dataclass(frozen=True, kw_only=True)
class TrueFalse(SelfCheck):
    type: ClassVar[QuestionType] = "true-false"
    select_all: ClassVar[bool] = False
    shuffle: ClassVar[bool] = False  # True, then False: the order carries nothing

    answer: bool = key("boolean")
    feedback_true: str = key("text", default="")
    feedback_false: str = key("text", default="")

    @property
    def options(self) -> tuple[Option, Option]:
        """The two options a student sees, as a choice question would have them."""
        return (
            Option("True", self.answer is True, self.feedback_true),
            Option("False", self.answer is False, self.feedback_false),
        )

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        return render_choice(bank, self, options)


@dataclass(frozen=True, kw_only=True)
class FillBlank(SelfCheck):
    type: ClassVar[QuestionType] = "fill-blank"

    def check(self) -> Iterator[Finding]:
        blanks = find_blanks(self.question)
        if self.question.strip() and not blanks:
            yield Finding(
                "question",
                "a fill-blank question has no blank.",
                "mark each answer with double brackets, e.g. 'The engine is [[ONNX Runtime]].' "
                "(brackets inside `code` do not count).",
            )
        for blank in blanks:
            if not blank.answer.strip():
                yield Finding(
                    "question", "a blank has no answer inside its brackets.", "write the answer between [[ and ]]."
                )
                continue
            try:
                read_blank(blank.answer)
            except BlankSyntaxError as err:
                yield Finding(
                    "question",
                    f"{err}.",
                    "write alternatives as [[ONNX Runtime|ONNXRuntime]] (a backslash before a bar, \\|, "
                    "for a literal bar), or a number with a tolerance as [[0.84 ± 0.01]].",
                )

    @property
    def accepted(self) -> tuple[Accepted, ...]:
        """What each blank accepts, in order (a bank that loaded has only readable blanks)."""
        return tuple(read_blank(b.answer) for b in find_blanks(self.question))

    def identity(self) -> tuple[str, str]:
        # The fingerprint leaves the answers out: a new accepted form marks saved answers again
        # rather than setting them aside.
        return fingerprint(self.type, self.without_answers), answer_key(*(a.as_json() for a in self.accepted))

    def grade(self) -> dict[str, Any]:
        # What each blank accepts, in order, as the page's data-accept has it.
        return {"blanks": [json.loads(a.as_json()) for a in self.accepted]}

    @property
    def without_answers(self) -> str:
        text = self.question
        for b in reversed(find_blanks(self.question)):
            text = text[: b.start] + "[[]]" + text[b.end :]
        return text

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        return render_fill_blank(bank, self, options)


@dataclass(frozen=True, kw_only=True)
class Ordering(SelfCheck):
    """Put 3–8 items in order; `items` are written in the right order and shown in another."""

    type: ClassVar[QuestionType] = "ordering"

    items: tuple[str, ...] = key("items")

    def check(self) -> Iterator[Finding]:
        return _count("items", "an ordering question", len(self.items))

    def identity(self) -> tuple[str, str]:
        # The set of items is the question; their right order is the answer key.
        return (
            fingerprint(self.type, self.question, (Option(i) for i in self.items)),
            answer_key(*(text_key(i) for i in self.items)),
        )

    def grade(self) -> dict[str, Any]:
        return {"order": [text_key(i) for i in self.items]}  # the right order (the page's data-order)

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        return render_ordering(bank, self, options)


@dataclass(frozen=True, kw_only=True)
class Matching(SelfCheck):
    """Match each of 3–8 prompts to one of the answers; `distractors` are answers no prompt takes."""

    type: ClassVar[QuestionType] = "matching"

    pairs: tuple[Pair, ...] = key("pairs")
    distractors: tuple[str, ...] = key("items", default=())
    # May two prompts share an answer (e.g. sorting terms into categories)?
    reuse: bool = key("boolean", default=False)

    @property
    def answers(self) -> tuple[str, ...]:
        """Every answer a prompt can be matched to, each once: the pairs' answers, then the distractors."""
        seen: dict[str, str] = {}
        for text in (*(p.answer for p in self.pairs), *self.distractors):
            seen.setdefault(text_key(text), text)
        return tuple(seen.values())

    def check(self) -> Iterator[Finding]:
        yield from _count("pairs", "a matching question", len(self.pairs))
        first: dict[str, Pair] = {}
        for pair in self.pairs:
            earlier = first.setdefault(text_key(pair.answer), pair)
            if earlier is not pair and not self.reuse:
                yield Finding(
                    "pairs",
                    f"the answer '{' '.join(pair.answer.split())}' is used twice (see line {earlier.line}).",
                    "give each prompt its own answer, or add 'reuse: true' if prompts may share one.",
                    pair.line,
                )
        answers = {text_key(p.answer) for p in self.pairs}
        for text in self.distractors:
            if text_key(text) in answers:
                yield Finding(
                    "distractors",
                    f"the distractor '{' '.join(text.split())}' is also a prompt's answer.",
                    "remove it from 'distractors': a prompt's answer is offered already.",
                )

    def identity(self) -> tuple[str, str]:
        # Prompts and offered answers are the question; which answer each prompt takes is the key.
        shown = (*(Option("prompt\x1f" + p.prompt) for p in self.pairs), *(Option(a) for a in self.answers))
        return (
            fingerprint(self.type, self.question, shown),
            answer_key(*(f"{text_key(p.prompt)}>{text_key(p.answer)}" for p in self.pairs)),
        )

    def grade(self) -> dict[str, Any]:
        return {"pairs": [text_key(p.answer) for p in self.pairs]}  # per prompt, its answer (data-answer)

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        return render_matching(bank, self, options)


@dataclass(frozen=True, kw_only=True)
class WrittenTask(Question):
    """A task the student answers in writing, in one or more answer boxes."""

    type: ClassVar[QuestionType] = "written-task"
    role: ClassVar[Literal["quiz", "written-task"]] = "written-task"

    title: str = key("text", default="")
    words: WordLimits = key("word_limits", default=NO_LIMITS)
    rubric: tuple[str, ...] = key("text_list", default=())
    examples: tuple[str, ...] = key("example_names", default=())
    fields: tuple[Field, ...] = key("fields", default=())

    @property
    def heading(self) -> str:
        """The task's title as students see it (the id, readable, when no title is given)."""
        return self.title or self.id.replace("-", " ").capitalize()

    @property
    def boxes(self) -> tuple[Field, ...]:
        """The answer boxes: the declared fields, or one box labelled 'Your answer'."""
        return self.fields or (Field(id="answer", label="Your answer", words=self.words),)

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        return render_written_task(bank, self)


COMMON_KEYS = ("id", "type")  # read by the bank itself, before the type is known


def keys_of(cls: type[Question]) -> dict[str, Reader | KeyReader]:
    """The YAML keys a question type accepts (beyond id and type), with their readers."""
    return {f.name: f.metadata["reader"] for f in fields(cls) if "reader" in f.metadata}


def required_keys_of(cls: type[Question]) -> tuple[str, ...]:
    """The keys a question type cannot do without: those declared without a default."""
    return tuple(
        f.name for f in fields(cls) if "reader" in f.metadata and f.default is MISSING and f.default_factory is MISSING
    )


@dataclass(frozen=True)
class Bank:
    name: str  # "part-1" or "part-1/checks": the path under quizzes/ without ".yml"
    path: str  # as shown to instructors in errors, e.g. "quizzes/part-1.yml"
    questions: tuple[Question, ...] = ()
    export_only: bool = False  # `export_only: true` beside `questions:`: every question is for the export only
    # Read with problems (listed elsewhere): `questions` holds only those that read cleanly, `unread`
    # the ids of those that did not. Only `make check` sees such a bank, to go on checking the
    # chapters against it; a build stops instead.
    damaged: bool = False
    unread: tuple[str, ...] = ()

    def get(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def may_hold(self, question_id: str) -> bool:
        """Whether a damaged bank may hold this id among what it could not read (nothing read: any id)."""
        return self.damaged and (question_id in self.unread or not (self.questions or self.unread))

    def is_export_only(self, question: Question) -> bool:
        return self.export_only or question.export_only
