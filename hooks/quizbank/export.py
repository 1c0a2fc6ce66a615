"""Export the banks for a learning management system, and a printable answer key (`make export`).

Writes into one folder (dist/ by default: outside docs/, so the site never publishes it):

- `qti-1.2.zip`, `qti-2.1.zip`: every self-check, built by mkdocs-quiz's own exporter
  (`mkdocs_quiz.qti`) fed from the banks; Canvas, Blackboard and Brightspace import these;
- `moodle.gift`: every question, one category per bank (Moodle: Question bank > Import > GIFT);
- `answer-key.md`: every question with its answers, accepted forms, feedback, hints and
  explanation, for instructors only.

What a format cannot hold is listed, "not exported to <format>: <bank#id> (<why>)", never
dropped silently. Bank text is Markdown. QTI 1.2 declares its text as HTML and GIFT is written
with `[html]`, so both get the same HTML, rendered once here: an LMS shows HTML alike
everywhere, whereas Moodle's own Markdown dialect differs from Python-Markdown in details.
QTI 2.1 gets plain text: mkdocs-quiz writes it into the item body as text, not as markup, so
HTML there would show its tags.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from xml.sax.saxutils import escape as xml_escape

import markdown  # type: ignore[import-untyped]
from mkdocs_quiz.qti import Answer, Blank, QTIExporter, QTIVersion, Quiz, QuizCollection  # type: ignore[import-untyped]

from .blanks import NUMBER, Accepted
from .errors import BankError, display_path
from .ids import anchor, digest, question_key
from .load import load_banks
from .model import NO_LIMITS, Bank, Choice, FillBlank, Multiple, Option, Question, SelfCheck, TrueFalse, WrittenTask
from .siteconfig import read_config, settings
from .text import find_blanks
from .written_task import limits_text

QTI_VERSIONS = {"qti-1.2": QTIVersion.V1_2, "qti-2.1": QTIVersion.V2_1}
QTI_USES = {"qti-1.2": "Canvas Classic Quizzes, Blackboard, Brightspace", "qti-2.1": "Canvas New Quizzes"}
GIFT_FILE = "moodle.gift"
KEY_FILE = "answer-key.md"


@dataclass(frozen=True)
class Loss:
    """Something of a question that a format cannot hold, as the command lists it."""

    format: str  # "qti-1.2", "qti-2.1" or "gift"
    question: str  # "part-1#key-benefit", or a group such as "every choice question"
    why: str

    def __str__(self) -> str:
        return f"not exported to {self.format}: {self.question} ({self.why})"


@dataclass(frozen=True)
class Report:
    written: tuple[tuple[Path, str], ...]  # (file, what it holds)
    losses: tuple[Loss, ...]

    def loss_lines(self) -> list[str]:
        """One line per format and question, its reasons joined, in the order found."""
        grouped: dict[tuple[str, str], list[str]] = {}
        for loss in self.losses:
            grouped.setdefault((loss.format, loss.question), []).append(loss.why)
        return [str(Loss(fmt, question, "; ".join(whys))) for (fmt, question), whys in grouped.items()]


# ── Text: Markdown to HTML, HTML to plain text, blanks, numbers ─────────────────────────────

# Bank text is Markdown; fenced code and tables are the extensions it uses.
MARKDOWN_EXTENSIONS = ["fenced_code", "tables"]
ONE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)
# Stands for a blank while a question is rendered: letters and digits only, so Markdown leaves it alone.
BLANK_TOKEN = "qzblank{}qz"
BLANK_TOKEN_RE = re.compile(r"qzblank(\d+)qz")


def to_html(text: str) -> str:
    return str(markdown.markdown(text.strip(), extensions=MARKDOWN_EXTENSIONS))


def inline_html(text: str) -> str:
    """HTML for an option, a feedback or a hint: one paragraph loses its <p>, to sit inline."""
    html = to_html(text)
    one = ONE_PARAGRAPH.match(html)
    return one.group(1) if one and "<p>" not in one.group(1) else html


class _TextOf(HTMLParser):
    """Collects what a reader sees of some HTML: paragraphs, list items and table rows on lines of their own."""

    BREAKS: ClassVar[dict[str, str]] = {
        "p": "\n\n",
        "pre": "\n\n",
        "table": "\n\n",
        "ul": "\n\n",
        "ol": "\n\n",
        "li": "\n",
        "tr": "\n",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.cells = 0
        self.pre = 0  # inside <pre>, newlines are the text's own

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.out.append("\n")
        elif tag == "li":
            self.out.append("- ")
        elif tag == "tr":
            self.cells = 0
        elif tag in ("td", "th"):
            self.out.append(" | " if self.cells else "")
            self.cells += 1
        elif tag == "pre":
            self.pre += 1

    def handle_endtag(self, tag: str) -> None:
        self.pre -= tag == "pre"
        self.out.append(self.BREAKS.get(tag, ""))

    def handle_data(self, data: str) -> None:
        if self.pre:
            self.out.append(data)
        elif data.strip() or "\n" not in data:  # whitespace with a newline only separates blocks
            self.out.append(data.replace("\n", " "))  # a line break inside a paragraph is a space


def plain_text(html: str) -> str:
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    text = re.sub(r"[ \t]+\n", "\n", "".join(parser.out))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def with_blank_tokens(question: FillBlank) -> str:
    """The question's Markdown with each blank replaced by BLANK_TOKEN, numbered from 0."""
    text = question.question
    for index, blank in reversed(list(enumerate(find_blanks(text)))):
        text = text[: blank.start] + BLANK_TOKEN.format(index) + text[blank.end :]
    return text


