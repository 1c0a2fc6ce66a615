"""My progress: the whole course on one page, a review round of what was missed, one file that carries it all.

Acting as a student: answer on two parts (some wrong, one a guess), draft a written task, and find
it all on the progress page and in the navigation; practise what was missed and find the chapter
agree; let days pass and find a right answer due again; carry the work to a fresh browser in one
file; refuse a damaged file; and edit the bank under the student without misattributing a result.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from quizbank.report.collect import Course, collect
from support import SITE_PATH, PagesServer, build, quiz, quiz_ready, served, watch, write_site

BANK_1 = """questions:
  - id: transfer
    type: single
    question: What does a fine-tuned model start from?
    options:
      - text: A pre-trained model
        correct: true
      - text: Random weights
      - text: A vector database
  - id: peft
    type: multiple
    question: Which methods are parameter-efficient?
    options:
      - text: LoRA
        correct: true
      - text: Adapters
        correct: true
      - text: Full fine-tuning
  - id: eval-needed
    type: true-false
    question: Fine-tuning removes the need for evaluation.
    answer: false
"""
BANK_2 = """questions:
  - id: format
    type: single
    question: Which file format does Azure OpenAI fine-tuning expect?
    options:
      - text: JSONL
        correct: true
      - text: CSV
      - text: Parquet
  - id: engine
    type: fill-blank
    question: The open-source engine that runs ONNX models is [[ONNX Runtime|ONNXRuntime]].
"""
TASKS = """questions:
  - id: essay
    type: written-task
    title: "Part 3: Reflection"
    question: In 150–200 words, discuss why evaluation matters.
    words: {min: 150, max: 200}
