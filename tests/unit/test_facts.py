"""Facts: dated claims written once in facts.yml, used by reference, and reviewed on a date `make check` watches."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest

from quizbank import BankError, load_bank_text
from quizbank.__main__ import main
from quizbank.export.answer_key import answer_key
from quizbank.facts import Facts, load_facts, overdue, references
from quizbank.facts_extension import FactsError, FactsExtension
from support import with_facts, write_site

FACTS = """\
sources:
  cost-guide:
    title: Manage fine-tuning costs
    url: https://learn.microsoft.com/azure/foundry/fine-tuning/cost-management
    checked: 2026-12-06
    review_by: 2027-03-01
facts:
  upload-limit-mb:
    value: 512
    source: cost-guide
    checked: 2026-06-01
    review_by: 2026-12-01
  retires:
    value: 2027-04-14
    source: cost-guide
    checked: 2026-12-06
    review_by: 2027-03-01
"""
TODAY = datetime.date(2026, 12, 6)


@pytest.fixture
def facts(tmp_path: Path) -> Facts:
    (tmp_path / "facts.yml").write_text(FACTS, encoding="utf-8")
    return load_facts(tmp_path / "facts.yml", tmp_path)


def test_a_reference_becomes_the_value_a_date_is_written_out_and_a_note_names_the_source(facts: Facts) -> None:
    text = "Under :fact[upload-limit-mb] MB; retires :fact[retires] (:checked[retires]); [guide](:source[cost-guide])."
    assert facts.expand(text).text == (
        "Under 512 MB; retires April 14, 2027 (checked December 6, 2026 against "
        "[Manage fine-tuning costs](https://learn.microsoft.com/azure/foundry/fine-tuning/cost-management)); "
        "[guide](https://learn.microsoft.com/azure/foundry/fine-tuning/cost-management)."
    )
    assert facts.expand("[its source](:source[retires])").text.endswith("cost-management)")
    assert facts.expand(r"Write `\:fact[name]`.").text == "Write `:fact[name]`."
    assert facts.expand("No references here: [a](b), [[blank]], *[TERM]: x").problems == ()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a\n:fact[upload-limit]", 1, "did you mean 'upload-limit-mb'?"),
        (":fact[Upload Limit]", 0, "is not a fact reference"),
        ("x :checked[cost-guide]", 0, "names a source, not a fact"),
        ("\n\n:fact[retires", 2, "is not closed"),
    ],
)
def test_a_reference_to_nothing_is_reported_on_its_line_with_the_fix(
    facts: Facts, text: str, line: int, message: str
) -> None:
    problems = facts.expand(text).problems
    assert len(problems) == 1 and problems[0][0] == line and message in problems[0][1] + problems[0][2], problems


def test_uses_and_overdue_facts(facts: Facts) -> None:
    assert [(r.kind, r.name, r.line) for r in references("x\n:fact[retires] \\:fact[no] :source[cost-guide]")] == [
        ("fact", "retires", 1),
        ("source", "cost-guide", 1),
    ]
    assert [e.name for e in overdue(facts, TODAY)] == ["upload-limit-mb"]
    assert overdue(facts, datetime.date(2026, 11, 30)) == []


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (
            ("    source: cost-guide\n    checked: 2026-06-01", "    source: costs-guide\n    checked: 2026-06-01"),
            10,
            "cites the source 'costs-guide', which is not under 'sources:'",
        ),
        (("review_by: 2026-12-01", "review_by: 1 December"), 12, "must be a date written YYYY-MM-DD"),
        (("review_by: 2026-12-01", "review_by: 2026-05-01"), 12, "no later than it was checked"),
        (("    value: 512\n", ""), 8, "'upload-limit-mb' has no 'value'"),
        (("  retires:", "  upload-limit-mb:"), 13, "'upload-limit-mb' is defined twice"),
        (("    value: 512", "    value: see :fact[retires]"), 9, "contains a reference"),
        (("    url: https://", "    url: http://"), 4, "has no https:// address"),
        (("  retires:", "  Retires:"), 13, "'Retires' is not a fact name"),
    ],
)
def test_a_bad_facts_file_is_a_located_error(tmp_path: Path, change: tuple[str, str], line: int, message: str) -> None:
    (tmp_path / "facts.yml").write_text(FACTS.replace(*change), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_facts(tmp_path / "facts.yml", tmp_path)
    report = caught.value.report()
    assert report.startswith("Facts: ") and f"facts.yml:{line}: " in report and message in report, report


def test_a_bank_reads_the_values_so_pages_exports_and_fingerprints_follow(facts: Facts) -> None:
    source = """questions:
  - id: size
    type: fill-blank
    question: "A training file must be smaller than [[:fact[upload-limit-mb]]] MB."
    explanation: Checked against the guide (:checked[upload-limit-mb]). Write `\\:fact[name]` to refer to one.