def normal_number(number: str) -> str:
    """A number as GIFT and the key write it: "0.84", never ".84", "+1" or "1e3"."""
    return format(Decimal(number), "f").lstrip("+")


def equal_form(number: str) -> str:
    """Another way of writing a number, for messages: 0.8 → 0.80, 512 → 512.0."""
    return number + ("0" if "." in number else ".0")


def tolerance_range(accepted: Accepted) -> str:
    number, tolerance = Decimal(accepted.number), Decimal(accepted.tolerance)
    return f"{normal_number(str(number - tolerance))} to {normal_number(str(number + tolerance))}"


# ── QTI 1.2 and 2.1, through mkdocs-quiz's exporter ─────────────────────────────────────────


@dataclass(frozen=True)
class QtiText:
    """How bank Markdown becomes the text the exporter is given, for one QTI version."""

    html: bool
    block: Callable[[str], str]
    inline: Callable[[str], str]


def _plain(markdown_text: str) -> str:
    return plain_text(to_html(markdown_text))


QTI_TEXT = {
    "qti-1.2": QtiText(html=True, block=to_html, inline=inline_html),
    "qti-2.1": QtiText(html=False, block=_plain, inline=_plain),
}
# mkdocs-quiz's exporter splits a blank question's text at these.
QTI_PLACEHOLDER = re.compile(r"\{\{BLANK_\d+\}\}")


def qti_answers(ident: str, options: Sequence[Option], text: QtiText) -> list[Answer]:
    return [
        Answer(
            text=text.inline(o.text),
            is_correct=o.correct,
            identifier=f"{ident}--option-{n}",
            feedback=text.inline(o.feedback) if o.feedback else None,
        )
        for n, o in enumerate(options, 1)
    ]


def qti_feedback(options: Sequence[Option], explanation: str, text: QtiText) -> str:
    """The general feedback: the feedback on each option (the exporter has no other place for it), then the explanation."""
    parts = []
    items = [(text.inline(o.text), text.inline(o.feedback)) for o in options if o.feedback]
    if items and text.html:
        parts.append("<p>On each option:</p><ul>" + "".join(f"<li>{o}: {f}</li>" for o, f in items) + "</ul>")
    elif items:
        parts.append("\n".join(["On each option:", *(f"- {o}: {f}" for o, f in items)]))
    if explanation.strip():
        parts.append(text.block(explanation))
    return ("\n" if text.html else "\n\n").join(parts)


