"""Render an ordering question: the items in a list, each with "Move up" and "Move down" buttons.

Buttons, not dragging (WCAG 2.2, 2.5.7): a keyboard, a switch or a screen reader moves an item
as easily as a mouse. The items start in an order fixed at build time that is never the right
one (`build_order`, as choice options are shuffled). The right order is on the list as item keys
(`data-order`), which quizbank/ordering-ui.js grades against; a saved answer is the item keys
in the order the student placed them, so it survives any change of the starting order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ids import anchor, sub_id, text_key
from .markup import attrs, span
from .selfcheck import RenderOptions, build_order, render_graded_here

if TYPE_CHECKING:
    from .model import Ordering


def render_ordering(bank: str, question: Ordering, options: RenderOptions) -> list[str]:
    """The lines of Markdown (with HTML) for an ordering question."""
    qid = anchor(bank, question.id)
    right = " ".join(text_key(item) for item in question.items)
    lines = [
        f'<p class="quiz-order-help" id="{sub_id(qid, "help")}" data-search-exclude>Put the items in order with the Move up and Move down buttons, then submit.</p>',
        f'<ol {attrs(class_="quiz-order", data_order=right, aria_labelledby=sub_id(qid, "question"), aria_describedby=sub_id(qid, "help"))} markdown="1">',
    ]
    for item in build_order(bank, question.id, question.items, str):
        value = text_key(item)
        text_id = sub_id(qid, "item", value)
        lines.append(
            f'<li class="quiz-order-item" data-value="{value}" markdown="span">'
            f'<span class="quiz-order-text" id="{text_id}">{span(item)}</span>'
            '<span class="quiz-order-moves" data-search-exclude>'
            f'<button type="button" class="quiz-order-move" data-move="-1" data-quizbank-early="answer" aria-describedby="{text_id}">Move up</button>'
            f'<button type="button" class="quiz-order-move" data-move="1" data-quizbank-early="answer" aria-describedby="{text_id}">Move down</button>'
            "</span></li>"
        )
    lines.append("</ol>")
    return render_graded_here(bank, question, options, lines)
