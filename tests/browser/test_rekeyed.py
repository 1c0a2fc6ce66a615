"""An instructor fixes a key and redeploys: every count marks saved answers against the new key.

A student answers one question of each kind right (one of them then "Try Again"); the site is
rebuilt with every key changed (same wording, same options: the answers are kept and marked
again). The student opens My progress first, before any chapter: its counts, statuses and review
round must already give the marks the chapter gives (results.js `marked`, from the manifest).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from support import PagesServer, build, quiz_ready, write_site
from support import quiz as placed

PAGES = {
    "index.md": "# Home\n\n[Checks](checks.md), [progress](progress.md).\n",
    "checks.md": "# Checks\n\n<!-- quiz: keys -->\n",
    "progress.md": "---\nsearch:\n  exclude: true\n---\n# My progress\n\n<!-- progress -->\n",
}
NAV = [{"Home": "index.md"}, {"Checks": "checks.md"}, {"My progress": "progress.md"}]


def bank(*, first: str, order: list[str], pairs: dict[str, str], blank: str, sky: str) -> str:
    """The bank, with its keys as given: which option is right, the right order, each pair, the blank, true/false."""
    items = "\n".join(f"      - {i}" for i in order)
    matched = "\n".join(f"      - prompt: {p}\n        answer: {a}" for p, a in pairs.items())
    other = "Beta" if first == "Alpha" else "Alpha"
    return f"""questions:
  - id: pick
    type: single
    shuffle: false
    question: Which letter is right?
    options:
      - text: {first}
        correct: true
      - text: {other}
  - id: steps
    type: ordering
    question: Put the steps in order.
    items:
{items}
  - id: pairs
    type: matching
    question: Match each animal to its sound.
    pairs:
{matched}
  - id: blank
    type: fill-blank
    question: The engine is [[{blank}]].
  - id: sky
    type: true-false
    question: The sky is blue.
    answer: {sky}
"""


V1 = bank(
    first="Alpha",
    order=["One", "Two", "Three"],
    pairs={"Cat": "Meow", "Dog": "Woof", "Cow": "Moo"},
    blank="ONNX Runtime",
    sky="true",
)
V2 = bank(
    first="Beta",
    order=["Two", "One", "Three"],
    pairs={"Cat": "Woof", "Dog": "Meow", "Cow": "Moo"},
    blank="TensorRT",
    sky="false",
)


def built(base: Path, source: str) -> Path:
    result = build(write_site(base, PAGES, {"keys.yml": source}, nav=NAV))
    assert result.code == 0, result.output
    return result.site


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The site before and after the key fix, built once for the module."""
    return built(tmp_path_factory.mktemp("v1"), V1), built(tmp_path_factory.mktemp("v2"), V2)


@pytest.fixture
def answered_then_redeployed(page: Page, tmp_path: Path, versions: tuple[Path, Path]) -> Iterator[PagesServer]:
    """Every question answered right on the first version (one then cleared), then the second deployed."""
    served_dir = tmp_path / "served"
    shutil.copytree(versions[0], served_dir)
    server = PagesServer(served_dir)
    try:
        page.goto(server.url("checks/"))
        quiz_ready(page)
        answer_everything_right(page)
        expect(page.locator('.quizbank-page-count[data-place="end"]')).to_contain_text("All 5 answered · 5 right")
        shutil.rmtree(served_dir)
        shutil.copytree(versions[1], served_dir)
        server.point_sitemap_here()
        yield server
    finally:
        server.close()


def quiz(page: Page, qid: str) -> Locator:
    """A question of the `keys` bank once the script has started it (support.quiz, waited for)."""
    found = placed(page, "keys", qid)
    expect(found).to_have_attribute("data-quizbank", "")
    return found


def answer_everything_right(page: Page) -> None:
    pick = quiz(page, "pick")
    pick.get_by_label("Alpha").check()
    pick.get_by_role("button", name="Submit").click()
    steps = quiz(page, "steps")
    for place, text in enumerate(["One", "Two", "Three"]):
        while steps.locator(".quiz-order-text").all_inner_texts().index(text) > place:
            steps.locator("li.quiz-order-item", has_text=text).get_by_role("button", name="Move up").click()
    steps.get_by_role("button", name="Submit").click()
    pairs = quiz(page, "pairs")
    for prompt, sound in {"Cat": "Meow", "Dog": "Woof", "Cow": "Moo"}.items():
        pairs.get_by_label(prompt).select_option(label=sound)
    pairs.get_by_role("button", name="Submit").click()
    blank = quiz(page, "blank")
    blank.get_by_label("Answer 1").fill("ONNX Runtime")
    blank.get_by_role("button", name="Submit").click()
    sky = quiz(page, "sky")
    sky.get_by_label("True").check()
    sky.get_by_role("button", name="Submit").click()
    for qid in ("pick", "steps", "pairs", "blank", "sky"):
        expect(quiz(page, qid).locator(".quiz-feedback .correct").first).to_be_visible()
    # Right, then "Try Again": the answer leaves the page, the mark stays (until the key changes).
    sky.get_by_role("button", name="Try Again").click()
    expect(sky.locator(".quiz-feedback")).to_be_hidden()


def test_a_key_fix_reaches_my_progress_and_the_review_round_before_the_chapter_is_opened(
    page: Page, answered_then_redeployed: PagesServer
) -> None:
    server = answered_then_redeployed
    page.goto(server.url("progress/"))
    expect(page.locator(".quizbank-part-summary")).to_have_text("5 of 5 self-checks answered · 0 right · 5 to review")
    for qid in ("pick", "steps", "pairs", "blank", "sky"):
        expect(page.locator(f'tr[data-question="keys#{qid}"] .status')).to_have_text("Not yet right")
    expect(page.locator(".quizbank-review-status")).to_have_text("5 questions are ready to review.")


def test_a_question_cleared_with_try_again_is_marked_again_when_its_chapter_opens(
    page: Page, answered_then_redeployed: PagesServer
) -> None:
    server = answered_then_redeployed
    page.goto(server.url("checks/"))
    quiz_ready(page)
    expect(page.locator('.quizbank-page-count[data-place="end"]')).to_contain_text("All 5 answered · 0 right")
    expect(quiz(page, "pick").locator(".quiz-feedback .incorrect").first).to_be_visible()
    expect(quiz(page, "sky").locator(".quiz-feedback")).to_be_hidden()  # still cleared by "Try Again"
    page.goto(server.url("progress/"))
    expect(page.locator('tr[data-question="keys#sky"] .status')).to_have_text("Not yet right")
