"""A student's self-check answers are never lost, misattributed or run as code, and nothing fails silently.

Damaged storage drops only what is damaged; answers saved by the site's first version come
across; a blank's text is only ever text; focus stays in the question after "Try Again"; a
partly right answer says how far it got; a phone user sees when answers cannot be saved; and
without JavaScript no button pretends to work.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from checks_bank import CHECKS, bank
from quizbank.ids import text_key
from support import RESULTS_KEY, SITE_PATH, PagesServer, quiz, results, served, write_site

# The shared `checks` bank (checks_bank.py) and two blanks of this file's own.
BANK = bank(
    [
        *CHECKS,
        {
            "id": "generic-type",
            "type": "fill-blank",
            "question": "In Java, a list of whole numbers has the type [[List<Integer>]].",
        },
        {
            "id": "scores",
            "type": "fill-blank",
            "question": "Precision is [[0.8]] and the macro F1 is [[0.84 ± 0.01]]; the engine is [[ONNX Runtime|ONNXRuntime]].",
        },
    ]
)
PAGES = {
    "index.md": "# Home\n\nGo to [the quiz](quiz.md).\n",
    "quiz.md": "# Quiz\n\nBack [home](index.md).\n\n<!-- quiz: checks -->\n",
}
ATTACK = '<img src=x onerror="window.__ran = (window.__ran || 0) + 1">'
BREAK_SET_ITEM = """
Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    with served(write_site(tmp_path_factory.mktemp("safety"), PAGES, {"checks.yml": BANK})) as srv:
        yield srv


def test_a_blanks_text_is_never_run_as_html(page: Page, server: PagesServer) -> None:
    page.goto(server.url("quiz/"))
    blank = quiz(page, "checks", "generic-type")
    blank.locator("input.quiz-blank-input").fill(ATTACK)
    blank.get_by_role("button", name="Submit").click()
    feedback = blank.locator(".quiz-feedback")
    expect(feedback.locator(".incorrect")).to_be_visible()
    expect(feedback.locator("del")).to_have_text(ATTACK)  # shown as the text the student typed
    expect(feedback.locator("img")).to_have_count(0)
    expect(feedback).to_contain_text("→ List<Integer>")  # the right answer, angle brackets and all
    page.reload()
    expect(quiz(page, "checks", "generic-type").locator("input.quiz-blank-input")).to_have_value(ATTACK)
    expect(quiz(page, "checks", "generic-type").locator(".quiz-feedback del")).to_have_text(ATTACK)
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__ran") is None, "the student's text ran as HTML"


def test_an_answer_saved_by_the_first_version_with_markup_is_imported_as_text(page: Page, server: PagesServer) -> None:
    """The attack already in storage from before the upgrade runs neither: mkdocs-quiz never sees a blank."""
    page.goto(server.url(""))
    page.evaluate(
        """([key, attack]) => localStorage.setItem(key, JSON.stringify(
             {"quiz-checks--generic-type": {answered: true, correct: false, selectedValues: [attack]}}))""",
        [f"quiz_progress_{SITE_PATH}quiz/", ATTACK],
    )
    page.goto(server.url("quiz/"))
    expect(quiz(page, "checks", "generic-type").locator(".quiz-feedback del")).to_have_text(ATTACK)
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__ran") is None
    assert results(page)["checks#generic-type"]["answer"] == [ATTACK]


def test_blanks_accept_other_forms_of_the_right_answer(page: Page, server: PagesServer) -> None:
    page.goto(server.url("quiz/"))
    scores = quiz(page, "checks", "scores")
    boxes = scores.locator("input.quiz-blank-input")
    for precision, f1, engine in ((".8", "0.845", "onnxruntime"), ("0.80", "0.83", "  ONNX   runtime ")):
        boxes.nth(0).fill(precision)
        boxes.nth(1).fill(f1)
        boxes.nth(2).fill(engine)
        scores.get_by_role("button", name="Submit").click()
        expect(scores.locator(".quiz-feedback .correct")).to_be_visible()
    boxes.nth(1).fill("0.86")
    scores.get_by_role("button", name="Submit").click()
    expect(scores.locator(".quiz-feedback .incorrect")).to_contain_text("0.84 ± 0.01 (anything from 0.83 to 0.85)")
    expect(boxes.nth(1)).to_have_class("quiz-blank-input wrong")
    expect(boxes.nth(0)).to_have_class("quiz-blank-input correct")


