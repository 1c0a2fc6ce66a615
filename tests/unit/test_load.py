"""Loading and validation: every good bank loads, every bad bank fails with file, line and fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quizbank import BankError, load, load_bank_file, load_bank_text, load_banks
from quizbank.facts import site_facts
from quizbank.types.choice import Choice
from quizbank.types.true_false import TrueFalse
from support import CORPUS, ROOT, expectation

GOOD = sorted((CORPUS / "good").glob("*.yml"))
BAD = sorted((CORPUS / "bad").glob("*.yml"))
REAL = sorted((ROOT / "quizzes").rglob("*.yml"))


def test_pyyaml_has_libyaml() -> None:
    # Without it banks still load (pure Python), but a large course builds noticeably slower.
    assert yaml.__with_libyaml__, (
        "PyYAML was installed without libyaml: run "
        "'.venv/bin/pip install --force-reinstall --only-binary=:all: pyyaml' to get the binary wheel."
    )
    assert load.COMPOSER is yaml.CSafeLoader


@pytest.fixture(params=["libyaml", "python"])
def composer(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with each YAML composer: the fast one builds, the fallback must agree with it."""
    monkeypatch.setattr(load, "COMPOSER", yaml.CSafeLoader if request.param == "libyaml" else yaml.SafeLoader)
    return str(request.param)


@pytest.mark.parametrize("path", GOOD, ids=[p.stem for p in GOOD])
def test_good_banks_load(path: Path, composer: str) -> None:
    bank = load_bank_file(path, path.parent, CORPUS)
    assert bank.questions
    assert bank.name == path.stem


@pytest.mark.parametrize("path", GOOD + REAL, ids=[p.stem for p in GOOD + REAL])
def test_both_composers_read_a_bank_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    facts = site_facts(ROOT)  # the course's banks use the course's facts
    monkeypatch.setattr(load, "COMPOSER", yaml.CSafeLoader)
    fast = load_bank_text(text, name="x", shown="x.yml", facts=facts)
    monkeypatch.setattr(load, "COMPOSER", yaml.SafeLoader)
    assert load_bank_text(text, name="x", shown="x.yml", facts=facts) == fast


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_banks_fail_with_location_and_fix(path: Path, composer: str) -> None:
    line, message = expectation(path)
    with pytest.raises(BankError) as info:
        load_bank_file(path, path.parent, CORPUS)
    report = info.value.report()
    assert f"bad/{path.name}:{line}:" in report, report
    assert message in report, report
    assert "Fix:" in report


def test_text_fields_keep_yaml11_words_as_written() -> None:
    bank = load_bank_file(CORPUS / "good/literal-syntax.yml", CORPUS / "good", CORPUS)
    words = bank.get("yaml-words")
    assert isinstance(words, Choice)
    assert words.question == "Yes"
    assert [o.text for o in words.options] == ["No", "on", "0.10"]
    assert words.options[2].feedback == "off"
    tf = bank.get("tf-yaml")
    assert isinstance(tf, TrueFalse) and tf.question == "0.10" and tf.answer is True


def test_every_problem_is_reported_at_once() -> None:
    text = """questions:
  - id: a
    type: single
    question: Q
    options:
      - text: A
  - id: b
    type: true-false
    question: ""
    answer: maybe
"""
    with pytest.raises(BankError) as info:
        load_bank_text(text, name="x", shown="quizzes/x.yml")
    lines = sorted(p.line for p in info.value.problems)
    assert lines == [5, 5, 9, 10]  # line 5: too few options and none correct
    assert {p.question_id for p in info.value.problems} == {"a", "b"}


def test_load_banks_names_subfolders_and_rejects_bad_names(tmp_path: Path) -> None:
    (tmp_path / "part-1").mkdir()
    (tmp_path / "part-1" / "checks.yml").write_text(
        "questions:\n  - id: a\n    type: true-false\n    question: Q\n    answer: true\n", encoding="utf-8"
    )
    assert list(load_banks(tmp_path, tmp_path)) == ["part-1/checks"]
    (tmp_path / "Bad Name.yml").write_text("questions: []\n", encoding="utf-8")
    with pytest.raises(BankError, match=r"Bad Name\.yml:1: the bank name"):
        load_banks(tmp_path, tmp_path)


def test_missing_banks_folder_is_empty_not_an_error(tmp_path: Path) -> None:
    assert load_banks(tmp_path / "nope", tmp_path) == {}
