"""Ordering: put 3–8 items in order, with "Move up" and "Move down" buttons.

Buttons, not dragging (WCAG 2.2, 2.5.7): a keyboard, a switch or a screen reader moves an item
as easily as a mouse. The items start in an order fixed at build time that is never the right
one (`build_order`, as choice options are shuffled). The right order is on the list as item keys
(`data-order`); a saved answer is the item keys in the order the student placed them, so it
survives any change of the starting order.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ..export import losses as L
from ..export.answer_key import indented
from ..export.gift import gift_pairs, gift_question
from ..export.items import QtiForm, QtiItem, QtiPlace, item_xml, qti_title, xml_text
from ..export.losses import Loss
from ..ids import anchor, answer_key, fingerprint, sub_id, text_key
from ..keys import ITEMS, key
from ..markup import attrs, span
from ..model import AnswerTable, Cell, Finding, Mark, Option, QuestionType, Samples, SelfCheck, Tally
from .frame import RenderOptions, build_order, graded_here

# How many items an ordering question, or prompts a matching question, may have.
FEWEST, MOST = 3, 8
ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th")


def count_finding(at: str, what: str, n: int) -> Iterator[Finding]:
    if not FEWEST <= n <= MOST:
        yield Finding(
            at,
            f"{what} needs {FEWEST} to {MOST} {at}, found {n}.",
            f"write between {FEWEST} and {MOST} {at}; split a longer sequence into two questions.",
        )


def _texts(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def mark_ordering(grade: Any, answer: Any) -> Mark | None:
    """Right when every item is in its place; credit: the share of places holding their item.

    An answer that is not an order of exactly these items (another question's, a damaged one) is wrong.
    """
    if not isinstance(grade, dict) or not _texts(grade.get("order")) or not grade["order"] or not _texts(answer):
        return None
    right = list(grade["order"])
    if sorted(answer) != sorted(right):
        return Mark(False, 0.0)
    placed = sum(a == r for a, r in zip(answer, right, strict=True))
    return Mark(placed == len(right), placed / len(right))


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


class Placed(Tally):
    """Where each item (in the right order) was put in first answers."""

    def __init__(self, items: tuple[str, ...]) -> None:
        self.items = items
        self.keys = [text_key(i) for i in items]
        self.placed: list[Counter[int]] = [Counter() for _ in items]

    def add(self, answer: tuple[str, ...], right: bool) -> None:
        where = {item: place for place, item in enumerate(answer)}
        for n, item in enumerate(self.keys):
            if item in where:
                self.placed[n][where[item]] += 1

    def answers(self) -> AnswerTable:
        places = len(self.items)
        return AnswerTable(
            "Where each item was put in first answers (✓ its right place)",
            "Item, in the right order",
            tuple(ordinal(p) for p in range(1, places + 1)),
            tuple(
                (f"{n + 1}. {text}", tuple(Cell(counts[p], p == n) for p in range(places)))
                for n, (text, counts) in enumerate(zip(self.items, self.placed, strict=True))
            ),
        )


@dataclass(frozen=True, kw_only=True)
class Ordering(SelfCheck):
    """Put 3–8 items in order; `items` are written in the right order and shown in another."""

    type: ClassVar[QuestionType] = "ordering"
    label: ClassVar[str] = "put in order"

    items: tuple[str, ...] = key(
        ITEMS,
        schema={"minItems": FEWEST, "maxItems": MOST},
        doc="3 to 8 items, written in the right order; students see them in another order and move them up and down.",
    )

    def check(self) -> Iterator[Finding]:
        return count_finding("items", "an ordering question", len(self.items))

    def identity(self) -> tuple[str, str]:
        # The set of items is the question; their right order is the answer key.
        return (
            fingerprint(self.type, self.question, (Option(i) for i in self.items)),
            answer_key(*(text_key(i) for i in self.items)),
        )

    def grade(self) -> dict[str, Any]:
        return {"order": [text_key(i) for i in self.items]}  # the right order (the page's data-order)

    mark = staticmethod(mark_ordering)

    def render(self, bank: str, options: RenderOptions) -> list[str]:
        qid = anchor(bank, self.id)
        right = " ".join(text_key(item) for item in self.items)
        lines = [
            f'<p class="quiz-order-help" id="{sub_id(qid, "help")}" data-search-exclude>Put the items in order with the Move up and Move down buttons, then submit.</p>',
            f'<ol {attrs(class_="quiz-order", data_order=right, aria_labelledby=sub_id(qid, "question"), aria_describedby=sub_id(qid, "help"))} markdown="1">',
        ]
        for item in build_order(bank, self.id, self.items, str):
            value = text_key(item)
            text_id = sub_id(qid, "item", value)
            # data-quizbank-early="answer": a move before the scripts are ready is carried out then, each press.
            lines.append(
                f'<li class="quiz-order-item" data-value="{value}" markdown="span">'
                f'<span class="quiz-order-text" id="{text_id}">{span(item)}</span>'
                '<span class="quiz-order-moves" data-search-exclude>'
                f'<button type="button" class="quiz-order-move" data-move="-1" data-quizbank-early="answer" aria-describedby="{text_id}">Move up</button>'
                f'<button type="button" class="quiz-order-move" data-move="1" data-quizbank-early="answer" aria-describedby="{text_id}">Move down</button>'
                "</span></li>"
            )
        lines.append("</ol>")
        return graded_here(bank, self, options, lines)

    def key_lines(self) -> list[str]:
        items = "\n".join(f"{n}. {indented(item)}" for n, item in enumerate(self.items, 1))
        return ["**Right order** (shown in another):", items]

    def gift(self, key: str) -> tuple[list[list[str]], list[Loss]]:
        """GIFT has no ordering question: a matching one, each place ("1st", "2nd", …) matched to its item."""
        lines, losses = gift_pairs(list(zip(ORDINALS, self.items, strict=False)), key)
        why = "ordering: GIFT has none, so a matching question pairs each place (1st, 2nd, …) with its item"
        return [gift_question(self, key, lines)], [Loss("gift", key, why, L.ORDERING_AS_MATCHING), *losses]

    def qti(self, place: QtiPlace) -> QtiForm:
        """QTI 2.1: an orderInteraction, listed in the site's starting order (never the right one). QTI 1.2 has none."""
        if place.format != "qti-2.1":
            why = f"{self.type}: this package holds choice and blank questions only"
            return QtiForm([], [], [Loss(place.format, place.key, why, L.NOT_IN_QTI12)])
        ident = place.ident
        ids = {item: f"{ident}--item-{n}" for n, item in enumerate(self.items, 1)}
        response = (
            '  <responseDeclaration identifier="RESPONSE" cardinality="ordered" baseType="identifier">\n'
            "    <correctResponse>" + "".join(f"<value>{ids[i]}</value>" for i in self.items) + "</correctResponse>\n"
            "  </responseDeclaration>\n"
        )
        choices = "".join(
            f'      <simpleChoice identifier="{ids[i]}">{xml_text(i)}</simpleChoice>\n'
            for i in build_order(place.bank, self.id, self.items, str)
        )
        body = (
            f'    <div class="question">{xml_text(self.question)}</div>\n'
            '    <orderInteraction responseIdentifier="RESPONSE" shuffle="true">\n'
            f"{choices}"
            "    </orderInteraction>\n"
        )
        text = place.text.block(self.question)
        xml = item_xml(ident, qti_title(text), response, body, self.explanation)
        return QtiForm([QtiItem(ident, text, xml=xml)])

    def tally(self) -> Placed:
        return Placed(self.items)

    def guess_chance(self) -> float:
        return 1 / math.factorial(len(self.items))

    def samples(self) -> Samples:
        right = tuple(text_key(i) for i in self.items)
        # Wrong: every item one place down (none in its place); partly right: two neighbours swapped.
        swaps = tuple((*right[:i], right[i + 1], right[i], *right[i + 2 :]) for i in range(len(right) - 1))
        return Samples(right, ((*right[1:], right[0]),), swaps)
