"""A student drafts written answers (quizbank/written-task.js and written-task.css).

Live word counts against the limits, announced once per state change; autosave that survives a
reload, a closed tab, instant navigation and the browser's own form restore; two or three tabs
that never silently overwrite each other; drafts scoped to their site; text kept when an
instructor renames a task or a box; the download; a storage failure shown to the student;
keyboard only; a phone; both palettes; printing; and the page without JavaScript. Each test gets
a fresh browser profile (empty storage).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Locator, Page, Request, expect

from support import ROOT, SITE_PATH, PagesServer, build, errors_of, served, wait_for_material, write_site

# Bank order is the download's order: Part 1 (multi-box, per-box and overall limits),
# Part 2 (two boxes, no limits, no rubric), Part 3 (150–200 words, rubric, example answers).
BANK = """questions:
  - id: plan
    type: written-task
    title: "Part 1: Plan"
    question: Describe **two** tasks, each with the model you would fine-tune.
    words: {max: 60}
    fields:
      - id: first
        label: First task
        words: {min: 5}
      - id: second
        label: Second task
    rubric:
      - Names a *specific* model for each task
  - id: case
    type: written-task
    title: "Part 2: Case study"
    question: Describe the model and the dataset you would use.
    fields:
      - id: model
        label: The model
      - id: dataset
        label: The dataset
  - id: essay
    type: written-task
    title: "Part 3: Reflection"
    question: In 150–200 words, discuss why evaluation matters.
    words: {min: 150, max: 200}
    rubric:
      - Explains what F1 balances
      - Gives concrete pitfalls
    examples: [part-3-reflection]
