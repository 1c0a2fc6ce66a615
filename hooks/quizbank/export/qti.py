"""QTI 1.2 and 2.1 packages, built by mkdocs-quiz's own exporter fed from the banks.

Each question type describes its items (`qti`, export/items.py); here they become mkdocs-quiz's
`Quiz` objects, and the items a type writes itself, with the sections that select some of them
(a pool's variants, a calculated question's), are slipped into its QTI 2.1 package (`OwnItems`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from mkdocs_quiz.qti import Answer, Blank, QTIExporter, QTIVersion, Quiz, QuizCollection  # type: ignore[import-untyped]
from mkdocs_quiz.qti.qti21 import QTI21Exporter  # type: ignore[import-untyped]

from ..ids import anchor, digest, question_key
from ..model import Bank
from . import losses as L
from .items import QTI_TEXT, QtiItem, QtiPlace, QtiSection, qti_title, xml_text
from .losses import Loss

QTI_VERSIONS = {"qti-1.2": QTIVersion.V1_2, "qti-2.1": QTIVersion.V2_1}
QTI_USES = {"qti-1.2": "Canvas Classic Quizzes, Blackboard, Brightspace", "qti-2.1": "Canvas New Quizzes"}

# ── QTI 1.2 and 2.1, through mkdocs-quiz's exporter ─────────────────────────────────────────


def quiz_of(item: QtiItem, bank: Bank, line: int) -> Quiz:
    """An item as mkdocs-quiz's model holds it."""
    return Quiz(
        question=item.question,
        answers=[
            Answer(text=a.text, is_correct=a.is_correct, identifier=a.identifier, feedback=a.feedback)
            for a in item.answers
        ],
        blanks=[Blank(correct_answer=b.correct_answer, identifier=b.identifier) for b in item.blanks],
        content=item.content,
        identifier=item.identifier,
        source_file=Path(bank.path),
        source_line=line,
    )


def qti_pools(banks: Sequence[Bank]) -> list[QtiSection]:
    """Each pool as a section selecting its draw of its variants' items."""
    pools: dict[str, QtiSection] = {}
    for bank in banks:
        for q in bank.questions:
            if q.pool is not None:
                key = question_key(bank.name, q.pool.id)
                found = pools.get(key) or QtiSection(f"pool-{anchor(bank.name, q.pool.id)}", key, q.pool.draw, ())
                pools[key] = QtiSection(found.identifier, key, found.select, (*found.items, anchor(bank.name, q.id)))
    return list(pools.values())


class OwnItems(QTI21Exporter):
    """mkdocs-quiz's QTI 2.1 exporter, with the XML of some items written here (`own`: identifier → XML).

    `sections`: each becomes a section of the test that selects some of its items, so an LMS draws
    a pool's variants, or a calculated question's, as the site does.
    """

    def __init__(self, collection: object, own: dict[str, str], sections: list[QtiSection] | None = None) -> None:
        super().__init__(collection)
        self.own = own
        self.sections = sections or []

    def generate_assessment(self) -> str:
        xml: str = super().generate_assessment()
        sections = []
        for section in self.sections:
            for item in section.items:
                xml = xml.replace(f'<assessmentItemRef identifier="{item}" href="items/{item}.xml"/>\n', "", 1)
            refs = "".join(
                f'        <assessmentItemRef identifier="{i}" href="items/{i}.xml"/>\n' for i in section.items
            )
            sections.append(
                f'      <assessmentSection identifier="{section.identifier}" title="{xml_text(section.title)}" visible="true">\n'
                f'        <selection select="{section.select}"/>\n{refs}      </assessmentSection>\n'
            )
        return xml.replace("    </assessmentSection>", "".join(sections) + "    </assessmentSection>", 1)

    def generate_items(self) -> dict[str, str]:
        everything = self.collection.quizzes
        self.collection.quizzes = [q for q in everything if q.identifier not in self.own]
        try:
            items: dict[str, str] = super().generate_items()
        finally:
            self.collection.quizzes = everything
        items.update({f"items/{ident}.xml": xml for ident, xml in self.own.items()})
        # The manifest and assessment list items in collection order: so does the zip.
        return {f"items/{q.identifier}.xml": items[f"items/{q.identifier}.xml"] for q in everything}


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
    every: list[Loss] = []  # losses of a whole group ("every choice question"), listed once at the end
    own: dict[str, str] = {}  # QTI 2.1 items written here, not by mkdocs-quiz: identifier → XML
    sections: list[QtiSection] = []
    for bank in banks:
        for question in bank.questions:
            key = question_key(bank.name, question.id)
            place = QtiPlace(fmt, key, anchor(bank.name, question.id), bank.name, bank.path, question.line)
            if question.hints:
                losses.append(Loss(fmt, key, f"hints ({len(question.hints)}): QTI items here have none", L.HINTS))
            form = question.qti(place)
            for loss in form.losses:
                (every if loss.question.startswith("every ") else losses).append(loss)
            for item in form.items:
                if item.xml and fmt != "qti-2.1":
                    continue  # the type said what QTI 1.2 loses
                collection.add_quiz(quiz_of(item, bank, question.line))
                if item.xml:
                    own[item.identifier] = item.xml
            sections += form.sections
    losses += list(dict.fromkeys(every))
    if not QTI_TEXT[fmt].html:
        why = "formatting: the exporter writes plain text, so code, tables and emphasis are not marked"
        losses.append(Loss(fmt, "every question", why, L.FORMATTING))
    pools = qti_pools(banks)
    if pools and fmt != "qti-2.1":
        losses += [
            Loss(fmt, f"pool {p.title}", "every variant, with no draw: QTI 2.1 has the pools", L.POOLS) for p in pools
        ]
    if pools and fmt == "qti-2.1":
        losses += [
            Loss(fmt, f"pool {p.title}", f"every variant, in a section that selects {p.select}", L.POOLS) for p in pools
        ]
    with quote_safe_titles():
        if fmt == "qti-2.1" and (own or pools or sections):
            exporter = OwnItems(collection, own, [*sections, *pools])
        else:
            exporter = QTIExporter.create(collection, QTI_VERSIONS[fmt])
        exporter.export_to_zip(path)
    return len(collection.quizzes), losses
