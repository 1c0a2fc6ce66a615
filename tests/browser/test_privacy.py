"""No page asks another host for anything: fonts, icons, diagrams, search, quizzes and answer boxes included.

Every request the browser makes is routed through the test: one to the test server (127.0.0.1:port)
goes ahead, any other is aborted and counted, so a student on a network that blocks Google (or that
should never be told what they read) loses nothing and leaks nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, Route, expect

from support import BuildResult, PagesServer, site_pages, wait_for_material

LOCAL_SCHEMES = {"data", "blob", "about"}


class Guard:
    """Lets requests to the test server through; aborts and records every other one."""

    def __init__(self, server: PagesServer) -> None:
        self.netloc = urlsplit(server.origin).netloc
        self.blocked: list[str] = []
        self.allowed: list[str] = []
        self.seen: list[str] = []  # every request the browser reported, routed or not

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in LOCAL_SCHEMES or (
            parts.scheme in {"http", "https", "ws"} and parts.netloc == self.netloc
        )

    def route(self, route: Route) -> None:
        url = route.request.url
        if self.is_local(url):
            self.allowed.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def request(self, request: Request) -> None:
        self.seen.append(request.url)

    def third_party(self) -> list[str]:
        """Blocked requests, plus any that slipped past routing (e.g. from a worker)."""
        return sorted(set(self.blocked) | {u for u in self.seen if not self.is_local(u)})


@pytest.fixture
def guarded(browser: Browser, server: PagesServer) -> Iterator[tuple[BrowserContext, Guard]]:
    guard = Guard(server)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.route("**/*", guard.route)
    context.on("request", guard.request)
    try:
        yield context, guard
    finally:
        context.close()


def search(page: Page, term: str) -> None:
    """Type in Material's search box and wait for its results (the search runs in a web worker)."""
    wait_for_material(page).get_by_role("textbox", name="Search").first.click()
    page.keyboard.type(term)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)


def test_no_page_contacts_another_host(
    project_site: BuildResult, server: PagesServer, guarded: tuple[BrowserContext, Guard]
) -> None:
    context, guard = guarded
    page = context.new_page()
    pages = site_pages(project_site.site, server.base)
    answered = typed = False
    for path in pages:
        page.goto(server.url(path), wait_until="networkidle")
        quiz = page.locator(".quiz").first
        if not answered and quiz.count():
            blanks = quiz.locator("input.quiz-blank-input")
            if blanks.count():
                blanks.first.fill("an answer")
            else:
                quiz.locator('input[name="answer"]').first.check()
            quiz.locator('button[type="submit"]').click()
            expect(quiz.locator(".quiz-feedback")).to_be_visible()
            answered = True
        area = page.locator("textarea").first
        if not typed and area.count():
            area.fill("A draft answer, saved in this browser only.")
            typed = True
    page.goto(server.url(""), wait_until="networkidle")
    search(page, "fine-tuning")
    page.locator(".md-search-result__link").first.click()  # a result opens by instant navigation
    page.wait_for_load_state("networkidle")

    assert answered, "no quiz found to answer on any page"
    # Fetched by Material's search worker: proof that requests from workers are routed (and guarded) too.
    assert any(u.endswith("search_index.json") for u in guard.allowed), "the search index never went through the guard"
    third_party = guard.third_party()
    assert not third_party, f"{len(third_party)} request(s) to other hosts from {len(pages)} pages:\n" + "\n".join(
        third_party
    )


def test_the_guard_catches_a_third_party_request(server: PagesServer, guarded: tuple[BrowserContext, Guard]) -> None:
    """The check above can fail: a page that loads a web font from Google is caught and counted."""
    context, guard = guarded
    page = context.new_page()
    page.goto(server.url(""))
    page.evaluate(
        """() => { const l = document.createElement('link'); l.rel = 'stylesheet';
                   l.href = 'https://fonts.googleapis.com/css?family=Roboto'; document.head.appendChild(l);
                   return fetch('https://cdn.jsdelivr.net/npm/mermaid/dist/mermaid.min.js').catch(() => null); }"""
    )
    page.wait_for_load_state("networkidle")
    assert guard.third_party() == [
        "https://cdn.jsdelivr.net/npm/mermaid/dist/mermaid.min.js",
        "https://fonts.googleapis.com/css?family=Roboto",
    ]
