"""A student answers calculated questions (per-learner numbers): their own numbers, kept; each accepted form.

The build draws a fixed set of variants and computes each answer (hooks/quizbank/types/calculated.py);
the page shows each learner one of them, drawn from their learner id and the question's id as
pools draw (quizbank/types/calculated-view.js). The tests set the learner id and work out which
variant it draws with the same hash (FNV-1a), so a wrong draw, numbers left from another variant in
the hints or the explanation, or a saved answer shown with the wrong numbers each fail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from support import (
    AXE_JS,
    SITE_PATH,
    PagesServer,
    quiz_ready,
    require_npm_package,
    results,
    served,
    wait_for_material,
    watch,
    write_site,
)

BANK = """questions:
  - id: f1
    type: calculated
    question: |
      A classifier's test confusion matrix has {tp} true positives, {fp} false positives and {fn}
      false negatives. What is its F1 score?
    vars:
      tp: {min: 40, max: 90}
      fp: {min: 5, max: 30}
      fn: {min: 5, max: 30}
    answer: 2*tp / (2*tp + fp + fn)
    tolerance: 0.01
    accept: [decimal, percent, fraction]
    decimals: 2
    variants: 6
    hints:
      - F1 is 2·TP over 2·TP + FP + FN; here TP is {tp}.
    explanation: F1 = 2·{tp} / (2·{tp} + {fp} + {fn}) = {answer}.
  - id: cost
    type: calculated
    question: |
      A fine-tuning job trains on {tokens} tokens for {epochs} epochs, at a made-up price of
      ${price} per million training tokens. What does it cost?
    vars:
      tokens: {min: 200000, max: 2000000, step: 100000}
      epochs: {min: 1, max: 4}
      price: {min: 1.5, max: 4, step: 0.5, decimals: 2}
    answer: tokens * epochs * price / 1000000
    tolerance: 1%
    unit: USD
    variants: 3
    explanation: "{tokens} × {epochs} × ${price} / 1,000,000 = ${answer}."
"""
OTHER = """questions:
  - id: which
    type: single
    question: Which metric balances precision and recall?
    options:
      - text: F1
        correct: true
      - text: Accuracy
"""
PAGES = {
    "index.md": "# Home\n\n[Numbers](numbers.md), [Words](words.md), [progress](progress.md).\n",
    "numbers.md": "# Numbers\n\nBack [home](index.md).\n\n<!-- quiz: calc -->\n",
    "words.md": "# Words\n\nOn to [My progress](progress.md).\n\n<!-- quiz: other -->\n",
    "progress.md": "---\nsearch:\n  exclude: true\n---\n# My progress\n\n<!-- progress -->\n",
}
LEARNER_KEY = f"quizbank:2:{SITE_PATH}:learner"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    config = write_site(tmp_path_factory.mktemp("calculated"), PAGES, {"calc.yml": BANK, "other.yml": OTHER})
    with served(config) as srv:
        yield srv


def fnv(text: str) -> int:
    """pools.js `hash`: FNV-1a over the text's UTF-16 code units (ASCII here)."""
    h = 0x811C9DC5
    for ch in text:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def draw_order(learner: str, key: str, ids: list[str]) -> list[str]:
    """pools.js `drawOrder`: the learner's order of a question's variants."""
    return sorted(ids, key=lambda i: (fnv(f"{learner}\x1f{key}\x1f{i}"), i))


def as_learner(page: Page, learner: str) -> None:
    """Every page load of this tab starts with this learner id in storage (as a restored file would set it)."""
    page.add_init_script(f"localStorage.setItem({json.dumps(LEARNER_KEY)}, {json.dumps(learner)})")


def ready(page: Page, qid: str) -> Locator:
    """The question once its view has drawn the learner's numbers (data-drawn) and the page is ready."""
    quiz = page.locator(f".md-content #quiz-calc--{qid}")
    expect(quiz).to_have_attribute("data-drawn", "")
    quiz_ready(page)
    return quiz


def variants(quiz: Locator) -> dict[str, dict[str, str]]:
    value: dict[str, dict[str, str]] = json.loads(quiz.get_attribute("data-variants") or "{}")
    return value


def numbers_shown(quiz: Locator) -> dict[str, set[str]]:
    """Every number the question, its hints and its explanation show, by variable."""
    shown: dict[str, set[str]] = {}
    for name, text in quiz.locator(".quiz-var").evaluate_all("spans => spans.map(s => [s.dataset.var, s.textContent])"):
        shown.setdefault(name, set()).add(text)
    return shown


