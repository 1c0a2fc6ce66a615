"""The course's page step, `quizbank.extension`, run by Python-Markdown alone: no engine, no build.

Both engines run this extension (mkdocs.yml's markdown_extensions); each tells it which page it
converts in its own way (MkDocs: hooks/quiz_banks.py calls `set_page`; Zensical: its rendering
context). The build tests check the built sites; these check the extension's own rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest
from bs4 import BeautifulSoup
from zensical.extensions.context import ContextExtension
from zensical.extensions.context import Page as ZensicalPage

from quizbank.extension import PageContext, PageError, QuizbankExtension, set_page
from quizbank.site import load_site, page_url, relative_url
from support import ROOT, write_site

BANK = (ROOT / "tests" / "corpus" / "good" / "practice.yml").read_text(encoding="utf-8")
POOLS = (ROOT / "tests" / "corpus" / "good" / "pools.yml").read_text(encoding="utf-8")
CHAPTER = "# One\n\n## Check yourself\n\n<!-- quiz: practice#shuffled -->\n\nAfter.\n"


@pytest.fixture(autouse=True)
def no_page_given() -> Iterator[None]:
    set_page(None)
    yield
    set_page(None)


def project(tmp_path: Path) -> Path:
    pages = {"index.md": "# Home\n", "one.md": CHAPTER, "progress.md": "# My progress\n\n<!-- progress -->\n"}
    return write_site(tmp_path, pages, {"practice.yml": BANK, "pools.yml": POOLS})


def convert(text: str, *extensions: object) -> tuple[str, markdown.Markdown]:
    md = markdown.Markdown(extensions=["toc", "md_in_html", "attr_list", *extensions, QuizbankExtension()])
    return md.convert(text), md


def mkdocs_page(config: Path, src: str, *, serving: bool = False) -> PageContext:
    text = (config.parent / "docs" / src).read_text(encoding="utf-8")
    context = PageContext(config, src, page_url(src, True), text, {}, serving=serving)
    set_page(context)
    return context


def test_an_engine_that_does_not_say_which_page_it_converts_stops_with_the_reason() -> None:
    with pytest.raises(PageError, match="without saying which page it converts") as info:
        convert(CHAPTER)
    assert "Fix: build with MkDocs (make build) or Zensical (make build ENGINE=zensical)" in str(info.value)


def test_a_chapter_gets_its_quiz_and_what_its_script_needs_once(tmp_path: Path) -> None:
    context = mkdocs_page(project(tmp_path), "one.md")
    html, md = convert(CHAPTER)
    assert 'class="quiz"' in html and 'data-qid="shuffled"' in html and "<!-- quiz:" not in html
    assert html.index('class="quiz-noscript"') < html.index('<div class="quiz"')
    assert html.count("window.mkdocsQuizConfig") == 1 and html.endswith("</script>")
    # The table of contents runs the postprocessors on each heading's text: the page's scripts are
    # added to the whole page only, never to a heading.
    assert [t["name"] for t in md.toc_tokens[0]["children"]] == ["Check yourself"]
    assert re.search(r'<h2 id="check-yourself">Check yourself</h2>', html)
    assert context.meta["quizbank"] is True  # the template's tripwire reads it (overrides/main.html)


def test_what_search_leaves_out_is_marked_whole(tmp_path: Path) -> None:
    """Material's search loses a mark at the first element of the same tag inside (quizbank/searchable.py)."""
    mkdocs_page(project(tmp_path), "one.md")
    html, _ = convert(CHAPTER + "\n<!-- quiz: pools -->\n")  # a pool's variants are excluded <div>s holding <div>s
    page = BeautifulSoup(html, "html.parser")
    nested = [
        inner
        for outer in page.select("[data-search-exclude]")
        for inner in outer.find_all(outer.name)  # the same tag inside
    ]
    assert nested, "the page has no excluded element with one of its own tag inside: the test needs one"
    assert all(inner.has_attr("data-search-exclude") for inner in nested)


def test_a_marker_problem_stops_the_build_and_is_shown_in_a_preview(tmp_path: Path) -> None:
    config = project(tmp_path)
    broken = "# One\n\n<!-- quiz: practice#missing -->\n"
    (config.parent / "docs" / "one.md").write_text(broken, encoding="utf-8")
    mkdocs_page(config, "one.md")
    with pytest.raises(PageError, match=r"docs/one\.md:3"):
        convert(broken)
    mkdocs_page(config, "one.md", serving=True)
    html, _ = convert(broken)
    assert "This page cannot be shown: 1 problem to fix" in html and "docs/one.md:3" in html


def test_front_matter_the_engine_could_not_read_is_a_located_error(tmp_path: Path) -> None:
    mkdocs_page(project(tmp_path), "one.md")
    with pytest.raises(PageError, match=r"docs/one\.md:3: the front matter .* is not valid YAML"):
        convert("---\ntitle: One\ndescription: Part 1: basics\n---\n# One\n")


def test_links_follow_the_engine_that_reads_them(tmp_path: Path) -> None:
    """MkDocs leaves raw HTML's links alone (relative to the page's URL); Zensical reads them as relative to the file."""
    config = project(tmp_path)
    mkdocs_page(config, "progress.md")
    html, _ = convert("# My progress\n\n<!-- progress -->\n")
    assert '<a href="../one/">One</a>' in html
    assert 'src="../assets/javascripts/bundles/progress.js"' in html
    set_page(None)
    page = ZensicalPage(url="progress/", path="progress.md", meta={})
    zensical = ContextExtension(page=page, config={"root_dir": str(config.parent), "docs_dir": "docs"})
    html, _ = convert("# My progress\n\n<!-- progress -->\n", zensical)
    assert '<a href="one/">One</a>' in html
    assert 'src="assets/javascripts/bundles/progress.js"' in html
    assert page.meta["quizbank"] is True


