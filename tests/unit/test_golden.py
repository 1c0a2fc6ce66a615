"""Golden files: each good bank of the corpus (tests/corpus/good/NAME.yml), placed on a page, renders exactly to tests/golden/NAME.md.

After an intended change to the markup, run `make golden` and review the diff in git.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from quizbank import RenderOptions, Source, load_bank_file, place_quizzes
from support import CORPUS, ROOT

GOLDEN = ROOT / "tests" / "golden"
CASES = sorted((CORPUS / "good").glob("*.yml"))


def render(path: Path) -> str:
    bank = load_bank_file(path, path.parent, CORPUS)
    page = f"# Page\n\n<!-- quiz: {bank.name} -->\n"
    markdown, placed = place_quizzes(
        page, {bank.name: bank}, source=Source(f"docs/{path.stem}.md"), options=RenderOptions()
    )
    assert len(placed.quizzes) + len(placed.written_tasks) == len(bank.questions)
    return markdown


def test_every_golden_file_has_its_bank() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.md")) == [p.stem for p in CASES]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_rendered_markup_matches_golden(path: Path, request: pytest.FixtureRequest) -> None:
    actual = render(path)
    expected_path = GOLDEN / f"{path.stem}.md"
    if request.config.getoption("--update-golden"):
        expected_path.write_text(actual, encoding="utf-8")
    assert expected_path.exists(), f"no golden file for {path.name}: run `make golden`"
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                str(expected_path.name),
                "rendered",
            )
        )
        pytest.fail(f"rendered markup differs from {expected_path.name} (run `make golden` if intended):\n{diff}")
