"""WCAG 2.2 AA on every page of the real site, and what axe-core cannot see.

axe-core runs on every page in both palettes, on a laptop and a phone. In two of those four
configurations (light on a laptop, dark on a phone) it scans each page with every question answered
and every answer box written in, in the other two as a student first sees it: each state is scanned
in each palette and at each width, and no page is scanned twice in one configuration. Other tests
check what axe does not: a visible, unobscured keyboard focus and a spoken result after each
submitted answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from support import AXE_JS, BuildResult, PagesServer, require_npm_package, site_pages, wait_for_material, watch

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's palette
VIEWPORTS = {"laptop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
DRAFT = (
    "Fine-tuning adapts a pre-trained model to one task with a small labelled dataset.\n\n"
    "I would choose a sentiment model, hold out a test split, and compare F1 before and after. " * 3
)

Violation = dict[str, Any]
# The answered state adds feedback colours (which depend on the palette) and boxes (which depend on
# the width); the unanswered state has Submit buttons and empty boxes. Each is scanned where each
# palette and each width occurs once: a third fewer scans than both states in all four (the scans
# are the suite's largest cost in CPU, which is what a 2-core machine runs out of).
ANSWERED_IN = {("light", "laptop"), ("dark", "phone")}


@pytest.fixture(scope="module")
def axe_js() -> Path:
    require_npm_package(AXE_JS, "axe-core")
    return AXE_JS


def new_context(browser: Browser, scheme: str, viewport: str) -> BrowserContext:
    """A fresh profile: no palette stored, so Material follows the emulated prefers-color-scheme."""
    phone = viewport == "phone"
    return browser.new_context(
        color_scheme=scheme,  # type: ignore[arg-type]
        viewport=VIEWPORTS[viewport],  # type: ignore[arg-type]
        is_mobile=phone,
        has_touch=phone,
    )


@pytest.fixture
def errors() -> Iterator[list[str]]:
    """Console errors and uncaught exceptions; a test fails if any appear."""
    found: list[str] = []
    yield found
    assert not found, "\n".join(found)


def settle(page: Page) -> None:
    """Let colour transitions finish (Material fades colours when the palette is applied)."""
    page.evaluate(
        "() => Promise.race([Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),"
        " new Promise(r => setTimeout(r, 3000))]).then(() => true)"
    )


def run_axe(page: Page, axe_js: Path) -> list[Violation]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_js))
    settle(page)
    violations: list[Violation] = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
            .then(r => r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')),
                summary: v.nodes.length ? v.nodes[0].failureSummary : ''})))""",
        TAGS,
    )
    return violations


# Answers every question of the page in one go (one round trip instead of a few per question):
# a hint where there is one, the first option, a wrong word in each blank, a number that is not the
# answer, the first answer in each matching select or one ordering item moved, then Submit.
ANSWER_ALL = """() => {
  const quizzes = [...document.querySelectorAll(".quiz")];
  for (const quiz of quizzes) {
    const hint = quiz.querySelector(".quiz-hint-button:not([hidden])");
    if (hint) hint.click(); // a revealed hint is scanned too
    const blanks = quiz.querySelectorAll("input.quiz-blank-input");
    const number = quiz.querySelector("input.quiz-calc-input");
    const selects = quiz.querySelectorAll("select.quiz-match-select");
    const move = quiz.querySelector('.quiz-order-move[data-move="1"]');
    if (blanks.length) blanks.forEach((b) => { b.value = "not the answer"; b.dispatchEvent(new Event("input", {bubbles: true})); });
    else if (number) { number.value = "-1"; number.dispatchEvent(new Event("input", {bubbles: true})); }
    else if (selects.length) selects.forEach((s) => { s.selectedIndex = 1; s.dispatchEvent(new Event("change", {bubbles: true})); });
    else if (move) move.click(); // an ordering: one item moved, then submitted
    else quiz.querySelector('input[name="answer"]').click();
    quiz.querySelector('button[type="submit"]').click();
  }
  return quizzes.length;
}"""


def answer_every_question(page: Page) -> int:
    """Answer every question (the first option, or a wrong word in each blank); wait for every result."""
    count: int = page.evaluate(ANSWER_ALL)
    expect(page.locator(".quiz .quiz-feedback:not(.hidden)")).to_have_count(count)
    return count


def write_in_every_answer_box(page: Page) -> int:
    areas = page.locator("textarea").all()
    for area in areas:
        area.fill(DRAFT)
    return len(areas)


