"""quizbank/searchable.py: nothing marked data-search-exclude reaches Material's search index, however it nests.

Checked with Material's own search parser, the one that builds the index: the marked text is
found in what it keeps before the fix (its skipping stops at a nested element of the same tag) and
never after.
"""

from __future__ import annotations

from material.plugins.search.plugin import Parser  # type: ignore[import-untyped]  # no stubs

from quizbank.searchable import exclude_whole

POOL_VARIANT = (
    '<h2 id="s">Section</h2><p>Chapter text.</p>'
    '<div class="quiz" data-pool="idea" data-search-exclude>'
    '<div class="quiz-question"><p>Hidden question wording.</p></div>'
    '<form><div><input type="radio"><label>Hidden option</label>'
    '<span class="answer-feedback" data-search-exclude>Hidden <span class="x">feedback</span> tail words</span></div>'
    "</form>"
    '<section class="content" data-search-exclude><p>Hidden explanation.</p></section>'
    "</div><p>After the quiz.</p>"
)


def indexed(html: str) -> str:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join([*s.title, *s.text]) for s in parser.data)


def test_material_alone_indexes_what_follows_a_nested_element_of_the_same_tag() -> None:
    assert "Hidden option" in indexed(POOL_VARIANT)  # why the hook is needed


def test_nothing_marked_is_indexed_and_the_rest_is() -> None:
    text = indexed(exclude_whole(POOL_VARIANT))
    assert "Hidden" not in text and "tail words" not in text
    assert "Chapter text." in text and "After the quiz." in text


def test_only_what_needs_it_is_marked() -> None:
    simple = '<p>a</p><section class="content" data-search-exclude><p>b</p></section>'
    assert exclude_whole(simple) == simple  # no nested section: Material skips it whole already
    assert exclude_whole("<p>no marks</p>") == "<p>no marks</p>"
    out = exclude_whole(POOL_VARIANT)
    assert out.replace(' data-search-exclude="1"', "") == POOL_VARIANT  # marks added, nothing else changed
    assert '<div data-search-exclude="1" class="quiz-question">' in out and '<label data-search-exclude="1">' in out
    assert "<p>After the quiz.</p>" in out