def expect_variant(quiz: Locator, variant: str) -> None:
    expect(quiz).to_have_attribute("data-variant", variant)
    numbers = variants(quiz)[variant]
    shown = numbers_shown(quiz)
    assert shown, "no numbers in the question"
    for name, texts in shown.items():
        assert texts == {numbers[name]}, f"{name}: shows {texts}, variant {variant} has {numbers[name]}"


def record(page: Page, key: str) -> Any:
    return results(page).get(key)


def learners_with_different_first_variants(ids: list[str], key: str) -> tuple[str, str]:
    first = "0123456789abcdef"
    for n in range(1, 200):
        other = f"{n:016x}"
        if draw_order(other, key, ids)[0] != draw_order(first, key, ids)[0]:
            return first, other
    raise AssertionError("every learner draws the same variant")


def answer(quiz: Locator, text: str) -> None:
    quiz.get_by_label("Your answer").fill(text)
    quiz.get_by_role("button", name="Submit").click()


def try_again(quiz: Locator) -> None:
    quiz.get_by_role("button", name="Try Again").click()
    expect(quiz.get_by_label("Your answer")).to_be_focused()
    expect(quiz.get_by_label("Your answer")).to_have_value("")


def test_each_learner_sees_their_own_variant_everywhere_and_keeps_it(browser: Browser, server: PagesServer) -> None:
    errors: list[str] = []
    seen: list[str] = []
    ids: list[str] = []
    for nth in range(2):
        context = browser.new_context()
        try:
            page = watch(context.new_page(), errors)
            page.goto(server.url("numbers/"))
            quiz = ready(page, "f1")
            if not ids:
                ids = list(variants(quiz))
                assert len(ids) == 6
                learners = learners_with_different_first_variants(ids, "calc#f1")
            learner = learners[nth]
            as_learner(page, learner)
            page.reload()
            quiz = ready(page, "f1")
            drawn = draw_order(learner, "calc#f1", ids)[0]
            expect_variant(quiz, drawn)  # the question, its hint and its explanation alike
            quiz.get_by_role("button", name=re.compile("Show a hint")).click()
            expect(quiz.locator(".quiz-hints-list li").first).to_contain_text(
                f"here TP is {variants(quiz)[drawn]['tp']}"
            )
            page.reload()
            expect_variant(ready(page, "f1"), drawn)  # stable: the same numbers on every visit
            seen.append(drawn)
        finally:
            context.close()
    assert seen[0] != seen[1], "two learners, two variants"
    assert not errors, "\n".join(errors)


def test_every_accepted_form_is_right_a_wrong_answer_says_the_answer_for_these_numbers(
    page: Page, server: PagesServer
) -> None:
    as_learner(page, "00000000000000aa")
    page.goto(server.url("numbers/"))
    quiz = ready(page, "f1")
    variant = quiz.get_attribute("data-variant") or ""
    numbers = variants(quiz)[variant]
    tp, fp, fn = (int(numbers[n]) for n in ("tp", "fp", "fn"))
    exact = 2 * tp / (2 * tp + fp + fn)
    feedback = quiz.locator(".quiz-feedback")

    # Nothing typed is not an answer: said so, nothing saved.
    quiz.get_by_role("button", name="Submit").click()
    expect(feedback).to_contain_text("Type your answer first.")
    assert record(page, "calc#f1") is None

    for text in (numbers["answer"], f"{exact * 100:.1f} %", f"{2 * tp}/{2 * tp + fp + fn}", f"{exact:.3f}"[1:]):
        answer(quiz, text)
        expect(feedback.locator(".correct")).to_contain_text("Correct answer!")
        expect(quiz.get_by_label("Your answer")).to_have_class(re.compile(r"\bcorrect\b"))
        assert record(page, "calc#f1")["answer"] == [variant, text]
        try_again(quiz)

    answer(quiz, f"{exact + 0.02:.4f}")
    expect(feedback.locator(".incorrect")).to_contain_text(
        f"Not quite. For your numbers the answer is {numbers['answer']} "
        f"(anything from {exact - 0.01:.2f} to {exact + 0.01:.2f} is accepted)."
    )
    expect(quiz.locator("section.content")).to_contain_text(
        f"= {numbers['answer']}."
    )  # the explanation, with these numbers
    saved = record(page, "calc#f1")
    assert saved["kind"] == "calculated" and saved["correct"] is False and saved["attempts"] == 5
    try_again(quiz)
    answer(quiz, "<b>about</b> a lot")  # shown as text, never as markup
    expect(feedback).to_contain_text(
        "“<b>about</b> a lot” could not be read as a number in a form this question accepts."
    )
    expect(feedback.locator("b")).to_have_count(0)

    # A unit, written or not, before or after the number; thousands by comma.
    cost = ready(page, "cost")
    shown = variants(cost)[cost.get_attribute("data-variant") or ""]["answer"]
    for text in (shown, f"{shown} USD", f"usd{shown}"):
        answer(cost, text)
        expect(cost.locator(".quiz-feedback .correct")).to_be_visible()
        try_again(cost)
    answer(cost, "12%")  # a percentage where the question accepts decimals only
    expect(cost.locator(".quiz-feedback .incorrect")).to_contain_text("could not be read as a number")

    # A site that does not show right answers (mkdocs-quiz's show_correct: false) is not told it here either.
    try_again(cost)
    cost.evaluate("q => q.removeAttribute('data-show-correct')")
    answer(cost, "1")
    expect(cost.locator(".quiz-feedback .incorrect")).to_have_text("Not quite.")