def report(found: list[tuple[str, Violation]]) -> str:
    lines = [f"{len(found)} accessibility violation(s) (axe-core, {', '.join(TAGS)}):"]
    for where, v in found:
        lines.append(f"- {where}: {v['id']} [{v['impact']}] {v['help']}")
        for target in v["targets"][:10]:
            lines.append(f"      {target}")
        if len(v["targets"]) > 10:
            lines.append(f"      … and {len(v['targets']) - 10} more")
        summary = " ".join(str(v["summary"]).split())
        if summary:
            lines.append(f"      first: {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_passes_axe(
    browser: Browser,
    project_site: BuildResult,
    server: PagesServer,
    axe_js: Path,
    errors: list[str],
    scheme: str,
    viewport: str,
) -> None:
    pages = site_pages(project_site.site, server.base)
    found: list[tuple[str, Violation]] = []
    answered = typed = 0
    context = new_context(browser, scheme, viewport)
    try:
        page = watch(context.new_page(), errors)
        for path in pages:
            page.goto(server.url(path))
            # The navigation's completion counts are drawn once the browser is idle: scan them too.
            page.wait_for_function("() => window.quizbank && window.quizbank.navUpdates > 0")
            palette = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
            assert palette == SCHEMES[scheme], f"{path}: expected the {SCHEMES[scheme]} palette, got {palette}"
            where = f"{scheme}/{viewport} {path or '(home)'}"
            state = "as first seen"
            if (scheme, viewport) in ANSWERED_IN:
                # Every question answered and every answer box written in (one scan sees both).
                if page.locator(".quiz").count():
                    answered += answer_every_question(page)
                    state = "after answering and writing"
                if page.locator("textarea").count():
                    write_in_every_answer_box(page)
                    typed += 1
                    state = "after answering and writing"
            found += [(f"{where} {state}", v) for v in run_axe(page, axe_js)]
    finally:
        context.close()
    assert not found, report(found)
    if (scheme, viewport) in ANSWERED_IN:
        assert answered, "no question was answered: the site should have self-checks"
        assert typed, "no answer box was written in: the site should have written tasks"


def test_palette_toggle_reaches_the_dark_palette(
    browser: Browser, server: PagesServer, axe_js: Path, errors: list[str]
) -> None:
    """A student who clicks the toggle (rather than having a dark system theme) gets the same result."""
    context = new_context(browser, "light", "laptop")
    try:
        page = watch(context.new_page(), errors)
        page.goto(server.url("part-1/"))
        wait_for_material(page).get_by_title("Switch to dark mode").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        answer_every_question(page)
        found = [("dark via toggle part-1/ after answering", v) for v in run_axe(page, axe_js)]
        assert not found, report(found)
    finally:
        context.close()


@pytest.mark.parametrize(
    ("scheme", "palette", "toggle"),
    [("dark", "slate", "Switch to light mode"), ("light", "default", "Switch to dark mode")],
)
def test_a_first_visit_is_painted_in_the_system_palette(
    browser: Browser, server: PagesServer, scheme: str, palette: str, toggle: str
) -> None:
    """Material's bundle, which picks the palette, loads after the first paint: the page must not need it."""
    context = new_context(browser, scheme, "phone")
    try:
        page = context.new_page()
        page.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
        page.goto(server.url("part-2/"))
        body = page.locator("body")
        expect(body).to_have_attribute("data-md-color-scheme", palette)
        expect(body).to_have_attribute("data-md-color-media", f"(prefers-color-scheme: {scheme})")
        # The header's toggle offers the other palette, as Material's own would.
        expect(page.get_by_title(toggle)).to_be_visible()
        assert page.evaluate("() => typeof window.document$") == "undefined"  # the bundle really was held back
    finally:
        context.close()


def test_a_palette_chosen_before_the_bundle_runs_is_kept(browser: Browser, server: PagesServer) -> None:
    """A toggle clicked while Material's bundle is still on its way is applied, and the bundle keeps it."""
    context = new_context(browser, "light", "laptop")
    try:
        page = context.new_page()
        held: list[Route] = []
        released: list[bool] = []

        def hold(route: Route) -> None:
            if released:
                route.continue_()  # the reload below gets the bundle at once
            else:
                held.append(route)

        page.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), hold)
        # Not waiting for the load event: when the first paint comes before it, the held bundle is
        # already requested, and a script the page added holds the load event until it arrives.
        page.goto(server.url("part-1/"), wait_until="domcontentloaded")
        page.get_by_title("Switch to dark mode").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        expect(page.get_by_title("Switch to light mode")).to_be_visible()
        assert page.evaluate("() => typeof window.document$") == "undefined"  # the bundle is still held
        while not held:
            page.wait_for_timeout(50)
        released.append(True)
        held[0].continue_()
        wait_for_material(page)
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        page.reload()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    finally:
        context.close()


