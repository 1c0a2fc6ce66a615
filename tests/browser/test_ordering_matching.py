"""A student answers ordering and matching questions: by mouse, by keyboard only, on a phone; saved like every type.

Ordering items move with "Move up" / "Move down" buttons (no dragging); the focus stays on the
button pressed and a live region says where the item went. Matching has a select per prompt and
says, pair by pair, what is right. Both are recorded in the one results store (kind, answer
encoding of the progress format), restored on reload, counted on My progress and served again by
the review round.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from support import PagesServer, quiz_ready, results, served, watch, write_site

STEPS = ["Prepare the data", "Train the model", "Evaluate it", "Deploy it", "Monitor it"]
ITEMS = "\n".join(f"      - {s}" for s in STEPS)
BANK = f"""questions:
  - id: pipeline
    type: ordering
    question: Put the stages in order.
    hints:
      - Nothing is evaluated before it is trained.
    items:
{ITEMS}
    explanation: Data, train, evaluate, deploy, monitor.
  - id: terms
    type: matching
    question: Match each description to its method.
    pairs:
      - prompt: Learns from prompts paired with wanted replies
        answer: SFT
      - prompt: Learns from a preferred and a rejected reply
        answer: DPO
      - prompt: Learns from a grader's scores
        answer: RFT
    distractors:
      - RLHF
    explanation: SFT, DPO, RFT.