def qti_blanks(question: FillBlank, ident: str, key: str, fmt: str) -> tuple[str, list[Blank], list[Loss]]:
    """(text with the exporter's {{BLANK_n}} placeholders, one Blank per blank, losses)."""
    blanks, losses = [], []
    for n, accepted in enumerate(question.accepted, 1):
        answer = accepted.number if accepted.tolerance else accepted.alternatives[0]
        blanks.append(Blank(correct_answer=answer, identifier=f"{ident}--blank-{n}"))
        if accepted.tolerance:
            losses.append(Loss(fmt, key, f"blank {n}: the tolerance ± {accepted.tolerance}, only {answer} is right"))
        elif accepted.others:
            others = ", ".join(f"'{a}'" for a in accepted.others)
            losses.append(Loss(fmt, key, f"blank {n}: the alternatives {others}, only '{answer}' is right"))
        if NUMBER.match(answer) and not accepted.tolerance:
            losses.append(Loss(fmt, key, f"blank {n}: equal forms such as {equal_form(answer)}, matched as text"))
    # Inline: a one-paragraph question loses its <p>, so the parts between blanks are whole HTML.
    text = QTI_TEXT[fmt].inline(with_blank_tokens(question))
    return BLANK_TOKEN_RE.sub(lambda m: "{{BLANK_" + m.group(1) + "}}", text), blanks, losses


def qti_quiz(bank: Bank, question: Question, fmt: str) -> tuple[Quiz | None, list[Loss]]:
    """One question as mkdocs-quiz's model holds it (None if it cannot), and what it cannot hold."""
    key, ident = question_key(bank.name, question.id), anchor(bank.name, question.id)
    if isinstance(question, WrittenTask):
        return None, [Loss(fmt, key, "written task: the exporter holds choice and blank questions only")]
    assert isinstance(question, SelfCheck)
    text = QTI_TEXT[fmt]
    losses = [Loss(fmt, key, f"hints ({len(question.hints)}): mkdocs-quiz has none")] if question.hints else []
    options: Sequence[Option] = question.options if isinstance(question, Choice | TrueFalse) else ()
    if isinstance(question, Multiple) and sum(o.correct for o in options) == 1:
        why = "select all that apply, with one right option: mkdocs-quiz makes it single choice"
        losses.append(Loss(fmt, key, why))
    blanks: list[Blank] = []
    if isinstance(question, FillBlank):
        if QTI_PLACEHOLDER.search(question.question):
            return None, [*losses, Loss(fmt, key, "its text has '{{BLANK_', which the exporter reads as a blank")]
        body, blanks, lost = qti_blanks(question, ident, key, fmt)
        losses += lost
    else:
        body = text.block(question.question)
    quiz = Quiz(
        question=body,
        answers=qti_answers(ident, options, text),
        blanks=blanks,
        content=qti_feedback(options, question.explanation, text) or None,
        identifier=ident,
        source_file=Path(bank.path),
        source_line=question.line,
    )
    return quiz, losses


def qti_title(question: str, max_length: int = 50) -> str:
    """An item's title, for an XML attribute: the question's first words as plain text, quotes escaped too."""
    plain = " ".join(unescape(re.sub(r"<[^>]+>", "", QTI_PLACEHOLDER.sub("_____", question))).split())
    return xml_escape(plain[:max_length], {'"': "&quot;"})


@contextmanager
def quote_safe_titles() -> Iterator[None]:
    """Let the exporter use qti_title for item titles.

    mkdocs-quiz 1.7.1 writes a question's first 50 characters into the item's title="…"
    escaping &, < and > but not the double quote, so a question with a quotation near its
    start would make the item unreadable XML (tests/corpus/good/export-trap.yml has one).
    """
    from mkdocs_quiz.qti import qti12, qti21

    saved = qti12.make_title, qti21.make_title
    qti12.make_title = qti21.make_title = qti_title
    try:
        yield
    finally:
        qti12.make_title, qti21.make_title = saved


def write_qti(banks: Sequence[Bank], path: Path, fmt: str, title: str) -> tuple[int, list[Loss]]:
    """Write one QTI package; (number of items, losses)."""
    collection = QuizCollection(
        title=title,
        description=f"The self-checks of {title}, exported from its quiz banks.",
        identifier=f"assessment-{digest(title)}",
    )
    losses: list[Loss] = []
    for bank in banks:
        for question in bank.questions:
            quiz, lost = qti_quiz(bank, question, fmt)
            losses += lost
            if quiz is not None:
                collection.add_quiz(quiz)
    questions = [q for b in banks for q in b.questions]
    if any(o.feedback for q in questions if isinstance(q, Choice | TrueFalse) for o in q.options):
        why = "feedback on each option: in the general feedback, as the exporter has none per answer"
        losses.append(Loss(fmt, "every question with option feedback", why))
    if any(isinstance(q, Choice) and q.shuffle for q in questions):
        why = "shuffled options: the written order is kept; the LMS's quiz setting can shuffle"
        losses.append(Loss(fmt, "every choice question", why))
    if not QTI_TEXT[fmt].html:
        why = "formatting: the exporter writes plain text, so code, tables and emphasis are not marked"
        losses.append(Loss(fmt, "every question", why))
    with quote_safe_titles():
        QTIExporter.create(collection, QTI_VERSIONS[fmt]).export_to_zip(path)
    return len(collection.quizzes), losses