# One stop of a keyboard walk, measured in the page: `seen` is the walk's set of elements (a handle),
# `before` the page's scroll position before the Tab. Returns {done} when the focus left the page or
# came back round, else {y, problem}. A problem is measured again once the browser has drawn two
# frames since the Tab: what a student sees is the painted page, not the moment between a focus
# change and the scroll that follows it.
FOCUS_STOP = """async ([seen, before]) => {
  const el = document.activeElement;
  if (!el || el === document.body || seen.has(el)) return {done: true};
  seen.add(el);
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const problem = () => {
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
    const ring = s.boxShadow && s.boxShadow !== 'none';
    // Material draws a hidden option's focus on the label beside it (the palette toggle).
    const shows = e => { if (!e) return false; const t = getComputedStyle(e);
      return t.display !== 'none' && t.outlineStyle !== 'none' && parseFloat(t.outlineWidth) >= 1; };
    const next = el.nextElementSibling;
    const viaLabel = (el.labels && Array.from(el.labels).some(shows)) || (next && next.tagName === 'LABEL' && shows(next));
    if (!outline && !ring && !viaLabel) return 'no visible focus indicator (' + s.outlineStyle + ' ' + s.outlineWidth + ')';
    const header = document.querySelector('.md-header');
    if (header && header.contains(el)) {
      // The header stays in view: reaching one of its controls must not move the page under it.
      return window.scrollY !== before ? 'in the sticky header, yet focusing it scrolled the page by ' + (window.scrollY - before) + ' px' : null;
    }
    const r = el.getBoundingClientRect();
    const covered = header ? header.getBoundingClientRect().bottom : 0;
    if (r.width && r.height && r.bottom <= covered && s.position !== 'fixed') return 'focused but entirely hidden under the sticky header';
    return null;
  };
  let found = problem();
  if (found) {
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    found = problem();
  }
  return {done: false, y: window.scrollY, problem: found && name + ': ' + found};
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_keyboard_focus_is_always_visible(
    browser: Browser, server: PagesServer, errors: list[str], scheme: str
) -> None:
    """Tab through a whole chapter, answered: every stop shows a focus indicator, clear of the header.

    The walk starts at the skip link, as a student's first Tab does, with the page scrolled halfway,
    and ends when the focus leaves the page or comes back round; the header's controls must not
    scroll the page as they are reached.
    """
    context = new_context(browser, scheme, "laptop")
    problems: list[str] = []
    stops = 0
    try:
        page = watch(context.new_page(), errors)
        page.goto(server.url("part-1/"))
        answer_every_question(page)  # the Try Again buttons and feedback are focusable too
        # Halfway down, as after reading: the header's controls are reached with the page scrolled.
        y = page.evaluate(
            "() => { window.scrollTo(0, document.body.scrollHeight / 2);"
            " document.querySelector('.md-skip').focus(); return window.scrollY; }"
        )
        seen = page.evaluate_handle("() => new WeakSet()")
        for _ in range(600):
            stop = page.evaluate(FOCUS_STOP, [seen, y])
            if stop["done"]:
                break
            stops += 1
            y = stop["y"]
            if stop["problem"]:
                problems.append(stop["problem"])
            page.keyboard.press("Tab")
        assert stops > 50, f"only {stops} focus stops found on part-1/"
    finally:
        context.close()
    assert not problems, f"Focus not visible ({stops} stops):\n" + "\n".join(sorted(set(problems)))


# Where the focused element is, horizontally: entirely off either side of the screen, or on it.
OFF_SCREEN = """() => { const e = document.activeElement; if (!e || e === document.body) return null;
  const r = e.getBoundingClientRect();
  return (r.width || r.height) && (r.right <= 0 || r.left >= window.innerWidth)
    ? e.tagName.toLowerCase() + '.' + String(e.className).trim().split(/\\s+/).join('.') + ' ' + (e.textContent || '').trim().slice(0, 30)
    : null; }"""


def test_on_a_phone_the_navigation_opens_from_the_keyboard_and_hides_when_closed(
    browser: Browser, server: PagesServer, errors: list[str]
) -> None:
    """Material's drawer is opened by a label: a keyboard could not open it, and Tab went through its hidden links."""
    context = new_context(browser, "light", "phone")
    try:
        page = watch(context.new_page(), errors)
        page.goto(server.url("part-1/"))
        wait_for_material(page)
        button = page.get_by_role("button", name="Navigation")
        expect(button).to_have_attribute("aria-expanded", "false")
        # Closed: from the skip link through the header into the chapter, no stop is off the screen.
        page.evaluate("() => document.querySelector('.md-skip').focus()")
        off: list[str] = []
        reached_button = False
        for _ in range(40):
            page.keyboard.press("Tab")
            reached_button = reached_button or page.evaluate(
                "() => document.activeElement.getAttribute('role') === 'button' && document.activeElement.getAttribute('for') === '__drawer'"
            )
            where = page.evaluate(OFF_SCREEN)
            if where:
                off.append(where)
        assert not off, "focused off the screen with the navigation closed:\n" + "\n".join(off)
        assert reached_button, "Tab never reached the navigation button"
        # Enter opens it, with the focus on its first link, on the screen once it has slid in.
        button.focus()
        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        focused = page.locator(":focus")
        expect(focused).to_be_in_viewport()
        assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')"), (
            "the focus stayed outside"
        )
        # Escape closes it and gives the focus back to the button.
        page.keyboard.press("Escape")
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(button).to_be_focused()
        expect(page.locator(".md-sidebar--primary")).to_be_hidden()
        # A tap opens it as before, and the button says so.
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        expect(page.locator(".md-sidebar--primary")).to_be_visible()
    finally:
        context.close()


