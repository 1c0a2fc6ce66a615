"""Build throwaway sites with the real config: good banks render, bad input stops with a located error."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from support import CORPUS, ROOT, build, expectation, glossary_terms, project_config, write_site

# Every bad bank is checked in process (tests/unit/test_load.py); these few go through a whole
# build, strict and lenient, to check the hook's part: the located message, no traceback, no page.
BAD = [CORPUS / "bad" / f"{name}.yml" for name in ("yaml-syntax", "not-utf8", "single-none", "unknown-key")]


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("good")
    banks = {
        f"{p.stem}.yml": p.read_text(encoding="utf-8")
        for p in (CORPUS / "good").glob("*.yml")
        if p.stem != "written-task"
    }
    banks["part-1/checks.yml"] = banks["all-types.yml"]
    pages = {
        "index.md": "# Home\n\nNo quiz here.\n",
        "quiz.md": "---\ntitle: Quizzes\n---\n# Quizzes\n\n<!-- quiz: all-types -->\n\nBetween.\n\n<!-- quiz: literal-syntax -->\n",
        "one.md": "# One\n\n<!-- quiz: part-1/checks#runtime-name -->\n\n```markdown\n<!-- quiz: all-types -->\n<!-- quiz: no-such-bank -->\n```\n",
    }
    result = build(write_site(base, pages, banks))
    assert result.code == 0, result.output
    return result


def test_good_site_builds_without_warnings(good_site) -> None:  # type: ignore[no-untyped-def]
    assert "WARNING" not in good_site.output


def test_each_question_renders_with_stable_anchor_and_structure(good_site) -> None:  # type: ignore[no-untyped-def]
    page = soup(good_site.page("quiz/index.html"))
    ids = [q["id"] for q in page.select("div.quiz")]
    assert ids == [
        "quiz-all-types--key-benefit",
        "quiz-all-types--pick-several",
        "quiz-all-types--no-eval-needed",
        "quiz-all-types--runtime-name",
        "quiz-literal-syntax--tensors",
        "quiz-literal-syntax--yaml-words",
        "quiz-literal-syntax--blank-with-code",
        "quiz-literal-syntax--tf-yaml",
        "quiz-literal-syntax--tf-code",
        "quiz-literal-syntax--multiple-code",
    ]
    for quiz in page.select("div.quiz:not(.quiz-fill-blank)"):
        inputs = quiz.select('input[name="answer"]')
        assert len(inputs) >= 2
        for inp in inputs:
            # mkdocs-quiz's script finds the label and feedback through the input's parent.
            assert inp.parent.name == "div" and inp.parent.parent.name == "fieldset"
            assert inp.parent.select_one(f'label[for="{inp["id"]}"]') is not None
    key = page.select_one("#quiz-all-types--key-benefit")
    assert [i["type"] for i in key.select('input[name="answer"]')] == ["radio", "radio"]
    assert len(key.select("input[data-correct]")) == 1
    right = key.select_one("input[data-correct]").parent
    assert right.select_one(".answer-feedback").get_text() == "Compared with training from scratch, yes."
    assert "hidden" in key.select_one("section.content")["class"]
    assert key.select_one("section.content strong").get_text() == "training from scratch"
    several = page.select_one("#quiz-all-types--pick-several")
    # A "multiple" question offers checkboxes even with a single correct option.
    assert [i["type"] for i in several.select('input[name="answer"]')] == ["checkbox", "checkbox"]
    tf = page.select_one("#quiz-all-types--no-eval-needed")
    assert [label.get_text() for label in tf.select("fieldset:not(.quiz-confidence) label")] == ["True", "False"]
    blank = page.select_one("#quiz-all-types--runtime-name")
    assert blank["data-quiz-type"] == "fill-blank"
    assert blank.select_one("input.quiz-blank-input")["data-answer"] == "ONNX Runtime"


def test_text_that_looks_like_syntax_stays_literal(good_site) -> None:  # type: ignore[no-untyped-def]
    page = soup(good_site.page("quiz/index.html"))
    tensors = page.select_one("#quiz-literal-syntax--tensors")
    question = tensors.select_one(".quiz-question")
    codes = [c.get_text() for c in question.select("p code")]
    assert codes == ["[[1, 2], [3, 4]]", "<quiz>", "</div>"]
    assert '& | 🎉 中文 "quotes"' in question.get_text()
    block = question.select_one("pre code").get_text()
    assert "- [x] not an option" in block and "x = [[1, 2]]" in block
    assert len(tensors.select('input[name="answer"]')) == 2  # the "- [x]" in the code block is not an option
    assert tensors.select_one("label code").get_text() == "[[1, 2]]"
    assert not tensors.select("input.quiz-blank-input")
    words = page.select_one("#quiz-literal-syntax--yaml-words")
    assert words.select_one(".quiz-question p").get_text() == "Yes"
    assert sorted(label.get_text() for label in words.select("fieldset:not(.quiz-confidence) label")) == [
        "0.10",
        "No",
        "on",
    ]
    with_code = page.select_one("#quiz-literal-syntax--blank-with-code")
    assert [i["data-answer"] for i in with_code.select("input.quiz-blank-input")] == ["2"]
    assert with_code.select_one("code").get_text() == "x = [[1, 2]]"
    assert page.select_one("#quiz-literal-syntax--tf-yaml .quiz-question").get_text().strip() == "0.10"
    tf_code = page.select_one("#quiz-literal-syntax--tf-code")
    assert [c.get_text() for c in tf_code.select(".quiz-question code")] == [
        "torch.tensor([[1, 2]])",
        "(1, 2)",
        "<quiz>",
        "- [x]",
    ]
    assert tf_code.select_one(".answer-feedback code").get_text() == "[[…]]"
    assert not page.select("#quiz-literal-syntax--multiple-code input.quiz-blank-input")
    assert sorted(c.get_text() for c in page.select("#quiz-literal-syntax--multiple-code label code")) == [
        "print([1, 2])",
        "print([[1, 2]])",
    ]


def test_quiz_settings_only_on_pages_with_quizzes(good_site) -> None:  # type: ignore[no-untyped-def]
    assert "mkdocsQuizConfig" in good_site.page("quiz/index.html")
    assert "mkdocsQuizConfig" in good_site.page("one/index.html")
    assert "mkdocsQuizConfig" not in good_site.page("index.html")


def test_markers_in_code_blocks_and_subfolder_banks(good_site) -> None:  # type: ignore[no-untyped-def]
    page = soup(good_site.page("one/index.html"))
    assert [q["id"] for q in page.select("div.quiz")] == ["quiz-part-1__checks--runtime-name"]
    assert "<!-- quiz: no-such-bank -->" in page.select_one("pre code").get_text()


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "lenient"])
@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_bank_stops_the_build_with_a_located_error(path: Path, strict: bool, tmp_path: Path) -> None:
    line, message = expectation(path)
    config = write_site(
        tmp_path, {"index.md": f"# Home\n\n<!-- quiz: {path.stem} -->\n"}, {path.name: path.read_bytes()}
    )
    result = build(config, strict=strict)
    assert result.code != 0
    assert f"quizzes/{path.name}:{line}:" in result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (result.site / "index.html").exists()


GOOD_BANK = "questions:\n  - id: a\n    type: true-false\n    question: Q\n    answer: true\n"


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("# P\n\n<!-- quiz: nope -->\n", "docs/index.md:3: the quiz marker names the bank 'nope'"),
        ("# P\n\n<!-- quiz: bank#b -->\n", "docs/index.md:3: the quiz marker names the question 'b'"),
        ("# P\n\n<!-- quiz: banc -->\n", "did you mean 'bank'?"),
        ("---\ntitle: T\n---\n# P\n\n<!-- quiz bank -->\n", "docs/index.md:6: this line looks like a quiz marker"),
        ("# P\n\n<!-- quiz: Bank! -->\n", "docs/index.md:3: the quiz marker names 'Bank!'"),
        (
            "# P\n\n<!-- quiz: bank -->\n\n<!-- quiz: bank#a -->\n",
            "docs/index.md:5: the question 'bank#a' is already placed on this page (line 3)",
        ),
        ('# P\n\n!!! note "N"\n\n    <!-- quiz: bank -->\n', "docs/index.md:5: a quiz marker is indented"),
    ],
    ids=[
        "unknown-bank",
        "unknown-id",
        "suggestion",
        "malformed-after-front-matter",
        "bad-name",
        "placed-twice",
        "indented",
    ],
)
def test_bad_marker_names_the_chapter_and_line(page: str, expected: str, tmp_path: Path) -> None:
    result = build(write_site(tmp_path, {"index.md": page}, {"bank.yml": GOOD_BANK}))
    assert result.code != 0
    assert expected in result.output
    assert "Fix:" in result.output and "Traceback" not in result.output


def test_glossary_lists_every_abbreviation_and_spares_diagrams(tmp_path: Path) -> None:
    svg = '<svg class="diagram" role="img" viewBox="0 0 10 10"><title>LoRA flow</title><text x="1" y="5">LoRA</text></svg>'
    pages = {"index.md": f"# Home\n\nLoRA here.\n\n{svg}\n", "glossary.md": "# Glossary\n\n<!-- glossary -->\n"}
    result = build(write_site(tmp_path, pages, {}))
    assert result.code == 0, result.output
    home = soup(result.page("index.html"))
    assert home.select_one("article p abbr").get_text() == "LoRA"  # tooltip in prose
    assert home.select_one("svg text").get_text() == "LoRA" and not home.select("svg abbr")
    glossary = soup(result.page("glossary/index.html"))
    terms = [dt.get_text() for dt in glossary.select("article dl dt")]
    assert terms == glossary_terms()


def test_front_matter_that_is_not_yaml_is_a_located_error(tmp_path: Path) -> None:
    page = "---\ntitle: Part 2\ndescription: Part 2: fine-tuning on Azure\n---\n# Part 2\n"
    result = build(write_site(tmp_path, {"index.md": page}, {}), strict=False)
    assert result.code != 0
    assert "docs/index.md:3: the front matter" in result.output
    assert "Fix:" in result.output and "Traceback" not in result.output


def test_material_bundle_loads_after_the_first_paint(tmp_path: Path) -> None:
    result = build(write_site(tmp_path, {"index.md": "# Home\n"}, {}))
    assert result.code == 0, result.output
    html = result.page("index.html")
    scripts = soup(html).select("script")
    # Not a <script src> the browser fetches while parsing: an inline loader that requests it once painted.
    assert not [s for s in scripts if re.search(r"bundle\.[0-9a-f]+\.min\.js", str(s.get("src", "")))]
    loaders = [s for s in scripts if s.has_attr("data-bundle")]
    assert len(loaders) == 1
    src = str(loaders[0]["data-bundle"])
    assert re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", src)
    assert (result.site / src).is_file()
    assert loaders[0]["data-before"] == src.rsplit("/", 1)[0] + "/bundles/search-index.js"
    assert (result.site / str(loaders[0]["data-before"])).is_file()
    # The loader is the minified partial that `make bundle` wrote, as it is.
    partial = (ROOT / "overrides" / "partials" / "inline" / "material.html").read_text(encoding="utf-8")
    assert f"<script>{loaders[0].string}</script>" in partial
    assert "first-contentful-paint" in (loaders[0].string or "")
    # Our deferred scripts that subscribe to document$ come after it and wait for site.material.
    later = [s for s in scripts[scripts.index(loaders[0]) + 1 :] if s.has_attr("src")]
    assert later and all(s.has_attr("defer") or s.get("type") == "module" for s in later)


def test_hidden_and_system_files_under_quizzes_are_not_banks(tmp_path: Path) -> None:
    """An Emacs lock file, a macOS shadow file and a hidden folder must not stop the build."""
    banks: dict[str, str | bytes] = {
        "bank.yml": GOOD_BANK,
        ".#bank.yml": "nonsense: [",
        "._bank.yml": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
        ".trash/old.yml": "questions: []\n",
    }
    result = build(write_site(tmp_path, {"index.md": "# P\n\n<!-- quiz: bank -->\n"}, banks))
    assert result.code == 0, result.output
    assert 'id="quiz-bank--a"' in result.page("index.html")


@pytest.mark.parametrize(
    ("bank", "expected"),
    [
        ("questions:\n  - id: a\n\ttype: true-false\n", "quizzes/bank.yml:3: YAML syntax error"),
        ("", "quizzes/bank.yml:1: the bank is empty (it has no questions, only comments or blank lines)"),
        ("# only a comment\n\n", "quizzes/bank.yml:1: the bank is empty"),
    ],
    ids=["tab-indented", "empty", "comment-only"],
)
def test_unusual_bank_files_get_a_clear_message(bank: str, expected: str, tmp_path: Path) -> None:
    result = build(write_site(tmp_path, {"index.md": "# P\n"}, {"bank.yml": bank}))
    assert result.code != 0
    assert expected in result.output, result.output
    if "\t" in bank:
        assert "indent with spaces, not tabs" in result.output
    assert "Traceback" not in result.output


def snippets_from(config: Path, base: Path, auto_append: list[str] | None = None) -> None:
    """Point the throwaway site's pymdownx.snippets at `base` (and, optionally, its auto-appended files)."""
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    for ext in data["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            ext["pymdownx.snippets"]["base_path"] = [str(base)]
            if auto_append is not None:
                ext["pymdownx.snippets"]["auto_append"] = auto_append
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_a_marker_in_an_included_file_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "part.md").write_text("Some text.\n\n<!-- quiz: bank -->\n", encoding="utf-8")
    config = write_site(tmp_path, {"index.md": '# P\n\n--8<-- "includes/part.md"\n'}, {"bank.yml": GOOD_BANK})
    snippets_from(config, tmp_path)
    result = build(config)
    assert result.code != 0
    assert "docs/index.md:3: the included file includes/part.md has a quiz marker on its line 3" in result.output
    assert "Traceback" not in result.output