# ── Moodle GIFT ─────────────────────────────────────────────────────────────────────────────

GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")
# Moodle's grade list: at import, a weight off the list is an error ("Match grades: error").
MOODLE_GRADES = (
    100,
    90,
    80,
    75,
    70,
    60,
    50,
    40,
    30,
    25,
    20,
    10,
    5,
    500 / 6,
    200 / 3,
    100 / 3,
    100 / 6,
    100 / 7,
    12.5,
    100 / 9,
)
FORMAT_MARKER = re.compile(r"\[(?:html|markdown|plain|moodle)\]")


def gift_escape(text: str) -> str:
    r"""Text as GIFT holds it: a backslash before each of \ ~ = # { } :, and each newline as \n.

    Newlines are escaped because a blank line ends a question: every text stays on one line.
    """
    return GIFT_SPECIAL.sub(r"\\\1", text).replace("\n", r"\n")


def gift_html(html: str) -> str:
    """HTML as GIFT text. A leading '[' could read as a format ([plain]), a leading '%' as a weight: entities are inert."""
    if html.startswith(("[", "%")):
        html = f"&#{ord(html[0])};" + html[1:]
    return gift_escape(html)


def gift_feedback(markdown_text: str) -> str:
    return "#" + gift_html(inline_html(markdown_text)) if markdown_text.strip() else ""


def gift_general(question: Question) -> list[str]:
    """The general feedback line (`####…`), from the explanation."""
    return ["####" + gift_html(to_html(question.explanation))] if question.explanation.strip() else []


def gift_weight(weight: float) -> str:
    return f"{weight:.5f}".rstrip("0").rstrip(".")


def gift_choice(question: Choice, key: str) -> tuple[list[str], list[Loss]]:
    """Single choice as `=right ~wrong`; select-all-that-apply with weights only, which Moodle shows as checkboxes."""
    losses = []
    if not question.shuffle:
        losses.append(Loss("gift", key, "the fixed option order: Moodle shuffles unless the quiz says not to"))
    if not isinstance(question, Multiple):
        marks = ["=" if o.correct else "~" for o in question.options]
    else:
        # Right options share 100%, wrong ones -100%: choosing every option scores 0.
        right = sum(o.correct for o in question.options)
        wrong = len(question.options) - right
        weights = {True: 100 / right, False: -100 / wrong if wrong else 0.0}
        for weight in sorted({abs(w) for w in weights.values() if w}):
            if not any(abs(weight - g) < 0.00001 for g in MOODLE_GRADES):
                why = f"the weight {gift_weight(weight)}% is not on Moodle's grade list: import with 'nearest grade'"
                losses.append(Loss("gift", key, why))
        marks = [f"~%{gift_weight(weights[o.correct])}%" for o in question.options]
    lines = [
        m + gift_html(inline_html(o.text)) + gift_feedback(o.feedback)
        for m, o in zip(marks, question.options, strict=True)
    ]
    return lines, losses


def gift_true_false(question: TrueFalse) -> str:
    # Moodle reads {T#a#b} as a: the feedback on a wrong answer, b: on the right one.
    right, wrong = (question.feedback_true, question.feedback_false)[:: 1 if question.answer else -1]
    return (
        ("T" if question.answer else "F") + (gift_feedback(wrong) or "#" * bool(right.strip())) + gift_feedback(right)
    )


