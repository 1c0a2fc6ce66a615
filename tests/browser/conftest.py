"""Browser fixtures: the site built with the real config, served on loopback, driven by Chromium.

The browser is Debian's Chromium headless shell, else its Chromium (or any Chromium at
$CHROMIUM_PATH). If neither is there the tests fail and say how to install it: a skipped browser
test would hide a broken quiz.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from support import CHROMIUM_ARGS, TEST_BROWSER, BuildResult, PagesServer, watch

# How long an assertion waits for the state it names before it fails. A passing test never waits
# this long; Playwright's 5 s default was close to what a loaded 2-core machine takes to run a page's
# scripts, so it could fail a correct page.
expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(TEST_BROWSER).exists():
        pytest.fail(
            f"Chromium not found at {TEST_BROWSER}. Install it (Debian/Ubuntu: "
            "`sudo apt-get install chromium-headless-shell`, or `chromium`) "
            "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=TEST_BROWSER, args=CHROMIUM_ARGS)
        block_service_workers(browser)
        yield browser
        browser.close()


def block_service_workers(browser: Browser) -> None:
    """Every context blocks the site's service worker unless a test opts in (service_workers="allow").

    What a service worker fetches bypasses `page.route`, with which many tests hold, count or
    refuse requests, and its cache would answer a page a test has just rebuilt. The offline
    tests (test_offline.py) allow it.
    """
    new_context, new_page = browser.new_context, browser.new_page

    def context_blocking(**options: Any) -> BrowserContext:
        options.setdefault("service_workers", "block")
        return new_context(**options)

    def page_blocking(**options: Any) -> Page:
        options.setdefault("service_workers", "block")
        return new_page(**options)

    browser.new_context = context_blocking  # type: ignore[method-assign]
    browser.new_page = page_blocking  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def project_site(built_site: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once with --strict, in this worker's own copy (its server rewrites the sitemap)."""
    copy = tmp_path_factory.mktemp("project") / "site"
    shutil.copytree(built_site.site, copy)
    return BuildResult(built_site.code, built_site.output, copy)


@pytest.fixture(scope="session")
def server(project_site: BuildResult) -> Iterator[PagesServer]:
    srv = PagesServer(project_site.site)
    yield srv
    srv.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def console_errors() -> list[str]:
    return []


@pytest.fixture
def page(context: BrowserContext, console_errors: list[str]) -> Iterator[Page]:
    """A page whose console errors and uncaught exceptions fail the test."""
    pg = context.new_page()
    watch(pg, console_errors)
    yield pg
    assert not console_errors, "\n".join(console_errors)