def test_a_marker_that_reaches_the_html_stops_the_build(tmp_path: Path) -> None:
    """The safety net: a marker that no Markdown check saw (here, in an auto-appended file) is not published."""
    (tmp_path / "appended.md").write_text("\n<!-- quiz: bank -->\n", encoding="utf-8")
    config = write_site(tmp_path, {"index.md": "# P\n\nText.\n"}, {"bank.yml": GOOD_BANK})
    snippets_from(config, tmp_path, ["appended.md"])
    result = build(config)
    assert result.code != 0, "a page with an unplaced marker was published"
    assert "docs/index.md" in result.output and "a quiz marker was not placed" in result.output
    assert "Traceback" not in result.output


def test_a_quiz_placed_inside_raw_html_stops_the_build(tmp_path: Path) -> None:
    """Inside a raw HTML block the quiz's Markdown would come out as text: refused, not published."""
    page = "# P\n\n<table><tr><td>\n<!-- quiz: bank -->\n</td></tr></table>\n"
    result = build(write_site(tmp_path, {"index.md": page}, {"bank.yml": GOOD_BANK}))
    assert result.code != 0, "a page with an unrendered quiz was published"
    assert "docs/index.md" in result.output and "question 'bank#a'" in result.output
    assert "Traceback" not in result.output