def gift_short_answer(alternative: str) -> str | None:
    r"""One accepted answer as a Moodle short answer, or None when Moodle cannot hold it as written.

    `*` is Moodle's wildcard (a literal one is `\*`); a leading '%' would read as a weight, so it
    gets an explicit 100%; '->' beside '=' makes Moodle read a matching question.
    """
    if "->" in alternative or FORMAT_MARKER.match(alternative):
        return None
    weight = "%100%" if alternative.startswith("%") else ""
    return "=" + weight + gift_escape(alternative.replace("*", r"\*"))


def gift_answer_set(accepted: Accepted, key: str, n: int) -> tuple[str, list[Loss]]:
    """What goes between { and } for one blank: numerical {#0.84:0.01} or {#=1 =2}, else short answer {=a =b}."""
    if accepted.tolerance:
        return f"#{normal_number(accepted.number)}:{normal_number(accepted.tolerance)}", []
    if all(NUMBER.match(a) for a in accepted.alternatives):
        numbers = [normal_number(a) for a in accepted.alternatives]
        return "#" + (numbers[0] if len(numbers) == 1 else " ".join(f"={x}" for x in numbers)), []
    answers, losses = [], []
    for alternative in accepted.alternatives:
        held = gift_short_answer(alternative)
        if held is None:
            losses.append(Loss("gift", key, f"blank {n}: the answer '{alternative}', which Moodle would misread"))
        else:
            answers.append(held)
    numbers = [a for a in accepted.alternatives if NUMBER.match(a)]
    if numbers:
        forms = ", ".join(f"{equal_form(x)} for {x}" for x in numbers)
        losses.append(Loss("gift", key, f"blank {n}: equal forms such as {forms}, as a short answer matches text"))
    return " ".join(answers), losses


def _numbered_gap(match: re.Match[str]) -> str:
    return f"({int(match.group(1)) + 1}) _____"


def gift_fill_blank(question: FillBlank, key: str) -> tuple[list[list[str]], list[Loss]]:
    """One GIFT question per blank, as GIFT holds one answer set per question; the other blanks show as "(2) _____"."""
    html = to_html(with_blank_tokens(question))
    accepted = question.accepted
    several = len(accepted) > 1
    losses = []
    if several:
        losses.append(Loss("gift", key, f"{len(accepted)} blanks in one question: one GIFT question per blank"))
    out = []
    for index, acc in enumerate(accepted):
        answers, lost = gift_answer_set(acc, key, index + 1)
        losses += lost
        if not answers:  # `{}` would be an essay
            losses.append(Loss("gift", key, f"blank {index + 1}: none of its answers, so it is left out"))
            continue
        before, after = (BLANK_TOKEN_RE.sub(_numbered_gap, part) for part in html.split(BLANK_TOKEN.format(index), 1))
        title = f"{key} (blank {index + 1} of {len(accepted)})" if several else key
        stem = before + (f"({index + 1}) " if several else "")
        out.append(
            [
                f"// [id:{title}]",
                f"::{gift_escape(title)}::[html]{gift_html(stem)}{{",
                answers,
                *gift_general(question),
                "}" + gift_escape(after),
            ]
        )
    return out, losses


def gift_written_task(task: WrittenTask, key: str) -> tuple[list[str], list[Loss]]:
    """An essay whose text is what students see on the site: title, limits, prompt, answer boxes, rubric."""
    losses = []
    limits = f" ({limits_text(task.words)})" if limits_text(task.words) else ""
    parts = [f"<p><strong>{escape(task.heading)}</strong>{limits}</p>", to_html(task.question)]
    if task.fields:
        items = "".join(
            f"<li>{inline_html(f.label)}" + (f" ({limits_text(f.words)})" if limits_text(f.words) else "") + "</li>"
            for f in task.fields
        )
        parts.append(f"<p>Answer in these parts:</p><ol>{items}</ol>")
        why = f"answer boxes ({len(task.fields)}): one essay box, the parts listed in its text"
        losses.append(Loss("gift", key, why))
    if task.words != NO_LIMITS or any(f.words != NO_LIMITS for f in task.fields):
        losses.append(Loss("gift", key, "word limits: in the text only, as GIFT cannot set Moodle's word limits"))
    if task.rubric:
        items = "".join(f"<li>{inline_html(r)}</li>" for r in task.rubric)
        parts.append(f"<p>Check your draft against the rubric:</p><ul>{items}</ul>")
    if task.examples:
        losses.append(Loss("gift", key, f"the example answers ({', '.join(task.examples)}), pages of the site"))
    head = f"::{gift_escape(f'{task.heading} ({key})')}::[html]{gift_html(''.join(parts))}{{"
    general = gift_general(task)
    return [f"// [id:{key}]", *([head, *general, "}"] if general else [head + "}"])], losses


