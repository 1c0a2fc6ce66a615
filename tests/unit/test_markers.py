"""Markers in a chapter: every marker renders its quiz or stops the build with the file, the line and a fix."""

from __future__ import annotations

import re

import pytest

from quizbank import BankError, RenderOptions, Source, load_bank_text, place_quizzes
from quizbank.markers import find_markers, markers_in_included_files

BANK = load_bank_text(
    """questions:
  - id: key-benefit
    type: true-false
    question: Q
    answer: true
  - id: key-benefit-question
    type: true-false
    question: R
    answer: false
""",
    name="bank",
    shown="quizzes/bank.yml",
)


def problems_of(markdown: str, offset: int = 0) -> list[str]:
    return [str(p) for p in find_markers(markdown, Source("docs/p.md", offset))[1]]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# P\n\n> <!-- quiz: bank -->\n", "docs/p.md:3: a quiz marker is inside a blockquote"),
        ("# P\n\n> > <!-- quiz: bank -->\n", "docs/p.md:3: a quiz marker is inside a blockquote"),
        ("# P\n\nText <!-- quiz: bank --> more text.\n", "docs/p.md:3: this line looks like a quiz marker"),
        (
            "# P\n\n```python\nx = 1\n\n<!-- quiz: bank -->\n",
            "docs/p.md:6: this quiz marker is inside a code block that opens on line 3",
        ),
        ('# P\n\n!!! note "N"\n\n    <!-- quiz: bank -->\n', "docs/p.md:5: a quiz marker is indented"),
        ("# P\n\n<!-- QUIZ: BANK -->\n", "(bank names and ids are lowercase)"),
    ],
    ids=["blockquote", "nested-blockquote", "mid-paragraph", "unclosed-fence", "indented", "upper-case-name"],
)
def test_a_marker_that_would_not_render_is_a_located_problem(markdown: str, expected: str) -> None:
    found = problems_of(markdown)
    assert any(expected in p for p in found), found
    assert all("Fix:" in p for p in found)


def test_markers_in_closed_code_and_code_spans_are_left_alone() -> None:
    markdown = "# P\n\n```markdown\n<!-- quiz: bank -->\n```\n\nWrite `<!-- quiz: bank -->` on its own line.\n"
    assert find_markers(markdown, Source("docs/p.md")) == ([], [])


def test_an_upper_case_keyword_is_still_a_marker() -> None:
    markdown, placed = place_quizzes(
        "# P\n\n<!-- QUIZ: bank#key-benefit -->\n", {"bank": BANK}, source=Source("docs/p.md"), options=RenderOptions()
    )
    assert placed.quizzes == ("bank#key-benefit",)
    assert 'id="quiz-bank--key-benefit"' in markdown


def test_a_marker_beside_paragraph_text_still_renders_as_a_block() -> None:
    markdown, placed = place_quizzes(
        "# P\nText above.\n<!-- quiz: bank#key-benefit -->\nText below.\n",
        {"bank": BANK},
        source=Source("docs/p.md"),
        options=RenderOptions(),
    )
    assert placed.quizzes == ("bank#key-benefit",)
    assert "Text above.\n\n<div" in markdown and "</div>\n\nText below." in markdown


def test_a_marker_in_an_included_file_is_a_problem_at_the_include_line() -> None:
    files = {
        "includes/part.md": "Intro.\n\n<!-- quiz: bank -->\n",
        "includes/code.md": "```\n<!-- quiz: bank -->\n```\n",
    }
    markdown = '# P\n\n--8<-- "includes/part.md"\n\n--8<-- "includes/code.md"\n\n--8<--\nincludes/part.md\n--8<--\n'
    found = [str(p) for p in markers_in_included_files(markdown, Source("docs/p.md", 2), files.get)]
    assert len(found) == 2, found
    assert found[0].startswith("docs/p.md:5: the included file includes/part.md has a quiz marker on its line 3")
    assert found[1].startswith("docs/p.md:10: the included file includes/part.md")


def test_ids_that_extend_each_other_never_collide() -> None:
    """`key-benefit` and `key-benefit-question` on one page: no element id is used twice."""
    markdown, _ = place_quizzes(
        "# P\n\n<!-- quiz: bank -->\n", {"bank": BANK}, source=Source("docs/p.md"), options=RenderOptions()
    )
    ids = re.findall(r'\bid="([^"]+)"', markdown)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert {"quiz-bank--key-benefit", "quiz-bank--key-benefit-question"} <= set(ids)


def test_line_numbers_follow_the_file_when_an_earlier_plugin_changed_the_markdown() -> None:
    file_text = "---\ntitle: T\n---\n# P\n\nIntro.\n\n<!-- quiz: nope -->\n"
    changed = "# P\n\nAn injected line.\n\nIntro.\n\n<!-- quiz: nope -->\n"  # not a suffix of the file any more
    with pytest.raises(BankError) as info:
        place_quizzes(
            changed, {"bank": BANK}, source=Source.of("docs/p.md", file_text, changed), options=RenderOptions()
        )
    assert info.value.problems[0].line == 8


def test_front_matter_offsets_line_numbers() -> None:
    file_text = "---\ntitle: T\n---\n# P\n\n<!-- quiz bank -->\n"
    source = Source.of("docs/p.md", file_text, file_text[len("---\ntitle: T\n---\n") :])
    assert source.line(2) == 6


def test_a_missing_included_file_is_a_located_problem() -> None:
    found = [
        str(p)
        for p in markers_in_included_files('# P\n\n--8<-- "includes/gone.md"\n', Source("docs/p.md"), lambda name: None)
    ]
    assert found == [
        "docs/p.md:3: the included file includes/gone.md does not exist.\n"
        "    Fix: check the file name after --8<-- (paths are relative to the folder of mkdocs.yml)."
    ]
