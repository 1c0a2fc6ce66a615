"""What every question type shares: the `Question` protocol, the values its keys hold, and the bank.

A type is one module of `types/`, registered by one line in `types/__init__.py`. Its class (a
`Question`, or a `SelfCheck` for a question the browser marks) declares its YAML keys as fields
with `key(reader)` (keys.py), and answers every question the rest of the project asks of a type:
its cross-key checks (`check`), its identity (`identity`), its markup (`render`), its browser key
(`grade`) and how an answer is marked against it (`mark`), its answer-key lines, its GIFT and QTI
forms (or what they lose), what the class report tallies of a first answer, and samples for the
tests. The core (bankformat, manifest, export, report, progress, preview, schema) calls these and
never asks which class a question is. Nothing here renders.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import MISSING, dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple

from .keys import BOOLEAN, PARAGRAPHS, POOL, TEXT, KeyReader, Pool, key

if TYPE_CHECKING:
    from .export.items import QtiForm, QtiPlace
    from .export.losses import Loss
    from .types.frame import RenderOptions

QuestionType = str  # a name in the registry (types/__init__.py), which alone lists them
Role = Literal["quiz", "written-task"]
Answer = Sequence[str]  # a saved answer, as the browser keeps it (DEVELOPERS.md: the progress file)


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
class Finding:
    """A problem found by a question's own `check`: on `line` if given, else the line of `at` (a key, or the question)."""

    at: str
    what: str
    fix: str
    line: int = 0


class Mark(NamedTuple):
    """An answer's mark: right or not, and its partial credit (0 to 1; `correct` is credit 1)."""

    correct: bool
    credit: float


@dataclass(frozen=True)
class Samples:
    """Answers for the tests, in the saved form: one right, some wrong, some partly right (credit strictly between 0 and 1)."""

    right: tuple[str, ...]
    wrong: tuple[tuple[str, ...], ...]
    partial: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Cell:
    count: int
    right: bool = False  # the cell of the right answer, marked ✓


@dataclass(frozen=True)
class AnswerTable:
    """What a type shows of its first answers in the class report: a table of counts (plain text; the report escapes it)."""

    caption: str
    corner: str  # the first column's heading
    heads: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Cell, ...]], ...]
    note: str = ""


@dataclass(frozen=True)
class AnswerList:
    """Typed answers several students gave alike, per part: (label, ((text, count), …)); `empty` for a part with none."""

    items: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    empty: str


class Tally:
    """What the class report counts of a question's first answers; a type with more to show keeps its own.

    `add` is called once per first answer known, with its mark. `answers` is what the report shows
    of them (None: nothing but the per-option counts, which the report keeps for every type with
    options); `common_wrong` the wrong texts typed per part (label, counts), for the flag "many
    write the same wrong answer".
    """

    def add(self, answer: tuple[str, ...], right: bool) -> None:
        pass

    def answers(self) -> AnswerTable | AnswerList | None:
        return None

    def common_wrong(self) -> list[tuple[str, Counter[str]]]:
        return []


@dataclass(frozen=True, kw_only=True)
class Question:
    """What every question has. `id`, `line` and `bank` come from the bank, not from a declared key."""

    type: ClassVar[QuestionType]
    # Its role on a page: "quiz", a self-check the browser marks; "written-task", answer boxes.
    role: ClassVar[Role] = "quiz"
    # How the answer key and the preview name the type ("single choice").
    label: ClassVar[str]
    # Whether a first answer may choose several of its options (report_options): checkboxes.
    select_all: ClassVar[bool] = False

    id: str
    line: int
    # The bank it was read from ("part-1"): a calculated question draws its variants by it.
    bank: str = field(default="", compare=False)
    question: str = key(TEXT)
    explanation: str = key(TEXT, default="")
    # For the LMS export only, on purpose: no page shows it, and `make check` does not warn that none does.
    export_only: bool = key(
        BOOLEAN,
        default=False,
        doc="true: for the LMS export only, on purpose. No page shows it and no marker may place it; `make check` "
        "does not warn that none does.",
    )
    # Declared as keys by self-checks; a written task has neither.
    hints: tuple[str, ...] = field(default=())
    pool: Pool | None = field(default=None)

    # ── reading ──

    def check(self) -> Iterator[Finding]:
        """Problems that involve several keys; none by default."""
        return iter(())

    # ── the site ──

    def identity(self) -> tuple[str, str]:
        """(fingerprint, answer key): what a saved result belongs to, and what it was marked against.

        A new fingerprint (reworded question, other options) sets saved results aside; a new
        answer key (another right option, another accepted form) marks them again.
        """
        raise NotImplementedError

    def grade(self) -> dict[str, Any] | None:
        """The browser's key: what the page's `data-grade` and course.json carry (None: nothing to mark)."""
        return None

    @staticmethod
    def mark(grade: Any, answer: Any) -> Mark | None:
        """An answer (as saved) against a grade: the site's mark, rule for rule; None when the grade cannot be read."""
        return None

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        raise NotImplementedError

    # ── the answer key (export/answer_key.py, and the preview) ──

    def key_heading(self) -> str:
        """What follows the question's key in its heading ("single choice")."""
        return self.label

    def key_text(self) -> str:
        """The question's text as the answer key shows it."""
        return self.question

    def key_lines(self) -> list[str]:
        """The blocks of Markdown under the question's text in the answer key: its answers."""
        raise NotImplementedError

    # ── the exports ──

    def gift(self, key: str) -> tuple[list[list[str]], list[Loss]]:
        """The GIFT questions (each a list of lines) it becomes, and what they cannot hold."""
        raise NotImplementedError

    def gift_category(self) -> str:
        """A category of its own for the GIFT questions it becomes, under its bank's (or its pool's); "" for none."""
        return ""

    def qti(self, place: QtiPlace) -> QtiForm:
        """The QTI items it becomes in one package (`place.format`), and what they cannot hold."""
        raise NotImplementedError

    # ── the class report ──

    def report_options(self) -> list[tuple[str, str, bool]]:
        """(key, text, right) of each option a first answer may choose, in bank order: counted per option."""
        return []

    def tally(self) -> Tally:
        return Tally()

    def guess_chance(self) -> float:
        """The chance that a blind guess is right at first try (Moodle's random guess score)."""
        return 0.0

    # ── the tests ──

    def samples(self) -> Samples:
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class SelfCheck(Question):
    """A question the browser marks: it may offer hints, revealed one at a time before answering."""

    hints: tuple[str, ...] = key(
        PARAGRAPHS,
        default=(),
        doc="Hints, revealed one at a time before the student answers: each one paragraph of Markdown that "
        "nudges without giving the answer away.",
    )
    # Several questions with the same pool id test one idea: a student is shown `draw` of them.
    pool: Pool | None = key(POOL, default=None)

    def grade(self) -> dict[str, Any]:
        raise NotImplementedError


COMMON_KEYS = ("id", "type")  # read by the bank itself, before the type is known


def keys_of(cls: type[Question]) -> dict[str, KeyReader]:
    """The YAML keys a question type accepts (beyond id and type), with their readers."""
    return {f.name: f.metadata["reader"] for f in fields(cls) if "reader" in f.metadata}


def key_schema(cls: type[Question], name: str) -> dict[str, Any]:
    """What the schema says of one key of a type: its reader's schema, the type's additions and its description."""
    found = next(f for f in fields(cls) if f.name == name)
    schema = {**found.metadata["reader"].schema, **found.metadata["schema"]}
    return {**schema, "description": found.metadata["doc"]} if found.metadata["doc"] else schema


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