def test_a_saved_answer_is_shown_with_the_numbers_it_was_given_to(page: Page, server: PagesServer) -> None:
    page.goto(server.url("numbers/"))
    ids = list(variants(ready(page, "f1")))
    first, other = learners_with_different_first_variants(ids, "calc#f1")
    page.evaluate(f"localStorage.setItem({json.dumps(LEARNER_KEY)}, {json.dumps(first)})")
    page.reload()
    quiz = ready(page, "f1")
    given = draw_order(first, "calc#f1", ids)[0]
    expect_variant(quiz, given)
    answer(quiz, variants(quiz)[given]["answer"])
    expect(quiz.locator(".quiz-feedback .correct")).to_be_visible()

    # The learner id changes (a progress file of another device restored): the answer keeps its numbers.
    page.evaluate(f"localStorage.setItem({json.dumps(LEARNER_KEY)}, {json.dumps(other)})")
    page.reload()
    quiz = ready(page, "f1")
    expect_variant(quiz, given)
    expect(quiz.get_by_label("Your answer")).to_have_value(variants(quiz)[given]["answer"])
    expect(quiz.locator(".quiz-feedback .correct")).to_be_visible()
    # Try again, then a reload: a question with no answer shows this learner's own variant.
    try_again(quiz)
    page.reload()
    expect_variant(ready(page, "f1"), draw_order(other, "calc#f1", ids)[0])


def test_the_review_round_asks_with_other_numbers(page: Page, server: PagesServer) -> None:
    learner = "00000000000000bb"
    as_learner(page, learner)
    page.goto(server.url("numbers/"))
    quiz = ready(page, "f1")
    given = quiz.get_attribute("data-variant")
    answer(quiz, "0.01")
    expect(quiz.locator(".quiz-feedback .incorrect")).to_be_visible()

    page.goto(server.url("progress/"))
    expect(page.locator('tr[data-question="calc#f1"] .status')).to_have_text("Not yet right")
    page.get_by_role("button", name="Start a review round (1 question)").click()
    review = page.locator(".quizbank-review-item:not([hidden]) .quiz")
    expect(review).to_have_attribute("data-drawn", "")
    asked = review.get_attribute("data-variant")
    ids = list(variants(review))
    assert asked != given, "the round asks with numbers other than the ones answered"
    assert asked == next(v for v in draw_order(learner, "calc#f1", ids) if v != given)
    expect_variant(review, asked or "")
    expect(review.get_by_label("Your answer")).to_have_value("")  # a fresh try, not the old answer
    answer(review, variants(review)[asked or ""]["answer"])
    expect(review.locator(".quiz-feedback .correct")).to_be_visible()
    assert record(page, "calc#f1")["answer"] == [asked, variants(review)[asked or ""]["answer"]]
    page.get_by_role("button", name="Finish the round").click()
    expect(page.locator('tr[data-question="calc#f1"] .status')).to_have_text("Right after a retry or with hints")

    # Back in the chapter, the latest answer is shown with its own numbers.
    page.goto(server.url("numbers/"))
    expect_variant(ready(page, "f1"), asked or "")


