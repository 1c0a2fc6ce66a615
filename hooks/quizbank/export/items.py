"""QTI items as a question type describes them, before they are written (export/qti.py).

A type's `qti(place)` returns a `QtiForm`: items for mkdocs-quiz's exporter (choices and blanks,
with their answers), items whose QTI 2.1 XML it writes itself (`xml`: ordering, matching,
calculated; the package lists them like any other), sections that select some of its items, and
what the format cannot hold. Nothing here imports mkdocs-quiz: the types stay importable without it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import unescape
from xml.sax.saxutils import escape as xml_escape

from ..model import Option
from .losses import Loss
from .text import inline_html, plain_text, to_html


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


@dataclass(frozen=True)
class QtiPlace:
    """Where a question goes: its package's format, its key ("part-1#id") and identifier, its text conversion."""

    format: str  # "qti-1.2" or "qti-2.1"
    key: str
    ident: str
    bank: str  # the bank's name
    path: str  # the bank's file, as shown
    line: int

    @property
    def text(self) -> QtiText:
        return QTI_TEXT[self.format]


@dataclass(frozen=True)
class QtiAnswer:
    text: str
    is_correct: bool
    identifier: str
    feedback: str | None = None


@dataclass(frozen=True)
class QtiBlank:
    correct_answer: str
    identifier: str


@dataclass(frozen=True)
class QtiItem:
    """One item of the package; with `xml` (QTI 2.1 only), its XML is written here, not by mkdocs-quiz."""

    identifier: str
    question: str
    answers: tuple[QtiAnswer, ...] = ()
    blanks: tuple[QtiBlank, ...] = ()
    content: str | None = None  # the general feedback
    xml: str = ""


@dataclass(frozen=True)
class QtiSection:
    """A section of the test that selects `select` of its items (a pool; a calculated question's variants)."""

    identifier: str
    title: str
    select: int
    items: tuple[str, ...]


@dataclass
class QtiForm:
    items: list[QtiItem] = field(default_factory=list)
    sections: list[QtiSection] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)


def qti_answers(ident: str, options: Sequence[Option], text: QtiText) -> tuple[QtiAnswer, ...]:
    return tuple(
        QtiAnswer(
            text=text.inline(o.text),
            is_correct=o.correct,
            identifier=f"{ident}--option-{n}",
            feedback=text.inline(o.feedback) if o.feedback else None,
        )
        for n, o in enumerate(options, 1)
    )


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


# mkdocs-quiz's exporter splits a blank question's text at these.
QTI_PLACEHOLDER = re.compile(r"\{\{BLANK_\d+\}\}")


def qti_title(question: str, max_length: int = 50) -> str:
    """An item's title, for an XML attribute: the question's first words as plain text, quotes escaped too."""
    plain = " ".join(unescape(re.sub(r"<[^>]+>", "", QTI_PLACEHOLDER.sub("_____", question))).split())
    return xml_escape(plain[:max_length], {'"': "&quot;"})


# ── QTI 2.1 items written here ────────────────────────────────────────────────────────────────

NS = (
    'xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/imsqti_v2p1.xsd"'
)
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"


def xml_text(markdown_text: str) -> str:
    """Bank Markdown as the plain text every QTI 2.1 item holds, escaped for XML."""
    return xml_escape(plain_text(to_html(markdown_text)), {'"': "&quot;"})


def item_xml(
    ident: str, title: str, response: str, body: str, explanation: str, processing: str = "", outcomes: str = ""
) -> str:
    """A whole assessmentItem: its response declaration, body and general feedback.

    `processing`: the item's own responseProcessing (default: the match_correct template).
    """
    explanation = explanation if explanation.strip() else ""
    processing = processing or f'  <responseProcessing template="{MATCH_CORRECT}"/>\n'
    feedback = (
        '  <outcomeDeclaration identifier="FEEDBACK" cardinality="single" baseType="identifier"/>\n'
        if explanation
        else ""
    )
    modal = (
        f'  <modalFeedback outcomeIdentifier="FEEDBACK" showHide="show" identifier="general"><div>{xml_text(explanation)}</div></modalFeedback>\n'
        if explanation
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<assessmentItem {NS} identifier="{ident}" title="{title}" adaptive="false" timeDependent="false">\n'
        f"{response}"
        '  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">'
        "<defaultValue><value>0</value></defaultValue></outcomeDeclaration>\n"
        f"{outcomes}"
        f"{feedback}"
        f"  <itemBody>\n{body}  </itemBody>\n"
        f"{processing}"
        f"{modal}"
        "</assessmentItem>\n"
    )
