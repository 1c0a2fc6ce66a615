"""The question-bank preview's Markdown (quizbank/preview.py): every question, where it is, and its key."""

from __future__ import annotations

import re

from quizbank import RenderOptions, Source, load_bank_text, place_quizzes
from quizbank.manifest import Chapter
from quizbank.preview import preview_markdown

BANK = load_bank_text(
    """questions:
  - id: placed
    type: single
    question: Which one?
    options:
      - text: This
        correct: true
        feedback: Yes, this.
      - text: That
        feedback: Not that.
  - id: forgotten
    type: true-false
    question: Nobody places me.
    answer: true
    hints: [Look again.]
  - id: lms
    type: true-false
    question: Kept for the LMS.
    answer: false
    export_only: true
  - id: variant-a
    type: fill-blank
    pool: {id: idea}
    question: The answer is [[a]].
  - id: variant-b
    type: fill-blank
    pool: {id: idea}
    question: The answer is [[b]].
    explanation: Because.
""",
    name="bank",
    shown="quizzes/bank.yml",
)
CHAPTER = Chapter("part-1/", "Part 1", "# Part 1\n\n<!-- quiz: bank#placed -->\n")


def preview(published: bool = False) -> str:
    return preview_markdown({"bank": BANK}, {"bank#placed": CHAPTER}, link=lambda url: f"../{url}", published=published)


def test_every_question_is_there_with_its_file_line_and_place() -> None:
    text = preview()
    for question in BANK.questions:
        assert f"<!-- quiz: bank#{question.id} -->" in text
        assert f"<code>quizzes/bank.yml:{question.line}</code>" in text
    assert 'on <a href="../part-1/#quiz-bank--placed">Part 1</a>' in text
    forgotten = text[text.index("### bank#forgotten") :]
    assert "not placed on any page" in forgotten.split("###")[1]
    assert "for the export only" in text[text.index("### bank#lms") :].split("###")[1]
    # The summary counts them, and lists the unplaced ones (not the one kept for the export) by anchor.
    assert "5 questions in 1 bank; 3 not placed on any page; 1 for the export only." in text
    assert '<a href="#quiz-bank--forgotten">bank#forgotten</a>' in text
    assert '<a href="#quiz-bank--lms">' not in text


def test_each_question_has_its_key_feedback_hints_and_explanation() -> None:
    text = preview()
    placed = text[text.index("### bank#placed") : text.index("### bank#forgotten")]
    assert '???+ success "Answer key and feedback"' in placed
    assert re.search(r"^    1\. ✓ This\n\n        \*Feedback:\* Yes, this\.$", placed, re.M), placed
    assert "    2. ✗ That" in placed
    forgotten = text[text.index("### bank#forgotten") : text.index("### bank#lms")]
    assert "**Answer:** True" in forgotten and "Look again." in forgotten
    variant = text[text.index("### bank#variant-b") :]
    assert "`b`" in variant and "Because." in variant and "**Pool:** `idea`" in variant


def test_it_says_whether_it_is_published() -> None:
    assert "Only `make serve` builds this page" in preview()
    assert "**This page is published**" in preview(published=True)
    assert "search:\n  exclude: true\nquizbank_preview: true\n---" in preview()


def test_its_markers_place_every_variant_and_the_export_only_question() -> None:
    """On the preview (export_only=True, draw_pools=False) every question renders, none left to a draw."""
    text = preview().split("---\n", 2)[2]
    html, placed = place_quizzes(
        text,
        {"bank": BANK},
        source=Source("question-bank-preview.md"),
        options=RenderOptions(draw_pools=False),
        export_only=True,
    )
    assert len(placed.quizzes) == 5
    assert "data-pool" not in html
