"""Every count a student sees agrees with the one store of results, on every chapter of the real site.

A student answers every self-check of a chapter, of every type (any answer; of a pool, the variant
drawn for them: a pool counts once), and reads each count:
the page's own box (foot of the table of contents, and after the chapter), the chapter's entry in
the navigation and My progress; after "Try Again", a reload, instant navigation, a review round and
a restore from the progress file. Each question carries one "Try Again" button in the DOM.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from support import PagesServer, quiz_ready, wait_for_material, watch

CHAPTERS = ["part-1/", "part-2/", "part-2-case-study/", "part-3/", "part-3-deploying/"]


def chapter_quizzes(page: Page) -> Locator:
    """The self-checks this student sees: of a pool's variants, the ones drawn for them (pools-ui.js)."""
    return page.locator('article .quiz[data-fp]:not([data-pool-shown="false"])')


def counted(page: Page) -> None:
    """Wait until the page has drawn its count: pools-ui.js has chosen the variants before it."""
    expect(page.locator('.quizbank-page-count[data-place="end"]')).to_have_attribute("data-total", re.compile(r"^\d+$"))


def answer(q: Locator) -> None:
    """Any answer, for any type: a first option, an "x" in each blank, a number, a first choice in each list."""
    blanks = q.locator("input.quiz-blank-input")
    for i in range(blanks.count()):
        blanks.nth(i).fill("x")
    numbers = q.locator("input.quiz-calc-input")
    if numbers.count():
        numbers.first.fill("1")
    choices = q.locator('input[name="answer"]')
    if choices.count():
        choices.first.check()
    selects = q.locator("select")
    for i in range(selects.count()):
        selects.nth(i).select_option(index=1)
    q.get_by_role("button", name="Submit").click()
    expect(q.locator(".quiz-feedback")).to_be_visible()


def answer_everything(page: Page) -> int:
    quizzes = chapter_quizzes(page)
    expect(quizzes.first).to_be_visible()
    for i in range(quizzes.count()):
        answer(quizzes.nth(i))
    return quizzes.count()


def expect_counts(page: Page, chapter: str, answered: int, total: int) -> None:
    for place in ("toc", "end"):
        box = page.locator(f'.quizbank-page-count[data-place="{place}"]')
        expect(box).to_have_attribute("data-answered", str(answered))
        expect(box).to_have_attribute("data-total", str(total))
    done = f"All {total} answered" if answered == total else f"Answered {answered} of {total}"
    expect(page.locator('.quizbank-page-count[data-place="end"]')).to_contain_text(done)
    entry = page.locator(f'.md-nav--primary a.md-nav__link[href$="{chapter}"] .quizbank-nav-count').first
    expect(entry).to_contain_text(f"{answered} / {total}")


def one_try_again_each(page: Page) -> None:
    quiz_ready(page)  # mkdocs-quiz adds its buttons as it starts; the counts are drawn before
    quizzes = chapter_quizzes(page)
    for i in range(quizzes.count()):
        q = quizzes.nth(i)
        assert q.locator("button", has_text="Try Again").count() == 1, q.get_attribute("id")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_count_agrees_after_answering_every_question(page: Page, server: PagesServer, chapter: str) -> None:
    page.goto(server.url(chapter))
    counted(page)
    total = chapter_quizzes(page).count()
    assert total >= 3, f"{chapter} has {total} self-checks"  # a page of a chapter (Parts 2 and 3 are two each)
    expect_counts(page, chapter, 0, total)
    assert answer_everything(page) == total
    expect_counts(page, chapter, total, total)
    one_try_again_each(page)

    # Try Again: what the student achieved is kept, so the question stays answered everywhere.
    retried = chapter_quizzes(page).first
    retried.get_by_role("button", name="Try Again").click()
    expect(retried.locator(".quiz-feedback")).to_be_hidden()
    expect_counts(page, chapter, total, total)

    page.reload()
    expect_counts(page, chapter, total, total)
    one_try_again_each(page)

    page.goto(server.url("progress/"))
    summary = page.locator(f'.quizbank-part[data-part="{chapter}"] .quizbank-part-summary')
    expect(summary).to_contain_text(f"{total} of {total} self-checks answered")

    wait_for_material(page)
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator(f'.md-nav--primary a.md-nav__link[href$="{chapter}"]').first.click()
    expect(chapter_quizzes(page).first).to_be_visible()
    assert page.evaluate("() => window.__sameDocument === true"), "navigation was not instant"
    expect_counts(page, chapter, total, total)
    one_try_again_each(page)


def test_counts_after_a_review_round_and_a_restore_from_the_file(
    browser: Browser, page: Page, server: PagesServer
) -> None:
    chapter = "part-3/"
    page.goto(server.url(chapter))
    counted(page)
    total = answer_everything(page)
    right = int(page.locator('.quizbank-page-count[data-place="end"]').get_attribute("data-right") or "-1")
    assert 0 <= right < total, "any answer leaves some wrong, for the review round"

    page.goto(server.url("progress/"))
    page.get_by_role("button", name="Start a review round").click()
    item = page.locator(".quizbank-review-item:not([hidden])")
    answer(item.locator(".quiz"))
    page.goto(server.url(chapter))
    expect_counts(page, chapter, total, total)  # a review answer updates a question, never the number asked
    rights = page.locator('.quizbank-page-count[data-place="toc"]').get_attribute("data-right")

    page.goto(server.url("progress/"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my progress").click()
    path = Path(info.value.path())
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 3

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = context.new_page()
        errors: list[str] = []
        watch(other, errors)
        other.goto(server.url("progress/"))
        other.locator("#quizbank-restore-file").set_input_files(str(path))
        other.get_by_role("button", name="Restore", exact=True).click()
        expect(other.locator(".quizbank-notice")).to_contain_text("Restored.")
        other.goto(server.url(chapter))
        expect_counts(other, chapter, total, total)
        expect(other.locator('.quizbank-page-count[data-place="toc"]')).to_have_attribute("data-right", rights or "")
        assert not errors
    finally:
        context.close()


def test_mkdocs_quizs_own_progress_box_is_not_in_the_page(page: Page, server: PagesServer) -> None:
    """Its box counted only the questions its script grades; its Reset cleared only its own storage."""
    page.goto(server.url("part-3/"))
    expect(chapter_quizzes(page).first).to_be_visible()
    quiz_ready(page)
    assert page.locator("#quiz-progress-sidebar, #quiz-progress-mobile, .quiz-reset-all-link").count() == 0
