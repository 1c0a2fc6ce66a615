"""Self-checks that measure understanding: hints one at a time, confidence, shuffled options, accepted forms.

A student's hints and confidence are recorded with the answer and come back after a reload; the
options keep their own order across reloads and instant navigation and never show the written one;
`shuffle: false` keeps it; everything works from the keyboard.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from support import CORPUS, PagesServer, quiz, results, served, wait_for_material, write_site

BANK = (CORPUS / "good" / "practice.yml").read_text(encoding="utf-8")
PAGES = {
    "index.md": "# Home\n\nGo to [the practice](practice.md).\n",
    "practice.md": "# Practice\n\nBack [home](index.md).\n\n<!-- quiz: practice -->\n",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    with served(write_site(tmp_path_factory.mktemp("practice"), PAGES, {"practice.yml": BANK})) as srv:
        yield srv


def record(page: Page, qid: str) -> dict[str, Any]:
    return results(page).get(f"practice#{qid}", {})


def labels(page: Page, qid: str) -> list[str]:
    options = quiz(page, "practice", qid).locator("fieldset:not(.quiz-confidence) label")
    expect(options.first).to_be_visible()  # the page (or the instantly navigated content) is there
    return [" ".join(t.split()) for t in options.all_inner_texts()]


def test_hints_one_at_a_time_then_the_result_is_recorded_as_helped(page: Page, server: PagesServer) -> None:
    page.goto(server.url("practice/"))
    q = quiz(page, "practice", "shuffled")
    hints = q.locator(".quiz-hints-list li")
    expect(hints.nth(0)).to_be_hidden()
    expect(hints.nth(1)).to_be_hidden()
    expect(q.get_by_role("list")).to_have_count(0)  # no empty list for a screen reader to announce
    q.get_by_role("button", name="Show a hint (1 of 2)").click()
    expect(q.get_by_role("list")).to_have_count(1)
    expect(q.get_by_role("list").get_by_role("listitem")).to_have_count(1)
    expect(hints.nth(0)).to_have_text("Think of a mean that punishes a low value in either.")
    expect(hints.nth(1)).to_be_hidden()
    expect(page.locator("#quiz-announcer")).to_have_text(
        "Hint 1 of 2: Think of a mean that punishes a low value in either."
    )
    q.get_by_role("button", name="Show a hint (2 of 2)").click()
    expect(hints.nth(1)).to_be_visible()
    expect(q.locator(".quiz-hint-button")).to_be_hidden()  # no more hints
    expect(hints.nth(1)).to_be_focused()  # the focus is not lost with the button
    assert record(page, "shuffled")["hints"] == 2 and record(page, "shuffled")["attempts"] == 0

    q.get_by_label("F1 score").check()
    q.get_by_role("button", name="Submit").click()
    expect(q.locator(".quiz-feedback .correct")).to_be_visible()
    saved = record(page, "shuffled")
    assert saved["correct"] is True and saved["hinted"] is True and saved["attempts"] == 1
    page.reload()
    expect(hints.nth(1)).to_be_visible()  # hints already seen stay open


def test_confidence_is_used_in_the_feedback_and_kept_after_a_reload(page: Page, server: PagesServer) -> None:
    page.goto(server.url("practice/"))
    tf = quiz(page, "practice", "tf-hint")
    tf.get_by_label("False").check()
    tf.get_by_label("Sure").check()
    tf.get_by_role("button", name="Submit").click()
    note = tf.locator(".quiz-feedback .quizbank-note")
    expect(note).to_have_text("You were sure, and this is not right: read why below.")
    expect(page.locator("#quiz-announcer")).to_contain_text("Incorrect. You were sure, and this is not right")
    assert record(page, "tf-hint")["confidence"] == "sure"
    page.reload()
    expect(tf.get_by_label("Sure")).to_be_checked()
    expect(tf.get_by_label("False")).to_be_checked()
    expect(note).to_have_text("You were sure, and this is not right: read why below.")
    # Try again: a new attempt, a new confidence.
    tf.get_by_role("button", name="Try Again").click()
    expect(tf.get_by_label("Sure")).not_to_be_checked()
    tf.get_by_label("True").check()
    tf.get_by_label("Guessing").check()
    tf.get_by_role("button", name="Submit").click()
    expect(note).to_have_text("Right, but you were guessing: this question will come back in your review.")
    saved = record(page, "tf-hint")
    assert [saved["confidence"], saved["correct"], saved["box"]] == ["guess", True, 0]


def test_confidence_and_hints_from_the_keyboard(page: Page, server: PagesServer) -> None:
    page.goto(server.url("practice/"))
    blank = quiz(page, "practice", "numbers")
    blank.locator("input.quiz-blank-input").first.focus()
    for text in (".8", "0.845", "ONNXRuntime"):
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    expect(blank.get_by_role("button", name="Show a hint (1 of 1)")).to_be_focused()
    page.keyboard.press("Enter")
    expect(blank.locator(".quiz-hints-list li").first).to_be_visible()
    expect(blank.locator(".quiz-hints-list li").first).to_be_focused()
    page.keyboard.press("Tab")
    expect(blank.get_by_label("Sure")).to_be_focused()
    page.keyboard.press("ArrowRight")  # within the radio group: Think so
    expect(blank.get_by_label("Think so")).to_be_checked()
    page.keyboard.press("Tab")
    expect(blank.get_by_role("button", name="Submit")).to_be_focused()
    page.keyboard.press("Enter")
    expect(blank.locator(".quiz-feedback .correct")).to_be_visible()
    expect(blank.locator(".quizbank-note")).to_have_text(
        "You thought so, and you were right: the explanation below says why."
    )


def test_options_keep_their_own_order_across_reloads_and_instant_navigation(page: Page, server: PagesServer) -> None:
    page.goto(server.url("practice/"))
    shown = labels(page, "shuffled")
    assert sorted(shown) == sorted(["Accuracy", "F1 score", "Training loss", "BLEU"])
    assert shown != ["Accuracy", "F1 score", "Training loss", "BLEU"], "the written order"
    assert labels(page, "written-order") == ["A", "B", "C"]  # shuffle: false
    quiz(page, "practice", "shuffled").get_by_label("BLEU").check()
    quiz(page, "practice", "shuffled").get_by_role("button", name="Submit").click()
    expect(
        quiz(page, "practice", "shuffled").locator(".quiz-feedback")
    ).to_be_visible()  # marked (and saved) before leaving
    page.reload()
    assert labels(page, "shuffled") == shown
    expect(quiz(page, "practice", "shuffled").get_by_label("BLEU")).to_be_checked()
    wait_for_material(page).evaluate("() => { window.__sameDocument = true; }")
    page.get_by_role("link", name="home", exact=True).click()
    page.get_by_role("link", name="the practice").click()
    expect(page).to_have_url(server.url("practice/"))
    assert page.evaluate("() => window.__sameDocument === true"), "navigation was not instant"
    assert labels(page, "shuffled") == shown
    expect(quiz(page, "practice", "shuffled").get_by_label("BLEU")).to_be_checked()
    expect(quiz(page, "practice", "shuffled").locator(".quiz-feedback .incorrect")).to_be_visible()


def test_confidence_can_be_turned_off_for_the_whole_site(page: Page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = write_site(tmp_path, PAGES, {"practice.yml": BANK}, extra={"quiz_banks": {"confidence": False}})
    with served(config) as server:
        page.goto(server.url("practice/"))
        expect(page.locator(".quiz")).to_have_count(4)
        expect(page.locator(".quiz-confidence")).to_have_count(0)
        quiz(page, "practice", "tf-hint").get_by_label("True").check()
        quiz(page, "practice", "tf-hint").get_by_role("button", name="Submit").click()
        expect(quiz(page, "practice", "tf-hint").locator(".quiz-feedback .correct")).to_be_visible()
        expect(quiz(page, "practice", "tf-hint").locator(".quizbank-note")).to_have_count(0)
