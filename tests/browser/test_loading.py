"""Material's bundle waits for the page's first paint, and everything that needs it still works.

hooks/defer_bundle.py puts an inline loader where Material's `<script src>` was: the bundle is
requested once a frame has been painted, and `window.quizbank.material` resolves when it has run.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from support import PagesServer, wait_for_material

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
