"""A student uses the self-checks: right and wrong answers, mouse and keyboard, reload, edits, navigation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from checks_bank import CHECKS, bank, edited
from support import PagesServer, build, quiz, served, wait_for_material, write_site

# The bank as first published, then as the instructor republishes it (checks_bank.py).
BANK_V1 = bank(CHECKS)
BANK_V2 = bank(edited())

PAGES = {
    "index.md": "# Home\n\nGo to [the quiz](quiz.md).\n",
    "quiz.md": "# Quiz\n\nBack [home](index.md).\n\n<!-- quiz: checks -->\n",
}


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[PagesServer, Path]]:
    config = write_site(tmp_path, PAGES, {"checks.yml": BANK_V1})
    with served(config) as srv:
        yield srv, config


def test_answer_each_type_right_and_wrong_with_the_mouse(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, _ = site
    page.goto(server.url("quiz/"))
    key = quiz(page, "checks", "key-benefit")
    expect(key.locator("section.content")).to_be_hidden()
    key.get_by_label("It avoids using training data").check()
    expect(key.locator(".quiz-feedback")).to_be_hidden()  # nothing is submitted until the student says so
    key.get_by_role("button", name="Submit").click()
    expect(key.locator(".quiz-feedback")).to_contain_text("No, fine-tuning needs labelled data.")
    expect(key.locator(".quiz-feedback .incorrect")).to_be_visible()
    expect(key.locator("section.content")).to_contain_text("relative to training from scratch")
    key.get_by_role("button", name="Try Again").click()
    key.get_by_label("It reduces the need for computational resources").check()
    key.get_by_role("button", name="Submit").click()
    expect(key.locator(".quiz-feedback .correct")).to_contain_text("Right, compared with training from scratch.")

    peft = quiz(page, "checks", "peft")
    peft.get_by_label("LoRA").check()
    peft.get_by_role("button", name="Submit").click()
    expect(peft.locator(".quiz-feedback .incorrect")).to_be_visible()
    peft.get_by_role("button", name="Try Again").click()
    peft.get_by_label("LoRA").check()
    peft.get_by_label("Adapters").check()
    peft.get_by_role("button", name="Submit").click()
    expect(peft.locator(".quiz-feedback")).to_contain_text("LoRA trains small adapter matrices.")
    expect(peft.locator(".quiz-feedback .correct")).to_have_count(2)

    tf = quiz(page, "checks", "no-eval")
    tf.get_by_label("True").check()
    tf.get_by_role("button", name="Submit").click()
    expect(tf.locator(".quiz-feedback .incorrect")).to_contain_text("still needs evaluating")

    blank = quiz(page, "checks", "runtime")
    expect(blank.locator("code")).to_have_text("[[1, 2]]")
    expect(blank.locator("input.quiz-blank-input")).to_have_count(1)
    blank.locator("input.quiz-blank-input").fill("TensorBoard")
    blank.get_by_role("button", name="Submit").click()
    expect(blank.locator(".quiz-feedback .incorrect")).to_contain_text("ONNX Runtime")
    blank.locator("input.quiz-blank-input").fill("onnx runtime")
    blank.get_by_role("button", name="Submit").click()
    expect(blank.locator(".quiz-feedback .correct")).to_be_visible()
    expect(blank.locator("section.content")).to_contain_text("It must be opted into.")


def test_keyboard_only(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, _ = site
    page.goto(server.url("quiz/"))
    key = quiz(page, "checks", "key-benefit")
    first = key.locator('input[name="answer"]').first
    first.focus()
    page.keyboard.press("ArrowDown")  # moves the selection without submitting
    expect(key.locator('input[name="answer"]').nth(1)).to_be_checked()
    expect(key.locator(".quiz-feedback")).to_be_hidden()
    page.keyboard.press("ArrowUp")
    expect(first).to_be_checked()
    page.keyboard.press("Tab")
    expect(key.get_by_label("Sure")).to_be_focused()  # how sure: optional, one stop
    page.keyboard.press("Tab")
    expect(key.get_by_role("button", name="Submit")).to_be_focused()
    page.keyboard.press("Enter")
    expect(key.locator(".quiz-feedback .correct")).to_be_visible()
    expect(key.locator(".quiz-feedback")).to_be_focused()  # screen readers hear the result

    peft = quiz(page, "checks", "peft")
    peft.locator('input[name="answer"]').first.focus()
    for option in peft.locator('input[name="answer"]').all():  # in the order shown (shuffled)
        if option.get_attribute("data-correct"):
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # past "How sure are you?"
    expect(peft.get_by_role("button", name="Submit")).to_be_focused()
    page.keyboard.press("Enter")
    expect(peft.locator(".quiz-feedback .correct")).to_have_count(2)

    blank = quiz(page, "checks", "runtime").locator("input.quiz-blank-input")
    blank.focus()
    page.keyboard.type("ONNX Runtime")
    page.keyboard.press("Enter")  # Enter in the text box submits its form
    expect(quiz(page, "checks", "runtime").locator(".quiz-feedback .correct")).to_be_visible()


def answer_everything(page: Page) -> None:
    key = quiz(page, "checks", "key-benefit")
    key.get_by_label("It reduces the need for computational resources").check()
    key.get_by_role("button", name="Submit").click()
    peft = quiz(page, "checks", "peft")
    peft.get_by_label("LoRA").check()
    peft.get_by_label("Adapters").check()
    peft.get_by_role("button", name="Submit").click()
    tf = quiz(page, "checks", "no-eval")
    tf.get_by_label("True").check()
    tf.get_by_role("button", name="Submit").click()
    blank = quiz(page, "checks", "runtime")
    blank.locator("input.quiz-blank-input").fill("ONNX Runtime")
    blank.get_by_role("button", name="Submit").click()
    expect(blank.locator(".quiz-feedback .correct")).to_be_visible()


def test_answers_survive_a_reload(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, _ = site
    page.goto(server.url("quiz/"))
    answer_everything(page)
    page.reload()
    expect(
        quiz(page, "checks", "key-benefit").get_by_label("It reduces the need for computational resources")
    ).to_be_checked()
    expect(quiz(page, "checks", "key-benefit").locator(".quiz-feedback .correct")).to_be_visible()
    expect(quiz(page, "checks", "peft").get_by_label("Adapters")).to_be_checked()
    expect(quiz(page, "checks", "no-eval").get_by_label("True")).to_be_checked()
    expect(quiz(page, "checks", "no-eval").locator(".quiz-feedback .incorrect")).to_be_visible()
    expect(quiz(page, "checks", "runtime").locator("input.quiz-blank-input")).to_have_value("ONNX Runtime")


def test_edited_bank_never_attaches_an_answer_to_the_wrong_question(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, config = site
    page.goto(server.url("quiz/"))
    answer_everything(page)
    (config.parent / "quizzes" / "checks.yml").write_text(BANK_V2, encoding="utf-8")
    result = build(config)
    assert result.code == 0, result.output
    page.reload()
    # Reordered question and options: the same answer, on the same option text.
    key = quiz(page, "checks", "key-benefit")
    expect(key.get_by_label("It reduces the need for computational resources")).to_be_checked()
    expect(key.get_by_label("It removes the need for evaluation")).not_to_be_checked()
    expect(key.locator(".quiz-feedback .correct")).to_be_visible()
    # Reworded question: its old answer is dropped, not shown against new wording.
    peft = quiz(page, "checks", "peft")
    expect(peft.locator('input[name="answer"]:checked')).to_have_count(0)
    expect(peft.locator(".quiz-feedback")).to_be_hidden()
    # Unchanged questions keep their answers, wherever they moved.
    expect(quiz(page, "checks", "no-eval").get_by_label("True")).to_be_checked()
    expect(quiz(page, "checks", "runtime").locator("input.quiz-blank-input")).to_have_value("ONNX Runtime")
    # mkdocs-quiz's own storage for the page holds the choice answers now on it, no more.
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('quiz_progress_' + location.pathname))")
    assert sorted(stored) == ["quiz-checks--key-benefit", "quiz-checks--no-eval"]


def test_a_changed_answer_key_regrades_the_saved_answer(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, config = site
    page.goto(server.url("quiz/"))
    tf = quiz(page, "checks", "no-eval")
    tf.get_by_label("True").check()
    tf.get_by_role("button", name="Submit").click()
    expect(tf.locator(".quiz-feedback .incorrect")).to_be_visible()
    (config.parent / "quizzes" / "checks.yml").write_text(
        BANK_V1.replace("answer: false", "answer: true"), encoding="utf-8"
    )
    assert build(config).code == 0
    page.reload()
    expect(tf.get_by_label("True")).to_be_checked()
    expect(tf.locator(".quiz-feedback .correct")).to_be_visible()


def test_quizzes_work_after_instant_navigation(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, _ = site
    page.goto(server.url("quiz/"))
    answer_everything(page)
    wait_for_material(page).evaluate("() => { window.__sameDocument = true; }")
    page.get_by_role("link", name="home", exact=True).click()
    expect(page).to_have_url(server.url(""))
    page.get_by_role("link", name="the quiz").click()
    expect(page).to_have_url(server.url("quiz/"))
    assert page.evaluate("() => window.__sameDocument === true"), "navigation was not instant"
    key = quiz(page, "checks", "key-benefit")
    expect(key.get_by_label("It reduces the need for computational resources")).to_be_checked()
    key.get_by_role("button", name="Try Again").click()
    key.get_by_label("It avoids using training data").check()
    key.get_by_role("button", name="Submit").click()
    expect(key.locator(".quiz-feedback")).to_have_count(1)
    expect(key.locator(".quiz-feedback .incorrect")).to_have_count(1)
