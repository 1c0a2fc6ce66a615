"""`make check` (python -m quizbank check): every problem of every bank and chapter in one run, sorted like a compiler's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizbank import RenderOptions, load_bank_text
from quizbank.__main__ import main
from quizbank.manifest import course_manifest
from quizbank.progress import render_progress

# Five different mistakes in one bank, each of a kind that used to hide another until it was fixed:
# an unknown key hid the bad boolean beside it, and a question with a mistake did not claim its id,
# so the duplicate showed only once the first was fixed.
FIVE_MISTAKES = """questions:
  - id: lora
    type: true-false
    explenation: Why.
    question: LoRA trains every weight of the model.
    answer: yes
  - id: lora
    type: single
    question: Which method trains an adapter?
    options:
      - text: LoRA
        correct: true
      - text: Full fine-tuning
        correct: true
  - id: engine
    type: fill-blank
    question: The runtime that serves ONNX models.
"""
EXPECTED = [
    ("docs/index.md", 3, "the quiz marker names the bank 'part-2'"),
    ("docs/index.md", 5, "the quiz marker names the question 'nope'"),
    ("quizzes/broken.yml", 3, "YAML syntax error"),
    ("quizzes/part-1.yml", 4, "unknown key 'explenation'"),
    ("quizzes/part-1.yml", 6, "'answer' must be true or false"),
    ("quizzes/part-1.yml", 7, "the id 'lora' is already used by the question on line 2"),
    ("quizzes/part-1.yml", 10, "needs exactly one correct option, found 2"),
    ("quizzes/part-1.yml", 17, "a fill-blank question has no blank"),
]
GOOD = "questions:\n  - id: a\n    type: true-false\n    question: Q\n    answer: true\n"


def site(base: Path, pages: dict[str, str], banks: dict[str, str]) -> Path:
    """A site folder as `make check` reads it (mkdocs.yml, docs/, quizzes/): nothing is built."""
    for folder, files in (("docs", pages), ("quizzes", banks)):
        for name, text in files.items():
            path = base / folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    config = base / "mkdocs.yml"
    config.write_text("site_name: T\nextra:\n  quiz_banks:\n    dir: quizzes\n", encoding="utf-8")
    return config


def run_check(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["check", "-f", str(config)])
    out = capsys.readouterr()
    return code, out.out, out.err


def located(report: str) -> list[tuple[str, int, str]]:
    """(file, line, message) of each problem in a report, in the order printed."""
    return [(m[1], int(m[2]), m[3]) for m in re.finditer(r"^(\S+?):(\d+): (.+)$", report, re.M)]


def test_five_mistakes_in_one_bank_and_the_chapters_are_reported_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markers = ["part-2", "part-1#nope", "part-1#lora", "broken#a"]
    pages = {"index.md": "# Home\n" + "".join(f"\n<!-- quiz: {m} -->\n" for m in markers)}
    banks = {"part-1.yml": FIVE_MISTAKES, "broken.yml": "questions:\n  - id: a\n    question: Broken: here\n"}
    code, _, err = run_check(site(tmp_path, pages, banks), capsys)
    assert code == 1
    found = located(err)
    for file, line, message in EXPECTED:
        assert any(f == file and n == line and message in text for f, n, text in found), (file, line, message, err)
    # Like a compiler: by file, then line; and nothing made up from a damaged bank (the markers of a
    # question that could not be read, or of a bank that could not be read at all, name nothing missing).
    assert [(f, n) for f, n, _ in found] == sorted((f, n) for f, n, _ in found)
    assert len(found) == len(EXPECTED), err
    assert err.startswith(f"Quiz banks: {len(EXPECTED)} problems to fix.")


def test_a_question_that_no_page_places_is_a_warning_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = GOOD + "  - id: b\n    type: true-false\n    question: R\n    answer: false\n"
    config = site(tmp_path, {"index.md": "# Home\n\n<!-- quiz: bank#a -->\n"}, {"bank.yml": bank})
    code, out, err = run_check(config, capsys)
    assert code == 0, err  # a warning: the build goes on, the instructor is told
    assert "quizzes/bank.yml:6: question 'b': warning: no page places this question" in err
    assert "<!-- quiz: bank#b -->" in err and "export_only: true" in err
    assert "Quiz banks: 1 warning." in err and "no errors" in out
    # Kept for the export on purpose: no warning.
    (tmp_path / "quizzes" / "bank.yml").write_text(bank + "    export_only: true\n", encoding="utf-8")
    code, out, err = run_check(config, capsys)
    assert (code, err) == (0, "") and "no problems found" in out


def test_a_bank_kept_for_the_export_is_never_placed_and_never_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = site(tmp_path, {"index.md": "# Home\n"}, {"lms.yml": "export_only: true\n" + GOOD})
    assert run_check(config, capsys)[:2] == (0, "Quiz banks: no problems found.\n")
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n<!-- quiz: lms -->\n", encoding="utf-8")
    code, _, err = run_check(config, capsys)
    assert code == 1
    assert "docs/index.md:3: the quiz marker names the bank 'lms', which is for the export only" in err


def test_a_marker_naming_an_export_only_question_is_an_error_and_a_whole_bank_leaves_it_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = GOOD + "  - id: lms\n    type: true-false\n    question: R\n    answer: false\n    export_only: true\n"
    config = site(tmp_path, {"index.md": "# Home\n\n<!-- quiz: bank -->\n"}, {"bank.yml": bank})
    assert run_check(config, capsys)[0] == 0
    (tmp_path / "docs" / "index.md").write_text("# Home\n\n<!-- quiz: bank#lms -->\n", encoding="utf-8")
    code, _, err = run_check(config, capsys)
    assert code == 1
    assert "docs/index.md:3: the quiz marker names the question 'bank#lms', which is for the export only" in err
    assert "quizzes/bank.yml:6" in err  # where the key is


def test_a_question_kept_for_the_export_is_not_in_the_review_round() -> None:
    bank = load_bank_text(
        GOOD + "  - id: lms\n    type: true-false\n    question: R\n    answer: false\n    export_only: true\n",
        name="bank",
        shown="quizzes/bank.yml",
    )
    html = render_progress(course_manifest({"bank": bank}, []), {"bank": bank}, RenderOptions(), link=str)
    assert 'data-question="bank#a"' in html
    assert 'data-question="bank#lms"' not in html


def test_the_answer_key_says_which_questions_are_for_the_export_only() -> None:
    from quizbank.export.answer_key import answer_key

    bank = load_bank_text(
        GOOD + "  - id: lms\n    type: true-false\n    question: R\n    answer: false\n    export_only: true\n",
        name="bank",
        shown="quizzes/bank.yml",
    )
    key = answer_key([bank], "T")
    lms = key[key.index("### bank#lms") :]
    assert "**Export only:**" in lms and "**Export only:**" not in key[: key.index("### bank#lms")]


def test_a_written_task_kept_for_the_export_is_not_in_the_students_download() -> None:
    from quizbank.manifest import written_tasks

    task = "  - id: essay\n    type: written-task\n    question: Write.\n"
    bank = load_bank_text(
        GOOD + task + task.replace("essay", "lms-essay") + "    export_only: true\n", name="bank", shown="quizzes/b.yml"
    )
    assert [t["key"] for t in written_tasks({"bank": bank})] == ["bank#essay"]
