"""The real course site: it covers the brief, places every question, names no student and has no broken link."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from quizbank import load_banks
from quizbank.ids import anchor, written_task_anchor
from quizbank.types.choice import Choice, shown_order
from quizbank.types.true_false import TrueFalse
from support import ROOT, BuildResult

FIXTURES = ROOT / "tests" / "fixtures"
# The parts of the assignment brief the site is checked against, committed verbatim, so a fork with
# nothing beside it tests the same way.
BRIEF = (FIXTURES / "brief-excerpt.txt").read_text(encoding="utf-8")
NAME_SALT = "cbft-site-name-check-v1:"


@pytest.fixture(scope="module")
def site(built_site: BuildResult) -> Path:
    return built_site.site  # read only


def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in site.rglob("*.html")
        if p.name != "404.html"
    }


def normalise(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def brief_choices() -> list[tuple[str, list[tuple[str, bool]]]]:
    """The brief's multiple-choice concept checks: each question with its A–D options, and which one is right.

    The brief has two, each of four options with one marked right: a loop over what the patterns
    found must not pass because they found nothing.
    """
    found = [
        (
            question,
            [(text, bool(mark)) for text, mark in re.findall(r"^[A-D]\) (.+?)( \(Correct Answer\))?$", block, re.M)],
        )
        for question, block in re.findall(r"^(.+\?)\n((?:[A-D]\) .+\n?)+)", BRIEF, re.M)
    ]
    assert len(found) == 2, f"the brief's two multiple-choice checks, found {len(found)}"
    assert all(len(options) == 4 and sum(right for _, right in options) == 1 for _, options in found), found
    return found


def test_the_brief_checks_are_found_before_they_are_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    """The two tests below loop over the brief's checks: with none found, they fail rather than pass."""
    monkeypatch.setattr(sys.modules[__name__], "BRIEF", BRIEF.replace("?\nA) ", "\nA) "))
    with pytest.raises(AssertionError, match="found 0"):
        brief_choices()


def test_every_bank_question_is_placed(site: Path) -> None:
    banks = load_banks(ROOT / "quizzes", ROOT)
    # On a chapter: My progress's review round has every self-check too, in a file of its own.
    html = "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html") if p.parent.name != "progress")
    missing = [
        f"{bank.name}#{q.id}"
        for bank in banks.values()
        for q in bank.questions
        if f'id="{written_task_anchor(bank.name, q.id) if q.role == "written-task" else anchor(bank.name, q.id)}"'
        not in html
    ]
    assert not missing, f"questions in banks but on no page: {missing}"


