"""One grading rule in two languages: the shared case tables (tests/grading/<type>.json) against the Python types.

tests/js/grading-cases.test.mjs runs the same tables against the browser's pure modules, so the
class report marks every answer as the page did. A case gives a grade, an answer (as saved) and the
mark both must give: `correct` and `credit` (compared to 1e-9), or null for both when the grade or
the answer cannot be read. Where a case gives `question` (the question's YAML keys, without id and
type), the real bank reader reads it and its grade must be exactly the case's: the tables speak of
what the build writes. tests/grading/records.json pins which mark a saved record counts with.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizbank import REGISTRY, load_bank_text
from quizbank.ids import text_key
from quizbank.model import Question
from quizbank.report.collect import Handed
from quizbank.report.progress_file import read_progress, read_record
from quizbank.report.stats import class_stats, counted_mark, standing
from support import ROOT

GRADING = ROOT / "tests" / "grading"
TABLES = {
    p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GRADING.glob("*.json")) if p.stem != "records"
}
CASES = [(name, case) for name, table in TABLES.items() for case in table["cases"]]
SELF_CHECKS = sorted(name for name, cls in REGISTRY.items() if cls.role == "quiz")


def read_question(type_name: str, keys: dict[str, Any]) -> Question:
    """A question read from YAML keys by the real bank reader (as a bank holds it)."""
    source = yaml.safe_dump({"questions": [{"id": "case", "type": type_name, **keys}]}, allow_unicode=True)
    return load_bank_text(source, name="cases", shown="tests/grading").questions[0]


def test_every_self_check_type_has_its_table_and_every_table_a_type() -> None:
    assert sorted(TABLES) == SELF_CHECKS
    for name, table in TABLES.items():
        assert table["type"] == name
        assert "provisional" not in table, f"{name}.json is still provisional"


@pytest.mark.parametrize("name", SELF_CHECKS)
def test_each_table_covers_the_contracts_kinds_of_case(name: str) -> None:
    cases = TABLES[name]["cases"]
    said = " / ".join(c["name"] for c in cases)
    for kind in ("right", "wrong", "empty", "malformed grade", "malformed answer"):
        assert kind in said, f"{name}: no case named for '{kind}'"
    partial = [c for c in cases if isinstance(c["credit"], float | int) and 0 < c["credit"] < 1]
    assert bool(partial) == (name in ("multiple", "fill-blank", "ordering", "matching")), name
    assert any("question" in c for c in cases), f"{name}: no case ties its grade to a question the build reads"


@pytest.mark.parametrize(("name", "case"), CASES, ids=[f"{n}: {c['name']}" for n, c in CASES])
def test_the_types_mark_gives_the_tables_mark(name: str, case: dict[str, Any]) -> None:
    mark = REGISTRY[name].mark(case["grade"], case["answer"])
    if case["correct"] is None:
        assert mark is None, "a grade or an answer that cannot be read marks nothing"
        return
    assert mark is not None, "marked nothing"
    assert mark.correct is case["correct"]
    assert mark.credit == pytest.approx(case["credit"], abs=1e-9)
    assert mark.correct == (mark.credit == 1)
    if "question" in case:
        assert read_question(name, case["question"]).grade() == case["grade"], "the build writes another grade"


@pytest.mark.parametrize("name", SELF_CHECKS)
def test_each_types_own_samples_mark_as_they_say(name: str) -> None:
    """The samples a type gives the tests: right is right, wrong is wrong, partly right is between."""
    keys = next(c["question"] for c in TABLES[name]["cases"] if "question" in c)
    question = read_question(name, keys)
    samples = question.samples()
    grade = question.grade()
    assert question.mark(grade, list(samples.right)) == (True, 1.0)
    assert samples.wrong
    for wrong in samples.wrong:
        found = question.mark(grade, list(wrong))
        assert found is not None and not found.correct, wrong
    for partial in samples.partial:
        found = question.mark(grade, list(partial))
        assert found is not None and 0 < found.credit < 1, partial


# ── Saved records: which mark each count gives (tests/grading/records.json) ─────────────────

RECORDS = json.loads((GRADING / "records.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", RECORDS, ids=[c["name"] for c in RECORDS])
def test_the_class_report_counts_each_saved_record_as_the_site_does(case: dict[str, Any]) -> None:
    """The class report reads the record as the site's Restore does, then stands and marks it by results.js's rule."""
    record = read_record(case["record"])
    assert record is not None, "the site reads this record"
    question = case["question"]
    assert standing(record, question["fp"], question["key"]) == case["standing"]
    mark = REGISTRY[question["type"]].mark
    assert (
        counted_mark(record, question["fp"], question["key"], lambda answer: mark(question["grade"], answer))
        == (case["mark"])
    )


def test_a_re_keyed_answer_cleared_by_try_again_is_counted_by_its_first_answer(tmp_path: Path) -> None:
    """The report's own figures: right in the end is the first (only) answer marked against today's key.

    Before, the report kept the mark a record was saved with when Try again had cleared its answer.
    """
    bank = load_bank_text(
        "questions:\n  - id: q\n    type: single\n    question: Which?\n    options:\n"
        "      - {text: A, correct: true}\n      - {text: B}\n",
        name="b",
        shown="b.yml",
    )
    fp, _ = bank.questions[0].identity()
    wrong_now = text_key("B")  # right under the old key, wrong under today's
    record = {"fp": fp, "key": "old-key", "kind": "single", "answer": [], "first": [wrong_now], "correct": True}
    record |= {"attempts": 1, "wrong": 0}
    data = {"format": "quizbank-progress", "version": 3, "learner": "0" * 16, "results": {"b#q": record}, "drafts": {}}
    stats = class_stats([Handed("one file", "1", read_progress(json.dumps(data).encode()))], {"b": bank})
    item = stats.items[0]
    assert (item.n, item.rekeyed, item.final_right, item.first_known, item.first_right) == (1, 1, 0, 1, 0)