def test_one_damaged_entry_drops_only_itself(page: Page, server: PagesServer) -> None:
    """A mistyped entry, or an unreadable fingerprint record, must not wipe the page's other answers."""
    page.goto(server.url(""))
    page.evaluate(
        """([key, prints, value]) => {
             localStorage.setItem(key, JSON.stringify({
               "quiz-checks--key-benefit": {answered: true, correct: true, selectedValues: [value]},
               "quiz-checks--no-eval": {answered: "yes", correct: true, selectedValues: []},
             }));
             localStorage.setItem(prints, "{not json");
           }""",
        [
            f"quiz_progress_{SITE_PATH}quiz/",
            f"quizbank_fingerprints_{SITE_PATH}quiz/",
            text_key("It reduces the need for computational resources"),
        ],
    )
    page.goto(server.url("quiz/"))
    expect(
        quiz(page, "checks", "key-benefit").get_by_label("It reduces the need for computational resources")
    ).to_be_checked()
    expect(quiz(page, "checks", "key-benefit").locator(".quiz-feedback .correct")).to_be_visible()
    expect(quiz(page, "checks", "no-eval").locator(".quiz-feedback")).to_be_hidden()

    # And in the course's own store: a record with wrong types is dropped, alone.
    page.evaluate(
        """(key) => { const data = JSON.parse(localStorage.getItem(key));
             data.questions["checks#peft"] = {fp: "x", kind: "multiple", answer: "not a list", correct: "yes"};
             localStorage.setItem(key, JSON.stringify(data)); }""",
        RESULTS_KEY,
    )
    page.reload()
    expect(
        quiz(page, "checks", "key-benefit").get_by_label("It reduces the need for computational resources")
    ).to_be_checked()
    assert sorted(results(page)) == ["checks#key-benefit"]


def test_an_unreadable_results_store_is_kept_aside_not_overwritten(page: Page, server: PagesServer) -> None:
    page.goto(server.url("quiz/"))
    page.evaluate("(key) => localStorage.setItem(key, '{truncated')", RESULTS_KEY)
    page.reload()
    quiz(page, "checks", "no-eval").get_by_label("False").check()
    quiz(page, "checks", "no-eval").get_by_role("button", name="Submit").click()
    expect(quiz(page, "checks", "no-eval").locator(".quiz-feedback .correct")).to_be_visible()
    kept = page.evaluate(
        "(prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix)).map((k) => localStorage.getItem(k))",
        f"quizbank:2:{SITE_PATH}:damaged:",
    )
    assert kept == ["{truncated"]
    assert list(results(page)) == ["checks#no-eval"]


def test_try_again_keeps_the_focus_in_the_question(page: Page, server: PagesServer) -> None:
    page.goto(server.url("quiz/"))
    key = quiz(page, "checks", "key-benefit")
    key.get_by_label("It avoids using training data").check()
    key.get_by_role("button", name="Submit").click()
    key.get_by_role("button", name="Try Again").focus()
    page.keyboard.press("Enter")
    first = key.locator('input[name="answer"]').first
    expect(first).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is still this question's, not the next question's
    assert page.evaluate("() => document.activeElement.closest('.quiz').id") == "quiz-checks--key-benefit"

    blank = quiz(page, "checks", "generic-type")
    blank.locator("input.quiz-blank-input").fill("ArrayList")
    blank.get_by_role("button", name="Submit").click()
    blank.get_by_role("button", name="Try Again").click()
    expect(blank.locator("input.quiz-blank-input")).to_be_focused()
    expect(blank.locator("input.quiz-blank-input")).to_have_value("")
    expect(blank.locator(".quiz-feedback")).to_be_hidden()


