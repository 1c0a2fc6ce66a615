"""The calculated type's Python side: its formula evaluator, its variants, its identity, its key and exports.

How a typed answer is marked is in the shared case tables (tests/grading/calculated.json); bad
banks with located errors are in tests/corpus/bad/calculated-*.yml; its markup in
tests/golden/calculated.md.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from quizbank import RenderOptions, load_bank_text
from quizbank.export.command import export_banks
from quizbank.report.answers import section
from quizbank.report.collect import Handed
from quizbank.report.progress_file import read_progress
from quizbank.report.stats import class_stats
from quizbank.types.calculated import Calculated
from quizbank.types.formula import FormulaError, read_formula

BANK = """questions:
  - id: f1
    type: calculated
    question: F1 from {tp} true positives, {fp} false positives and {fn} false negatives?
    vars:
      tp: {min: 40, max: 90}
      fp: {min: 5, max: 30}
      fn: {min: 5, max: 30}
    answer: 2*tp / (2*tp + fp + fn)
    tolerance: 0.01
    accept: [decimal, percent]
    hints:
      - TP is {tp} here.
    explanation: "2·{tp} / (2·{tp} + {fp} + {fn}) = {answer}"
"""


def question(source: str = BANK, bank: str = "b") -> Calculated:
    found = load_bank_text(source, name=bank, shown="quizzes/b.yml").questions[0]
    assert isinstance(found, Calculated)
    return found


@pytest.mark.parametrize(
    ("text", "values", "value"),
    [
        ("2*tp / (2*tp + fp + fn)", {"tp": 57, "fp": 12, "fn": 9}, 114 / 135),
        ("tokens * epochs * price / 1000000", {"tokens": 2_500_000, "epochs": 3, "price": 1.5}, 11.25),
        ("sqrt(p * (1 - p) / n)", {"p": 0.25, "n": 48}, math.sqrt(0.25 * 0.75 / 48)),
        ("ceil((1.96 / e) ** 2 * p * (1 - p))", {"e": 0.05, "p": 0.5}, 385.0),
        ("round(x, 1) + round(y)", {"x": 0.25, "y": 2.5}, 0.3 + 3.0),  # half away from zero, not to even
        ("max(a, b) - min(a, b) + abs(-a) + log(e0) + log10(100)", {"a": 2, "b": 5, "e0": math.e}, 3 + 2 + 1 + 2),
        ("-a ** 2", {"a": 3}, -9.0),
        # Exact arithmetic would give 1275 and 900: a float's last bit does not push them up.
        ("ceil(4 * p * (1 - p) / m ** 2)", {"p": 0.85, "m": 0.02}, 1275.0),
        ("ceil(4 * p * (1 - p) / m ** 2)", {"p": 0.9, "m": 0.02}, 900.0),
        ("floor(0.1 * 3 * 10)", {}, 3.0),
    ],
)
def test_the_formula_evaluates_arithmetic_and_its_functions(text: str, values: dict[str, float], value: float) -> None:
    assert read_formula(text)(values) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('true')",
        "open('mkdocs.yml')",
        "a.real",
        "[a][0]",
        "(lambda: 1)()",
        "a if b else c",
        "'text'",
        "a < b",
        "a and b",
        "True + 1",
        "2j",
        "sqrt",
        "sqrt(a, b)",
        "round(a, b, c)",
        "max(a)",
        "sqrt(x=a)",
        "a // b",
        "a % b",
        "a ^ 2",
        "a +",
    ],
)
def test_the_formula_refuses_everything_but_arithmetic(text: str) -> None:
    with pytest.raises(FormulaError):
        read_formula(text)


@pytest.mark.parametrize(
    ("text", "values", "why"),
    [
        ("a / b", {"a": 1, "b": 0}, "divides by zero"),
        ("sqrt(a)", {"a": -1}, "has no value"),
        ("log(a)", {"a": 0}, "has no value"),
        ("a ** 0.5", {"a": -4}, "gives no real number"),
        ("a ** 10000", {"a": 10}, "too large"),
        ("10 ** 10 ** 10", {}, "too large"),
    ],
)
def test_a_variant_the_formula_has_no_value_for_says_why(text: str, values: dict[str, float], why: str) -> None:
    with pytest.raises(FormulaError, match=why):
        read_formula(text)(values)


def test_the_variants_are_drawn_once_for_all_builds_each_different() -> None:
    first, again = question(), question()
    assert len(first.drawn) == 8
    assert [v.id for v in first.drawn] == [v.id for v in again.drawn], "the same draw in every build"
    assert len({v.values for v in first.drawn}) == 8, "no two variants alike"
    assert all(re.fullmatch(r"v[0-9a-f]{7}", v.id) for v in first.drawn), "ids a browser keeps in key order"
    for variant in first.drawn:
        values = dict(variant.values)
        assert 40 <= values["tp"] <= 90 and 5 <= values["fp"] <= 30 and 5 <= values["fn"] <= 30
    other = question(bank="other")
    assert [v.id for v in other.drawn] != [v.id for v in first.drawn], "drawn by bank and id"


def test_a_changed_range_is_a_new_question_and_a_fixed_formula_marks_saved_answers_again() -> None:
    base = question()
    fp, key = base.identity()
    wider = question(BANK.replace("tp: {min: 40, max: 90}", "tp: {min: 40, max: 95}"))
    assert wider.identity()[0] != fp, "a changed range changes the question"
    fixed = question(BANK.replace("answer: 2*tp / (2*tp + fp + fn)", "answer: tp / (tp + (fp + fn) / 2)"))
    assert fixed.identity() == (fp, fixed.identity()[1]) and fixed.identity()[1] == key, "the same formula, rewritten"
    changed = question(BANK.replace("answer: 2*tp / (2*tp + fp + fn)", "answer: tp / (tp + fp)"))
    assert changed.identity()[0] == fp and changed.identity()[1] != key, "another formula: marked again"
    assert [v.id for v in changed.drawn] == [v.id for v in base.drawn], "the same variants: saved answers keep theirs"
    looser = question(BANK.replace("tolerance: 0.01", "tolerance: 0.02"))
    assert looser.identity() == (fp, looser.identity()[1]) and looser.identity()[1] != key
    hinted = question(BANK.replace("TP is {tp} here.", "Count the true positives."))
    assert hinted.identity() == (fp, key), "hints and explanation are neither the question nor its key"


def test_the_numbers_shown_are_grouped_and_the_answer_rounded_as_students_read_them() -> None:
    cost = question(
        """questions:
  - id: cost
    type: calculated
    question: "{tokens} tokens for {epochs} epochs at ${price} per million: what does it cost?"
    vars:
      tokens: {min: 1000000, max: 3000000, step: 250000}
      epochs: {min: 1, max: 3}
      price: {min: 0.5, max: 2, step: 0.25}
    answer: tokens * epochs * price / 1000000
    decimals: 2
    unit: USD