"""
PAGES = {
    "index.md": "# Home\n\n[Checks](checks.md), [progress](progress.md).\n",
    "checks.md": "# Checks\n\nBack [home](index.md).\n\n<!-- quiz: types -->\n",
    "progress.md": "---\nsearch:\n  exclude: true\n---\n# My progress\n\n<!-- progress -->\n",
}
PROMPTS = {
    "Learns from prompts paired with wanted replies": "SFT",
    "Learns from a preferred and a rejected reply": "DPO",
    "Learns from a grader's scores": "RFT",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    config = write_site(tmp_path_factory.mktemp("types"), PAGES, {"types.yml": BANK})
    with served(config) as srv:
        yield srv


def ready(page: Page, qid: str) -> Locator:
    """The question, once our script has mounted it (data-quizbank) and mkdocs-quiz's has started.

    A move made before then is held and carried out when the page is ready (test_early_input.py):
    the tests here assert what a move does at once.
    """
    quiz = page.locator(f"#quiz-types--{qid}")
    expect(quiz).to_have_attribute("data-quizbank", "")
    quiz_ready(page)
    return quiz


def shown_order(quiz: Locator) -> list[str]:
    return [t.strip() for t in quiz.locator("li.quiz-order-item .quiz-order-text").all_inner_texts()]


def item(quiz: Locator, text: str) -> Locator:
    return quiz.locator("li.quiz-order-item", has=quiz.page.locator(".quiz-order-text", has_text=text))


def sort_by_mouse(quiz: Locator, target: list[str]) -> None:
    """Move each item up to its place, clicking "Move up" as a student would."""
    for place, text in enumerate(target):
        while shown_order(quiz).index(text) > place:
            item(quiz, text).get_by_role("button", name="Move up").click()


def record(page: Page, key: str) -> Any:
    return results(page).get(key)


def test_ordering_by_mouse_counts_items_in_place_retries_and_is_restored(page: Page, server: PagesServer) -> None:
    page.goto(server.url("checks/"))
    quiz = ready(page, "pipeline")
    start = shown_order(quiz)
    assert sorted(start) == sorted(STEPS) and start != STEPS  # never shown in the right order
    # The first item cannot go up, the last cannot go down.
    expect(quiz.locator("li.quiz-order-item").first.get_by_role("button", name="Move up")).to_have_attribute(
        "aria-disabled", "true"
    )
    expect(quiz.locator("li.quiz-order-item").last.get_by_role("button", name="Move down")).to_have_attribute(
        "aria-disabled", "true"
    )

    # Swap the first two of the right order: three of five in place.
    wrong = [STEPS[1], STEPS[0], *STEPS[2:]]
    sort_by_mouse(quiz, wrong)
    assert shown_order(quiz) == wrong
    quiz.get_by_role("button", name="Submit").click()
    expect(quiz.locator(".quiz-feedback .incorrect")).to_contain_text("3 of 5 items are in the right place.")
    expect(quiz.locator("li.quiz-order-item.wrong")).to_have_count(2)
    expect(quiz.locator("li.quiz-order-item.correct")).to_have_count(3)
    expect(quiz.locator("section.content")).to_contain_text("Data, train, evaluate")
    saved = record(page, "types#pipeline")
    assert saved["kind"] == "ordering" and saved["correct"] is False
    keys = {
        li.locator(".quiz-order-text").inner_text().strip(): li.get_attribute("data-value")
        for li in quiz.locator("li.quiz-order-item").all()
    }
    assert saved["answer"] == [keys[t] for t in wrong]  # item keys, in the order placed

    quiz.get_by_role("button", name="Try Again").click()
    assert shown_order(quiz) == start  # back to where it started
    expect(quiz.locator(".quiz-feedback")).to_be_hidden()
    assert record(page, "types#pipeline")["answer"] == []

    sort_by_mouse(quiz, STEPS)
    quiz.get_by_label("Sure").check()
    quiz.get_by_role("button", name="Submit").click()
    expect(quiz.locator(".quiz-feedback .correct")).to_contain_text("All 5 items are in the right place.")
    saved = record(page, "types#pipeline")
    assert saved["correct"] is True and saved["attempts"] == 2 and saved["wrong"] == 1
    assert saved["answer"] == [keys[t] for t in STEPS]

    page.reload()
    quiz = ready(page, "pipeline")
    assert shown_order(quiz) == STEPS
    expect(quiz.locator(".quiz-feedback .correct")).to_be_visible()
    expect(quiz.get_by_label("Sure")).to_be_checked()


def test_ordering_by_keyboard_keeps_the_focus_and_announces_each_move(page: Page, server: PagesServer) -> None:
    page.goto(server.url("checks/"))
    quiz = ready(page, "pipeline")
    start = shown_order(quiz)
    moving = start[0]
    button = item(quiz, moving).get_by_role("button", name="Move down")
    button.focus()
    page.keyboard.press("Enter")
    assert shown_order(quiz)[1] == moving
    # The focus stays on the same button, now in the item's new place.
    expect(item(quiz, moving).get_by_role("button", name="Move down")).to_be_focused()
    expect(page.locator("#quiz-announcer")).to_have_text(f"{moving}: moved to position 2 of 5.")
    page.keyboard.press("Space")
    assert shown_order(quiz)[2] == moving
    expect(page.locator("#quiz-announcer")).to_have_text(f"{moving}: moved to position 3 of 5.")
    # The buttons say which item they move.
    assert button.get_attribute("aria-describedby") == item(quiz, moving).locator(".quiz-order-text").get_attribute(
        "id"
    )

    # Sort from the keyboard only: focus a button, press Enter.
    for place, text in enumerate(STEPS):
        while shown_order(quiz).index(text) > place:
            item(quiz, text).get_by_role("button", name="Move up").focus()
            page.keyboard.press("Enter")
    assert shown_order(quiz) == STEPS
    quiz.get_by_role("button", name="Submit").focus()
    page.keyboard.press("Enter")
    expect(quiz.locator(".quiz-feedback .correct")).to_be_visible()
    expect(quiz.locator(".quiz-feedback")).to_be_focused()
    expect(page.locator("#quiz-announcer")).to_contain_text("All 5 items are in the right place.")


def choose(quiz: Locator, answers: dict[str, str]) -> None:
    for prompt, answer in answers.items():
        quiz.get_by_label(prompt).select_option(label=answer)


def test_matching_by_mouse_marks_each_pair_and_is_restored(page: Page, server: PagesServer) -> None:
    page.goto(server.url("checks/"))
    quiz = ready(page, "terms")
    select = quiz.get_by_label("Learns from a grader's scores")
    offered = select.locator("option").all_inner_texts()
    assert offered[0] == "Choose…" and sorted(offered[1:]) == ["DPO", "RFT", "RLHF", "SFT"]  # the distractor too
    assert offered[1:] != ["SFT", "DPO", "RFT", "RLHF"]  # not in the written order

    quiz.get_by_role("button", name="Submit").click()  # nothing chosen: not an answer
    expect(quiz.locator(".quiz-feedback")).to_have_text("Choose an answer first.")
    assert record(page, "types#terms") is None

    # One prompt answered of three is not an answer either: refused, the focus on the first one left.
    choose(quiz, {"Learns from a preferred and a rejected reply": "DPO"})
    quiz.get_by_role("button", name="Submit").click()
    expect(quiz.locator(".quiz-feedback")).to_have_text("Choose an answer for every prompt.")
    expect(quiz.get_by_label("Learns from prompts paired with wanted replies")).to_be_focused()
    expect(quiz.locator(".quiz-match-feedback:visible")).to_have_count(0)  # no answers shown
    assert record(page, "types#terms") is None

    choose(quiz, {**PROMPTS, "Learns from a grader's scores": "RLHF"})
    quiz.get_by_role("button", name="Submit").click()
    expect(quiz.locator(".quiz-feedback .incorrect")).to_contain_text("2 of 3 pairs are right.")
    grader = quiz.locator(".quiz-match-pair", has=page.get_by_label("Learns from a grader's scores"))
    expect(grader.locator(".quiz-match-feedback")).to_have_text("Not right: it is “RFT”.")
    expect(quiz.locator(".quiz-match-feedback.correct")).to_have_count(2)
    saved = record(page, "types#terms")
    values = {o.inner_text(): o.get_attribute("value") or "" for o in select.locator("option").all()}
    assert saved["kind"] == "matching"
    assert saved["answer"] == [values["SFT"], values["DPO"], values["RLHF"]]  # per prompt, in bank order

    quiz.get_by_role("button", name="Try Again").click()
    expect(select).to_have_value("")
    choose(quiz, PROMPTS)
    quiz.get_by_role("button", name="Submit").click()
    expect(quiz.locator(".quiz-feedback .correct")).to_contain_text("All 3 pairs are right.")
    page.reload()
    quiz = ready(page, "terms")
    expect(quiz.get_by_label("Learns from a grader's scores")).to_have_value(values["RFT"])
    expect(quiz.locator(".quiz-feedback .correct")).to_be_visible()


def test_matching_by_keyboard(page: Page, server: PagesServer) -> None:
    page.goto(server.url("checks/"))
    quiz = ready(page, "terms")
    selects = quiz.locator("select")
    selects.first.focus()
    for n, answer in enumerate(PROMPTS.values()):
        expect(selects.nth(n)).to_be_focused()
        target = selects.nth(n).locator("option", has_text=answer).get_attribute("value")
        # A closed select changes its value with the arrow keys, without opening.
        for _ in range(6):
            if selects.nth(n).input_value() == target:
                break
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    expect(quiz.get_by_label("Sure")).to_be_focused()
    page.keyboard.press("Tab")
    expect(quiz.get_by_role("button", name="Submit")).to_be_focused()
    page.keyboard.press("Enter")
    expect(quiz.locator(".quiz-feedback .correct")).to_be_visible()
    expect(quiz.locator(".quiz-feedback")).to_be_focused()


def test_on_a_phone_nothing_overflows_and_buttons_are_big_enough(browser: Browser, server: PagesServer) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    errors: list[str] = []
    try:
        page = watch(context.new_page(), errors)
        page.goto(server.url("checks/"))
        quiz = ready(page, "pipeline")
        moves = quiz.locator("button.quiz-order-move").all()
        assert len(moves) == 2 * len(STEPS)  # every one checked below, none missing
        for box in [b.bounding_box() for b in moves]:
            assert box and box["width"] >= 24 and box["height"] >= 24, box  # WCAG 2.5.8
            assert box["x"] + box["width"] <= 390
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        item(quiz, shown_order(quiz)[1]).get_by_role("button", name="Move up").tap()
        expect(page.locator("#quiz-announcer")).to_contain_text("moved to position 1 of 5")
        terms = ready(page, "terms")
        selects = terms.locator("select").all()
        assert len(selects) == len(PROMPTS)
        for select in selects:
            box = select.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    finally:
        context.close()
    assert not errors, "\n".join(errors)


def test_my_progress_counts_them_and_the_review_round_serves_them(page: Page, server: PagesServer) -> None:
    page.goto(server.url("checks/"))
    quiz = ready(page, "pipeline")
    sort_by_mouse(quiz, STEPS)
    quiz.get_by_role("button", name="Submit").click()
    terms = ready(page, "terms")
    choose(terms, {**PROMPTS, "Learns from a grader's scores": "RLHF"})
    terms.get_by_role("button", name="Submit").click()
    expect(terms.locator(".quiz-feedback .incorrect")).to_be_visible()

    page.goto(server.url("progress/"))
    expect(page.locator('tr[data-question="types#pipeline"] .status')).to_have_text("Right first time")
    expect(page.locator('tr[data-question="types#terms"] .status')).to_have_text("Not yet right")
    expect(page.locator(".quizbank-part-summary")).to_have_text("2 of 2 self-checks answered · 1 right · 1 to review")
    page.get_by_role("button", name="Start a review round (1 question)").click()
    shown = page.locator(".quizbank-review-item:not([hidden])")
    assert shown.get_attribute("data-question") == "types#terms"
    review = shown.locator(".quiz")
    expect(review.locator("select").first).to_have_value("")  # a fresh try, not the old answer
    choose(review, PROMPTS)
    review.get_by_role("button", name="Submit").click()
    expect(review.locator(".quiz-feedback .correct")).to_be_visible()
    page.get_by_role("button", name="Finish the round").click()
    expect(page.locator(".quizbank-review-status")).to_contain_text("Round finished: 1 of 1 right.")
    expect(page.locator('tr[data-question="types#terms"] .status')).to_have_text("Right after a retry or with hints")


SITE_SCRIPT = re.compile(r"/assets/javascripts/bundles/site\.js$")


def test_moves_and_choices_made_before_the_scripts_are_kept_and_carried_out(page: Page, server: PagesServer) -> None:
    # Saved first, on time: an answer the scripts would otherwise paint over the student's.
    page.goto(server.url("checks/"))
    quiz = ready(page, "pipeline")
    start = shown_order(quiz)
    quiz.get_by_role("button", name="Submit").click()
    expect(quiz.locator(".quiz-feedback .incorrect")).to_be_visible()
    terms = ready(page, "terms")
    choose(terms, dict.fromkeys(PROMPTS, "RLHF"))
    terms.get_by_role("button", name="Submit").click()
    expect(terms.locator(".quiz-feedback .incorrect")).to_be_visible()

    held: list[Route] = []
    released: list[bool] = []

    def hold(route: Route) -> None:
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route(SITE_SCRIPT, hold)
    page.goto(server.url("checks/"), wait_until="load")
    quiz = page.locator("#quiz-types--pipeline")
    assert shown_order(quiz) == start
    first = quiz.locator("li.quiz-order-item").first.get_by_role("button", name="Move down")
    first.click()
    first.click()  # the same button twice: two places
    page.locator("#quiz-types--terms").get_by_label("Learns from a grader's scores").select_option(label="RFT")
    assert page.evaluate("() => !(window.quizbank && window.quizbank.quizReady)")
    while not held:  # requested once the page has loaded
        page.wait_for_timeout(20)
    released.append(True)  # first: a request after this point goes straight through
    for route in held:
        route.continue_()
    quiz_ready(page)
    expected = [start[1], start[2], start[0], *start[3:]]
    expect(quiz.locator("li.quiz-order-item .quiz-order-text").first).to_have_text(start[1])
    assert shown_order(quiz) == expected  # the moves, on the starting order: not the saved answer
    expect(quiz.locator(".quiz-feedback")).to_be_hidden()
    terms = page.locator("#quiz-types--terms")
    expect(terms.get_by_label("Learns from a grader's scores")).to_have_value(
        terms.get_by_label("Learns from a grader's scores").locator("option", has_text="RFT").get_attribute("value")
        or ""
    )
    expect(terms.get_by_label("Learns from prompts paired with wanted replies")).to_have_value("")  # not painted over
    quiz.get_by_role("button", name="Submit").click()
    expect(quiz.locator(".quiz-feedback .quiz-feedback-item")).to_be_visible()
    assert record(page, "types#pipeline")["attempts"] == 2


def test_a_double_click_moves_an_item_once(page: Page, server: PagesServer) -> None:
    page.goto(server.url("checks/"))
    quiz = ready(page, "pipeline")
    start = shown_order(quiz)
    # Clicked twice in a row: the second click lands on the item that moved into its place.
    item(quiz, start[2]).get_by_role("button", name="Move up").dblclick()
    assert shown_order(quiz) == [start[0], start[2], start[1], *start[3:]]


def test_a_changed_answer_drops_the_feedback_on_the_old_one(page: Page, server: PagesServer) -> None:
    page.goto(server.url("checks/"))
    quiz = ready(page, "pipeline")
    sort_by_mouse(quiz, STEPS)
    quiz.get_by_role("button", name="Submit").click()
    expect(quiz.locator(".quiz-feedback .correct")).to_contain_text("All 5 items are in the right place.")
    item(quiz, STEPS[0]).get_by_role("button", name="Move down").click()
    expect(quiz.locator(".quiz-feedback")).to_be_hidden()  # it spoke of an order no longer shown

    terms = ready(page, "terms")
    choose(terms, PROMPTS)
    terms.get_by_role("button", name="Submit").click()
    expect(terms.locator(".quiz-feedback .correct")).to_contain_text("All 3 pairs are right.")
    terms.get_by_label("Learns from a grader's scores").select_option(label="RLHF")
    expect(terms.locator(".quiz-feedback")).to_be_hidden()
