"""The course manifest: which page places which question, with what the browser checks saved results against."""

from __future__ import annotations

import pytest

from quizbank import load_bank_text
from quizbank.ids import text_key
from quizbank.manifest import Chapter, course_manifest, short_title

BANK = load_bank_text(
    """questions:
  - id: a
    type: true-false
    question: "Concept check from the brief. Fine-tuning **always** improves a model."
    answer: false
  - id: b
    type: fill-blank
    question: The engine is [[ONNX Runtime|ONNXRuntime]].
  - id: c
    type: written-task
    question: Write.
  - id: unplaced
    type: true-false
    question: Q
    answer: true
""",
    name="bank",
    shown="quizzes/bank.yml",
)


def test_the_manifest_lists_parts_in_site_order_with_their_questions_and_tasks() -> None:
    chapters = [
        Chapter("index/", "Home", "# Home\n"),
        Chapter("two/", "Two", "# Two\n\n<!-- quiz: bank#c -->\n\n<!-- quiz: bank#b -->\n"),
        Chapter("one/", "One", "# One\n\n<!-- quiz: bank#a -->\n\n```\n<!-- quiz: bank#unplaced -->\n```\n"),
    ]
    manifest = course_manifest({"bank": BANK}, chapters)
    assert [(p["url"], p["questions"], p["tasks"]) for p in manifest["parts"]] == [
        ("two/", ["bank#b"], ["bank#c"]),
        ("one/", ["bank#a"], []),
    ]
    questions = manifest["questions"]
    assert sorted(questions) == ["bank#a", "bank#b"]  # unplaced: not listed
    assert questions["bank#b"]["page"] == "two/" and questions["bank#b"]["type"] == "fill-blank"
    fp, key = BANK.questions[1].identity()
    assert (questions["bank#b"]["fp"], questions["bank#b"]["key"]) == (fp, key)
    assert [t["key"] for t in manifest["tasks"]] == ["bank#c"]


def test_short_titles_are_plain_whole_sentences() -> None:
    assert short_title("Concept check from the brief. Fine-tuning **always** improves a model.") == (
        "Concept check from the brief. Fine-tuning always improves a model."
    )
    assert short_title("The engine is [[ONNX Runtime]], see [the docs](x.md).") == "The engine is …, see the docs."
    assert short_title("word " * 40).endswith("…") and len(short_title("word " * 40)) <= 90


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("What does `train_test_split` return?", "What does train_test_split return?"),
        ("Why log `train_loss` and `eval_loss` each epoch?", "Why log train_loss and eval_loss each epoch?"),
        ("Which call passes `**kwargs` on to `Trainer`?", "Which call passes **kwargs on to Trainer?"),
        ("What does train_test_split return?", "What does train_test_split return?"),
        (
            "Is the *learning rate* the __most__ _important_ setting?",
            "Is the learning rate the most important setting?",
        ),
        ("Is 2 * 3 * 4 equal to 24?", "Is 2 * 3 * 4 equal to 24?"),
        (r"Escaped: \*not emphasis\* and \_kept\_.", "Escaped: *not emphasis* and _kept_."),
        ("A tag in code: `<div>` is text; <b>bold</b> is markup.", "A tag in code: <div> is text; bold is markup."),
        ("``a `tick` inside``, then `x_y`.", "a `tick` inside, then x_y."),
    ],
)
def test_short_titles_keep_what_markdown_shows(question: str, title: str) -> None:
    """Markup goes, characters the page shows stay: `_` and `*` in code and inside words (My progress, the report)."""
    assert short_title(question) == title


def test_a_pool_is_one_idea_in_its_part_and_lists_its_variants() -> None:
    bank = load_bank_text(
        """questions:
  - id: v1
    type: true-false
    pool: {id: idea}
    question: One.
    answer: true
  - id: solo
    type: true-false
    question: Solo.
    answer: true
  - id: v2
    type: true-false
    pool: {id: idea}
    question: Two.
    answer: false
""",
        name="bank",
        shown="quizzes/bank.yml",
    )
    manifest = course_manifest({"bank": bank}, [Chapter("one/", "One", "# One\n\n<!-- quiz: bank -->\n")])
    assert manifest["parts"][0]["questions"] == ["bank#v1", "bank#solo"]  # the idea once, by its first variant
    assert manifest["pools"] == {"bank#idea": {"draw": 1, "variants": ["bank#v1", "bank#v2"]}}
    assert manifest["questions"]["bank#v2"]["pool"] == "bank#idea"
    assert "pool" not in manifest["questions"]["bank#solo"]


def test_each_question_lists_the_key_a_re_keyed_answer_is_marked_against() -> None:
    bank = load_bank_text(
        """questions:
  - id: one
    type: multiple
    question: Which?
    options:
      - text: A
        correct: true
      - text: B
      - text: C
        correct: true
  - id: tf
    type: true-false
    question: True?
    answer: false
  - id: blank
    type: fill-blank
    question: It is [[ONNX Runtime|ONNXRuntime]] at [[0.84 ± 0.01]].
  - id: order
    type: ordering
    question: Order them.
    items: [First, Second, Third]
  - id: pairs
    type: matching
    question: Match them.
    pairs:
      - {prompt: P1, answer: A1}
      - {prompt: P2, answer: A2}
      - {prompt: P3, answer: A3}
    distractors: [A4]
""",
        name="bank",
        shown="quizzes/bank.yml",
    )
    manifest = course_manifest({"bank": bank}, [Chapter("one/", "One", "# One\n\n<!-- quiz: bank -->\n")])
    grades = {k.split("#")[1]: q["grade"] for k, q in manifest["questions"].items()}
    assert grades == {
        # Every option too (partial credit counts the options set right).
        "one": {"right": sorted([text_key("A"), text_key("C")]), "options": sorted(map(text_key, "ABC"))},
        "tf": {"right": [text_key("False")]},
        "blank": {"blanks": [{"any": ["ONNX Runtime", "ONNXRuntime"]}, {"number": "0.84", "tolerance": "0.01"}]},
        "order": {"order": [text_key("First"), text_key("Second"), text_key("Third")]},
        "pairs": {"pairs": [text_key("A1"), text_key("A2"), text_key("A3")]},
    }
