"""A student who acts before the page's scripts are ready loses nothing (issue: green every time).

The site's module loads after the page (overrides/partials/inline/site-loader.html), and the answer
boxes' script after it. Each test holds those scripts (the route answers only when released), acts
as a student would in that window, then lets them in: focus, caret and text are as the student left
them, what they asked for (a submit, a hint) is carried out once, and the answer counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from support import CORPUS, SITE_PATH, PagesServer, quiz, quiz_ready, results, served, write_site

TASKS = """questions:
  - id: essay
    type: written-task
    title: "Reflection"
    question: In 150–200 words, discuss why evaluation matters.
    words: {min: 150, max: 200}
"""
PAGES = {
    "index.md": "# Home\n\nGo to [the practice](practice.md).\n",
    "practice.md": "# Practice\n\n<!-- quiz: practice -->\n\n## Your answer\n\n<!-- quiz: tasks#essay -->\n",
}
DRAFT_KEY = f"quizbank:2:{SITE_PATH}:draft:tasks#essay"
SCRIPTS = re.compile(r"/assets/javascripts/bundles/(site|written-task)\.js$")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    banks = {"practice.yml": (CORPUS / "good" / "practice.yml").read_text(encoding="utf-8"), "tasks.yml": TASKS}
    with served(write_site(tmp_path_factory.mktemp("early"), PAGES, banks)) as srv:
        yield srv


class Held:
    """The site's scripts, held at the network until released.

    The answer boxes' script is a module in the page, so holding it holds the load event too (and the
    site's module, which is requested after it): pages are opened without waiting for the load event.
    """

    def __init__(self, page: Page) -> None:
        self.page = page
        self.routes: list[Route] = []
        self.released = False
        page.route(SCRIPTS, self.hold)

    def hold(self, route: Route) -> None:
        if self.released:
            route.continue_()
        else:
            self.routes.append(route)

    def goto(self, url: str) -> None:
        self.page.goto(url, wait_until="commit")
        # Parsed to the end ("interactive" comes before the held module runs, DOMContentLoaded after
        # it): acting while the rest of the page still streams in raced the layout under load once.
        self.page.wait_for_function("() => document.readyState !== 'loading'")
        assert not self.page.evaluate("() => Boolean(window.quizbank && window.quizbank.quizReady)")
        expect(self.page.locator("#quiz-practice--numbers")).to_be_visible()

    def release(self) -> None:
        while not self.routes:  # requested as the page is parsed
            self.page.wait_for_timeout(20)
        self.released = True  # first: a request after this point goes straight through
        for route in self.routes:
            route.continue_()


def record(page: Page, qid: str) -> dict[str, Any]:
    return results(page).get(f"practice#{qid}", {})


def scripts_not_ready(page: Page) -> bool:
    return bool(page.evaluate("() => !(window.quizbank && window.quizbank.quizReady)"))


def test_blanks_confidence_and_a_hint_before_the_scripts_keep_focus_and_text(page: Page, server: PagesServer) -> None:
    # A first visit, scripts on time: a wrong answer is saved, so there is something to paint over.
    page.goto(server.url("practice/"))
    blanks = quiz(page, "practice", "numbers").locator("input.quiz-blank-input")
    for i, text in enumerate(("1", "2", "3")):
        blanks.nth(i).fill(text)
    quiz(page, "practice", "numbers").get_by_role("button", name="Submit").click()
    expect(quiz(page, "practice", "numbers").locator(".quiz-feedback .incorrect")).to_be_visible()

    held = Held(page)
    held.goto(server.url("practice/"))
    assert scripts_not_ready(page)
    q = quiz(page, "practice", "numbers")
    q.locator("input.quiz-blank-input").first.focus()
    for text in (".8", "0.845", "ONNXRuntime"):
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    hint = q.get_by_role("button", name="Show a hint (1 of 1)")
    expect(hint).to_be_focused()  # there from the start: the focus order never changes under the student
    page.keyboard.press("Enter")  # asked for before the scripts: kept, and shown once they are here
    page.keyboard.press("Tab")
    expect(q.get_by_label("Sure")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(q.get_by_label("Think so")).to_be_checked()
    assert scripts_not_ready(page)

    held.release()
    quiz_ready(page)
    expect(q.locator(".quiz-hints-list li").first).to_be_visible()
    # The student's text and choice stand: the saved wrong answer is not painted over them.
    assert [blanks.nth(i).input_value() for i in range(3)] == [".8", "0.845", "ONNXRuntime"]
    expect(q.get_by_label("Think so")).to_be_checked()
    expect(q.get_by_label("Think so")).to_be_focused()  # the focus stayed with the student
    page.keyboard.press("Tab")
    expect(q.get_by_role("button", name="Submit")).to_be_focused()
    page.keyboard.press("Enter")
    expect(q.locator(".quiz-feedback .correct")).to_be_visible()
    saved = record(page, "numbers")
    assert saved["answer"] == [".8", "0.845", "ONNXRuntime"] and saved["correct"] is True
    assert saved["confidence"] == "unsure" and saved["hints"] == 1
    assert saved["first"] == ["1", "2", "3"], "the first answer is kept for the class report"


def test_an_answer_submitted_before_the_scripts_counts_once_they_are_here(page: Page, server: PagesServer) -> None:
    held = Held(page)
    held.goto(server.url("practice/"))
    q = quiz(page, "practice", "shuffled")
    q.get_by_label("F1 score").check()
    q.get_by_label("Sure").check()
    q.get_by_role("button", name="Submit").click()
    assert scripts_not_ready(page)
    expect(q.get_by_label("F1 score")).to_be_checked()
    held.release()
    expect(q.locator(".quiz-feedback .correct")).to_be_visible()
    expect(q.locator(".quizbank-note")).to_have_text("You were sure, and you were right.")
    saved = record(page, "shuffled")
    assert saved["attempts"] == 1 and saved["correct"] is True and saved["confidence"] == "sure"
    expect(q.locator("button", has_text="Try Again")).to_have_count(1)


def test_a_draft_typed_before_the_scripts_is_kept_after_the_saved_one(page: Page, server: PagesServer) -> None:
    page.goto(server.url("practice/"))
    box = page.locator("#answer-tasks--essay").get_by_label("Your answer")
    box.fill("My saved draft.")
    page.wait_for_function(
        "([key, text]) => { const r = JSON.parse(localStorage.getItem(key) || 'null'); return r && r.fields.answer === text; }",
        arg=[DRAFT_KEY, "My saved draft."],
    )

    held = Held(page)
    held.goto(server.url("practice/"))
    expect(box).to_have_value("")  # the saved draft has not arrived yet
    box.click()
    page.keyboard.type("Typed at once")
    held.release()
    page.wait_for_function(
        "([key]) => { const r = JSON.parse(localStorage.getItem(key) || 'null'); return r && r.fields.answer.includes('Typed'); }",
        arg=[DRAFT_KEY],
    )
    page.keyboard.type(", and more.")  # the caret is still at the end of what the student typed
    expect(box).to_have_value("My saved draft.\n\nTyped at once, and more.")
    expect(box).to_be_focused()
    page.wait_for_function(
        "([key, text]) => { const r = JSON.parse(localStorage.getItem(key) || 'null'); return r && r.fields.answer === text; }",
        arg=[DRAFT_KEY, "My saved draft.\n\nTyped at once, and more."],
    )


def test_submit_before_the_scripts_on_a_question_that_looks_unanswered_records_nothing(
    page: Page, server: PagesServer
) -> None:
    # Saved first, on time: a wrong answer, due for review now.
    page.goto(server.url("practice/"))
    q = quiz(page, "practice", "shuffled")
    q.get_by_label("Accuracy").check()
    q.get_by_role("button", name="Submit").click()
    expect(q.locator(".quiz-feedback .incorrect")).to_be_visible()
    saved = record(page, "shuffled")
    assert saved["attempts"] == 1

    held = Held(page)
    held.goto(server.url("practice/"))
    q = quiz(page, "practice", "shuffled")
    expect(q.locator('input[name="answer"]:checked')).to_have_count(0)  # the saved answer is not shown yet
    q.get_by_role("button", name="Submit").click()  # what the student sees: nothing chosen
    held.release()
    quiz_ready(page)
    expect(q.locator(".quiz-feedback")).to_have_text("Choose an answer first.")
    expect(q.locator('input[name="answer"]:checked')).to_have_count(0)  # as the student had it
    assert record(page, "shuffled") == saved, "the saved answer was submitted again"


def test_a_saved_draft_on_its_way_is_shown_as_loading_until_it_is_in_place(page: Page, server: PagesServer) -> None:
    page.goto(server.url("practice/"))
    box = page.locator("#answer-tasks--essay").get_by_label("Your answer")
    box.fill("My saved draft.")
    page.wait_for_function(
        "([key, text]) => { const r = JSON.parse(localStorage.getItem(key) || 'null'); return r && r.fields.answer === text; }",
        arg=[DRAFT_KEY, "My saved draft."],
    )

    held = Held(page)
    held.goto(server.url("practice/"))
    task = page.locator("#answer-tasks--essay")
    expect(box).to_have_value("")  # on a slow line the script, and so the draft, is not here yet
    expect(
        task.locator(".written-task-loading", has_text="Loading your saved draft…")
    ).to_be_visible()  # so nobody types it again
    expect(task.locator(".written-task-status")).to_have_text("Loading your saved draft…")  # and heard
    expect(box).to_have_attribute("aria-busy", "true")
    held.release()
    expect(box).to_have_value("My saved draft.")
    expect(task.locator(".written-task-loading", has_text="Loading your saved draft…")).to_have_count(0)
    expect(task.locator(".written-task-status")).not_to_have_text("Loading your saved draft…")
    expect(box).not_to_have_attribute("aria-busy", "true")


def test_no_loading_notice_without_a_saved_draft(page: Page, server: PagesServer) -> None:
    held = Held(page)
    held.goto(server.url("practice/"))
    expect(page.locator("#answer-tasks--essay .written-task-field")).to_be_visible()
    expect(page.locator(".written-task-loading")).to_have_count(0)
    held.release()