"""

PAGES = {
    "index.md": "# Home\n\nDraft the [reflection](essay.md) or the [plan](plan.md).\n",
    "plan.md": "# Plan\n\nBack [home](index.md).\n\n<!-- quiz: tasks#plan -->\n\n<!-- quiz: tasks#case -->\n",
    "essay.md": "# Essay\n\nBack [home](index.md).\n\n<!-- quiz: tasks#essay -->\n",
}

STORAGE_ERROR = (
    "Your answer could not be saved in this browser (storage is full or disabled). Copy your text somewhere safe."
)
# The words of generated answers; answer() mixes in "—" tokens, which count for nothing.
SENTENCE = "Fine-tuning a pre-trained model needs honest evaluation: F1-score, e.g. on 3.5k held-out examples."

# Records what each task's live region says, one entry per change of its text.
RECORD_ANNOUNCEMENTS = """
window.__announced = [];
new MutationObserver((records) => {
  for (const r of records) {
    const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    const status = node && node.closest && node.closest(".written-task-status");
    if (status && status.textContent) window.__announced.push(status.textContent);
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""
BREAK_SET_ITEM = """
window.__realSetItem = Storage.prototype.setItem;
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""
# A tab that misses storage events, as a frozen background tab does: only its re-read before
# saving can notice the other tab's newer text.
MISS_STORAGE_EVENTS = 'window.addEventListener("storage", (e) => e.stopImmediatePropagation(), true);'


def draft_key(task: str = "tasks#essay", scope: str = SITE_PATH) -> str:
    return f"quizbank:2:{scope}:draft:{task}"


def item_key(text: str) -> str:
    """A rubric item's key, as the build derives it (hooks/quizbank/ids.py: text_key)."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def answer(n: int) -> str:
    """An answer of exactly n words (by the rule), with non-words mixed in."""
    vocabulary = SENTENCE.split()
    words = [vocabulary[i % len(vocabulary)] for i in range(n)]
    out: list[str] = []
    for i, word in enumerate(words, 1):
        out.append(word)
        if i % 9 == 0:
            out.append("—")
        if i % 40 == 0:
            out.append("\n\n")
    return " ".join(out)


def make_site(base: Path, bank: str = BANK) -> Path:
    return write_site(base, PAGES, {"tasks.yml": bank})


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    with served(make_site(tmp_path_factory.mktemp("written"))) as srv:
        yield srv


def mounted(*pages: Page) -> None:
    """Wait until each page's answer boxes are in the script's hands (their saved drafts shown).

    The script mounts after Material's bundle, which loads after the first paint: text typed before
    that is the student's early input, kept after the saved draft (test_early_input.py), which is
    not what these tests act out.
    """
    for page in pages:
        expect(page.locator(".written-task .written-task-alerts").first).to_be_attached()


def task(page: Page, qid: str = "essay") -> Locator:
    return page.locator(f"#answer-tasks--{qid}")


def stored(page: Page, key: str | None = None) -> dict[str, Any] | None:
    value = page.evaluate("(key) => localStorage.getItem(key)", key or draft_key())
    return json.loads(value) if value else None


def wait_saved(page: Page, text: str, key: str | None = None, field: str = "answer") -> None:
    page.wait_for_function(
        "([key, field, text]) => { const r = JSON.parse(localStorage.getItem(key) || 'null'); return r && r.fields[field] === text; }",
        arg=[key or draft_key(), field, text],
    )


def said_exactly(page: Page, count: int) -> list[str]:
    """Let the page's clock pass the announcement delay; then exactly `count` announcements have been made.

    The page runs on Playwright's clock (installed before it loaded), so the pause is exact and
    instant: no waiting, and an announcement that should not have happened cannot be missed.
    """
    page.clock.run_for(2000)
    said: list[str] = page.evaluate("() => window.__announced.slice()")
    assert len(said) == count, said
    return said


def tab_to(page: Page, target: Locator, limit: int = 15) -> None:
    """Press Tab until `target` has the focus (fails if it takes more than `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def backup_keys(page: Page) -> list[str]:
    keys: list[str] = page.evaluate(
        "(prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix))", f"quizbank:2:{SITE_PATH}:backup:"
    )
    return keys


# ── Live count, states and announcements ─────────────────────────────────────────────────────


def test_live_count_with_one_announcement_per_state_change(page: Page, server: PagesServer) -> None:
    page.add_init_script(RECORD_ANNOUNCEMENTS)
    page.clock.install()
    page.goto(server.url("essay/"))
    wt = task(page)
    box = wt.get_by_label("Your answer")
    count = wt.locator(".written-task-count")
    expect(count).to_have_text("0 words — 150 under the 150–200 limit")
    # The visible count is described by the box but is not a live region (no chatter).
    assert box.get_attribute("aria-describedby") == count.get_attribute("id")
    assert count.get_attribute("aria-live") is None and count.get_attribute("role") is None
    assert wt.locator(".written-task-status").get_attribute("role") == "status"

    box.fill(answer(173))
    expect(count).to_have_text("173 words — within the 150–200 limit")
    assert said_exactly(page, 1) == ["Part 3: Reflection: 173 words — within the 150–200 limit."]

    box.fill(answer(149))
    expect(count).to_have_text("149 words — 1 under the 150–200 limit")
    said_exactly(page, 2)
    box.press("End")
    page.keyboard.type(" model")  # the 150th word, typed key by key: one announcement, not six
    expect(count).to_have_text("150 words — within the 150–200 limit")
    assert said_exactly(page, 3)[-1] == "Part 3: Reflection: 150 words — within the 150–200 limit."

    box.fill(answer(200))  # still within: the count changes, nothing is announced
    expect(count).to_have_text("200 words — within the 150–200 limit")
    said_exactly(page, 3)
    box.press("End")
    page.keyboard.type(" model")
    expect(count).to_have_text("201 words — 1 over the 150–200 limit")
    assert said_exactly(page, 4)[-1] == "Part 3: Reflection: 201 words — 1 over the 150–200 limit."

    # Each state looks different without colour: its own symbol and border style.
    looks = {}
    for n, state in ((149, "under"), (173, "within"), (201, "over")):
        box.fill(answer(n))
        expect(count).to_have_attribute("data-state", state)
        looks[state] = count.evaluate(
            "(el) => [getComputedStyle(el, '::before').content, getComputedStyle(el).borderLeftStyle]"
        )
    assert len({tuple(v[0:1]) for v in looks.values()}) == 3, looks
    assert len({tuple(v[1:2]) for v in looks.values()}) == 3, looks


def test_several_fields_count_each_and_in_total(page: Page, server: PagesServer) -> None:
    page.add_init_script(RECORD_ANNOUNCEMENTS)
    page.clock.install()
    page.goto(server.url("plan/"))
    wt = task(page, "plan")
    first, second = wt.get_by_label("First task"), wt.get_by_label("Second task")
    total = wt.locator(".written-task-total")
    expect(total).to_have_text("Total: 0 words — within the 60-word maximum")

    first.fill("BERT classifies tickets")
    expect(wt.locator('[data-field="first"] .written-task-count')).to_have_text("3 words — 2 under the 5-word minimum")
    second.fill(answer(58))
    expect(wt.locator('[data-field="second"] .written-task-count')).to_have_text("58 words")  # no limit of its own
    expect(total).to_have_text("Total: 61 words — 1 over the 60-word maximum")
    expect(total).to_have_attribute("data-state", "over")
    assert said_exactly(page, 1) == ["Part 1: Plan, total: 61 words — 1 over the 60-word maximum."]

    first.fill("BERT classifies support tickets well")
    expect(wt.locator('[data-field="first"] .written-task-count')).to_have_text("5 words — meets the 5-word minimum")
    said = said_exactly(page, 2)
    assert said[-1] == "First task: 5 words — meets the 5-word minimum."  # the total stayed over: not repeated

    # A multi-field task without limits shows a plain total, and has nothing to announce.
    case = task(page, "case")
    case.get_by_label("The model").fill("gpt-4.1-mini with SFT")
    case.get_by_label("The dataset").fill("2,000 support chats")
    expect(case.locator(".written-task-total")).to_have_text("Total: 6 words")
    expect(case.locator('[data-field="model"] .written-task-count')).to_have_text("3 words")
    said_exactly(page, 2)


# ── Autosave ─────────────────────────────────────────────────────────────────────────────────


def test_drafts_survive_reload_instant_navigation_and_a_closed_tab(
    context: BrowserContext, page: Page, server: PagesServer
) -> None:
    page.goto(server.url("essay/"))
    wt = task(page)
    text = answer(173)
    wt.get_by_label("Your answer").fill(text)
    wt.get_by_label("Gives concrete pitfalls").check()
    wait_saved(page, text)
    record = stored(page)
    assert record is not None
    assert record["fields"] == {"answer": text} and record["rubric"] == {item_key("Gives concrete pitfalls"): True}
    assert isinstance(record["updated"], int) and isinstance(record["tab"], str) and record["tab"]

    page.reload()
    expect(wt.get_by_label("Your answer")).to_have_value(text)
    expect(wt.get_by_label("Gives concrete pitfalls")).to_be_checked()
    expect(wt.locator(".written-task-count")).to_have_text("173 words — within the 150–200 limit")

    # Type, and leave at once by a link: Material swaps the page without reloading it.
    wait_for_material(page).evaluate("() => { window.__sameDocument = true; }")
    wt.get_by_label("Your answer").press("End")
    page.keyboard.type(" Finally")
    page.get_by_role("link", name="home", exact=True).click()
    expect(page).to_have_url(server.url(""))
    page.get_by_role("link", name="reflection").click()
    expect(page).to_have_url(server.url("essay/"))
    page.get_by_role("link", name="home", exact=True).click()
    page.get_by_role("link", name="reflection").click()
    assert page.evaluate("() => window.__sameDocument === true"), "navigation was not instant"
    expect(wt.get_by_label("Your answer")).to_have_value(text + " Finally")
    expect(wt.get_by_label("Gives concrete pitfalls")).to_be_checked()
    # Initialised once per visit, never twice: one set of buttons, one print copy per box.
    expect(wt.locator(".written-task-actions")).to_have_count(1)
    expect(wt.locator(".written-task-print")).to_have_count(1)
    expect(wt.get_by_role("button", name="Download my answers")).to_have_count(1)

    page.close()  # the tab is closed; a new one finds the draft
    again = context.new_page()
    errors = errors_of(again)
    again.goto(server.url("essay/"))
    expect(task(again).get_by_label("Your answer")).to_have_value(text + " Finally")
    assert not errors


# ── Two tabs ─────────────────────────────────────────────────────────────────────────────────


def test_a_second_tab_follows_saved_text_and_asks_when_both_have_edits(
    context: BrowserContext, page: Page, server: PagesServer
) -> None:
    a = page
    b = context.new_page()
    errors = errors_of(b)
    b.clock.install()  # lets the test hold tab B's autosave timer while tab A saves
    a.goto(server.url("essay/"))
    b.goto(server.url("essay/"))
    mounted(a, b)
    a_box, b_box = (
        task(a).get_by_label("Your answer"),
        task(b).get_by_label("Your answer"),
    )

    # Tab B has no edits of its own: it simply shows what tab A saved.
    a_box.fill("Alpha, drafted in tab A.")
    a_box.blur()
    expect(b_box).to_have_value("Alpha, drafted in tab A.")

    # Both tabs edit; tab B's edit is not saved yet when tab A saves.
    # (30 s ahead: pausing in the past fails, however slow the machine)
    b.clock.pause_at(b.evaluate("() => Date.now()") / 1000 + 30)
    b_box.fill("Bravo, typed in tab B.")
    a_box.fill("Alpha, edited again in tab A.")
    a_box.blur()
    notice = task(b).get_by_role("alert")
    expect(notice).to_contain_text("This answer was changed in another tab.")
    expect(b_box).to_have_value("Bravo, typed in tab B.")  # not silently replaced
    assert stored(a)["fields"]["answer"] == "Alpha, edited again in tab A."  # type: ignore[index]  # nor overwritten

    # Tab B keeps its text: it becomes the newest, and tab A (no unsaved edits) follows.
    task(b).get_by_role("button", name="Keep this tab's text").click()
    expect(notice).to_have_count(0)
    expect(b_box).to_be_focused()
    expect(a_box).to_have_value("Bravo, typed in tab B.")
    assert stored(a)["fields"]["answer"] == "Bravo, typed in tab B."  # type: ignore[index]
    b.clock.run_for(1000)  # B's held autosave now runs: nothing changes
    expect(a_box).to_have_value("Bravo, typed in tab B.")
    expect(task(a).get_by_role("alert")).to_have_count(0)
    assert not errors


def test_a_tab_that_missed_the_change_asks_before_saving_over_it(
    context: BrowserContext, page: Page, server: PagesServer
) -> None:
    a = page
    b = context.new_page()
    errors = errors_of(b)
    b.add_init_script(MISS_STORAGE_EVENTS)
    b.clock.install()
    a.goto(server.url("essay/"))
    b.goto(server.url("essay/"))
    mounted(a, b)
    a_box, b_box = (
        task(a).get_by_label("Your answer"),
        task(b).get_by_label("Your answer"),
    )

    a_box.fill("Alpha, saved in tab A.")
    wait_saved(a, "Alpha, saved in tab A.")
    b_box.fill("Bravo, typed in tab B.")  # B still shows its old (empty) text and saves in 300 ms
    notice = task(b).get_by_role("alert")
    expect(notice).to_contain_text("This answer was changed in another tab.")
    b.clock.run_for(1000)  # any later autosave of B's would have run by now
    assert stored(b)["fields"]["answer"] == "Alpha, saved in tab A."  # type: ignore[index]

    # Tab B takes the other tab's text; its next edit saves normally and tab A follows.
    task(b).get_by_role("button", name="Use the other tab's text").click()
    expect(notice).to_have_count(0)
    expect(b_box).to_have_value("Alpha, saved in tab A.")
    b_box.press("End")
    b.keyboard.type(" And B.")
    wait_saved(b, "Alpha, saved in tab A. And B.")
    expect(a_box).to_have_value("Alpha, saved in tab A. And B.")
    assert not errors


def test_closing_a_tab_with_an_open_conflict_hands_its_text_to_the_other(
    context: BrowserContext, page: Page, server: PagesServer
) -> None:
    a = page
    b = context.new_page()
    errors_of(b)
    b.add_init_script(MISS_STORAGE_EVENTS)
    a.goto(server.url("essay/"))
    b.goto(server.url("essay/"))
    mounted(a, b)
    task(a).get_by_label("Your answer").fill("Alpha, saved in tab A.")
    wait_saved(a, "Alpha, saved in tab A.")
    task(b).get_by_label("Your answer").fill("Bravo, only in tab B.")
    expect(task(b).get_by_role("alert")).to_contain_text("changed in another tab")

    b.close(run_before_unload=True)  # the student closes tab B without choosing
    notice = task(a).get_by_role("alert")
    expect(notice).to_contain_text("Another tab was closed with a different version of this answer.")
    task(a).get_by_role("button", name="Use the other tab's text").click()
    expect(task(a).get_by_label("Your answer")).to_have_value("Bravo, only in tab B.")
    wait_saved(a, "Bravo, only in tab B.")
    assert backup_keys(a) == []


# ── Nothing lost, hidden or shared by mistake ─────────────────────────────────────────────────


def test_the_saved_draft_wins_over_the_browsers_form_restore(page: Page, server: PagesServer) -> None:
    """Back through history to an old visit: the browser must not put that visit's old text in the box."""
    box = task(page).get_by_label("Your answer")
    page.goto(server.url("essay/"))
    box.fill("The first draft, from my first visit.")
    wait_saved(page, "The first draft, from my first visit.")
    page.goto(server.url(""))  # a full page load, not instant navigation
    page.goto(server.url("essay/"))
    expect(box).to_have_value("The first draft, from my first visit.")
    box.fill("The newer draft, typed on my second visit.")
    wait_saved(page, "The newer draft, typed on my second visit.")
    page.goto(server.url(""))
    for _ in range(3):  # back to the second visit, home, then the first visit's entry
        # Material's bundle, which loads after the first paint, writes the history entry's state as it
        # starts: a Back issued at that moment is cancelled by Chromium (net::ERR_ABORTED).
        wait_for_material(page)
        page.go_back()
    expect(page).to_have_url(server.url("essay/"))
    page.wait_for_load_state("load")
    expect(box).to_have_value("The newer draft, typed on my second visit.")
    box.press("End")
    page.keyboard.type(" More.")
    wait_saved(page, "The newer draft, typed on my second visit. More.")


def test_renaming_a_task_or_a_box_keeps_the_text_in_view_and_in_the_download(page: Page, tmp_path: Path) -> None:
    config = make_site(tmp_path)
    with served(config) as server:
        page.goto(server.url("plan/"))
        task(page, "plan").get_by_label("Second task").fill("Sentiment with DeBERTa-v3, kept across a rename.")
        wait_saved(page, "Sentiment with DeBERTa-v3, kept across a rename.", draft_key("tasks#plan"), "second")
        page.goto(server.url("essay/"))
        task(page).get_by_label("Your answer").fill("My essay, written before the task was renamed.")
        wait_saved(page, "My essay, written before the task was renamed.")

        # The instructor renames the task `essay` and the box `second`, and republishes.
        renamed = BANK.replace("id: essay", "id: evaluation").replace("id: second", "id: other-task")
        (config.parent / "quizzes" / "tasks.yml").write_text(renamed, encoding="utf-8")
        essay_page = config.parent / "docs" / "essay.md"
        essay_page.write_text(essay_page.read_text(encoding="utf-8").replace("#essay", "#evaluation"), encoding="utf-8")
        assert build(config).code == 0

        page.goto(server.url("plan/"))
        kept = task(page, "plan").locator(".written-task-kept")
        expect(kept).to_be_visible()
        expect(kept).to_contain_text("Sentiment with DeBERTa-v3, kept across a rename.")
        page.goto(server.url("essay/"))
        expect(task(page, "evaluation").get_by_label("Your answer")).to_have_value("")
        orphans = page.locator(".written-task-orphans")
        expect(orphans.locator("summary")).to_have_text("Your drafts for tasks no longer on the site (1)")
        orphans.locator("summary").click()
        expect(orphans).to_contain_text("My essay, written before the task was renamed.")
        with page.expect_download() as info:
            task(page, "evaluation").get_by_role("button", name="Download my answers").click()
        text = Path(info.value.path()).read_text(encoding="utf-8")
        assert "### Text kept from a part no longer asked for (second)\n\nSentiment with DeBERTa-v3" in text
        assert (
            "## Answers to tasks no longer on the site\n\n### tasks#essay\n\nanswer:\n\nMy essay, written before"
            in text
        )


def test_two_copies_of_the_site_on_one_origin_keep_their_own_drafts(browser: Browser, tmp_path: Path) -> None:
    result = build(make_site(tmp_path))
    assert result.code == 0, result.output
    server = PagesServer(result.site, "/course-a/", more={"/course-b/": result.site})
    context = browser.new_context()
    try:
        page = context.new_page()
        errors = errors_of(page)
        # A draft saved by the site's first version (unscoped, rubric ticks by position): both copies get it.
        page.goto(server.origin + "/course-a/")
        page.evaluate(
            """() => localStorage.setItem("workspace:v1:tasks#essay", JSON.stringify(
                 {fields: {answer: "Saved before the upgrade."}, rubric: [false, true], updated: 1000, tab: "old"}))"""
        )
        a_box = task(page).get_by_label("Your answer")
        for site in ("course-a", "course-b"):
            page.goto(f"{server.origin}/{site}/essay/")
            expect(a_box).to_have_value("Saved before the upgrade.")
            expect(task(page).get_by_label("Gives concrete pitfalls")).to_be_checked()
            expect(task(page).get_by_label("Explains what F1 balances")).not_to_be_checked()

        page.goto(server.origin + "/course-a/essay/")
        expect(a_box).to_have_value("Saved before the upgrade.")
        a_box.fill("Only in course A.")
        wait_saved(page, "Only in course A.", draft_key(scope="/course-a/"))
        page.goto(server.origin + "/course-b/essay/")
        expect(a_box).to_have_value("Saved before the upgrade.")
        page.once("dialog", lambda d: d.accept())
        task(page).get_by_role("button", name="Clear this answer").click()
        expect(a_box).to_have_value("")
        page.reload()
        expect(a_box).to_have_value("")  # cleared stays cleared: the old draft is not migrated again
        page.goto(server.origin + "/course-a/essay/")
        expect(a_box).to_have_value("Only in course A.")
        assert not errors
    finally:
        context.close()
        server.close()


def test_three_tabs_closed_in_conflict_each_hand_over_their_text(
    context: BrowserContext, page: Page, server: PagesServer
) -> None:
    a = page
    others = [context.new_page(), context.new_page()]
    a.goto(server.url("essay/"))
    mounted(a)
    for other in others:
        errors_of(other)
        other.add_init_script(MISS_STORAGE_EVENTS)
        other.goto(server.url("essay/"))
        mounted(other)
    task(a).get_by_label("Your answer").fill("Alpha, saved in tab A.")
    wait_saved(a, "Alpha, saved in tab A.")
    for other, text in zip(others, ("Bravo, only in tab B.", "Charlie, only in tab C."), strict=True):
        task(other).get_by_label("Your answer").fill(text)
        expect(task(other).get_by_role("alert")).to_contain_text("changed in another tab")
    for other in others:
        other.close(run_before_unload=True)

    notice = task(a).get_by_role("alert")
    box = task(a).get_by_label("Your answer")
    offered: list[str] = []
    for _ in range(2):  # one notice per closed tab, one at a time, in whichever order they closed
        expect(notice).to_contain_text("Another tab was closed with a different version of this answer.")
        task(a).get_by_role("button", name="Use the other tab's text").click()
        expect(box).not_to_have_value(offered[-1] if offered else "Alpha, saved in tab A.")
        offered.append(box.input_value())
    assert sorted(offered) == ["Bravo, only in tab B.", "Charlie, only in tab C."]  # neither was lost
    expect(notice).to_have_count(0)
    wait_saved(a, offered[-1])
    assert backup_keys(a) == []


def test_a_rubric_tick_stays_on_its_item_when_an_item_is_inserted_before_it(page: Page, tmp_path: Path) -> None:
    config = make_site(tmp_path)
    with served(config) as server:
        page.goto(server.url("essay/"))
        task(page).get_by_label("Gives concrete pitfalls").check()
        page.wait_for_function(
            "([key, item]) => (JSON.parse(localStorage.getItem(key) || 'null') || {rubric: {}}).rubric[item] === true",
            arg=[draft_key(), item_key("Gives concrete pitfalls")],
        )
        inserted = BANK.replace(
            "      - Explains what F1 balances", "      - Names the metric first\n      - Explains what F1 balances"
        )
        (config.parent / "quizzes" / "tasks.yml").write_text(inserted, encoding="utf-8")
        assert build(config).code == 0
        page.reload()
        expect(task(page).get_by_label("Gives concrete pitfalls")).to_be_checked()
        expect(task(page).get_by_label("Names the metric first")).not_to_be_checked()
        expect(task(page).get_by_label("Explains what F1 balances")).not_to_be_checked()


# ── Download, clear, privacy ─────────────────────────────────────────────────────────────────


def test_download_has_every_draft_in_order_and_nothing_leaves_the_browser(page: Page, server: PagesServer) -> None:
    requests: list[Request] = []
    page.on("request", lambda r: requests.append(r))
    page.goto(server.url("plan/"), wait_until="networkidle")
    plan = task(page, "plan")
    expect(plan).to_contain_text("Your drafts are saved in this browser only; nothing you type is sent anywhere.")
    requests.clear()
    plan.get_by_label("First task").fill("Legal summaries with Llama 3.1 8B.")
    plan.get_by_label("Second task").fill("Sentiment with DeBERTa-v3.\n\nIt learns our labels.")
    wait_saved(
        page,
        "Sentiment with DeBERTa-v3.\n\nIt learns our labels.",
        draft_key("tasks#plan"),
        "second",
    )

    page.get_by_role("link", name="home", exact=True).click()
    page.get_by_role("link", name="reflection").click()
    expect(task(page)).to_have_attribute("data-ready", "")  # page fetched
    page.wait_for_load_state("networkidle")
    requests.clear()
    essay = answer(173)
    task(page).get_by_label("Your answer").fill(essay)
    wait_saved(page, essay)
    # Typing and saving asked nothing of any server, ours included.
    assert [r.url for r in requests] == []
    with page.expect_download() as info:
        task(page).get_by_role("button", name="Download my answers").click()
    download = info.value
    assert download.suggested_filename == "fine-tuning-assignment-answers.md"
    text = Path(download.path()).read_text(encoding="utf-8")
    text = re.sub(r"Downloaded on \d{4}-\d{2}-\d{2}\.", "Downloaded on DATE.", text)
    assert text == (
        "# My assignment answers\n\n"
        "Downloaded on DATE. A word is counted when it contains a letter or a digit; "
        "hyphenated words, numbers and links count as one word each.\n\n"
        "Not drafted yet: Part 2: Case study.\n\n"
        "## Part 1: Plan\n\n"
        "### First task\n\nLegal summaries with Llama 3.1 8B.\n\nWords: 6 (minimum 5)\n\n"
        "### Second task\n\nSentiment with DeBERTa-v3.\n\nIt learns our labels.\n\n"
        "Words: 13 in total (maximum 60)\n\n"
        "## Part 2: Case study\n\n### The model\n\n_No draft yet._\n\n"
        "### The dataset\n\n_No draft yet._\n\nWords: 0 in total\n\n"
        f"## Part 3: Reflection\n\n{essay}\n\nWords: 173 (limit 150–200)\n"
    )
    # Nor did the download: it is made in the page.
    assert [r.url for r in requests if not r.url.startswith("blob:")] == []


def test_the_scripts_have_no_way_to_send_anything() -> None:
    """Backs the promise on the page: the site's scripts send nothing anywhere.

    Two modules load the site's own bundles beside themselves, by name (site.js: the self-checks,
    keeping, offline; selfcheck.js: each question type's view). Two modules each read one file of the site with a plain GET that carries nothing of the
    student's (the course manifest; My progress's review questions), one registers the site's own service worker, which fetches only the files of
    the site its build lists and passes on the page's own GET requests, and one holds back
    Material's request for its search index until search is used (it sends Material's request,
    never one of its own), and one asks once for the site's own worker file to leave a marker in the
    HTTP cache, then looks for it there without the network (keep-store.js: lost storage noticed);
    navigator is read for the browser's storage, its kind and whether it is online. No other request
    API appears.
    """
    # The sources: bundles/ is built from them (tests/js/bundles.test.mjs checks it is up to date).
    scripts = sorted(p for p in (ROOT / "overrides/assets/javascripts").rglob("*.js") if p.parent.name != "bundles")
    assert len(scripts) >= 5, scripts
    for path in scripts:
        # Comments may name the APIs; code may not.
        code = re.sub(r"/[*].*?[*]/|//[^\n]*", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        code = code.replace("fetchpriority", "")  # a priority hint on our own files, not a request
        if path.name == "course.js":
            assert code.count("fetch(") == 1 and '"assets/quizbank/course.json"' in code
            assert "method" not in code and "body" not in code
            code = code.replace(".fetch(", ".")
        if path.name == "progress.js":  # My progress: the review round's questions, a file of this site
            assert code.count("fetch(") == 1 and 'window.fetch(own, { credentials: "same-origin" })' in code
            assert "url.origin === window.location.origin ? url : null" in code
            assert "method" not in code and "body" not in code
            code = code.replace(".fetch(", ".")
        if path.name == "site.js":  # the site's own bundles, beside this one (bundles/<name>.js)
            own = "import(new URL(`${name}.js`, import.meta.url).href)"
            assert code.count("import(") == 1 and code.count(own) == 1
            code = code.replace(own, "")
        if path.name == "selfcheck.js":  # each type's view, beside this bundle (bundles/types/<name>.js)
            own = "import(new URL(`types/${name}.js`, import.meta.url).href)"
            assert code.count("import(") == 1 and code.count(own) == 1
            code = code.replace(own, "")
        if path.name == "offline.js":  # registers the site's own service worker (sw.js); sends nothing
            for used in ("navigator.serviceWorker", "navigator.onLine", "navigator.connection"):
                code = code.replace(used, "")
        if path.name == "sw.js":  # the worker: fetches the files its build lists, passes on the page's own GETs
            own = 'fetch(url, { cache: "no-cache", credentials: "same-origin", redirect: "error" })'
            assert code.count(own) == 1 and code.count("fetch(request)") == 2 and 'method !== "GET"' in code
            assert "const url = new URL(path, scope).href;" in code  # a file of this site, from the build's list
            code = code.replace(own, "").replace("fetch(request)", "").replace('addEventListener("fetch"', "")
            code = code.replace("fetchChecked", "")
        if path.name == "search-index.js":  # holds back Material's own request for its search index
            assert "new XMLHttpRequest" not in code and code.count("XMLHttpRequest") == 1
            assert "XMLHttpRequest.prototype" in code and "send.apply(xhr, args)" in code
            code = code.replace("XMLHttpRequest.prototype", "")
        if path.name == "keep-store.js":  # the marker: the site's own sw.js, once; then looked up in the cache only
            own = 'window.fetch(url, { cache: "reload", credentials: "same-origin" })'
            probe = "fetch(e.data, { cache: 'only-if-cached', mode: 'same-origin' })"
            assert code.count("fetch(") == 2 and code.count(own) == 1 and code.count(probe) == 1
            assert 'const HTTP_MARKER = "sw.js?quizbank-kept";' in code and "new URL(HTTP_MARKER, scopeUrl())" in code
            assert "method" not in code and "body:" not in code
            code = code.replace(own, "").replace(probe, "").replace("navigator.onLine", "")
        if path.name in ("keep-ui.js", "keep-page.js"):  # persistent storage: asked of the browser, nothing sent
            code = code.replace("navigator.storage", "")
        if path.name == "keep-remind.js":  # which browser (Safari's seven-day rule), installed or not
            code = code.replace("navigator.userAgent", "").replace("navigator.standalone", "")
        for api in (
            "fetch",
            "XMLHttpRequest",
            "sendBeacon",
            "WebSocket",
            "EventSource",
            "navigator.",
            "Image(",
            "import(",
        ):
            assert api not in code, f"{path.name}: {api}"


def test_clear_asks_first(page: Page, server: PagesServer) -> None:
    page.goto(server.url("essay/"))
    wt = task(page)
    wt.get_by_label("Your answer").fill("Keep me unless I say so.")
    wt.get_by_label("Explains what F1 balances").check()
    wait_saved(page, "Keep me unless I say so.")

    questions: list[str] = []

    def say_no(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", say_no)
    wt.get_by_role("button", name="Clear this answer").click()
    assert questions and "Part 3: Reflection" in questions[0]
    expect(wt.get_by_label("Your answer")).to_have_value("Keep me unless I say so.")
    assert stored(page) is not None

    page.once("dialog", lambda d: d.accept())
    wt.get_by_role("button", name="Clear this answer").click()
    expect(wt.get_by_label("Your answer")).to_have_value("")
    expect(wt.get_by_label("Explains what F1 balances")).not_to_be_checked()
    expect(wt.locator(".written-task-count")).to_have_text("0 words — 150 under the 150–200 limit")
    assert stored(page) is None
    page.reload()
    expect(wt.get_by_label("Your answer")).to_have_value("")


# ── Storage failures ─────────────────────────────────────────────────────────────────────────


def test_a_full_storage_is_shown_to_the_student(page: Page, server: PagesServer) -> None:
    page.add_init_script(BREAK_SET_ITEM)
    page.goto(server.url("essay/"))
    wt = task(page)
    expect(wt.get_by_role("alert")).to_have_count(0)
    wt.get_by_label("Your answer").fill("This cannot be saved.")
    alert = wt.get_by_role("alert")
    expect(alert).to_have_text(STORAGE_ERROR)
    expect(alert).to_be_visible()
    # Once storage works again, the next save succeeds and the message goes.
    page.evaluate("() => { Storage.prototype.setItem = window.__realSetItem; }")
    wt.get_by_label("Your answer").press("End")
    page.keyboard.type(" Now it can.")
    wait_saved(page, "This cannot be saved. Now it can.")
    expect(alert).to_have_count(0)


def test_disabled_storage_is_shown_on_arrival(context: BrowserContext, server: PagesServer) -> None:
    page = context.new_page()  # Material's own scripts fail without storage: their errors are not ours
    page.add_init_script(
        "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });"
    )
    page.goto(server.url("essay/"))
    wt = task(page)
    expect(wt.get_by_role("alert")).to_have_text(STORAGE_ERROR)
    wt.get_by_label("Your answer").fill("Still counted, never lost silently.")
    expect(wt.locator(".written-task-count")).to_have_text("5 words — 145 under the 150–200 limit")
    expect(wt.get_by_role("alert")).to_have_count(1)


# ── Keyboard, phone, palettes, print, no JavaScript ──────────────────────────────────────────


def test_keyboard_only(page: Page, server: PagesServer) -> None:
    page.goto(server.url("essay/"))
    wt = task(page)
    box = wt.get_by_label("Your answer")
    page.get_by_role("link", name="home", exact=True).focus()
    tab_to(page, box)
    page.keyboard.type("Drafted with the keyboard only — fine-tuning, e.g. F1.")
    expect(wt.locator(".written-task-count")).to_have_text("8 words — 142 under the 150–200 limit")
    tab_to(page, wt.get_by_label("Explains what F1 balances"))
    page.keyboard.press("Space")
    expect(wt.get_by_label("Explains what F1 balances")).to_be_checked()

    download = wt.get_by_role("button", name="Download my answers")
    tab_to(page, download)
    assert download.evaluate("(el) => el.tagName") == "BUTTON"
    assert download.evaluate("(el) => getComputedStyle(el).outlineStyle") != "none", "no visible focus"
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert "Drafted with the keyboard only" in Path(info.value.path()).read_text(encoding="utf-8")

    page.once("dialog", lambda d: d.accept())
    tab_to(page, wt.get_by_role("button", name="Clear this answer"))
    page.keyboard.press("Enter")
    expect(box).to_have_value("")
    expect(box).to_be_focused()  # back where the student writes


def test_phone_width_has_no_horizontal_scroll(browser: Browser, server: PagesServer) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 700}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        errors = errors_of(page)
        page.add_init_script(BREAK_SET_ITEM)  # the storage notice must fit too
        for path, qid in (("essay/", "essay"), ("plan/", "plan")):
            page.goto(server.url(path))
            box = task(page, qid).locator("textarea").first
            box.fill("https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/fine-tuning?tabs=python " * 3)
            expect(task(page, qid).get_by_role("alert")).to_be_visible()
            width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], (path, width)
            buttons = task(page, qid).get_by_role("button").all()
            assert len(buttons) >= 2, (path, len(buttons))  # Download and Clear at least: none left unchecked
            for button in buttons:
                b = button.bounding_box()
                assert b is not None and b["x"] >= 0 and b["x"] + b["width"] <= 375, (
                    path,
                    b,
                )
        assert not errors
    finally:
        context.close()


CONTRAST = """
(el, pseudo) => {
  const parse = (c) => {
    const m = c.match(/^rgba?\\(([^)]+)\\)$/);
    if (m) { const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
    const s = c.match(/^color\\(srgb ([^)]+)\\)$/);
    if (s) { const p = s[1].split(/[\\s\\/]+/).filter(Boolean).map(Number); return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1]; }
    throw new Error("unknown colour " + c);
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
  const chain = [];
  for (let n = el; n; n = n.parentElement) chain.unshift(n);
  let bg = [255, 255, 255];
  for (const n of chain) bg = over(parse(getComputedStyle(n).backgroundColor), bg);
  const fg = over(parse(getComputedStyle(el, pseudo).color), bg);
  const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
"""


@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_text_contrast_in_both_palettes(browser: Browser, server: PagesServer, scheme: str, palette: str) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.add_init_script(BREAK_SET_ITEM)
        page.goto(server.url("essay/"))
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == palette
        wt = task(page)
        box = wt.get_by_label("Your answer")
        count = wt.locator(".written-task-count")
        seen: dict[str, float] = {}
        for n, state in ((10, "under"), (160, "within"), (230, "over")):
            box.fill(answer(n))
            expect(count).to_have_attribute("data-state", state)
            seen[f"count {state}"] = count.evaluate(CONTRAST, None)
            seen[f"symbol {state}"] = count.evaluate(CONTRAST, "::before")
        seen["alert"] = wt.get_by_role("alert").locator("p").first.evaluate(CONTRAST, None)
        seen["note"] = wt.locator(".written-task-note").evaluate(CONTRAST, None)
        seen["button"] = wt.get_by_role("button", name="Download my answers").evaluate(CONTRAST, None)
        seen["textarea"] = box.evaluate(CONTRAST, None)
        seen["limits"] = wt.locator(".written-task-limits").evaluate(CONTRAST, None)
        low = {k: round(v, 2) for k, v in seen.items() if v < (3 if k.startswith("symbol") else 4.5)}
        assert not low, low
    finally:
        context.close()


def test_printing_shows_the_typed_text(page: Page, server: PagesServer) -> None:
    page.goto(server.url("plan/"))
    wt = task(page, "plan")
    wt.get_by_label("First task").fill("Printed on paper, not lost in a box.")
    page.emulate_media(media="print")
    expect(wt.locator("textarea").first).to_be_hidden()
    expect(wt.locator(".written-task-print").first).to_have_text("Printed on paper, not lost in a box.")
    expect(wt.locator(".written-task-print").first).to_be_visible()
    expect(wt.get_by_role("button")).to_have_count(0)
    page.emulate_media(media="screen")
    expect(wt.locator(".written-task-print").first).to_be_hidden()


def test_without_javascript_the_task_still_reads_well(browser: Browser, server: PagesServer) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url("essay/"))
        wt = task(page)
        expect(wt.locator(".written-task-title")).to_have_text("Part 3: Reflection (150–200 words)")
        expect(wt.locator(".written-task-prompt")).to_be_visible()
        expect(wt.get_by_label("Your answer")).to_be_visible()
        expect(wt.get_by_label("Explains what F1 balances")).to_be_visible()
        expect(wt.get_by_text("Gives concrete pitfalls")).to_be_visible()
        expect(wt.get_by_text("Compare with example answers")).to_be_visible()
        expect(wt.get_by_role("button")).to_have_count(0)  # nothing that could not work
        expect(wt.locator(".written-task-count")).to_be_hidden()  # no empty boxes either
        page.goto(server.url("plan/"))
        expect(task(page, "plan").get_by_text("(at least 5 words)")).to_be_visible()
    finally:
        context.close()
