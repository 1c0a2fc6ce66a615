"""The class report opened from disk in Chromium, as an instructor opens it: no network, axe-core, sorting, print.

The report is built for a generated class of 40 on the real banks (tests/class_files.py), plus a
few files it must leave out, so every section of the page has something in it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from class_files import write_class
from quizbank.__main__ import main
from quizbank.report.table import COLUMNS
from support import AXE_JS, ROOT, SITE_PATH, mkdocs_config, require_npm_package, watch

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from quizbank import load_banks

    base = tmp_path_factory.mktemp("class-report")
    folder = base / "handed-in"
    write_class(folder, load_banks(ROOT / "quizzes", ROOT), course=mkdocs_config()["site_name"], site=SITE_PATH)
    (folder / "newer.json").write_text(json.dumps({"format": "quizbank-progress", "version": 9}), encoding="utf-8")
    (folder / "notes.txt").write_text("not a progress file", encoding="utf-8")
    assert main(["class-report", str(folder), "-f", str(ROOT / "mkdocs.yml"), "-o", str(base / "out")]) == 0
    return base / "out" / "index.html"


@pytest.fixture
def opened(browser: Browser, report: Path, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The page in a fresh context ("dark-phone": scheme and device from the test's parameter), failing on any request off disk."""
    scheme, _, device = str(getattr(request, "param", "light")).partition("-")
    size = {"width": 390, "height": 844} if device == "phone" else {"width": 1280, "height": 900}
    context = browser.new_context(color_scheme=scheme, viewport=size, is_mobile=device == "phone")  # type: ignore[arg-type]
    page = context.new_page()
    errors: list[str] = []
    watch(page, errors)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    page.goto(report.as_uri())
    yield page
    context.close()
    assert not errors, errors
    assert not requests, f"the report asked the network for {requests}"


def axe(page: Page) -> list[dict[str, Any]]:
    require_npm_package(AXE_JS, "axe-core")
    page.add_script_tag(path=str(AXE_JS))
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => (d.open = true))")  # scan them open
    violations: list[dict[str, Any]] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(r => r.violations.map(v => ({id: v.id, help: v.help, targets: v.nodes.map(n => n.target.join(' '))})))""",
        TAGS,
    )
    return violations


@pytest.mark.parametrize("opened", ["light", "dark", "light-phone", "dark-phone"], indirect=True)
def test_the_report_passes_axe_in_both_palettes(opened: Page) -> None:
    assert opened.locator("table.sortable tbody tr").count() > 40
    assert opened.locator("svg.plot").count() >= 5, "the scores, three figures and a histogram per written task"
    assert axe(opened) == []


@pytest.mark.parametrize("opened", ["light", "dark"], indirect=True)
def test_the_figures_follow_the_palette(opened: Page) -> None:
    """The figures' text is drawn in the page's text colour, whichever the palette."""
    colours = opened.evaluate(
        """() => [getComputedStyle(document.body).color,
                  getComputedStyle(document.querySelector('svg.plot text')).fill,
                  getComputedStyle(document.body).backgroundColor]"""
    )
    text, fill, background = colours
    assert fill == text, colours
    assert fill != background


def test_the_table_sorts_by_keyboard_and_says_how(opened: Page) -> None:
    column = [c.name for c in COLUMNS if c.page].index("Right at first try (%)")
    header = opened.locator("table.sortable thead th").nth(column)
    button = header.get_by_role("button", name="Right at first try (%)")
    expect(button).to_have_accessible_description(re.compile("^Facility: right, never wrong"))
    button.focus()
    opened.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "ascending")
    values = opened.locator(f"table.sortable tbody tr td:nth-child({column + 1})").evaluate_all(
        "cells => cells.map(c => c.dataset.sort).filter(v => v !== '').map(Number)"
    )
    assert values == sorted(values) and values[0] < values[-1]
    opened.keyboard.press("Enter")
    expect(header).to_have_attribute("aria-sort", "descending")
    assert opened.locator("table.sortable thead th[aria-sort]").count() == 1


def test_flags_and_skipped_files_are_listed(opened: Page) -> None:
    flags = opened.locator("#flags li strong")
    kinds = flags.all_inner_texts()
    assert {"Probably mis-keyed:", "Too easy:", "A distractor nobody picks:", "Overconfidence:"} <= set(kinds)
    assert kinds[0] == "Probably mis-keyed:", "the most serious first, not in bank order"
    skipped = opened.locator("#skipped li").all_inner_texts()
    assert len(skipped) == 2 and any("newer version" in s for s in skipped) and any("not a .json" in s for s in skipped)


def test_a_questions_link_shows_its_lines_in_the_page(opened: Page) -> None:
    """Not a download of the YAML file: the question's own lines, in the page, where the link leads."""
    link = opened.locator("#flags a.where").first
    anchor = link.get_attribute("href") or ""
    assert anchor.startswith("#src-")
    link.click()
    expect(opened.locator(anchor)).to_be_in_viewport()
    expect(opened.locator(f"{anchor} pre")).to_contain_text("- id: ")
    assert opened.evaluate("() => location.hash") == anchor


def test_printed_the_page_keeps_its_content_and_drops_the_page_menu(opened: Page) -> None:
    opened.emulate_media(media="print")
    expect(opened.locator("nav")).to_be_hidden()
    expect(opened.locator("table.sortable")).to_be_visible()
    background = opened.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(255, 255, 255)"