def gift_question(bank: Bank, question: Question) -> tuple[list[list[str]], list[Loss]]:
    """The GIFT questions (each a list of lines) for one bank question, and what they cannot hold."""
    key = question_key(bank.name, question.id)
    if isinstance(question, WrittenTask):
        lines, losses = gift_written_task(question, key)
        return [lines], losses
    assert isinstance(question, SelfCheck)
    losses = [Loss("gift", key, f"hints ({len(question.hints)}): GIFT has none")] if question.hints else []
    if isinstance(question, FillBlank):
        questions, lost = gift_fill_blank(question, key)
        return questions, losses + lost
    if isinstance(question, TrueFalse):
        answers = [gift_true_false(question)]
    else:
        assert isinstance(question, Choice)
        answers, lost = gift_choice(question, key)
        losses += lost
    stem = f"::{gift_escape(key)}::[html]{gift_html(to_html(question.question))}{{"
    return [[f"// [id:{key}]", stem, *answers, *gift_general(question), "}"]], losses


def gift_file(banks: Sequence[Bank], title: str) -> tuple[str, int, list[Loss]]:
    """The whole GIFT file, the number of questions in it, and the losses."""
    out = [
        f"// {title}: the quiz banks in Moodle's GIFT format, written by `make export`. Edit the banks, not this.",
        "// Import: Question bank > Import > GIFT format, with 'Get category from file' ticked.",
        "",
    ]
    count, losses = 0, []
    for bank in banks:
        out += [f"$CATEGORY: {bank.name}", ""]
        for question in bank.questions:
            questions, lost = gift_question(bank, question)
            losses += lost
            count += len(questions)
            out += [line for lines in questions for line in (*lines, "")]
    return "\n".join(out), count, losses


# ── The answer key ──────────────────────────────────────────────────────────────────────────

TYPE_NAMES = {
    "single": "single choice",
    "multiple": "select all that apply",
    "true-false": "true or false",
    "fill-blank": "fill in the blanks",
    "written-task": "written task",
}


def code(text: str) -> str:
    """Text as a Markdown code span, exactly as typed: fenced by more backticks than any run inside."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def indented(text: str, by: str = "   ") -> str:
    """Text for a list item: its later lines indented to stay in the item."""
    return text.strip().replace("\n", "\n" + by)


def key_blank(n: int, accepted: Accepted) -> str:
    if accepted.tolerance:
        return f"{n}. any number from {tolerance_range(accepted)} ({code(accepted.shown)})"
    also = "; also accepted: " + ", ".join(code(a) for a in accepted.others) if accepted.others else ""
    return f"{n}. {code(accepted.alternatives[0])}{also}"


def key_answers(question: Question) -> list[str]:
    """The blocks of Markdown under a question's text: its answers, and for a written task what it asks for."""
    if isinstance(question, FillBlank):
        return ["**Blanks:**", "\n".join(key_blank(n, a) for n, a in enumerate(question.accepted, 1))]
    if isinstance(question, TrueFalse):
        blocks = [f"**Answer:** {'True' if question.answer else 'False'}"]
        for value, feedback in (("True", question.feedback_true), ("False", question.feedback_false)):
            blocks += [f"**Feedback on {value}:** {feedback.strip()}"] if feedback.strip() else []
        return blocks
    if isinstance(question, Choice):
        order = "shown shuffled" if question.shuffle else "shown in this order"
        blocks = [f"**Options** ({order}; ✓ right, ✗ wrong):"]
        for n, option in enumerate(question.options, 1):
            feedback = f"\n\n   *Feedback:* {indented(option.feedback)}" if option.feedback.strip() else ""
            blocks.append(f"{n}. {'✓' if option.correct else '✗'} {indented(option.text)}{feedback}")
        return blocks
    assert isinstance(question, WrittenTask)
    blocks = [f"**Word limit:** {limits_text(question.words)}"] if limits_text(question.words) else []
    if question.fields:
        boxes = [
            f"{n}. {indented(f.label)}" + (f" ({limits_text(f.words)})" if limits_text(f.words) else "")
            for n, f in enumerate(question.fields, 1)
        ]
        blocks += ["**Answer boxes:**", "\n".join(boxes)]
    if question.rubric:
        blocks += ["**Rubric:**", "\n".join(f"- {indented(item, '  ')}" for item in question.rubric)]
    if question.examples:
        blocks.append("**Example answers:** " + ", ".join(code(f"includes/examples/{e}.md") for e in question.examples))
    return blocks