"""
    )
    for shown in cost.variant_values().values():
        assert re.fullmatch(r"\d,\d{3},\d{3}", shown["tokens"]) and re.fullmatch(r"\d\.\d{2}", shown["price"])
        assert re.fullmatch(r"\d+\.\d{2}", shown["answer"])
    # No tolerance given: half the last decimal shown, so the answer as shown is right, and so is a wider one.
    assert (float(cost.allowed.amount), cost.allowed.relative) == (0.005, False)
    assert "rounded to 2 decimal places is right. The unit (USD) may be left out." in cost.help_text()
    half_up = question(
        BANK.replace("2*tp / (2*tp + fp + fn)", "tp / 8 + 0.0025").replace("tolerance: 0.01", "decimals: 2")
    )
    variant = half_up.drawn[0]
    assert variant.value is not None
    assert half_up.shown_answer(0.125) == "0.13" and half_up.shown_answer(-0.125) == "-0.13"


def test_the_answer_key_gives_the_formula_and_every_variant_with_its_answer() -> None:
    q = question()
    lines = "\n\n".join(q.key_lines())
    assert "`2*tp / (2*tp + fp + fn)`" in lines and "within 0.01" in lines and "decimal, percent" in lines
    for shown in q.variant_values().values():
        assert f"| {shown['tp']} | {shown['fp']} | {shown['fn']} | {shown['answer']} |" in lines


def test_gift_and_qti_21_hold_every_variant_for_the_lms_to_draw_one(tmp_path: Path) -> None:
    bank = load_bank_text(BANK, name="b", shown="quizzes/b.yml")
    q = bank.questions[0]
    assert isinstance(q, Calculated)
    report = export_banks([bank], tmp_path, "Course")
    gift = (tmp_path / "moodle.gift").read_text(encoding="utf-8")
    assert "$CATEGORY: b/f1" in gift
    for n, variant in enumerate(q.drawn, 1):
        assert variant.value is not None
        assert f"::b\\#f1 (variant {n} of 8)::" in gift  # GIFT escapes its #
        assert re.search(rf"\{{\s*#{re.escape(repr(variant.value))}:0.01\b", gift), variant.id
    with zipfile.ZipFile(tmp_path / "qti-2.1.zip") as package:
        names = package.namelist()
        assessment = ET.fromstring(package.read("assessment.xml"))
        item = ET.fromstring(package.read("items/quiz-b--f1--variant-1.xml"))
    assert sum(n.startswith("items/quiz-b--f1--variant-") for n in names) == 8
    ns = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
    section = next(s for s in assessment.iter(f"{ns}assessmentSection") if s.get("identifier") == "variants-quiz-b--f1")
    selection = section.find(f"{ns}selection")
    assert selection is not None and selection.get("select") == "1"
    assert len(section.findall(f"{ns}assessmentItemRef")) == 8
    assert item.find(f".//{ns}textEntryInteraction") is not None
    equal = item.find(f".//{ns}equal")
    assert equal is not None and equal.get("toleranceMode") == "absolute" and equal.get("tolerance") == "0.01 0.01"
    lines = report.loss_lines()
    assert any(
        line.startswith("not exported to qti-1.2: b#f1 (") and "calculated: this package holds" in line
        for line in lines
    )
    assert any("answers as percent: the LMS's numerical question takes a number only" in line for line in lines)


def test_the_class_report_marks_each_students_own_variant_and_shows_first_answers_per_variant() -> None:
    """Facility is per question (each student's own numbers); typed answers are counted per variant, not grouped."""
    bank = load_bank_text(BANK, name="b", shown="quizzes/b.yml")
    q = bank.questions[0]
    assert isinstance(q, Calculated)
    fp, key = q.identity()
    shown = q.variant_values()
    first, second = list(shown)[:2]
    answers = [
        [first, shown[first]["answer"]],  # right, in its own variant
        [second, shown[second]["answer"]],  # right, in another
        [second, shown[first]["answer"]],  # the first variant's answer to the second's numbers: wrong
    ]
    files = []
    for n, answer in enumerate(answers, 1):
        right = q.mark(q.grade(), answer)
        assert right is not None
        record: dict[str, object] = {"fp": fp, "key": key, "kind": "calculated", "answer": answer, "first": answer}
        record |= {"correct": right.correct, "attempts": 1, "wrong": int(not right.correct)}
        data = {"format": "quizbank-progress", "version": 3, "learner": f"{n:016x}", "results": {"b#f1": record}}
        files.append(Handed(f"file {n}", str(n), read_progress(json.dumps(data | {"drafts": {}}).encode())))
    item = class_stats(files, {"b": bank}).items[0]
    assert (item.n, item.first_right, item.credit) == (3, 2, 2.0)
    html = section([item], lambda i: "#")
    assert "First answers per variant" in html and "Typed answers are not grouped" in html
    values = ", ".join(f"{n} = {v}" for n, v in shown[second].items() if n != "answer")
    row = re.search(rf"<tr><th scope=\"row\">{re.escape(values)} \(answer [^)]+\)</th>(.*?)</tr>", html)
    assert row is not None and re.findall(r">(\d+)<", row.group(1)) == ["2", "1"], "two answered it, one right"


def test_a_unit_is_text_in_the_page_never_markup() -> None:
    q = question(BANK.replace("accept: [decimal, percent]", 'unit: "<i>&co"'))
    html = "\n".join(q.render("b", RenderOptions()))
    assert '<span class="quiz-calc-unit">&lt;i&gt;&amp;co</span>' in html
    assert "The unit (&lt;i&gt;&amp;co) may be left out." in html and "<i>" not in html