def test_submitted_answer_is_announced(page: Page, server: PagesServer) -> None:
    """One polite live region, present before any answer, says each result after Submit."""
    page.goto(server.url("part-1/"))
    announcer = page.locator("#quiz-announcer")
    expect(announcer).to_have_count(1)
    expect(announcer).to_have_attribute("role", "status")
    expect(announcer).to_have_attribute("aria-live", "polite")
    expect(announcer).to_have_text("")

    quiz = page.locator(".quiz:not([data-quiz-type='fill-blank'])").filter(has=page.locator("input[type=radio]")).first
    wrong = quiz.locator('input[name="answer"]:not([data-correct])').first
    wrong_label = " ".join(quiz.locator(f'label[for="{wrong.get_attribute("id")}"]').inner_text().split())
    wrong.check()
    quiz.get_by_role("button", name="Submit").click()
    expect(announcer).to_contain_text("Incorrect")
    expect(announcer).to_contain_text(wrong_label[:40])
    expect(quiz.locator(".quiz-feedback")).to_be_focused()  # mkdocs-quiz's own move of focus is kept

    quiz.get_by_role("button", name="Try Again").click()
    quiz.locator('input[name="answer"][data-correct]').first.check()
    quiz.get_by_role("button", name="Submit").click()
    expect(announcer).to_contain_text("Correct")
    expect(announcer).not_to_contain_text("Incorrect")

    blank_quiz = page.locator(".quiz").filter(has=page.locator("input.quiz-blank-input")).first
    blank_quiz.locator("input.quiz-blank-input").first.fill("not the answer")
    blank_quiz.get_by_role("button", name="Submit").click()
    expect(announcer).to_contain_text("Incorrect")


def test_announcer_survives_instant_navigation(page: Page, server: PagesServer) -> None:
    page.goto(server.url("part-1/"))
    wait_for_material(page).evaluate("() => { window.__sameDocument = true; }")
    page.locator(".md-footer__link--next").click()
    expect(page).to_have_url(server.url("part-2/"))
    assert page.evaluate("() => window.__sameDocument === true"), "navigation was not instant"
    announcer = page.locator("#quiz-announcer")
    expect(announcer).to_have_count(1)
    expect(announcer).to_have_text("")
    quiz = page.locator(".quiz").filter(has=page.locator("input[type=radio]")).first
    quiz.locator('input[name="answer"][data-correct]').first.check()
    quiz.get_by_role("button", name="Submit").click()
    expect(announcer).to_contain_text("Correct")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_my_progress_in_use_passes_axe(
    browser: Browser, server: PagesServer, axe_js: Path, errors: list[str], scheme: str, tmp_path: Path
) -> None:
    """The progress page with results, a review round under way and a restore to confirm."""
    context = new_context(browser, scheme, "laptop")
    try:
        page = watch(context.new_page(), errors)
        page.goto(server.url("part-1/"))
        answer_every_question(page)  # the first option everywhere: some right, some wrong
        with page.expect_download() as info:
            page.goto(server.url("progress/"))
            page.get_by_role("button", name="Download my progress").click()
        page.get_by_role("button", name=re.compile(r"^Start a review round")).click()
        expect(page.locator(".quizbank-review-item:not([hidden])")).to_have_count(1)
        page.locator(".quizbank-review-item:not([hidden]) .quiz").evaluate(
            "(q) => { const i = q.querySelector('input[name=answer]'); i.click(); q.querySelector('button[type=submit]').click(); }"
        )
        expect(page.locator(".quizbank-review-item:not([hidden]) .quiz-feedback")).to_be_visible()
        page.locator("#quizbank-restore-file").set_input_files(info.value.path())
        expect(page.locator(".quizbank-notice, .quizbank-restore-form").first).to_be_visible()
        found = [(f"{scheme} progress/ in use", v) for v in run_axe(page, axe_js)]
        assert not found, report(found)
    finally:
        context.close()
