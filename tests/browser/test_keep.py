"""A student's work outlives the browser's clean-up (issue 37), tried as a student would in Chromium.

The course installs as an app; persistent storage is asked for once, after the first save, and My
progress says what the browser answered; My progress says when the progress file was last
downloaded and what changed since; a quiet reminder comes after the thresholds (a fake clock lets
the days pass), is dismissed, is polite to screen readers and passes axe in both palettes; a file
older than the browser's work is not restored without asking; a browser that lost the work says so
and offers a restore; and two copies of the site on one origin stay two apps with two storages.
Nothing is sent anywhere: the only requests are for the site's own files (tests/browser/test_privacy.py
checks every page; here, the marker request is checked to stay on the site).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from support import AXE_JS, SITE_PATH, BuildResult, PagesServer, build, require_npm_package, watch, write_site

DAY_MS = 24 * 60 * 60 * 1000
T0 = datetime(2026, 12, 1, 9, 0, 0)  # the fake clock's start (local time)
TASK_PAGE = "part-3-deploying/"
FILE_NAME = re.compile(r"^cloud-based-fine-tuning-progress-2026-12-0[1-9]\.json$")
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)
# Counts calls to navigator.storage.persist() across reloads of a tab (sessionStorage survives them).
COUNT_PERSIST = """(() => {
  const storage = navigator.storage;
  const real = storage.persist.bind(storage);
  storage.persist = () => {
    sessionStorage.setItem("persist-calls", String(Number(sessionStorage.getItem("persist-calls") || 0) + 1));
    return real();
  };
})();"""
# A browser that agrees to keep the site's storage (Chromium does for an installed app).
AGREEING = """(() => {
  navigator.storage.persisted = () => Promise.resolve(sessionStorage.getItem("persisted") === "yes");
  navigator.storage.persist = () => { sessionStorage.setItem("persisted", "yes"); return Promise.resolve(true); };
})();"""


def words(n: int) -> str:
    return " ".join(f"evaluation{i}" for i in range(n))


def axe(page: Page, selector: str) -> list[str]:
    require_npm_package(AXE_JS, "axe-core")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    found: list[str] = page.evaluate(
        """([selector, tags]) => axe.run({include: [selector]}, {runOnly: {type: 'tag', values: tags}})
            .then(r => r.violations.map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`))""",
        [selector, ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]],
    )
    return found


def site_ready(page: Page) -> Page:
    """Wait until the site's script has looked for lost work (quizbank/keep-ui.js)."""
    page.wait_for_function("() => window.quizbank && window.quizbank.keep && window.quizbank.keep.checked === true")
    return page


def answer_one(page: Page, server: PagesServer, nth: int = 0) -> str:
    """Answer the nth choice question of Part 1 (its first option) and wait until it is saved."""
    page.goto(server.url("part-1/"))
    page.wait_for_function("() => window.quizbank && window.quizbank.quizReady === true")
    quiz = page.locator(".md-content .quiz:has(input[type=radio][name=answer])").nth(nth)
    key = f"{quiz.get_attribute('data-bank')}#{quiz.get_attribute('data-qid')}"
    quiz.locator("input[name=answer]").first.check()
    quiz.get_by_role("button", name="Submit").click()
    page.wait_for_function(
        "([key, id]) => { const v = JSON.parse(localStorage.getItem(key) || 'null'); return !!(v && v.questions[id]); }",
        arg=[f"quizbank:2:{SITE_PATH}:results", key],
    )
    return key


def write_draft(page: Page, server: PagesServer, text: str) -> None:
    if not page.url.endswith(TASK_PAGE):
        page.goto(server.url(TASK_PAGE))
    # Text typed before the answer box's script is ready is added after the saved draft: wait for it.
    expect(page.locator(".written-task[data-ready]")).to_have_count(1)
    box = page.get_by_label("Your answer")
    box.fill(text)
    box.blur()  # leaving the box saves at once
    page.wait_for_function(
        "([key, text]) => { const d = JSON.parse(localStorage.getItem(key) || 'null'); return !!(d && d.fields.answer === text); }",
        arg=[f"quizbank:2:{SITE_PATH}:draft:assignment#evaluation-reflection", text],
    )


def download(page: Page, server: PagesServer) -> Path:
    page.goto(server.url("progress/"))
    page.wait_for_function("() => window.quizbank && window.quizbank.progressReady")
    with page.expect_download() as info:
        page.locator(".quizbank-transfer-actions").get_by_role("button", name="Download my progress").click()
    assert FILE_NAME.match(info.value.suggested_filename), info.value.suggested_filename
    return Path(info.value.path())


# ── 1. Installable ────────────────────────────────────────────────────────────────────────────


def test_the_home_page_is_an_installable_app(page: Page, server: PagesServer) -> None:
    page.goto(server.url())
    cdp = page.context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    # The headless shell's installability check also passes a page with no manifest at all, so
    # Chromium's criteria are checked here too, on the manifest as Chromium parsed it.
    app = cdp.send("Page.getAppManifest")
    assert app["url"] == server.url("manifest.webmanifest"), app["url"]
    assert app["errors"] == [], app["errors"]
    manifest = app["manifest"]
    assert manifest["name"] == "Cloud-Based Fine-Tuning: self-check course"
    assert json.loads(app["data"])["short_name"] == "Fine-Tuning"
    assert manifest["display"] == "kStandalone"
    assert manifest["startUrl"] == server.url() and manifest["scope"] == server.url()
    assert manifest["id"] == server.origin + SITE_PATH
    sizes = {icon["sizes"] for icon in manifest["icons"] if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= sizes
    # Each icon is fetched from the site and decodes at the size the manifest gives.
    for icon in manifest["icons"]:
        size = page.evaluate(
            "url => fetch(url).then(r => r.ok ? r.blob() : null).then(b => b && createImageBitmap(b)).then(i => i && `${i.width}x${i.height}`)",
            icon["url"],
        )
        assert size == icon["sizes"], icon
    themes = page.locator('meta[name="theme-color"][media]')
    expect(themes).to_have_count(2)
    assert page.locator('link[rel="apple-touch-icon"]').evaluate("l => fetch(l.href).then(r => r.ok)")


# ── 2. Persistent storage, asked once after the first save ───────────────────────────────────


def test_persistent_storage_is_asked_once_after_the_first_save_and_its_answer_shown(
    page: Page, server: PagesServer
) -> None:
    page.context.add_init_script(COUNT_PERSIST)
    calls = "() => Number(sessionStorage.getItem('persist-calls') || 0)"
    page.goto(server.url("progress/"))
    expect(page.locator(".quizbank-keep-persist")).to_have_attribute("data-state", "not-asked")
    expect(page.locator(".quizbank-keep-persist")).to_contain_text("when you first save an answer or a draft")
    page.goto(server.url("part-1/"))
    site_ready(page)
    assert page.evaluate(calls) == 0, "asked before anything was saved"
    answer_one(page, server)
    page.wait_for_function(f"() => ({calls})() === 1")
    answer_one(page, server, 1)  # a second save, and a new page
    write_draft(page, server, words(5))
    page.reload()
    site_ready(page)
    page.goto(server.url("progress/"))
    # Chromium declines a site that is neither installed nor bookmarked; the page says so, in plain words.
    persist = page.locator(".quizbank-keep-persist")
    expect(persist).to_have_attribute("data-state", "may-clear")
    expect(persist).to_contain_text("may delete your work by itself when the device runs low on space")
    assert page.evaluate(calls) == 1, "asked more than once"
    record = json.loads(page.evaluate("k => localStorage.getItem(k)", f"quizbank:2:{SITE_PATH}:persist"))
    assert record["granted"] is False and set(record["asked"]) == {"tab"}


def test_a_browser_that_agrees_is_shown_as_keeping_the_work(page: Page, server: PagesServer) -> None:
    page.context.add_init_script(AGREEING)
    answer_one(page, server)
    page.wait_for_function("() => window.quizbank.keep?.persisted === true")
    page.goto(server.url("progress/"))
    persist = page.locator(".quizbank-keep-persist")
    expect(persist).to_have_attribute("data-state", "kept")
    expect(persist).to_contain_text("This browser keeps your work persistently")


# ── 3. The last download, what changed since, and the reminder ───────────────────────────────


def test_my_progress_shows_the_last_download_and_what_changed_since(page: Page, server: PagesServer) -> None:
    page.clock.install(time=T0)
    page.goto(server.url("progress/"))
    line = page.locator(".quizbank-keep-download")
    expect(line).to_have_text("Last downloaded: never.")
    answer_one(page, server)
    page.goto(server.url("progress/"))
    expect(line).to_have_text("Last downloaded: never. Everything you have done is in this browser only.")
    file = json.loads(download(page, server).read_text(encoding="utf-8"))
    assert file["format"] == "quizbank-progress" and file["course"] == "Cloud-Based Fine-Tuning: self-check course"
    expect(line).to_contain_text("Last downloaded: just now (")
    expect(line).to_contain_text("Nothing has changed since.")

    write_draft(page, server, words(30))
    answer_one(page, server, 1)
    page.clock.fast_forward(3 * DAY_MS)
    page.goto(server.url("progress/"))
    expect(line).to_contain_text("Last downloaded: 3 days ago (")
    expect(line).to_contain_text("Since then: 1 self-check answered and 1 draft changed (30 words added).")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_reminder_comes_after_the_thresholds_quietly_and_goes_when_dismissed(
    browser: Browser, server: PagesServer, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    errors: list[str] = []
    try:
        page = watch(context.new_page(), errors)
        page.clock.install(time=T0)
        write_draft(page, server, words(60))
        reminder = page.locator(".written-task .quizbank-keep-reminder")
        expect(reminder).to_have_attribute("data-reminder", "none")  # 60 words: not yet
        download(page, server)

        # 99 words more: still quiet; 100: the reminder, in the answer box, in a polite live region.
        write_draft(page, server, words(159))
        expect(reminder).to_have_attribute("data-reminder", "none")
        expect(page.locator(".quizbank-keep-remind")).to_have_count(0)
        write_draft(page, server, words(160))
        expect(reminder).to_have_attribute("role", "status")
        expect(reminder).to_contain_text(
            "You have written 100 words since you last downloaded your progress (just now). "
            "Download it to keep a copy outside the browser."
        )
        assert "Safari" not in reminder.inner_text()
        expect(page.locator(".md-content [role=dialog], .md-content dialog")).to_have_count(0)  # never a modal
        found = axe(page, ".written-task")
        assert not found, found

        # "Not now": gone, the focus back in the answer, and it stays away on the next visit.
        reminder.get_by_role("button", name="Not now").click()
        expect(page.locator(".quizbank-keep-remind")).to_have_count(0)
        expect(page.get_by_label("Your answer")).to_be_focused()
        page.reload()
        expect(reminder).to_have_attribute("data-reminder", "none")
        expect(page.locator(".quizbank-keep-remind")).to_have_count(0)

        # A week later, with work not downloaded: back, here and on My progress (nowhere else).
        page.clock.fast_forward(7 * DAY_MS + 60_000)
        page.reload()
        expect(reminder).to_contain_text(
            "You last downloaded your progress 7 days ago, and since then: 1 draft changed (100 words added)."
        )
        page.goto(server.url("part-2/"))  # a chapter without an answer box: no reminder
        site_ready(page)
        expect(page.locator(".quizbank-keep-reminder")).to_have_count(0)
        page.goto(server.url("progress/"))
        here = page.locator(".quizbank-keep .quizbank-keep-reminder")
        expect(here).to_contain_text("You last downloaded your progress 7 days ago")
        found = axe(page, ".quizbank-keep")
        assert not found, found
        with page.expect_download() as info:
            here.get_by_role("button", name="Download my progress").click()
        assert FILE_NAME.match(info.value.suggested_filename)
        expect(here).to_have_text(f"Your progress was saved as {info.value.suggested_filename}.")
        expect(here.locator(".quizbank-keep-done")).to_be_focused()
        expect(page.locator(".quizbank-keep-download")).to_contain_text("Nothing has changed since.")
        assert not errors, errors
    finally:
        context.close()


def test_on_safari_the_reminder_comes_sooner_and_says_why(browser: Browser, server: PagesServer) -> None:
    context = browser.new_context(user_agent=IPHONE, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        page.clock.install(time=T0)
        write_draft(page, server, words(20))
        page.clock.fast_forward(3 * DAY_MS)
        page.reload()
        reminder = page.locator(".written-task .quizbank-keep-reminder")
        expect(reminder).to_contain_text(
            "You have not downloaded your progress yet: your work is only in this browser."
        )
        expect(reminder).to_contain_text("Safari deletes everything a site saved after seven days")
        page.goto(server.url("progress/"))
        persist = page.locator(".quizbank-keep-persist")
        expect(persist).to_have_attribute("data-state", "safari")
        expect(persist).to_contain_text("Add to Home Screen")
    finally:
        context.close()


# ── 3b. An older file asks first ─────────────────────────────────────────────────────────────


def test_restoring_a_file_older_than_the_browser_s_work_asks_first(page: Page, server: PagesServer) -> None:
    page.clock.install(time=T0)
    answer_one(page, server)
    write_draft(page, server, words(12))
    path = download(page, server)
    page.clock.fast_forward(60_000)  # later work: a minute after the file was saved
    write_draft(page, server, words(20))
    page.goto(server.url("progress/"))
    page.wait_for_function("() => window.quizbank && window.quizbank.progressReady")
    before = page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")
    page.locator("#quizbank-restore-file").set_input_files(str(path))
    question = page.locator(".quizbank-older")
    expect(question.get_by_role("heading")).to_have_text("This file is older than the work in this browser")
    expect(question.get_by_role("heading")).to_be_focused()
    expect(page.locator("fieldset[data-choice]")).to_have_count(0)  # nothing offered, nothing replaced
    question.get_by_role("button", name="Cancel").click()
    expect(page.locator(".quizbank-progress-status")).to_have_text("Nothing was restored.")
    assert page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())") == before

    page.locator("#quizbank-restore-file").set_input_files(str(path))
    page.locator(".quizbank-older").get_by_role("button", name="Compare and choose").click()
    expect(page.locator(".quizbank-restore-form h3")).to_have_text("What restoring this file will change")


# ── 4. Lost storage is noticed ───────────────────────────────────────────────────────────────


@pytest.fixture
def caching_server(project_site: BuildResult, tmp_path: Path) -> Iterator[PagesServer]:
    """The site served with GitHub Pages' caching (max-age=600): the HTTP cache keeps what it served."""
    copy = tmp_path / "site"
    shutil.copytree(project_site.site, copy)
    srv = PagesServer(copy, cache="max-age=600")
    yield srv
    srv.close()


def test_work_lost_from_local_storage_alone_is_noticed_and_a_restore_offered(page: Page, server: PagesServer) -> None:
    page.goto(server.url("part-1/"))
    site_ready(page)
    expect(page.locator(".quizbank-lost")).to_have_count(0)  # a first visit loses nothing
    answer_one(page, server)
    write_draft(page, server, words(12))
    page.wait_for_function(
        "() => { const m = window.quizbank.keep?.marker; return !!m && m.answers === 1 && m.drafts === 1; }"
    )
    page.evaluate("() => localStorage.clear()")  # e.g. another site on the same origin clears it

    page.goto(server.url("part-1/"))
    notice = page.locator(".quizbank-lost")
    expect(notice).to_have_attribute("role", "status")
    expect(notice).to_contain_text(
        "Your work for this course is no longer in this browser: it held 1 answered self-check and 1 draft (12 words)"
    )
    found = axe(page, ".quizbank-lost")
    assert not found, found
    notice.get_by_role("link", name="Restore it on My progress").click()
    expect(page).to_have_url(server.url("progress/"))
    expect(page.locator(".quizbank-lost").get_by_role("button", name="Restore from a file…")).to_be_visible()
    page.locator(".quizbank-lost").get_by_role("button", name="Dismiss").click()
    expect(page.locator(".quizbank-lost")).to_have_count(0)
    page.goto(server.url("part-1/"))
    site_ready(page)
    expect(page.locator(".quizbank-lost")).to_have_count(0)


def test_work_lost_with_all_the_site_s_storage_is_noticed_from_the_http_cache(
    page: Page, caching_server: PagesServer
) -> None:
    server = caching_server

    def marker_requests() -> list[str]:
        return [path for path in server.requests if "quizbank-kept" in path]

    answer_one(page, server)
    page.wait_for_function("() => window.quizbank.keep?.marked === true")
    # Looking for the marker on the first visit never reached the server, and saving asks it nothing.
    assert marker_requests() == []
    page.goto(server.url("part-2/"))  # the next page loaded leaves the marker in the HTTP cache
    page.wait_for_function("() => window.quizbank.keep?.marker && window.quizbank.keep?.marker.http > 0")
    # The site's own worker file, once: nothing of the student's is in the request.
    assert marker_requests() == [SITE_PATH + "sw.js?quizbank-kept"]
    # What Safari's seven-day rule and storage eviction do: localStorage and Cache Storage go together.
    page.evaluate(
        "() => { localStorage.clear(); return caches.keys().then(n => Promise.all(n.map(c => caches.delete(c)))); }"
    )
    page.goto(server.url("part-1/"))
    expect(page.locator(".quizbank-lost")).to_contain_text(
        "This browser seems to have held your work for this course, and it is no longer here."
    )
    assert len(marker_requests()) == 1, "looking it up never reaches the server"

    # A browser that never had work for the course says nothing.
    other = page.context.browser.new_context()  # type: ignore[union-attr]
    try:
        fresh = other.new_page()
        fresh.goto(server.url("part-1/"))
        site_ready(fresh)
        assert fresh.evaluate("() => window.quizbank.keep.lost") is None
        expect(fresh.locator(".quizbank-lost")).to_have_count(0)
    finally:
        other.close()


def test_work_the_student_cleared_is_not_reported_lost(page: Page, server: PagesServer) -> None:
    page.on("dialog", lambda d: d.accept())
    write_draft(page, server, words(8))
    page.wait_for_function("() => window.quizbank.keep?.marked === true")
    page.get_by_role("button", name="Clear this answer").click()
    expect(page.get_by_label("Your answer")).to_have_value("")
    # The marker follows: no draft left to miss.
    page.wait_for_function(
        """scope => caches.open(`quizbank-kept ${scope}`)
            .then(c => c.match(new URL('quizbank-kept.json', location.origin + scope).href))
            .then(r => r && r.json()).then(m => !!m && m.drafts === 0)""",
        arg=SITE_PATH,
    )
    page.evaluate("() => localStorage.clear()")  # later, another site on the origin clears localStorage
    page.goto(server.url("part-1/"))
    site_ready(page)
    assert page.evaluate("() => window.quizbank.keep.lost") is None
    expect(page.locator(".quizbank-lost")).to_have_count(0)


# ── Two copies on one origin ─────────────────────────────────────────────────────────────────

OTHER_PAGES = {
    "index.md": "# Other course\n\n[Chapter](chapter.md), [progress](progress.md).\n",
    "chapter.md": "# Chapter\n\n<!-- quiz: b -->\n",
    "progress.md": "# My progress\n\n<!-- progress -->\n",
}
OTHER_BANK = """questions:
  - id: q
    type: single
    question: What does a fine-tuned model start from?
    options:
      - text: A pre-trained model
        correct: true
      - text: Random weights
"""


def test_two_copies_on_one_origin_keep_separate_manifests_and_storage(
    page: Page, project_site: BuildResult, tmp_path: Path
) -> None:
    config = write_site(
        tmp_path,
        OTHER_PAGES,
        {"b.yml": OTHER_BANK},
        site_url="https://example.github.io/other-course/",
        site_name="Other course",
    )
    other = build(config)
    assert other.code == 0, other.output
    ours = tmp_path / "ours"
    shutil.copytree(project_site.site, ours)
    server = PagesServer(ours, SITE_PATH, more={"/other-course/": other.site})
    try:
        apps: dict[str, Any] = {}
        for path in (SITE_PATH, "/other-course/"):
            page.goto(server.origin + path)
            apps[path] = page.context.new_cdp_session(page).send("Page.getAppManifest")["manifest"]
        assert apps[SITE_PATH]["id"] == server.origin + SITE_PATH
        assert apps["/other-course/"]["id"] == server.origin + "/other-course/"
        assert apps["/other-course/"]["startUrl"] == server.origin + "/other-course/"
        assert apps["/other-course/"]["name"] == "Other course"

        answer_one(page, server)  # work in this course only
        page.wait_for_function("() => window.quizbank.keep?.marked === true")
        page.goto(server.origin + "/other-course/progress/")
        expect(page.locator(".quizbank-keep-download")).to_have_text("Last downloaded: never.")
        expect(page.locator(".quizbank-part-summary").first).to_have_text(
            "0 of 1 self-checks answered · 0 right · 0 to review"
        )
        site_ready(page)
        expect(page.locator(".quizbank-lost")).to_have_count(0)  # the other course's marker is not this one's
        kept = sorted(page.evaluate("() => caches.keys()"))
        assert kept == [f"quizbank-kept {SITE_PATH}"], kept
    finally:
        server.close()