def key_entry(bank: Bank, question: Question) -> list[str]:
    """One question in the key, as blocks: heading, text, answers, hints, explanation."""
    heading = f"### {question_key(bank.name, question.id)} · {TYPE_NAMES[question.type]}"
    if isinstance(question, WrittenTask):
        heading += f": {question.heading}"
    text = question.question
    for n, blank in reversed(list(enumerate(find_blanks(text), 1)) if isinstance(question, FillBlank) else []):
        text = text[: blank.start] + f"**({n})**" + text[blank.end :]
    blocks = [heading, text.strip(), *key_answers(question)]
    hints: Sequence[str] = getattr(question, "hints", ())
    if hints:
        blocks += ["**Hints** (shown one at a time, on request):"]
        blocks.append("\n".join(f"{n}. {indented(h)}" for n, h in enumerate(hints, 1)))
    if question.explanation.strip():
        blocks += ["**Explanation:**", question.explanation.strip()]
    return blocks


def answer_key(banks: Sequence[Bank], title: str) -> str:
    blocks = [
        f"# Answer key: {title}",
        "For instructors only: never publish this file. `make export` writes it from the quiz banks;\n"
        "run it again after editing a bank.",
        "Blanks are marked ignoring case and extra spaces, and an answer that reads as a number also\n"
        "matches equal forms of it (0.8, 0.80 and .8).",
    ]
    for bank in banks:
        blocks += [f"## {bank.name}", f"From {code(bank.path)}: {len(bank.questions)} questions."]
        for question in bank.questions:
            blocks += key_entry(bank, question)
    return "\n\n".join(blocks) + "\n"


# ── The command ─────────────────────────────────────────────────────────────────────────────


def export_banks(banks: Sequence[Bank], out: Path, title: str) -> Report:
    """Write every file into `out` (created if missing); what was written, and what a format could not hold."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, str]] = []
    losses: list[Loss] = []
    for fmt in QTI_VERSIONS:
        count, lost = write_qti(banks, out / f"{fmt}.zip", fmt, title)
        written.append((out / f"{fmt}.zip", f"{count} self-checks as QTI {fmt[4:]}, for {QTI_USES[fmt]}"))
        losses += lost
    gift, count, lost = gift_file(banks, title)
    (out / GIFT_FILE).write_text(gift, encoding="utf-8")
    written.append((out / GIFT_FILE, f"{count} Moodle questions, one category per bank"))
    losses += lost
    (out / KEY_FILE).write_text(answer_key(banks, title), encoding="utf-8")
    total = sum(len(b.questions) for b in banks)
    written.append((out / KEY_FILE, f"{total} questions with their answers, for instructors only: never publish it"))
    return Report(tuple(written), tuple(losses))


def export_course(config_path: Path, out: Path) -> int:
    """Load the banks as `check` does, export them into `out`, and print what was written and what was lost."""
    root = config_path.resolve().parent
    config = read_config(config_path)
    try:
        banks = load_banks(settings(config, root)[0], root)
    except BankError as err:
        print(err.report(), file=sys.stderr)
        return 1
    try:
        report = export_banks(list(banks.values()), out, str(config.get("site_name") or "Quiz banks"))
    except OSError as err:
        print(
            f"{out}: the export cannot be written there ({err}).\n    Fix: pass another folder with -o.",
            file=sys.stderr,
        )
        return 1
    for path, what in report.written:
        print(f"Wrote {display_path(path.resolve(), Path.cwd().resolve())}: {what}.")
    if report.losses:
        print(f"\nWhat a format cannot hold (the answer key, {KEY_FILE}, has everything):")
        print("\n".join(f"  {line}" for line in report.loss_lines()))
    return 0