def test_a_partly_right_answer_says_how_far_it_got(page: Page, server: PagesServer) -> None:
    page.goto(server.url("quiz/"))
    peft = quiz(page, "checks", "peft")
    peft.get_by_label("LoRA").check()
    peft.get_by_label("Full fine-tuning").check()
    peft.get_by_role("button", name="Submit").click()
    note = "You chose 1 of the 2 right options, and 1 option that is not right."
    expect(peft.locator(".quiz-feedback .quizbank-note")).to_have_text(note)
    expect(page.locator("#quiz-announcer")).to_contain_text("Incorrect. " + note)


def test_submitting_nothing_is_not_an_answer(page: Page, server: PagesServer) -> None:
    page.goto(server.url("quiz/"))
    key = quiz(page, "checks", "key-benefit")
    key.get_by_role("button", name="Submit").click()
    expect(key.locator(".quiz-feedback")).to_have_text("Choose an answer first.")
    expect(key.locator(".quiz-feedback .incorrect")).to_have_count(0)
    assert results(page) == {}


def test_a_phone_user_sees_that_answers_are_not_saved(browser: Browser, server: PagesServer) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.add_init_script(BREAK_SET_ITEM)
        page.goto(server.url("quiz/"))
        key = quiz(page, "checks", "key-benefit")
        key.get_by_label("It reduces the need for computational resources").check()
        key.get_by_role("button", name="Submit").click()
        notice = key.get_by_role("alert")
        expect(notice).to_contain_text("could not be saved in this browser")
        expect(notice).to_be_visible()
        box = notice.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    finally:
        context.close()


def test_without_javascript_no_button_pretends_to_work(browser: Browser, server: PagesServer) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url("quiz/"))
        expect(page.locator(".quiz-noscript")).to_be_visible()
        expect(page.locator(".quiz-noscript")).to_contain_text("need JavaScript")
        expect(quiz(page, "checks", "key-benefit").locator(".quiz-question")).to_be_visible()
        expect(quiz(page, "checks", "key-benefit").get_by_label("It avoids using training data")).to_be_visible()
        expect(page.locator(".quiz button")).to_have_count(len(BANK.split("- id:")) - 1)  # in the page…
        for button in page.locator(".quiz button").all():
            expect(button).to_be_hidden()  # …but not shown
    finally:
        context.close()


def test_quiz_pages_have_no_console_errors_after_everything_above(page: Page, server: PagesServer) -> None:
    """The `page` fixture fails on any console error: answer every type once, reload, navigate."""
    page.goto(server.url("quiz/"))
    quiz(page, "checks", "no-eval").get_by_label("True").check()
    quiz(page, "checks", "no-eval").get_by_role("button", name="Submit").click()
    quiz(page, "checks", "scores").locator("input.quiz-blank-input").first.fill("0.8")
    quiz(page, "checks", "scores").get_by_role("button", name="Submit").click()
    expect(
        quiz(page, "checks", "scores").locator(".quiz-feedback")
    ).to_be_visible()  # marked (and saved) before leaving
    page.reload()
    page.get_by_role("link", name="home", exact=True).click()
    page.get_by_role("link", name="the quiz").click()
    expect(quiz(page, "checks", "no-eval").get_by_label("True")).to_be_checked()
    expect(quiz(page, "checks", "scores").locator("input.quiz-blank-input").first).to_have_value("0.8")
    assert Path(server.directory / "quiz" / "index.html").exists()


def test_an_answer_given_before_the_quizzes_are_ready_is_kept(page: Page, server: PagesServer) -> None:
    """The site's script loads after the page: an answer submitted in the meantime is taken when it is ready."""
    release: list[Route] = []
    page.route("**/bundles/site.js", lambda route: release.append(route))  # held until the answer is in
    with page.expect_request("**/bundles/site.js"):
        page.goto(server.url("quiz/"))
    key = quiz(page, "checks", "key-benefit")
    key.get_by_label("It reduces the need for computational resources").check()
    key.get_by_role("button", name="Submit").click()
    expect(key.locator(".quiz-feedback")).to_be_hidden()  # nothing could mark it yet
    while not release:  # the route handler runs on Playwright's side, just after the request
        page.wait_for_timeout(20)
    release[0].continue_()
    expect(key.locator(".quiz-feedback .correct")).to_be_visible()
    assert "checks#key-benefit" in results(page)
