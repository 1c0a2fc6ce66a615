"""QTI 1.2 and 2.1 packages, built by mkdocs-quiz's own exporter fed from the banks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from mkdocs_quiz.qti import Answer, Blank, QTIExporter, QTIVersion, Quiz, QuizCollection  # type: ignore[import-untyped]

from ..blanks import NUMBER
from ..ids import anchor, digest, question_key
from ..model import (
    Bank,
    Choice,
    FillBlank,
    Matching,
    Multiple,
    Option,
    Ordering,
    Question,
    SelfCheck,
    TrueFalse,
    WrittenTask,
)
from . import losses as L
from .interactions import OwnItems, matching_item, ordering_item
from .losses import Loss
from .text import BLANK_TOKEN_RE, equal_form, inline_html, plain_text, to_html, with_blank_tokens

QTI_VERSIONS = {"qti-1.2": QTIVersion.V1_2, "qti-2.1": QTIVersion.V2_1}
QTI_USES = {"qti-1.2": "Canvas Classic Quizzes, Blackboard, Brightspace", "qti-2.1": "Canvas New Quizzes"}

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
            losses.append(
                Loss(fmt, key, f"blank {n}: the tolerance ± {accepted.tolerance}, only {answer} is right", L.TOLERANCE)
            )
        elif accepted.others:
            others = ", ".join(f"'{a}'" for a in accepted.others)
            losses.append(
                Loss(fmt, key, f"blank {n}: the alternatives {others}, only '{answer}' is right", L.ALTERNATIVES)
            )
        if NUMBER.match(answer) and not accepted.tolerance:
            losses.append(
                Loss(fmt, key, f"blank {n}: equal forms such as {equal_form(answer)}, matched as text", L.EQUAL_FORMS)
            )
    # Inline: a one-paragraph question loses its <p>, so the parts between blanks are whole HTML.
    text = QTI_TEXT[fmt].inline(with_blank_tokens(question))
    return BLANK_TOKEN_RE.sub(lambda m: "{{BLANK_" + m.group(1) + "}}", text), blanks, losses


def qti_quiz(bank: Bank, question: Question, fmt: str) -> tuple[Quiz | None, list[Loss]]:
    """One question as mkdocs-quiz's model holds it (None if it cannot), and what it cannot hold."""
    key, ident = question_key(bank.name, question.id), anchor(bank.name, question.id)
    if isinstance(question, WrittenTask):
        return None, [
            Loss(fmt, key, "written task: the exporter holds choice and blank questions only", L.WRITTEN_TASK)
        ]
    assert isinstance(question, SelfCheck)
    text = QTI_TEXT[fmt]
    losses = [Loss(fmt, key, f"hints ({len(question.hints)}): mkdocs-quiz has none", L.HINTS)] if question.hints else []
    options: Sequence[Option] = question.options if isinstance(question, Choice | TrueFalse) else ()
    if isinstance(question, Multiple) and sum(o.correct for o in options) == 1:
        why = "select all that apply, with one right option: mkdocs-quiz makes it single choice"
        losses.append(Loss(fmt, key, why, L.ONE_RIGHT))
    blanks: list[Blank] = []
    if isinstance(question, FillBlank):
        if QTI_PLACEHOLDER.search(question.question):
            return None, [
                *losses,
                Loss(fmt, key, "its text has '{{BLANK_', which the exporter reads as a blank", L.PLACEHOLDER),
            ]
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


def qti_interaction(
    bank: Bank, question: Ordering | Matching, fmt: str, own: dict[str, str]
) -> tuple[Quiz | None, list[Loss]]:
    """An ordering or matching question: a QTI 2.1 orderInteraction or matchInteraction (its XML into `own`).

    mkdocs-quiz's exporter writes neither; in QTI 2.1 the item takes a place in its collection (for
    the manifest and the test) and OwnItems writes the XML. QTI 1.2 packages leave them out.
    """
    key, ident = question_key(bank.name, question.id), anchor(bank.name, question.id)
    losses = (
        [Loss(fmt, key, f"hints ({len(question.hints)}): QTI items here have none", L.HINTS)] if question.hints else []
    )
    if fmt != "qti-2.1":
        return None, [
            *losses,
            Loss(fmt, key, f"{question.type}: this package holds choice and blank questions only", L.NOT_IN_QTI12),
        ]
    title = qti_title(_plain(question.question))
    if isinstance(question, Ordering):
        own[ident] = ordering_item(bank.name, question, ident, title)
    else:
        own[ident] = matching_item(bank.name, question, ident, title)
    quiz = Quiz(
        question=_plain(question.question), identifier=ident, source_file=Path(bank.path), source_line=question.line
    )
    return quiz, losses


def qti_pools(banks: Sequence[Bank]) -> list[tuple[str, str, int, list[str]]]:
    """Each pool as (section identifier, "bank#pool", draw, its variants' item identifiers)."""
    pools: dict[str, tuple[str, str, int, list[str]]] = {}
    for bank in banks:
        for q in bank.questions:
            if isinstance(q, SelfCheck) and q.pool is not None:
                key = question_key(bank.name, q.pool.id)
                entry = pools.setdefault(key, (f"pool-{anchor(bank.name, q.pool.id)}", key, q.pool.draw, []))
                entry[3].append(anchor(bank.name, q.id))
    return list(pools.values())


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
    own: dict[str, str] = {}  # QTI 2.1 items written here, not by mkdocs-quiz: identifier → XML
    for bank in banks:
        for question in bank.questions:
            if isinstance(question, Ordering | Matching):
                quiz, lost = qti_interaction(bank, question, fmt, own)
            else:
                quiz, lost = qti_quiz(bank, question, fmt)
            losses += lost
            if quiz is not None:
                collection.add_quiz(quiz)
    questions = [q for b in banks for q in b.questions]
    if any(o.feedback for q in questions if isinstance(q, Choice | TrueFalse) for o in q.options):
        why = "feedback on each option: in the general feedback, as the exporter has none per answer"
        losses.append(Loss(fmt, "every question with option feedback", why, L.OPTION_FEEDBACK))
    if any(isinstance(q, Choice) and q.shuffle for q in questions):
        why = "shuffled options: the written order is kept; the LMS's quiz setting can shuffle"
        losses.append(Loss(fmt, "every choice question", why, L.SHUFFLE))
    if not QTI_TEXT[fmt].html:
        why = "formatting: the exporter writes plain text, so code, tables and emphasis are not marked"
        losses.append(Loss(fmt, "every question", why, L.FORMATTING))
    pools = qti_pools(banks)
    if pools and fmt != "qti-2.1":
        losses += [
            Loss(fmt, f"pool {title}", "every variant, with no draw: QTI 2.1 has the pools", L.POOLS)
            for _, title, _, _ in pools
        ]
    if pools and fmt == "qti-2.1":
        losses += [
            Loss(fmt, f"pool {title}", f"every variant, in a section that selects {draw}", L.POOLS)
            for _, title, draw, _ in pools
        ]
    with quote_safe_titles():
        if fmt == "qti-2.1" and (own or pools):
            exporter = OwnItems(collection, own, pools)
        else:
            exporter = QTIExporter.create(collection, QTI_VERSIONS[fmt])
        exporter.export_to_zip(path)
    return len(collection.quizzes), losses
