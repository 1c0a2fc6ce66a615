"""The question-bank preview page, built on request (`preview: always`): strict build, every question, axe 0.

Whether the published site leaves it out by default is checked on the real site and on the Pages
workflow's artifact (tests/build/test_pages_workflow.py); that `mkdocs serve` builds it and reloads
it, in tests/build/test_serve.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from browser.test_a11y import answer_every_question, new_context, report, run_axe, watch
from quizbank import load_banks
from support import AXE_JS, CORPUS, BuildResult, PagesServer, build, project_config, require_npm_package, write_site

LMS = "export_only: true\nquestions:\n  - id: kept\n    type: true-false\n    question: Only in the LMS.\n    answer: true\n"
PAGE = "question-bank-preview/index.html"


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Every good corpus bank and one kept for the export; a chapter places one bank, the rest are unplaced."""
    base = tmp_path_factory.mktemp("preview")
    banks = {p.name: p.read_text(encoding="utf-8") for p in (CORPUS / "good").glob("*.yml")}
    extra = project_config()["extra"]
    extra["quiz_banks"] = {**extra["quiz_banks"], "preview": "always"}
    pages = {"index.md": "# Home\n\n<!-- quiz: all-types -->\n"}
    result = build(write_site(base, pages, {**banks, "lms.yml": LMS}, extra=extra))
    assert result.code == 0, result.output  # --strict
    return result


def test_the_preview_builds_strict_with_every_question(preview_site: BuildResult) -> None:
    soup = BeautifulSoup(preview_site.page(PAGE), "html.parser")
    article = soup.select_one("article")
    assert article is not None
    banks = load_banks(preview_site.site.parent / "quizzes", preview_site.site.parent)
    total = sum(len(b.questions) for b in banks.values())
    assert len(article.select("div.quiz")) + len(article.select("div.written-task")) == total
    # Every variant of a pool shown (none left to the browser's draw), and the question kept for the export.
    assert not article.select("[data-pool]")
    assert article.select_one("#quiz-lms--kept") is not None
    where = {}
    for line in article.select(".quizbank-preview-where"):
        heading = line.find_previous("h3")
        assert heading is not None
        where[heading.get_text()] = line.get_text()
    assert "for the export only" in where["lms#kept · true or false¶"]
    assert "not placed on any page" in where["pools#lora-cost-a · single choice¶"]
    placed = article.select_one(".quizbank-preview-where a[href]")
    assert placed is not None and placed["href"] == "../#quiz-all-types--key-benefit"
    assert len(article.select("details")) >= total  # a key for each
    # For instructors: not in the navigation, not in the search index.
    assert not soup.select('.md-nav--primary a[href*="question-bank-preview"]')
    assert "question-bank-preview" not in (preview_site.site / "search" / "search_index.json").read_text()


def test_the_preview_passes_axe(browser: Browser, preview_site: BuildResult) -> None:
    """Both palettes; on a laptop with every question answered, on a phone as first seen."""
    require_npm_package(AXE_JS, "axe-core")
    server = PagesServer(preview_site.site)
    errors: list[str] = []
    found = []
    try:
        for scheme, viewport in (("light", "laptop"), ("dark", "phone")):
            context = new_context(browser, scheme, viewport)
            try:
                page = watch(context.new_page(), errors)
                page.goto(server.url("question-bank-preview/"))
                page.wait_for_function("() => window.quizbank && window.quizbank.navUpdates > 0")
                state = "as first seen"
                if viewport == "laptop":
                    assert answer_every_question(page) > 20
                    state = "after answering"
                found += [(f"{scheme}/{viewport} preview {state}", v) for v in run_axe(page, Path(AXE_JS))]
            finally:
                context.close()
    finally:
        server.close()
    assert not found, report(found)
    assert not errors, "\n".join(errors)
