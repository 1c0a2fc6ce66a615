"""Question pools as a student meets them: one variant of an idea, the same on every visit, another in review.

The draw hangs on the learner id in the browser's storage (progress format v2), so the test sets
ids of its own and checks what the page announces (`data-pool-shown` on each variant).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from support import SITE_PATH, PagesServer, served, write_site

VARIANTS = ["one", "two", "three"]
BANK = (
    "questions:\n"
    + "".join(
        f"""  - id: {v}
    type: true-false
    pool: {{id: idea, draw: 1}}
    question: Variant {v} of the idea is true.
    answer: true
"""
        for v in VARIANTS
    )
    + """  - id: solo
    type: true-false
    question: This one is for everybody.
    answer: true
"""
)
PAGES = {
    "index.md": "# Home\n\n[Checks](checks.md), [progress](progress.md).\n",
    # Text above the questions: a link to one of them must scroll to it.
    "checks.md": "# Checks\n\n" + "A paragraph of the chapter.\n\n" * 40 + "<!-- quiz: pool -->\n",
    "progress.md": "---\nsearch:\n  exclude: true\n---\n# My progress\n\n<!-- progress -->\n",
}
LEARNER_KEY = f"quizbank:2:{SITE_PATH}:learner"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PagesServer]:
    config = write_site(tmp_path_factory.mktemp("pools"), PAGES, {"pool.yml": BANK})
    with served(config) as srv:
        yield srv


def open_as(page: Page, server: PagesServer, learner: str) -> str:
    """Open the chapter as this learner; the variant drawn for them (the one the page shows)."""
    if page.url != server.url("checks/"):
        page.goto(server.url("checks/"))  # the id is stored from the page, then read as it loads again
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [LEARNER_KEY, learner])
    page.reload()
    shown = page.locator('.quiz[data-pool][data-pool-shown="true"]')
    expect(shown).to_have_count(1)
    expect(page.locator('.quiz[data-pool][data-pool-shown="false"]')).to_have_count(2)
    expect(page.locator(".quiz[data-pool]:visible")).to_have_count(1)
    expect(page.locator("#quiz-pool--solo")).to_be_visible()  # not in a pool: everyone sees it
    return shown.get_attribute("data-qid") or ""


def test_each_learner_has_a_stable_draw_and_learners_differ(page: Page, server: PagesServer) -> None:
    learner = "0123456789abcdef"
    first = open_as(page, server, learner)
    page.reload()
    expect(page.locator(f"#quiz-pool--{first}")).to_be_visible()
    assert open_as(page, server, learner) == first
    drawn = {open_as(page, server, f"{n:016x}") for n in range(0, 16 * 40, 40)}
    assert len(drawn) >= 2, f"sixteen learners all drew {drawn}"


def test_my_progress_counts_the_idea_and_the_review_serves_another_variant(page: Page, server: PagesServer) -> None:
    first = open_as(page, server, "fedcba9876543210")
    quiz = page.locator(f"#quiz-pool--{first}")
    quiz.get_by_role("radio", name="False").check()
    quiz.get_by_role("button", name="Submit").click()
    expect(quiz.locator(".quiz-feedback .incorrect")).to_be_visible()

    page.goto(server.url("progress/"))
    rows = page.locator("tr[data-question]")
    expect(rows).to_have_count(2)  # the idea once, and the solo question
    expect(page.locator(".quizbank-part-summary")).to_have_text("1 of 2 self-checks answered · 0 right · 1 to review")
    idea = page.locator('tr[data-question="pool#one"]')  # the idea, by its first variant
    expect(idea.locator(".status")).to_have_text("Not yet right")
    page.get_by_role("button", name="Start a review round (1 question)").click()
    shown = page.locator(".quizbank-review-item:not([hidden])")
    served_id = shown.get_attribute("data-question") or ""
    assert served_id.startswith("pool#") and served_id != f"pool#{first}", "the review serves another variant"
    shown.get_by_role("radio", name="True").check()
    shown.get_by_role("button", name="Submit").click()
    expect(shown.locator(".quiz-feedback .correct")).to_be_visible()
    page.get_by_role("button", name="Finish the round").click()
    expect(idea.locator(".status")).to_have_text("Right after a retry or with hints")
    expect(page.locator(".quizbank-part-summary")).to_have_text("1 of 2 self-checks answered · 1 right · 0 to review")
    # The idea is named by the variant the chapter now shows: the one answered last.
    served_qid = served_id.split("#")[1]
    expect(idea.locator("a")).to_have_text(f"Variant {served_qid} of the idea is true.")

    # The chapter shows the same mark: the variant answered last, right, beside "1 right".
    page.goto(server.url("checks/"))
    shown_now = page.locator('.quiz[data-pool][data-pool-shown="true"]')
    expect(shown_now).to_have_count(1)
    expect(shown_now).to_have_attribute("data-qid", served_qid)
    expect(shown_now.locator(".quiz-feedback .correct")).to_be_visible()
    expect(page.locator('.quizbank-page-count[data-place="end"]')).to_contain_text("1 right")


def test_a_link_to_the_idea_lands_on_the_variant_this_learner_sees(page: Page, server: PagesServer) -> None:
    learner = next(f"{n:016x}" for n in range(1, 400) if open_as(page, server, f"{n:016x}") != "one")
    assert open_as(page, server, learner) != "one"
    page.goto(server.url("progress/"))
    page.locator('tr[data-question="pool#one"] a').click()  # My progress links the idea's first variant
    shown = page.locator('.quiz[data-pool][data-pool-shown="true"]')
    expect(shown).to_be_in_viewport()
    expect(page.locator("#quiz-pool--one")).to_be_hidden()