def test_make_check_reports_what_the_build_reports_without_building(tmp_path: Path) -> None:
    """`python -m quizbank check` (make check): the same located messages, a non-zero exit, no site written."""
    import subprocess
    import sys

    pages = {"index.md": "---\ntitle: T\n---\n# P\n\n<!-- quiz: bank#nope -->\n\n> <!-- quiz: bank -->\n"}
    config = write_site(
        tmp_path, pages, {"bank.yml": GOOD_BANK, "bad.yml": "questions:\n  - id: a\n    type: single\n"}
    )

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "quizbank", "check", "-f", str(config)],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT / "hooks"), "PATH": "/usr/bin:/bin"},
            cwd=tmp_path,
        )

    run = check()
    assert run.returncode == 1, run.stdout + run.stderr
    assert "quizzes/bad.yml:2: question 'a': the required key 'question' is missing" in run.stderr
    assert not (tmp_path / "site").exists()
    (tmp_path / "quizzes" / "bad.yml").unlink()
    run = check()
    assert run.returncode == 1
    assert "docs/index.md:6: the quiz marker names the question 'nope'" in run.stderr
    assert "docs/index.md:8: a quiz marker is inside a blockquote" in run.stderr
    (tmp_path / "docs" / "index.md").write_text("# P\n\n<!-- quiz: bank -->\n", encoding="utf-8")
    run = check()
    assert run.returncode == 0 and "no problems found" in run.stdout


