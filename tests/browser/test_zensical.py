"""The course built with Zensical (`make build ENGINE=zensical`), as a student uses it in Chromium.

A self-check answered, kept over a reload and shown on My progress; axe-core on a chapter and on
My progress; search; then, after one visit online, every page, an answer and My progress's review
round with the network cut. tests/build/test_engines.py compares the built pages with the MkDocs build; this proves they
work. The context allows the site's worker (conftest.py blocks it elsewhere).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from support import (
    AXE_JS,
    RESULTS_KEY,
    BuildResult,
    PagesServer,
    quiz_ready,
    require_npm_package,
    site_pages,
    wait_for_material,
    watch,
)


@pytest.fixture(scope="module")
def zensical_server(
    zensical_site: BuildResult, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[PagesServer, BuildResult]]:
    copy = tmp_path_factory.mktemp("zensical") / "site"  # the server rewrites the sitemap: a copy of its own
    shutil.copytree(zensical_site.site, copy)
    server = PagesServer(copy)
    yield server, BuildResult(zensical_site.code, zensical_site.output, copy)
    server.close()


@pytest.fixture
def online(browser: Browser, console_errors: list[str]) -> Iterator[tuple[BrowserContext, Page]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="allow")
    page = watch(context.new_page(), console_errors)
    try:
        yield context, page
    finally:
        context.close()
    real = [e for e in console_errors if "ERR_INTERNET_DISCONNECTED" not in e and "no-such-page/: " not in e]
    assert not real, "\n".join(real)


def axe_violations(page: Page) -> list[str]:
    require_npm_package(AXE_JS, "axe-core")
    page.add_script_tag(path=str(AXE_JS))
    found: list[str] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(r => r.violations.map(v => `${v.id}: ${v.help} (${v.nodes.length})`))""",
        ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    )
    return found


def saved(page: Page, key: str) -> None:
    """Wait until the one store of results holds one attempt at `key` (bank#id)."""
    page.wait_for_function(
        "([store, id]) => { const v = JSON.parse(localStorage.getItem(store) || 'null');"
        " return !!(v && v.questions[id] && v.questions[id].attempts === 1); }",
        arg=[RESULTS_KEY, key],
    )


def test_a_student_answers_reloads_sees_my_progress_and_works_offline(
    zensical_server: tuple[PagesServer, BuildResult], online: tuple[BrowserContext, Page]
) -> None:
    server, site = zensical_server
    context, page = online

    # Answer a self-check wrongly on Part 1: saved, and still answered after a reload.
    page.goto(server.url("part-1/"))
    quiz_ready(page)
    quiz = page.locator(".md-content .quiz:has(input[type=radio][name=answer])").first
    bank, qid = quiz.get_attribute("data-bank"), quiz.get_attribute("data-qid")
    key = f"{bank}#{qid}"
    wrong = quiz.locator("input[name=answer]:not([data-correct])").first
    wrong_id = wrong.get_attribute("id")
    wrong.check()
    quiz.locator("form button[type=submit]").first.click()
    saved(page, key)
    page.reload()
    quiz_ready(page)
    expect(page.locator(f"#{wrong_id}")).to_be_checked()
    expect(page.locator(f'.quiz[data-qid="{qid}"] .quiz-feedback .incorrect')).to_be_visible()

    # My progress knows it (its manifest came from the site command's course.json and its own page).
    page.goto(server.url("progress/"))
    expect(page.locator(f'tr[data-question="{key}"] .status')).to_have_text("Not yet right")

    # WCAG 2.2 AA on a chapter with answered self-checks and an answer box, and on My progress
    # (tests/browser/test_a11y.py runs every page, both palettes, phone and laptop, on the MkDocs build).
    for path in ("part-1/", "progress/"):
        page.goto(server.url(path))
        wait_for_material(quiz_ready(page) if path == "part-1/" else page)
        assert axe_violations(page) == [], f"{path} on the Zensical build"

    page.goto(server.url("progress/"))
    # Search is Zensical's own (a button opens its dialog) and finds a chapter's section.
    wait_for_material(page).locator(".md-search__button").first.click()
    page.keyboard.type("LoRA")
    expect(page.get_by_text("How LoRA works").first).to_be_visible()
    page.keyboard.press("Escape")

    # Offline: the worker the site command wrote has cached every file after this one visit.
    page.wait_for_function("() => window.quizbank && window.quizbank.offline && window.quizbank.offline.ready")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    before = len(server.requests)
    context.set_offline(True)
    for path in site_pages(site.site, server.base):
        response = page.goto(server.url(path))
        assert response is not None and response.status == 200, f"{path} offline: {response and response.status}"
        expect(page.locator("h1").first).to_be_visible()
        expect(page.locator("link[rel=stylesheet][href*='course.css']")).to_have_count(1)
    page.goto(server.url("part-2/"))
    quiz_ready(page)
    expect(page.locator(".quizbank-unavailable")).to_have_count(0)
    second = page.locator(".md-content .quiz:has(input[type=radio][name=answer])").first
    second_key = f"{second.get_attribute('data-bank')}#{second.get_attribute('data-qid')}"
    second.locator("input[name=answer][data-correct]").first.check()
    second.locator("form button[type=submit]").first.click()
    expect(second.locator(".quiz-feedback .correct")).to_be_visible()
    saved(page, second_key)
    # My progress's review round fetches its questions from the cache.
    page.goto(server.url("progress/"))
    page.get_by_role("button", name="Start a review round (1 question)").click()
    expect(page.locator(".quizbank-review-item:not([hidden])")).to_have_attribute("data-question", key)
    reached = [p for p in server.requests[before:] if not p.endswith("/sw.js")]
    assert reached == [], f"requests reached the server while offline: {reached}"