def test_the_course_is_read_again_only_when_a_file_changes(tmp_path: Path) -> None:
    config = project(tmp_path)
    first = load_site(config)
    assert load_site(config) is first
    bank = config.parent / "quizzes" / "practice.yml"
    bank.write_text(BANK.replace("Which metric balances", "Which one metric balances"), encoding="utf-8")
    again = load_site(config)
    assert again is not first
    assert again.banks["practice"].questions[0].question.startswith("Which one metric")


@pytest.mark.parametrize(
    ("url", "page", "expected"),
    [
        ("assets/x.js", "part-1/", "../assets/x.js"),
        ("part-1/", "progress/", "../part-1/"),
        ("part-1/", "", "part-1/"),
        ("", "part-1/", ".."),
        ("a/b.css", "a/c/", "../b.css"),
        ("x/", "404.html", "x/"),
    ],
)
def test_relative_urls_are_mkdocs_own(url: str, page: str, expected: str) -> None:
    from mkdocs.utils import get_relative_url

    assert relative_url(url, page) == get_relative_url(url, page) == expected


@pytest.mark.parametrize("target", ["prat.md", "one.md", "index"])
def test_continuing_no_other_page_is_a_located_error_in_every_engine(tmp_path: Path, target: str) -> None:
    context = mkdocs_page(project(tmp_path), "one.md")
    context.meta["continues"] = target
    with pytest.raises(PageError, match=rf"docs/one\.md: front matter 'continues: {target}' names no other page"):
        convert(CHAPTER)
    context.meta["continues"] = "index.md"
    assert 'class="quiz"' in convert(CHAPTER)[0]


def test_an_older_zensical_than_the_tested_one_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    config = project(tmp_path)
    page = ZensicalPage(url="one/", path="one.md", meta={})
    zensical = ContextExtension(page=page, config={"root_dir": str(config.parent), "docs_dir": "docs"})
    assert 'class="quiz"' in convert(CHAPTER, zensical)[0]  # the installed one (tested)
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "0.0.72" if name == "zensical" else real(name))
    with pytest.raises(PageError, match=r"Zensical 0\.0\.72 is older than 0\.0\.73"):
        convert(CHAPTER, zensical)


def test_zensical_serving_shows_a_problem_in_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make serve ENGINE=zensical` sets QUIZBANK_SERVE=1: Zensical does not tell an extension that it serves."""
    config = project(tmp_path)
    broken = "# One\n\n<!-- quiz: practice#missing -->\n"
    (config.parent / "docs" / "one.md").write_text(broken, encoding="utf-8")
    page = ZensicalPage(url="one/", path="one.md", meta={})
    zensical = ContextExtension(page=page, config={"root_dir": str(config.parent), "docs_dir": "docs"})
    with pytest.raises(PageError, match=r"docs/one\.md:3"):
        convert(broken, zensical)
    monkeypatch.setenv("QUIZBANK_SERVE", "1")
    html, _ = convert(broken, zensical)
    assert "This page cannot be shown: 1 problem to fix" in html and "docs/one.md:3" in html


def test_two_pages_continuing_one_is_a_located_error_on_the_second(tmp_path: Path) -> None:
    config = project(tmp_path)
    docs = config.parent / "docs"
    for name in ("one-more.md", "one-most.md"):
        (docs / name).write_text(f"---\ncontinues: one.md\n---\n\n# {name}\n", encoding="utf-8")
    first = mkdocs_page(config, "one-more.md")
    first.meta["continues"] = "one.md"
    assert "<h1" in convert("# more\n")[0]
    second = mkdocs_page(config, "one-most.md")
    second.meta["continues"] = "one.md"
    with pytest.raises(PageError, match=r"docs/one-most\.md: docs/one-more\.md already continues one\.md"):
        convert("# most\n")


def test_under_zensical_a_page_says_it_is_unfinished_until_the_site_step_takes_the_notice_out(tmp_path: Path) -> None:
    """Zensical alone builds pages without their site (stylesheet, scripts, counts): never silently."""
    from quizbank.finalhtml import UNFINISHED_ID, without_unfinished_notice

    config = project(tmp_path)
    context = mkdocs_page(config, "one.md")
    under_mkdocs, _ = convert(CHAPTER)
    assert UNFINISHED_ID not in under_mkdocs  # MkDocs's hooks finish the site as it builds
    assert context.finished_later is False
    set_page(None)
    page = ZensicalPage(url="one/", path="one.md", meta={})
    zensical = ContextExtension(page=page, config={"root_dir": str(config.parent), "docs_dir": "docs"})
    html, _ = convert(CHAPTER, zensical)
    notice = BeautifulSoup(html, "html.parser").find(id=UNFINISHED_ID)
    assert notice is not None and html.startswith(f'<div id="{UNFINISHED_ID}"'), html[:200]
    assert "make build ENGINE=zensical" in notice.get_text() and notice.has_attr("data-search-exclude")
    finished = without_unfinished_notice(html)
    assert finished is not None and UNFINISHED_ID not in finished
    assert finished == html[html.index("</div>\n") + len("</div>\n") :]  # the notice alone goes
    assert without_unfinished_notice(finished) is None  # nothing to do the second time