def test_mkdocs_quiz_assets_are_cached_files_not_pasted_into_pages(good_site) -> None:  # type: ignore[no-untyped-def]
    page = good_site.page("quiz/index.html")
    assert "STORAGE_KEY_PREFIX" not in page and ".quiz-feedback-item" not in page  # no inline quiz.js or quiz.css
    assert "mkdocsQuizConfig" in page  # its small per-page settings stay
    css = good_site.page("assets/stylesheets/course.css")
    assert css.index(".quiz-feedback-item{") < css.index("/* site.css */") < css.index("/* written-task.css */")
    assert ".written-task-count" in css
    # Served minified when made from the installed version (hooks/quiz_assets.py): its names are
    # shortened, its storage key is not.
    assert '"quiz_progress_"' in good_site.page("assets/javascripts/mkdocs-quiz/quiz.js")
    links = soup(good_site.page("index.html")).select('link[rel="stylesheet"]')
    ours = [
        str(link["href"])
        for link in links
        if "course.css" in str(link["href"]) or "assets/site.css" in str(link["href"])
    ]
    assert ours == ["assets/stylesheets/course.css"]  # one stylesheet of ours, on every page
    assert not (good_site.site / "assets" / "site.css").exists()


def test_an_unclosed_comment_in_the_site_stylesheet_is_a_located_error(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    css = overrides / "assets" / "site.css"
    lines = css.read_text(encoding="utf-8").count("\n")
    css.write_text(css.read_text(encoding="utf-8") + "\n/* never closed\n.a { color: red }\n", encoding="utf-8")
    theme = {**project_config()["theme"], "custom_dir": str(overrides)}
    result = build(write_site(tmp_path, {"index.md": "# Home\n"}, {}, theme=theme), strict=False)
    assert result.code != 0
    assert f"overrides/assets/site.css:{lines + 2}: a comment opens here and is never closed." in result.output
    assert "Fix: end it with */." in result.output and "Traceback" not in result.output
