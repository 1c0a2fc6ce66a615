"""Browser fixtures: the site built with the real config, served on loopback, driven by Chromium.

The browser is Debian's Chromium (or any Chromium at $CHROMIUM_PATH). If it is missing the
tests fail and say how to install it: a skipped browser test would hide a broken quiz.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from support import CHROMIUM, CHROMIUM_ARGS, BuildResult, PagesServer, build_project, watch


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) "
            "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real site, built once with --strict."""
    return build_project(tmp_path_factory.mktemp("project") / "site")


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
