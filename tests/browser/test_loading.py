"""Material's bundle waits for the page's first paint, and everything that needs it still works.

hooks/defer_bundle.py puts an inline loader where Material's `<script src>` was: the bundle is
requested once a frame has been painted, and `window.quizbank.material` resolves when it has run.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from support import PagesServer, quiz_ready, wait_for_material

BUNDLE = re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")

TIMES = """() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const bundle = performance.getEntriesByType('resource').find(e => /\\/bundle\\.[0-9a-f]+\\.min\\.js$/.test(e.name));
  return { paint: paint ? paint.startTime : null, bundle: bundle ? bundle.startTime : null };
}"""


@pytest.mark.parametrize("path", ["", "part-2/", "progress/", "404.html"])
def test_the_bundle_is_requested_after_the_first_paint_and_runs(page: Page, server: PagesServer, path: str) -> None:
    page.goto(server.url(path))
    page.wait_for_function("() => window.quizbank && window.quizbank.material")
    page.evaluate("() => window.quizbank.material")
    times = page.evaluate(TIMES)
    assert times["paint"] is not None and times["bundle"] is not None, times
    assert times["bundle"] >= times["paint"], f"the bundle was requested before the first paint: {times}"
    # Material's DOMContentLoaded had passed when it ran; its document$ still emitted the page.
    emitted = page.evaluate("() => new Promise(done => window.document$.subscribe(d => done(d === document)))")
    assert emitted is True
    # Its components are mounted: the header's search opens, and the scripts that wait for it ran.
    expect(page.locator("[data-md-component=search]")).to_have_count(1)
    assert page.evaluate("() => window.quizbank.a11y === true")


def test_instant_navigation_loads_the_bundle_once(page: Page, server: PagesServer) -> None:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if BUNDLE.search(request.url) else None)
    page.goto(server.url("part-1/"))
    wait_for_material(page).evaluate("() => { window.__sameDocument = true; }")
    page.locator(".md-footer__link--next").click()
    expect(page).to_have_url(server.url("part-2/"))
    expect(page.locator("h1")).to_contain_text("Part 2")
    assert page.evaluate("() => window.__sameDocument === true"), "navigation was not instant"
    assert len(requests) == 1, requests
    assert page.locator("script[data-bundle]").count() <= 1


# ── Each question type's code loads only on a page that has such a question ─────────────────────

SCRIPTS = re.compile(r"/assets/javascripts/bundles/(.+)\.js$")
# The registry's views (quizbank/types/index.js): the choice types share mkdocs-quiz's driver.
VIEW_OF = {"single": "choice", "multiple": "choice", "true-false": "choice"}


def bundles_requested(page: Page) -> list[str]:
    names: list[str] = page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
        ".filter(p => p.includes('/assets/javascripts/bundles/'))"
    )
    return sorted({m.group(1) for p in names if (m := SCRIPTS.search(p))})


def views_on(page: Page) -> set[str]:
    kinds: list[str] = page.locator(".md-content .quiz[data-fp]").evaluate_all("qs => qs.map(q => q.dataset.quizKind)")
    return {VIEW_OF.get(kind, kind) for kind in kinds}


def test_a_page_loads_the_code_of_its_own_question_types_only(page: Page, server: PagesServer) -> None:
    # A page without self-checks: the site's script and what loads once the browser is idle.
    page.goto(server.url(""))
    page.wait_for_function("() => window.quizbank && window.quizbank.offline && window.quizbank.keep")
    # (a11y.js and search-index.js, classic scripts every page has, load on their own schedule.)
    assert [b for b in bundles_requested(page) if b not in ("a11y", "search-index")] == ["keep-ui", "offline", "site"]

    pages = ["part-1/", "part-2/", "part-2-case-study/", "part-3/", "part-3-deploying/", "examples/", "glossary/"]
    seen: set[str] = set()
    for path in pages:
        page.goto(server.url(path))
        views = views_on(page)
        if views:
            quiz_ready(page)
        else:
            page.wait_for_function("() => window.quizbank && window.quizbank.offline && window.quizbank.keep")
        loaded = {name.removeprefix("types/") for name in bundles_requested(page) if name.startswith("types/")}
        assert loaded == views, f"{path}: has {sorted(views)}, loaded {sorted(loaded)}"
        assert ("selfcheck" in bundles_requested(page)) == bool(views), path
        seen |= views
    # Every type the course uses was met, and some page lacks one (so "only" above could fail).
    assert {"choice", "fill-blank", "ordering", "matching"} <= seen


def test_instant_navigation_loads_a_type_first_met_on_the_next_page(page: Page, server: PagesServer) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(m.group(1)) if (m := SCRIPTS.search(r.url)) else None)
    page.goto(server.url(""))
    wait_for_material(page).evaluate("() => { window.__sameDocument = true; }")
    assert "selfcheck" not in requests
    page.locator(".md-footer__link--next").click()  # Home -> the first chapter, in this document
    page.wait_for_function("() => window.quizbank.quizReady === true")
    assert page.evaluate("() => window.__sameDocument === true"), "navigation was not instant"
    views = views_on(page)
    assert {f"types/{v}" for v in views} <= set(requests)
    assert requests.count("selfcheck") == 1
    # The page's questions work: one is answered and saved.
    quiz = page.locator(".md-content .quiz:has(input[type=radio][name=answer])").first
    quiz.locator("input[name=answer]").first.check()
    quiz.locator("form button[type=submit]").first.click()
    expect(quiz.locator(".quiz-feedback")).to_be_visible()
