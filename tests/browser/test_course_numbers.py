"""The course's own calculated questions, on the real site: a student works out the answer from the numbers they see.

Each question shows one variant's numbers (the build drew them, the page picked this learner's); the
test computes the answer from those numbers with the chapter's own formula, written here
independently of the bank, types it as a student would, and the page marks it right. A formula in
a bank that disagrees with its chapter, a number shown from another variant, or a variant the page
marks against the wrong value each fail. (The type's mechanics are tests/browser/test_calculated.py.)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from support import PagesServer, quiz_ready


def f1(n: dict[str, float]) -> str:
    """Part 3: F1 = 2·TP / (2·TP + FP + FN), to 3 decimals (the tolerance is 0.01)."""
    return f"{2 * n['tp'] / (2 * n['tp'] + n['fp'] + n['fn']):.3f}"


def training_cost(n: dict[str, float]) -> str:
    """Part 2: training tokens × epochs × price per million tokens, in dollars and cents."""
    return f"${n['tokens'] * n['epochs'] * n['price'] / 1_000_000:.2f}"


def margin(n: dict[str, float]) -> str:
    """Part 3: two standard errors, 2·√(p(1 − p)/n)."""
    p = n["accuracy"] / 100
    return f"{2 * math.sqrt(p * (1 - p) / n['n']):.3f}"


def needed_test_size(n: dict[str, float]) -> str:
    """Part 3: the least n with 2·√(p(1 − p)/n) at most the margin."""
    p, m = n["accuracy"] / 100, n["margin"]
    size = math.ceil(4 * p * (1 - p) / m**2)
    while 2 * math.sqrt(p * (1 - p) / (size - 1)) <= m:  # exact arithmetic, not the float's last bit
        size -= 1
    return f"{size:,}"


QUESTIONS: list[tuple[str, str, Callable[[dict[str, float]], str]]] = [
    ("part-2/", "quiz-part-2--training-cost-yours", training_cost),
    ("part-3/", "quiz-part-3--f1-from-counts", f1),
    ("part-3/", "quiz-part-3--margin-yours", margin),
    ("part-3/", "quiz-part-3--test-size-yours", needed_test_size),
]


def numbers(quiz: Locator) -> dict[str, float]:
    """The numbers the question shows, each variable once (every place it appears shows the same)."""
    shown: dict[str, set[str]] = {}
    for name, text in quiz.locator(".quiz-question .quiz-var").evaluate_all(
        "spans => spans.map(s => [s.dataset.var, s.textContent])"
    ):
        shown.setdefault(name, set()).add(text)
    assert shown, "the question shows no numbers"
    assert all(len(texts) == 1 for texts in shown.values()), shown
    return {name: float(next(iter(texts)).replace(",", "")) for name, texts in shown.items()}


@pytest.mark.parametrize(("chapter", "anchor", "worked"), QUESTIONS, ids=[q[1] for q in QUESTIONS])
def test_the_answer_worked_out_from_the_numbers_shown_is_right(
    page: Page, server: PagesServer, chapter: str, anchor: str, worked: Callable[[dict[str, float]], str]
) -> None:
    page.goto(server.url(chapter))
    quiz = page.locator(f"#{anchor}")
    expect(quiz).to_have_attribute("data-drawn", "")  # the learner's own numbers are in (calculated-view.js)
    quiz_ready(page)
    answer = worked(numbers(quiz))
    quiz.get_by_label("Your answer").fill(answer)
    quiz.get_by_role("button", name="Submit").click()
    expect(quiz.locator(".quiz-feedback .correct")).to_contain_text("Correct answer!")
    # The explanation works it through with the same numbers.
    explanation = quiz.locator("section.content")
    expect(explanation).to_be_visible()
    for value in numbers(quiz).values():
        text = f"{value:,.0f}" if value == int(value) else f"{value:,}"
        expect(explanation).to_contain_text(re.compile(re.escape(text)))


def test_the_made_up_price_says_so(page: Page, server: PagesServer) -> None:
    page.goto(server.url("part-2/"))
    question = page.locator("#quiz-part-2--training-cost-yours .quiz-question")
    expect(question).to_contain_text("made-up training price")