def test_my_progress_carries_no_question_and_its_round_fetches_every_self_check(site: Path) -> None:
    """hooks/review_pool.py: the review round's questions are a file named by its digest, beside the page."""
    page = BeautifulSoup((site / "progress" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not page.select(".quiz") and not page.select(".quizbank-review-item")
    stage = page.select_one(".quizbank-review-stage[data-review-pool]")
    assert stage is not None and stage.find() is None and not stage.get_text(strip=True)
    # `data-pool` means one thing: the pool a question variant belongs to (the page has no question).
    assert not page.select("[data-pool]")
    name = str(stage["data-review-pool"])
    assert re.fullmatch(r"review-pool\.[0-9a-f]{12}\.html", name), name
    assert [p.name for p in (site / "progress").glob("review-pool.*.html")] == [name]
    data = (site / "progress" / name).read_bytes()
    assert name == f"review-pool.{hashlib.sha256(data).hexdigest()[:12]}.html"
    pool = BeautifulSoup(data.decode("utf-8"), "html.parser")
    banks = load_banks(ROOT / "quizzes", ROOT)
    expected = [f"{b.name}#{q.id}" for b in banks.values() for q in b.questions if q.role != "written-task"]
    items = pool.select(".quizbank-review-item")
    assert [str(i["data-question"]) for i in items] == expected
    assert all(i.has_attr("hidden") and len(i.select(".quiz[data-fp]")) == 1 for i in items)
    assert "<html" not in data.decode("utf-8") and "<!--" not in data.decode("utf-8")


def test_the_brief_concept_checks_are_there_word_for_word_with_its_answers(site: Path) -> None:
    brief = BRIEF
    quizzes = [q for soup in pages(site).values() for q in soup.select("div.quiz")]
    # Multiple choice: a question line ending in '?' followed by A)–D) options, one marked correct.
    for question, options in brief_choices():
        found = [q for q in quizzes if normalise(question) in normalise(q.select_one(".quiz-question").get_text())]
        assert found, f"brief question not on the site: {question}"
        labels = {normalise(label.get_text()): label for label in found[0].select("label")}
        for text, correct in options:
            assert normalise(text) in labels, f"option {text!r} of {question!r} missing"
            inp = found[0].select_one(f"#{labels[normalise(text)]['for']}")
            assert inp.has_attr("data-correct") == correct, f"{text!r} of {question!r} marked wrongly"
            assert labels[normalise(text)].find_next_sibling(class_="answer-feedback"), f"no feedback for {text!r}"
    # True/false: a statement followed by (True) or (False).
    statements = re.findall(r"^(.+\.) \((True|False)\)$", brief, re.M)
    assert len(statements) == 2
    for statement, answer in statements:
        found = [q for q in quizzes if normalise(statement) in normalise(q.select_one(".quiz-question").get_text())]
        assert found, f"brief statement not on the site: {statement}"
        keyed = [
            label.get_text()
            for label in found[0].select("label")
            if found[0].select_one(f"#{label['for']}").has_attr("data-correct")
        ]
        assert keyed == [answer]
        assert len(found[0].select(".answer-feedback")) == 2


def test_every_written_task_of_the_brief_has_an_answer_box(site: Path) -> None:
    boxes = {w["data-task"]: w for soup in pages(site).values() for w in soup.select("div.written-task")}
    prompts = normalise(" ".join(w.select_one(".written-task-prompt").get_text() for w in boxes.values()))
    for phrase in (
        "Identify three potential tasks for which fine-tuning can be applied",
        "Describe the dataset you would use and how you would prepare it",
        "200-word reflection on how you would evaluate the model's performance after fine-tuning",
        "In 150–200 words, discuss the importance of evaluating a fine-tuned model",
    ):
        assert normalise(phrase) in prompts, phrase


def test_home_page_states_objectives_and_parts(site: Path) -> None:
    home = normalise(
        BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("article").get_text()
    )
    brief = BRIEF
    objectives = re.search(r"you should be able to:\n+(.+?)\nPart 1", brief, re.S)
    assert objectives
    for line in filter(None, (line.strip() for line in objectives.group(1).splitlines())):
        words = [w for w in re.findall(r"[a-z]+", line.lower()) if len(w) > 4]
        assert all(w in home.lower() for w in words), f"objective not reflected on the home page: {line}"
    for part in ("Part 1", "Part 2", "Part 3", "200", "150"):
        assert part in home


def name_digests() -> set[str]:
    """Salted digests of the students' name tokens (tests/fixtures/name-digests.txt): no name is written anywhere."""
    lines = (FIXTURES / "name-digests.txt").read_text(encoding="utf-8").splitlines()
    digests = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    assert digests and all(re.fullmatch(r"[0-9a-f]{64}", d) for d in digests)
    return digests


def digest(word: str) -> str:
    return hashlib.sha256((NAME_SALT + word.lower()).encode("utf-8")).hexdigest()


def test_no_student_name_anywhere(site: Path) -> None:
    """Every word of every tracked file and of the built site is hashed and compared with the names' digests."""
    digests = name_digests()
    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=ROOT).stdout.split()
    files = [ROOT / f for f in tracked] + list(site.rglob("*"))
    hits = []
    for path in files:
        if path.is_file() and path.suffix not in {".png", ".ico", ".gz", ".woff2", ".zip"}:
            words = set(re.findall(r"\w{3,}", path.read_text(encoding="utf-8", errors="ignore")))
            hits += [f"{path} (a word whose digest is {digest(w)[:12]}…)" for w in words if digest(w) in digests]
    assert not hits, hits


def test_the_name_check_can_fail(tmp_path: Path) -> None:
    """The check above would see a name: a word hashed the same way is found among the digests."""
    probe = tmp_path / "probe.txt"
    probe.write_text("Example response A, written by Someone.", encoding="utf-8")
    words = set(re.findall(r"\w{3,}", probe.read_text(encoding="utf-8")))
    assert {digest(w) for w in words} & {digest("someone")}


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    docs = pages(site)
    ids = {path: {el["id"] for el in soup.select("[id]")} for path, soup in docs.items()}
    broken = []
    for path, soup in docs.items():
        base = "https://site.test/" + path
        for a in soup.select("article a[href]"):
            href = str(a["href"])
            target = urlsplit(urljoin(base, href))
            if target.netloc != "site.test":
                continue
            file = unquote(target.path.lstrip("/")) or "index.html"
            if file.endswith("/") or not Path(file).suffix:
                file = file.rstrip("/") + "/index.html" if file else "index.html"
            if not (site / file).exists():
                broken.append(f"{path}: {href} (no {file})")
            elif target.fragment and file in ids and unquote(target.fragment) not in ids[file]:
                broken.append(f"{path}: {href} (no #{target.fragment})")
    assert not broken, "\n".join(broken)


def test_the_search_index_holds_no_answers(site: Path) -> None:
    """Feedback, explanations and hints stay out of Material's search index; question text stays in."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    indexed = normalise(" ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]))
    indexed = normalise(BeautifulSoup(indexed, "html.parser").get_text(" "))
    answers: list[str] = []
    questions: list[str] = []
    for soup in pages(site).values():
        for quiz in soup.select("div.quiz"):
            questions.append(normalise(quiz.select_one(".quiz-question").get_text(" ")))
            for part in quiz.select(".answer-feedback, section.content, .quiz-hints-list li"):
                answers.append(normalise(part.get_text(" ")))
    assert len(answers) > 40, "the site should have feedback and explanations to check"
    leaked = [a for a in answers if len(a) >= 30 and a[:80] in indexed]
    assert not leaked, f"{len(leaked)} answer texts are searchable, e.g. {leaked[:3]}"
    found = [q for q in questions if len(q) >= 30 and q[:60] in indexed]
    assert len(found) > len(questions) // 2, "question texts should be searchable"


def test_always_picking_the_first_option_scores_about_what_chance_gives() -> None:
    """Option order carries no information: the first option shown is right about as often as chance says."""
    banks = load_banks(ROOT / "quizzes", ROOT)
    expected = observed = variance = 0.0
    written = []
    for bank in banks.values():
        for q in bank.questions:
            if not isinstance(q, Choice | TrueFalse):
                continue
            shown = shown_order(bank.name, q)
            right = [o for o in q.options if o.correct]
            if isinstance(q, Choice) and q.shuffle and len(q.options) > 1 and shown == list(q.options):
                written.append(f"{bank.name}#{q.id}")
            # Ticking only the first option is right when it is the only right one.
            p = 1 / len(q.options) if len(right) == 1 else 0.0
            expected += p
            variance += p * (1 - p)
            observed += 1 if len(right) == 1 and shown[0].correct else 0
    assert not written, f"shown in the written order: {written}"
    assert expected > 5, "the site should have choice questions"
    assert observed <= expected + 2 * variance**0.5, f"first option right {observed} times; chance gives {expected:.1f}"


def test_the_brief_concept_checks_keep_the_briefs_order(site: Path) -> None:
    quizzes = [q for soup in pages(site).values() for q in soup.select("div.quiz")]
    for question, options in brief_choices():
        found = [q for q in quizzes if normalise(question) in normalise(q.select_one(".quiz-question").get_text())]
        assert found, f"brief question not on the site: {question}"
        shown = [normalise(label.get_text()) for label in found[0].select("fieldset:not(.quiz-confidence) label")]
        assert shown == [normalise(text) for text, _ in options], f"{question!r} is not in the brief's A–D order"


def test_pages_load_only_what_they_use(site: Path) -> None:
    """Each page loads only the scripts it uses.

    The answer boxes' script comes only with answer boxes, and their style only in the site's one
    stylesheet (pasted into a chapter it cost every visit 2.2 KB); the progress script only with My progress.
    """
    checked = 0
    for path, soup in pages(site).items():
        html = (site / path).read_text(encoding="utf-8")
        boxes = bool(soup.select("div.written-task"))
        scripts = [str(s.get("src", "")) for s in soup.select("script[src]")]
        assert boxes == any(s.endswith("bundles/written-task.js") for s in scripts), path
        assert ".written-task-count" not in html, path
        assert bool(soup.select(".quizbank-progress")) == any(s.endswith("bundles/progress.js") for s in scripts), path
        assert not any("javascripts/quizbank/" in s for s in scripts), path  # sources are not served
        checked += boxes
    assert checked >= 3, "the chapters should have answer boxes"
    assert not (site / "assets" / "javascripts" / "quizbank").exists()