"""
PAGES = {
    "index.md": "# Home\n\n[Part 1](part-1.md), [Part 2](part-2.md), [Essay](essay.md), [progress](progress.md).\n",
    "part-1.md": "# Part one\n\nBack [home](index.md).\n\n<!-- quiz: one -->\n",
    "part-2.md": "# Part two\n\nBack [home](index.md).\n\n<!-- quiz: two -->\n",
    "essay.md": "# Essay\n\nBack [home](index.md).\n\n<!-- quiz: tasks#essay -->\n",
    "progress.md": "---\nsearch:\n  exclude: true\n---\n# My progress\n\nBack [home](index.md).\n\n<!-- progress -->\n",
}
NAV = [
    {"Home": "index.md"},
    {"Part one": "part-1.md"},
    {"Part two": "part-2.md"},
    {"Essay": "essay.md"},
    {"My progress": "progress.md"},
]
DAY_MS = 24 * 60 * 60 * 1000


# A course name that holds " - ", as the page title joins the page's name and the course's with it.
COURSE_NAME = "Fine-Tuning - Spring 2027"


def make_site(base: Path, one: str = BANK_1) -> Path:
    banks = {"one.yml": one, "two.yml": BANK_2, "tasks.yml": TASKS}
    return write_site(base, PAGES, banks, nav=NAV, site_name=COURSE_NAME)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[PagesServer, Path]]:
    config = make_site(tmp_path)
    with served(config) as srv:
        yield srv, config


def row(page: Page, key: str):  # type: ignore[no-untyped-def]
    return page.locator(f'tr[data-question="{key}"]')


def answer_as_a_student(page: Page, server: PagesServer) -> None:
    """Part one: one right, one wrong, one right while guessing; part two: one wrong; and a draft."""
    page.goto(server.url("part-1/"))
    quiz(page, "one", "transfer").get_by_label("A pre-trained model").check()
    quiz(page, "one", "transfer").get_by_label("Sure").check()
    quiz(page, "one", "transfer").get_by_role("button", name="Submit").click()
    quiz(page, "one", "peft").get_by_label("LoRA").check()
    quiz(page, "one", "peft").get_by_role("button", name="Submit").click()
    quiz(page, "one", "eval-needed").get_by_label("False").check()
    quiz(page, "one", "eval-needed").get_by_label("Guessing").check()
    quiz(page, "one", "eval-needed").get_by_role("button", name="Submit").click()
    expect(quiz(page, "one", "eval-needed").locator(".quiz-feedback .correct")).to_be_visible()
    page.goto(server.url("part-2/"))
    quiz(page, "two", "format").get_by_label("CSV").check()
    quiz(page, "two", "format").get_by_role("button", name="Submit").click()
    expect(quiz(page, "two", "format").locator(".quiz-feedback .incorrect")).to_be_visible()
    page.goto(server.url("essay/"))
    page.get_by_label("Your answer").fill("Evaluation matters because a model can look good and still fail. " * 3)
    page.wait_for_function(
        "(key) => localStorage.getItem(key) !== null", arg=f"quizbank:2:{SITE_PATH}:draft:tasks#essay"
    )


def test_the_progress_page_shows_every_part_from_this_browser(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, _ = site
    answer_as_a_student(page, server)
    page.goto(server.url("progress/"))
    part_one = page.locator('.quizbank-part[data-part="part-1/"]')
    expect(part_one.locator(".quizbank-part-summary")).to_have_text(
        "3 of 3 self-checks answered · 2 right · 2 to review"
    )
    expect(row(page, "one#transfer").locator(".status")).to_have_text("Right first time")
    expect(row(page, "one#transfer").locator(".confidence")).to_have_text("Sure")
    expect(row(page, "one#peft").locator(".status")).to_have_text("Not yet right")
    expect(row(page, "one#eval-needed").locator(".confidence")).to_have_text("Guessing")
    part_two = page.locator('.quizbank-part[data-part="part-2/"]')
    expect(part_two.locator(".quizbank-part-summary")).to_have_text(
        "1 of 2 self-checks answered · 0 right · 1 to review"
    )
    expect(row(page, "two#engine").locator(".status")).to_have_text("Not tried")
    expect(page.locator('.quizbank-task[data-task="tasks#essay"] .words')).to_have_text(
        "33 words, under the limit (150–200)"
    )
    # Each row links to its question on its chapter.
    expect(row(page, "two#engine").locator("a")).to_have_attribute(
        "href", re.compile(r"(^|/)part-2/#quiz-two--engine$")
    )
    # The navigation says how far each part is, to the eye and to a screen reader.
    count = page.locator(".md-nav--primary .quizbank-nav-count").first
    expect(count.locator("[aria-hidden]")).to_have_text("3 / 3")
    expect(count.locator(".sr-only")).to_have_text(", 3 of 3 self-checks answered")


def test_the_navigation_count_follows_an_answer_without_a_reload(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, _ = site
    page.goto(server.url("part-2/"))
    count = page.locator(".md-nav--primary a.md-nav__link", has_text="Part two").locator(".quizbank-nav-count")
    expect(count.locator("[aria-hidden]")).to_have_text("0 / 2")
    quiz(page, "two", "engine").locator("input.quiz-blank-input").fill("onnxruntime")
    quiz(page, "two", "engine").get_by_role("button", name="Submit").click()
    expect(count.locator("[aria-hidden]")).to_have_text("1 / 2")


def test_practise_what_i_missed_and_find_it_right_on_its_chapter(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, _ = site
    answer_as_a_student(page, server)
    page.goto(server.url("progress/"))
    expect(page.locator(".quizbank-review-status")).to_have_text("3 questions are ready to review.")
    page.get_by_role("button", name="Start a review round (3 questions)").click()
    # Parts mixed: the missed one of part one, the missed one of part two, then the guess.
    expect(page.locator(".quizbank-review-status")).to_have_text("Question 1 of 3, from Part one.")
    shown = page.locator(".quizbank-review-item:not([hidden])")
    expect(shown).to_have_count(1)
    expect(shown.locator(".quiz")).to_be_focused()
    assert shown.get_attribute("data-question") == "one#peft"
    expect(shown.locator('input[name="answer"]:checked')).to_have_count(0)  # a fresh try, not the old answer
    expect(page.get_by_role("button", name="Next question")).to_be_disabled()
    shown.get_by_label("LoRA").check()
    shown.get_by_label("Adapters").check()
    shown.get_by_role("button", name="Submit").click()
    expect(shown.locator(".quiz-feedback .correct").first).to_be_visible()
    expect(page.get_by_role("button", name="Next question")).to_be_enabled()
    page.get_by_role("button", name="Next question").click()
    expect(page.locator(".quizbank-review-status")).to_have_text("Question 2 of 3, from Part two.")

    # Leave, and come back to where the round was.
    page.goto(server.url("part-1/"))
    expect(quiz(page, "one", "peft").get_by_label("Adapters")).to_be_checked()  # right in the review: right here
    expect(quiz(page, "one", "peft").locator(".quiz-feedback .correct").first).to_be_visible()
    page.goto(server.url("progress/"))
    expect(page.locator(".quizbank-review-status")).to_have_text("Question 2 of 3, from Part two.")
    expect(row(page, "one#peft").locator(".status")).to_have_text("Right after a retry or with hints")
    shown = page.locator(".quizbank-review-item:not([hidden])")
    shown.get_by_label("JSONL").check()
    shown.get_by_role("button", name="Submit").click()
    page.get_by_role("button", name="Next question").click()
    shown = page.locator(".quizbank-review-item:not([hidden])")
    assert shown.get_attribute("data-question") == "one#eval-needed"
    shown.get_by_label("True").check()
    shown.get_by_role("button", name="Submit").click()
    page.get_by_role("button", name="Finish the round").click()
    expect(page.locator(".quizbank-review-status")).to_have_text(
        "Round finished: 2 of 3 right. 1 question stays to review."
    )
    expect(page.get_by_role("button", name="Start a review round (1 question)")).to_be_visible()


def test_the_round_fetches_its_questions_when_it_starts_and_a_failed_fetch_changes_nothing(
    page: Page, site: tuple[PagesServer, Path], console_errors: list[str]
) -> None:
    """My progress carries no question: they are a file of their own (hooks/review_pool.py)."""
    server, _ = site
    answer_as_a_student(page, server)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "review-pool." in request.url else None)
    page.goto(server.url("progress/"))
    page.wait_for_function("() => window.quizbank && window.quizbank.progressReady")
    assert "review-pool." in page.locator(".quizbank-review-stage").get_attribute("data-review-pool")  # type: ignore[operator]
    expect(page.locator(".quiz")).to_have_count(0)
    assert fetched == []

    # The file cannot be fetched (offline before the site was ever kept for offline use): the
    # student is told, no round starts, and the button keeps the focus for another try.
    page.route("**/review-pool.*.html", lambda route: route.abort())
    start = page.get_by_role("button", name="Start a review round (3 questions)")
    start.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("The review questions could not be loaded")
    expect(start).to_be_focused()
    expect(start).not_to_have_attribute("aria-busy", "true")
    expect(page.locator(".quizbank-review-status")).to_have_text("3 questions are ready to review.")
    assert page.evaluate(f"() => localStorage.getItem('quizbank:2:{SITE_PATH}:review')") is None
    # The browser logs the failed request itself; nothing else may have gone wrong.
    assert [e for e in console_errors if "Failed to load resource" in e] == console_errors != []
    console_errors.clear()

    page.unroute("**/review-pool.*.html")
    page.keyboard.press("Enter")
    expect(page.locator(".quizbank-review-status")).to_have_text("Question 1 of 3, from Part one.")
    shown = page.locator(".quizbank-review-item:not([hidden])")
    expect(shown.locator(".quiz")).to_be_focused()
    expect(page.locator(".quizbank-review-item")).to_have_count(5)  # every self-check of the course
    shown.get_by_label("LoRA").check()
    shown.get_by_label("Adapters").check()
    shown.get_by_role("button", name="Submit").click()
    expect(shown.locator(".quiz-feedback .correct").first).to_be_visible()
    expect(shown.locator(".quiz-reset-button, .quizbank-retry")).to_have_count(1)
    assert len(fetched) == 2, fetched  # the failed try, then the one that came


def test_after_a_redeploy_the_round_of_an_older_page_asks_for_a_reload(
    page: Page, site: tuple[PagesServer, Path], console_errors: list[str]
) -> None:
    """A page older than the deploy online is told to reload, not that it is offline.

    Without a worker (Save-Data, or a tab older than the one that took the update) this page's
    review file is gone from the server once the course is redeployed; the reload brings a round
    that starts.
    """
    server, config = site
    answer_as_a_student(page, server)
    page.goto(server.url("progress/"))
    page.wait_for_function("() => window.quizbank && window.quizbank.progressReady")

    bank = (config.parent / "quizzes" / "one.yml").read_text(encoding="utf-8")
    (config.parent / "quizzes" / "one.yml").write_text(bank + "    explanation: Redeployed.\n", encoding="utf-8")
    rebuilt = build(config)  # the served site: its review file has a new name now
    assert rebuilt.code == 0, rebuilt.output

    page.get_by_role("button", name="Start a review round (3 questions)").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("updated since you opened this page")
    expect(alert).not_to_contain_text("offline")
    assert page.evaluate(f"() => localStorage.getItem('quizbank:2:{SITE_PATH}:review')") is None
    assert [e for e in console_errors if "404" in e] == console_errors != []  # the browser's own log
    console_errors.clear()
    alert.get_by_role("button", name="Reload").click()
    page.wait_for_function("() => window.quizbank && window.quizbank.progressReady")
    page.get_by_role("button", name="Start a review round (3 questions)").click()
    expect(page.locator(".quizbank-review-status")).to_have_text("Question 1 of 3, from Part one.")


def test_a_right_answer_comes_back_when_it_is_due(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, _ = site
    page.clock.install()
    page.goto(server.url("part-1/"))
    quiz(page, "one", "transfer").get_by_label("A pre-trained model").check()
    quiz(page, "one", "transfer").get_by_role("button", name="Submit").click()
    expect(quiz(page, "one", "transfer").locator(".quiz-feedback")).to_be_visible()  # marked (and saved) before leaving
    page.goto(server.url("progress/"))
    expect(page.locator(".quizbank-review-status")).to_contain_text("Nothing to review right now")
    page.clock.fast_forward(DAY_MS + 60_000)  # a day later: due again
    page.reload()
    expect(page.locator(".quizbank-review-status")).to_have_text("1 question is ready to review.")
    expect(row(page, "one#transfer").locator(".status")).to_have_text("Right first time")


def test_one_file_carries_everything_to_another_browser(
    browser: Browser, page: Page, site: tuple[PagesServer, Path], tmp_path: Path
) -> None:
    server, _ = site
    answer_as_a_student(page, server)
    page.goto(server.url("progress/"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my progress").click()
    path = Path(info.value.path())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "quizbank-progress" and data["version"] == 3
    assert data["course"] == COURSE_NAME, "the course's whole name, not the title's last part"
    assert re.fullmatch("[0-9a-f]{16}", data["learner"]), "a random learner id, never a name"
    assert data["results"]["one#peft"]["first"] == data["results"]["one#peft"]["answer"]
    assert set(data["results"]) == {"one#transfer", "one#peft", "one#eval-needed", "two#format"}
    assert data["results"]["one#eval-needed"]["confidence"] == "guess"
    assert data["results"]["one#transfer"]["firstConfidence"] == "sure"
    assert data["results"]["one#peft"]["firstConfidence"] == "none"
    assert "tasks#essay" in data["drafts"]
    # The class report, run with this site's config, counts the file as this course's.
    handed = tmp_path / "handed-in" / info.value.suggested_filename
    handed.parent.mkdir()
    handed.write_bytes(path.read_bytes())
    found = collect(handed.parent, Course(COURSE_NAME, SITE_PATH))
    assert len(found.files) == 1 and not found.skipped, found.skipped

    context = browser.new_context()  # another browser: nothing in it
    try:
        other = context.new_page()
        errors: list[str] = []
        watch(other, errors)
        other.goto(server.url("progress/"))
        expect(other.locator('.quizbank-part[data-part="part-1/"] .quizbank-part-summary')).to_have_text(
            "0 of 3 self-checks answered · 0 right · 0 to review"
        )
        other.locator("#quizbank-restore-file").set_input_files(str(path))
        form = other.locator(".quizbank-restore-form")
        expect(form).to_contain_text("5 entries from the file will be added")
        form.get_by_role("button", name="Restore", exact=True).click()
        expect(other.locator(".quizbank-notice")).to_contain_text("Restored.")
        learner = other.evaluate("(key) => localStorage.getItem(key)", f"quizbank:2:{SITE_PATH}:learner")
        assert learner == data["learner"], "pools draw on the new device as they did on the old one"
        expect(other.locator('.quizbank-part[data-part="part-1/"] .quizbank-part-summary')).to_have_text(
            "3 of 3 self-checks answered · 2 right · 2 to review"
        )
        other.goto(server.url("part-1/"))
        expect(quiz(other, "one", "eval-needed").get_by_label("False")).to_be_checked()
        expect(quiz(other, "one", "eval-needed").get_by_label("Guessing")).to_be_checked()
        other.goto(server.url("essay/"))
        expect(other.get_by_label("Your answer")).to_have_value(re.compile("^Evaluation matters because"))
        assert not errors
    finally:
        context.close()


def test_restoring_asks_where_file_and_browser_disagree(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, _ = site
    answer_as_a_student(page, server)
    page.goto(server.url("progress/"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my progress").click()
    path = Path(info.value.path())
    page.goto(server.url("part-2/"))  # then the student answers again here, after saving the file
    quiz(page, "two", "format").get_by_role("button", name="Try Again").click()
    quiz(page, "two", "format").get_by_label("JSONL").check()
    quiz(page, "two", "format").get_by_role("button", name="Submit").click()
    expect(quiz(page, "two", "format").locator(".quiz-feedback")).to_be_visible()  # marked (and saved) before leaving
    page.goto(server.url("progress/"))
    page.locator("#quizbank-restore-file").set_input_files(str(path))
    # The file is older than this browser's work: asked first (tests/browser/test_keep.py), then compared.
    page.get_by_role("button", name="Compare and choose").click()
    choice = page.locator('fieldset[data-choice="result:two#format"]')
    expect(choice).to_contain_text("the file and this browser differ")
    expect(choice.get_by_label(re.compile("this browser's .*the newer"))).to_be_checked()
    page.get_by_role("button", name="Restore", exact=True).click()
    expect(row(page, "two#format").locator(".status")).to_have_text("Right after a retry or with hints")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ('{"format": "something-else"}', "not a progress file"),
        ('{"format": "quizbank-progress", "version": 99, "results": {}, "drafts": {}}', "newer version"),
        ('{"format": "quizbank-progress", "version": 1, "results": {"one#peft": {"fp": 1}}, "drafts": {}}', "damaged"),
    ],
    ids=["not-json", "not-ours", "newer", "damaged"],
)
def test_a_file_that_is_not_ours_changes_nothing(
    page: Page, site: tuple[PagesServer, Path], tmp_path: Path, content: str, message: str
) -> None:
    server, _ = site
    answer_as_a_student(page, server)
    page.goto(server.url("progress/"))
    page.wait_for_function("() => window.quizbank && window.quizbank.progressReady")  # the page has done its own writes
    before = page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")
    bad = tmp_path / "progress.json"
    bad.write_text(content, encoding="utf-8")
    page.locator("#quizbank-restore-file").set_input_files(str(bad))
    expect(page.get_by_role("alert")).to_contain_text(message)
    expect(page.get_by_role("alert")).to_contain_text("Nothing in this browser was changed.")
    expect(page.locator(".quizbank-restore-form")).to_have_count(0)
    assert page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())") == before


def test_an_edited_bank_never_gets_an_old_result(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, config = site
    answer_as_a_student(page, server)
    # The instructor rewords one question and removes another, and republishes.
    edited = BANK_1.replace("What does a fine-tuned model start from?", "What does fine-tuning start from?")
    edited = edited[: edited.index("  - id: eval-needed")]
    (config.parent / "quizzes" / "one.yml").write_text(edited, encoding="utf-8")
    assert build(config).code == 0
    page.goto(server.url("progress/"))
    expect(row(page, "one#transfer").locator(".status")).to_have_text("Changed since you answered: try it again")
    expect(row(page, "one#eval-needed")).to_have_count(0)
    expect(page.locator(".quizbank-elsewhere")).to_contain_text("one#eval-needed")
    expect(page.locator('.quizbank-part[data-part="part-1/"] .quizbank-part-summary')).to_have_text(
        "1 of 2 self-checks answered · 0 right · 1 to review"
    )
    page.goto(server.url("part-1/"))
    # Once the scripts have started the questions (before that, nothing is shown whatever they do):
    # the reworded one starts afresh, while the other still shows its saved answer.
    quiz_ready(page)
    expect(quiz(page, "one", "transfer").locator('input[name="answer"]:checked')).to_have_count(0)
    expect(quiz(page, "one", "transfer").locator(".quiz-feedback")).to_be_hidden()
    expect(quiz(page, "one", "peft").locator('input[name="answer"]:checked')).to_have_count(1)
    expect(quiz(page, "one", "peft").locator(".quiz-feedback")).to_be_visible()


def test_the_review_round_from_the_keyboard(page: Page, site: tuple[PagesServer, Path]) -> None:
    server, _ = site
    page.goto(server.url("part-2/"))
    quiz(page, "two", "format").get_by_label("CSV").check()
    quiz(page, "two", "format").get_by_role("button", name="Submit").click()
    expect(quiz(page, "two", "format").locator(".quiz-feedback")).to_be_visible()  # marked (and saved) before leaving
    page.goto(server.url("progress/"))
    start = page.get_by_role("button", name="Start a review round (1 question)")
    start.focus()
    page.keyboard.press("Enter")
    shown = page.locator(".quizbank-review-item:not([hidden])")
    expect(shown.locator(".quiz")).to_be_focused()
    page.keyboard.press("Tab")
    for _ in range(6):  # to the right option, wherever the shuffle put it
        if page.evaluate("() => document.activeElement.getAttribute('name')") == "answer":
            break
        page.keyboard.press("Tab")
    for _ in range(3):
        if page.evaluate("() => document.activeElement.labels[0].textContent.trim()") == "JSONL":
            break
        page.keyboard.press("ArrowDown")
    expect(shown.get_by_label("JSONL")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(shown.get_by_role("button", name="Submit")).to_be_focused()
    page.keyboard.press("Enter")
    expect(shown.locator(".quiz-feedback .correct").first).to_be_visible()
    finish = page.get_by_role("button", name="Finish the round")
    finish.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".quizbank-review-status")).to_be_focused()
    expect(page.locator(".quizbank-review-status")).to_contain_text("Round finished: 1 of 1 right.")


def test_without_storage_the_page_says_so(browser: Browser, site: tuple[PagesServer, Path]) -> None:
    server, _ = site
    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(
            "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });"
        )
        page.goto(server.url("progress/"))
        expect(page.get_by_role("alert")).to_contain_text("storage is disabled or unavailable")
    finally:
        context.close()