def test_a_review_round_needing_a_view_this_page_has_not_loaded_takes_answers(page: Page, server: PagesServer) -> None:
    """A review round that needs a view this document has not loaded still takes answers.

    My progress is reached by instant navigation from a page without calculated questions: the
    round's question loads its view then, and the page takes answers again once it is here (quizReady).
    """
    page.goto(server.url("numbers/"))
    quiz = ready(page, "f1")
    answer(quiz, "-1")
    expect(quiz.locator(".quiz-feedback .incorrect")).to_be_visible()
    page.goto(server.url("words/"))  # a new document: choice questions only, their view loaded
    quiz_ready(page)
    wait_for_material(page).evaluate("() => { window.__sameDocument = true; }")
    page.locator(".md-content").get_by_role("link", name="My progress").first.click()
    expect(page).to_have_url(server.url("progress/"))
    page.get_by_role("button", name="Start a review round (1 question)").click()
    review = page.locator(".quizbank-review-item:not([hidden]) .quiz")
    expect(review).to_have_attribute("data-drawn", "")
    assert page.evaluate("() => window.__sameDocument === true"), "navigation was not instant"
    answer(review, variants(review)[review.get_attribute("data-variant") or ""]["answer"])
    expect(review.locator(".quiz-feedback .correct")).to_be_visible()


SITE_SCRIPT = re.compile(r"/assets/javascripts/bundles/site\.js$")
VIEW = re.compile(r"/assets/javascripts/bundles/types/calculated\.js$")


def holding(page: Page, script: re.Pattern[str]) -> list[Route]:
    """Requests for `script` are held (not answered) and listed, until the test continues them."""
    held: list[Route] = []
    page.route(script, lambda route: held.append(route))
    return held


def visibility(quiz: Locator) -> str:
    shown: str = quiz.locator(".quiz-var").first.evaluate("s => getComputedStyle(s).visibility")
    return shown


def test_the_numbers_wait_for_the_learners_draw_and_show_without_javascript(
    browser: Browser, server: PagesServer
) -> None:
    for script in (SITE_SCRIPT, VIEW):
        # A context of its own for each: the view must not come from the HTTP cache of the first
        # (a route set on a page stops Playwright's cache only while it is set; seen in a busy
        # run: the view was already drawn when the second visit was checked).
        context = browser.new_context()
        try:
            page = context.new_page()
            held = holding(page, script)
            with page.expect_request(script):
                page.goto(server.url("numbers/"))
            quiz = page.locator(".md-content #quiz-calc--f1")
            if script == VIEW:  # the self-checks have started, the view is on its way
                expect(quiz).to_have_attribute("data-quizbank", "")
            # Not yet drawn: the build's first variant is kept from view (no number that then changes).
            assert visibility(quiz) == "hidden"
            while not held:  # the route handler runs on Playwright's side, just after the request
                page.wait_for_timeout(20)
            held[0].continue_()
            ready(page, "f1")
            assert visibility(quiz) == "visible"
        finally:
            context.close()
    no_script = browser.new_context(java_script_enabled=False)
    try:
        page = no_script.new_page()
        page.goto(server.url("numbers/"))
        quiz = page.locator(".md-content #quiz-calc--f1")
        expect(quiz.locator(".quiz-var").first).to_be_visible()
        expect_variant(quiz, quiz.get_attribute("data-variant") or "")  # the build's own variant, whole
    finally:
        no_script.close()


@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_answered_calculated_questions_pass_axe(
    browser: Browser, server: PagesServer, scheme: str, palette: str
) -> None:
    require_npm_package(AXE_JS, "axe-core")
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    errors: list[str] = []
    try:
        page = watch(context.new_page(), errors)
        page.goto(server.url("numbers/"))
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
        quiz = ready(page, "f1")
        answer(quiz, "0.01")
        expect(quiz.locator(".quiz-feedback .incorrect")).to_be_visible()
        cost = ready(page, "cost")
        answer(cost, "4")
        expect(cost.locator(".quiz-feedback")).to_be_visible()
        page.add_script_tag(path=str(AXE_JS))
        found: list[str] = page.evaluate(
            """(tags) => axe.run({include: ['.md-content .quiz']}, {runOnly: {type: 'tag', values: tags}})
                .then(r => r.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`))""",
            ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
        )
        assert found == []
    finally:
        context.close()
    assert not errors, "\n".join(errors)
