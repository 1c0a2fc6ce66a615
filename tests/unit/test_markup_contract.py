"""The frame every self-check's markup keeps, whatever its type (the browser's registry relies on it).

- `data-quiz-kind` is the question's type, the name the browser's registry picks its view by;
- `data-grade` is the question's browser key as JSON: the same the course manifest lists;
- every button whose click the inline loader must hold until the scripts are ready carries
  `data-quizbank-early` (the loader knows no type's classes): "answer" on a control that changes the
  answer (each press is carried out later), "once" on any other (asked for once).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from quizbank import RenderOptions, load_bank_file
from support import CORPUS

CASES = sorted((CORPUS / "good").glob("*.yml"))


def rendered(path: Path) -> tuple[BeautifulSoup, dict[str, dict[str, object] | None]]:
    bank = load_bank_file(path, path.parent, CORPUS)
    html = "\n".join(line for q in bank.questions for line in q.render(bank.name, RenderOptions()))
    grades = {q.id: q.grade() for q in bank.questions if q.role == "quiz"}
    return BeautifulSoup(html, "html.parser"), grades


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_self_check_carries_its_type_and_grade(path: Path) -> None:
    page, grades = rendered(path)
    quizzes = page.select("div.quiz")
    assert [q["data-qid"] for q in quizzes] == list(grades)
    for quiz in quizzes:
        assert json.loads(str(quiz["data-grade"])) == grades[str(quiz["data-qid"])], quiz["data-qid"]


def test_the_types_are_named_as_the_registry_names_them() -> None:
    page, _ = rendered(CORPUS / "good" / "all-types.yml")
    kinds = [q["data-quiz-kind"] for q in page.select("div.quiz")]
    assert kinds == ["single", "multiple", "true-false", "fill-blank"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_every_button_held_before_the_scripts_are_ready_says_so(path: Path) -> None:
    page, _ = rendered(path)
    buttons = page.select("div.quiz button[type=button]")
    for button in buttons:
        assert button.get("data-quizbank-early") in ("answer", "once"), button
    assert not page.select("div.quiz .quiz-hint-button:not([data-quizbank-early=once])")
    assert not page.select("div.quiz .quiz-order-move:not([data-quizbank-early=answer])")
    # Submit is held as the form's submit, not as a click.
    assert not page.select("div.quiz button[type=submit][data-quizbank-early]")


def test_the_corpus_has_buttons_to_hold() -> None:
    """The check above can fail: the corpus has hint buttons and ordering's moves."""
    held = [len(rendered(p)[0].select("div.quiz button[type=button]")) for p in CASES]
    assert sum(held) >= 5