"""
    bank = load_bank_text(source, name="b", shown="quizzes/b.yml", facts=facts)
    question = bank.questions[0]
    assert "[[512]]" in question.question and ":fact[" not in question.question
    assert "checked June 1, 2026 against [Manage fine-tuning costs](https://" in question.explanation
    assert "`&#58;fact[name]`" in question.explanation  # never read as a reference again on the page
    moved = replace(
        facts, facts={**facts.facts, "upload-limit-mb": replace(facts.facts["upload-limit-mb"], value="1024")}
    )
    again = load_bank_text(source, name="b", shown="quizzes/b.yml", facts=moved).questions[0]
    assert "[[1024]]" in again.question
    # The documented rule: a value in a blank marks saved answers again; anywhere else it is a new question.
    assert again.identity()[1] != question.identity()[1]
    assert "1. `512`" in answer_key([bank], "T")  # the export's answer key has the value too


def test_a_bank_that_names_an_unknown_fact_is_a_located_error(facts: Facts) -> None:
    source = "questions:\n  - id: a\n    type: true-false\n    question: |\n      Fine.\n      Up to :fact[upload-limit] MB.\n    answer: true\n"
    with pytest.raises(BankError) as caught:
        load_bank_text(source, name="b", shown="quizzes/b.yml", facts=facts)
    assert "quizzes/b.yml:6: question 'a': 'question': ':fact[upload-limit]'" in caught.value.report()
    with pytest.raises(BankError, match="this site has no facts file"):
        load_bank_text(source, name="b", shown="quizzes/b.yml")


def test_the_markdown_extension_replaces_references_after_included_files_are_in(facts: Facts, tmp_path: Path) -> None:
    (tmp_path / "inc.md").write_text("Limit: :fact[upload-limit-mb] MB.\n", encoding="utf-8")
    md = markdown.Markdown(
        extensions=["tables", "pymdownx.snippets", FactsExtension(facts=facts)],
        extension_configs={"pymdownx.snippets": {"base_path": [str(tmp_path)]}},
    )
    html = md.convert('| Retires |\n|---|\n| :fact[retires] |\n\n--8<-- "inc.md"\n')
    assert "<td>April 14, 2027</td>" in html and "Limit: 512 MB." in html
    page = ("docs/part-2.md", "---\nt: x\n---\n# P\n\nSee :fact[retire].\n")
    bad = markdown.Markdown(extensions=[FactsExtension(facts=facts, page=lambda: page)])
    with pytest.raises(FactsError) as caught:
        bad.convert("# P\n\nSee :fact[retire].\n")
    assert "docs/part-2.md:6: ':fact[retire]' refers to a fact" in str(caught.value)
    assert "did you mean 'retires'?" in str(caught.value)


def test_make_check_warns_about_overdue_facts_where_they_are_used_and_fails_on_unknown_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = "questions:\n  - id: a\n    type: true-false\n    question: Files up to :fact[upload-limit-mb] MB.\n    answer: true\n"
    page = "---\ntitle: T\n---\n# P\n\nUnder :fact[upload-limit-mb] MB.\n\n<!-- quiz: bank -->\n"
    config = with_facts(write_site(tmp_path, {"index.md": page}, {"bank.yml": bank}), FACTS)
    assert main(["check", "-f", str(config)]) == 0
    err = capsys.readouterr().err
    assert "Quiz banks: 1 warning." in err
    assert "facts.yml:8: warning: 'upload-limit-mb' was due for review by 2026-12-01" in err
    assert "Used at: docs/index.md:6, quizzes/bank.yml:4." in err
    (tmp_path / "docs" / "index.md").write_text(page.replace("upload-limit-mb", "upload-limits"), encoding="utf-8")
    assert main(["check", "-f", str(config)]) == 1
    err = capsys.readouterr().err
    assert "docs/index.md:6: ':fact[upload-limits]' refers to a fact that facts.yml does not define." in err
    (tmp_path / "docs" / "index.md").write_text(page.replace("title: T", "title: :fact[retires]"), encoding="utf-8")
    assert main(["check", "-f", str(config)]) == 1
    assert "docs/index.md:2: ':fact[retires]' is in the page's front matter" in capsys.readouterr().err
