"""A chapter prints cleanly: text, questions with their options, answer boxes with the whole draft.

None of the site's navigation chrome (header, tabs, sidebars, footer, quiz progress) reaches paper.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from support import BuildResult, PagesServer, site_pages

CHROME = [
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-top",
    ".md-search",
    ".quiz-progress-mobile",
    "#quiz-progress-sidebar",
]
# Longer than any answer box shows on screen, so a printout of the box alone would cut it.
DRAFT = "\n".join(f"Line {n}: a sentence of the student's draft that must reach the paper." for n in range(1, 41))


def chapter_with_questions_and_answer_boxes(page: Page, server: PagesServer, paths: list[str]) -> str:
    for path in paths:
        page.goto(server.url(path))
        if page.locator(".quiz").count() and page.locator("textarea").count():
            return path
    raise AssertionError(f"no chapter has both self-check questions and answer boxes among {paths}")


def test_a_chapter_prints_cleanly(page: Page, server: PagesServer, project_site: BuildResult) -> None:
    path = chapter_with_questions_and_answer_boxes(page, server, site_pages(project_site.site, server.base))
    page.set_viewport_size({"width": 900, "height": 1200})
    areas = page.locator("textarea")
    for area in areas.all():
        area.fill(DRAFT)
    answered = page.locator(".quiz").first
    answered.locator('input[name="answer"], input.quiz-blank-input').first.click()
    if answered.locator("input.quiz-blank-input").count():
        answered.locator("input.quiz-blank-input").first.fill("an answer")
    answered.locator('button[type="submit"]').click()
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")

    for selector in CHROME:
        for element in page.locator(selector).all():
            expect(element, f"{path}: {selector} shows in print").to_be_hidden()
    expect(page.locator("article h1").first).to_be_visible()

    quizzes = page.locator(".quiz").all()
    assert quizzes, f"{path} has no questions"
    for quiz in quizzes:
        qid = quiz.get_attribute("id")
        expect(quiz.locator(".quiz-question"), f"{path}: question {qid}").to_be_visible()
        options = quiz.locator("fieldset:not(.quiz-confidence) label")
        for i in range(options.count()):
            expect(options.nth(i), f"{path}: option {i + 1} of {qid}").to_be_visible()
            expect(quiz.locator('input[name="answer"]').nth(i), f"{path}: option {i + 1} of {qid}").to_be_visible()
        for blank in quiz.locator("input.quiz-blank-input").all():
            expect(blank, f"{path}: blank in {qid}").to_be_visible()
        for button in quiz.locator("button").all():
            expect(button, f"{path}: button in {qid} shows in print").to_be_hidden()
    expect(answered.locator(".quiz-feedback"), "the result of an answered question prints").to_be_visible()

    for i, area in enumerate(areas.all()):
        expect(area).to_have_value(DRAFT)
        assert_draft_prints(area, f"{path}: answer box {i + 1}")
    page.emulate_media(media="screen")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")


def assert_draft_prints(area: Locator, where: str) -> None:
    """The whole draft is on paper: in the textarea itself, grown to fit, or in a print copy beside it."""
    if area.is_visible():
        hidden = area.evaluate("t => t.scrollHeight - t.clientHeight")
        assert hidden <= 2, f"{where} hides {hidden}px of the student's text in print"
        return
    # A textarea hidden in print must have a visible copy of its text next to it (written-task.js adds one).
    copies = area.locator("xpath=following-sibling::*").filter(has_text=DRAFT.splitlines()[-1])
    assert copies.count(), f"{where}: the textarea is hidden in print and no copy of its text is printed beside it"
    copy = copies.first
    expect(copy, f"{where}: print copy").to_be_visible()
    text = " ".join(copy.inner_text().split())
    assert " ".join(DRAFT.split()) in text, f"{where}: the print copy does not hold the whole draft"
    hidden = copy.evaluate("e => e.scrollHeight - e.clientHeight")
    assert hidden <= 2, f"{where}: the print copy hides {hidden}px of the text"


def test_printing_leaves_the_screen_layout_alone(page: Page, server: PagesServer, project_site: BuildResult) -> None:
    path = chapter_with_questions_and_answer_boxes(page, server, site_pages(project_site.site, server.base))
    area = page.locator("textarea").first
    area.fill(DRAFT)
    before = area.evaluate("t => t.clientHeight")
    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator(".md-header")).to_be_visible()
    expect(area).to_be_visible()
    assert area.evaluate("t => t.clientHeight") == before, f"{path}: the answer box kept its print height on screen"
