"""`make export`: the real banks and the good corpus, exported and read back with independent parsers.

- QTI 1.2 and 2.1: every file of both packages parsed with xml.etree.ElementTree; the manifest and
  the assessment list every item; one question of each type keeps its text, right answers and feedback.
- GIFT: parsed with gift-pegjs (npm, through tests/js/gift-parse.mjs); every question parses, and one
  of each type round-trips, including tests/corpus/good/export-trap.yml, whose texts hold each of
  GIFT's syntax characters ~ = # { } : and the backslash.
- The answer key matches tests/golden/export/answer-key.md (`--update-golden` rewrites it); what a
  format cannot hold is listed; nothing of the export can reach the built site.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from quizbank import Bank, load_bank_text, load_banks
from quizbank.__main__ import main
from quizbank.export.command import export_banks
from quizbank.export.losses import Report
from quizbank.export.text import plain_text, to_html
from quizbank.ids import anchor, question_key
from quizbank.model import Question
from quizbank.types.calculated import Calculated
from quizbank.types.choice import Choice
from quizbank.types.fill_blank import FillBlank
from quizbank.types.matching import Matching
from quizbank.types.multiple import Multiple
from quizbank.types.ordering import Ordering
from quizbank.types.single import Single
from quizbank.types.true_false import TrueFalse
from quizbank.types.written_task import WrittenTask
from support import CORPUS, ROOT, mkdocs_config, require_npm_package

GIFT_PARSER = ROOT / "tests" / "js" / "gift-parse.mjs"
KEY_GOLDEN = ROOT / "tests" / "golden" / "export" / "answer-key.md"
# The corpus banks the key's golden file covers: every question type, alternatives, a tolerance, hints.
KEY_BANKS = ("all-types", "practice", "written-task", "export-trap", "ordering", "matching", "pools")
Q12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
Q21 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@dataclass(frozen=True)
class Export:
    banks: list[Bank]
    out: Path
    report: Report

    def questions(self) -> list[tuple[Bank, Question]]:
        return [(b, q) for b in self.banks for q in b.questions]

    def find(self, kind: type[Question], where: str = "") -> tuple[Bank, Question]:
        """The first question of a type (in bank `where`, if given)."""
        return next((b, q) for b, q in self.questions() if type(q) is kind and where in b.name)


def export(banks: dict[str, Bank], out: Path) -> Export:
    listed = list(banks.values())
    return Export(listed, out, export_banks(listed, out, "Course"))


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Export:
    return export(load_banks(ROOT / "quizzes", ROOT), tmp_path_factory.mktemp("real"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Export:
    return export(load_banks(CORPUS / "good", CORPUS), tmp_path_factory.mktemp("corpus"))


def words(text: str) -> str:
    """Text as a reader sees it, for comparing: tags gone (blocks apart), entities decoded, whitespace collapsed.

    A blank shown as [identifier] stands apart from its neighbours: QTI 2.1 puts spaces around it.
    """
    text = re.sub(r"</?(?:p|li|ul|ol|pre|table|tr|td|th|br|div)\b[^>]*>", " ", text)
    text = unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(re.sub(r"(\[quiz-[^\]]+\])", r" \1 ", text).split())


def seen(markdown_text: str) -> str:
    return words(plain_text(to_html(markdown_text)))


# ── QTI, read back with ElementTree ───────────────────────────────────────────────────────────


@dataclass
class Item:
    """What a QTI item says, read with ElementTree: blanks appear in `text` as [identifier]."""

    kind: str
    title: str
    text: str
    choices: dict[str, str] = field(default_factory=dict)
    correct: list[str] = field(default_factory=list)
    feedback: str = ""


def read_item_12(xml: bytes) -> Item:
    item = ET.fromstring(xml).find(f"{Q12}item")
    assert item is not None
    presentation, feedback = item.find(f"{Q12}presentation"), item.find(f"{Q12}itemfeedback")
    assert presentation is not None
    text = []
    for part in presentation:  # materials, and a response_str for each blank
        text.append("".join(part.itertext()) if part.tag == f"{Q12}material" else "")
        text.append(f"[{part.get('ident')}]" if part.tag == f"{Q12}response_str" else "")
    return Item(
        kind=item.findtext(f".//{Q12}fieldentry") or "",
        title=item.get("title") or "",
        text="".join(text),
        choices={
            label.get("ident") or "": "".join(label.itertext()).strip()
            for label in presentation.iter(f"{Q12}response_label")
            if label.get("ident")
        },
        correct=[
            condition.findtext(f".//{Q12}varequal") or ""
            for condition in item.iter(f"{Q12}respcondition")
            if float(condition.findtext(f"{Q12}setvar") or 0) > 0
        ],
        feedback="".join(feedback.itertext()) if feedback is not None else "",
    )


def read_item_21(xml: bytes) -> Item:
    root = ET.fromstring(xml)
    body = root.find(f"{Q21}itemBody/{Q21}div")
    assert body is not None
    text = [body.text or ""]
    for child in body:
        text.append(f"[{child.get('responseIdentifier')}]" if child.tag == f"{Q21}textEntryInteraction" else "")
        text.append(child.tail or "")
    interaction = root.find(f".//{Q21}choiceInteraction")
    kind = "text entry" if interaction is None else {"1": "single", "0": "multiple"}[interaction.get("maxChoices", "")]
    feedback = root.find(f"{Q21}modalFeedback")
    return Item(
        kind=kind,
        title=root.get("title") or "",
        text="".join(text).strip(),
        choices={c.get("identifier") or "": "".join(c.itertext()) for c in root.iter(f"{Q21}simpleChoice")},
        correct=[v.text or "" for d in root.findall(f"{Q21}responseDeclaration") for v in d.iter(f"{Q21}value")],
        feedback="".join(feedback.itertext()) if feedback is not None else "",
    )


def qti_files(out: Path, version: str) -> dict[str, bytes]:
    with zipfile.ZipFile(out / f"qti-{version}.zip") as package:
        return {name: package.read(name) for name in package.namelist()}


def item_ids(bank: Bank, question: Question) -> list[str]:
    """The QTI items a question becomes: one, named by bank and id, or one per variant of a calculated question."""
    ident = anchor(bank.name, question.id)
    if isinstance(question, Calculated):
        return [f"{ident}--variant-{n}" for n in range(1, len(question.drawn) + 1)]
    return [ident]


def qti_item(out: Path, version: str, bank: Bank, question: Question) -> Item:
    xml = qti_files(out, version)[f"items/{anchor(bank.name, question.id)}.xml"]
    return read_item_12(xml) if version == "1.2" else read_item_21(xml)


@pytest.mark.parametrize("version", ["1.2", "2.1"])
@pytest.mark.parametrize("which", ["real", "corpus"])
def test_qti_packages_are_well_formed_and_list_every_item(
    which: str, version: str, request: pytest.FixtureRequest
) -> None:
    done: Export = request.getfixturevalue(which)
    files = qti_files(done.out, version)
    trees = {name: ET.fromstring(xml) for name, xml in files.items()}  # every file parses as XML
    # QTI 1.2 (mkdocs-quiz's exporter alone) holds no ordering, matching or calculated question: listed
    # among the losses. A calculated question is one item per variant.
    held = (Single, Multiple, TrueFalse, FillBlank) + ((Ordering, Matching, Calculated) if version == "2.1" else ())
    expected = {i for b, q in done.questions() if isinstance(q, held) for i in item_ids(b, q)}
    items = {name.removeprefix("items/").removesuffix(".xml") for name in files if name.startswith("items/")}
    assert items == expected, "one item per self-check, named by bank and id"
    resources = [r.get("href", "") for r in trees["imsmanifest.xml"].iter(f"{CP}resource")]
    assert sorted(resources) == sorted(["assessment.xml", *(f"items/{i}.xml" for i in expected)])
    ns = Q12 if version == "1.2" else Q21
    refs = [r.get("linkrefid", "") for r in trees["assessment.xml"].iter(f"{ns}itemref")]
    refs += [r.get("identifier", "") for r in trees["assessment.xml"].iter(f"{ns}assessmentItemRef")]
    assert sorted(refs) == sorted(expected), "the assessment lists every item"


@pytest.mark.parametrize("version", ["1.2", "2.1"])
@pytest.mark.parametrize("kind", [Single, Multiple, TrueFalse])
def test_a_real_choice_question_of_each_type_keeps_text_answers_and_feedback(
    real: Export, kind: type[Question], version: str
) -> None:
    bank, question = real.find(kind, "part-")
    assert isinstance(question, Choice | TrueFalse)
    item = qti_item(real.out, version, bank, question)
    assert (
        item.kind
        == {
            ("1.2", Single): "multiple_choice_question",
            ("1.2", TrueFalse): "multiple_choice_question",
            ("1.2", Multiple): "multiple_answers_question",
            ("2.1", Single): "single",
            ("2.1", TrueFalse): "single",
            ("2.1", Multiple): "multiple",
        }[version, kind]
    )
    assert seen(question.question) in words(item.text)
    shown = {ident: words(text) for ident, text in item.choices.items()}
    assert sorted(shown.values()) == sorted(seen(o.text) for o in question.options)
    assert sorted(shown[c] for c in item.correct) == sorted(seen(o.text) for o in question.options if o.correct)
    for option in question.options:
        assert not option.feedback or seen(option.feedback) in words(item.feedback), option.text
    assert seen(question.explanation) in words(item.feedback)


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_a_real_fill_blank_keeps_its_text_blanks_and_explanation(real: Export, version: str) -> None:
    bank, question = real.find(FillBlank)
    assert isinstance(question, FillBlank)
    item = qti_item(real.out, version, bank, question)
    ident = anchor(bank.name, question.id)
    gaps = [f"[{ident}--blank-{n}]" for n in range(1, len(question.accepted) + 1)]
    text = question.without_answers
    for gap in gaps:
        text = text.replace("[[]]", gap, 1)
    assert words(item.text) == seen(text)
    assert item.correct == [a.number or a.alternatives[0] for a in question.accepted]
    assert seen(question.explanation) in words(item.feedback)


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_trap_texts_survive_qti_including_a_quote_in_the_title(corpus: Export, version: str) -> None:
    bank, question = corpus.find(Single, "export-trap")
    item = qti_item(corpus.out, version, bank, question)
    text = '"Escape me": which of ~ = # { } : and \\ does GIFT read as syntax? Think of a = {b: c} # d ~ e \\ f.'
    assert item.title == text[:50]  # as mkdocs-quiz makes titles: the first 50 characters
    assert words(item.text) == text
    assert [words(item.choices[c]) for c in item.correct] == ["All of ~ = # { } : and \\ itself"]
    assert "Right: each takes a \\ before it, as in { or C:\\temp#1." in words(item.feedback)
    bank, blanks = corpus.find(FillBlank, "export-trap")
    assert qti_item(corpus.out, version, bank, blanks).correct == ["\\=", "0.84", "a*b"]


def interaction(out: Path, bank: Bank, question: Question) -> tuple[ET.Element, dict[str, str], list[str]]:
    """A QTI 2.1 item read with ElementTree: (its interaction, choice identifier → text, the correct response's values)."""
    root = ET.fromstring(qti_files(out, "2.1")[f"items/{anchor(bank.name, question.id)}.xml"])
    found = root.find(f"{Q21}itemBody/{Q21}orderInteraction")
    if found is None:
        found = root.find(f"{Q21}itemBody/{Q21}matchInteraction")
    assert found is not None
    texts = {
        c.get("identifier") or "": words("".join(c.itertext()))
        for c in found.iter()
        if c.tag in (f"{Q21}simpleChoice", f"{Q21}simpleAssociableChoice")
    }
    values = [v.text or "" for v in root.iterfind(f"{Q21}responseDeclaration/{Q21}correctResponse/{Q21}value")]
    assert root.find(f"{Q21}responseProcessing") is not None
    return found, texts, values


@pytest.mark.parametrize("which", ["real", "corpus"])
def test_qti_21_ordering_is_an_order_interaction_with_the_right_order(
    which: str, request: pytest.FixtureRequest
) -> None:
    done: Export = request.getfixturevalue(which)
    for bank, question in [(b, q) for b, q in done.questions() if isinstance(q, Ordering)]:
        found, texts, values = interaction(done.out, bank, question)
        assert found.tag == f"{Q21}orderInteraction" and found.get("shuffle") == "true"
        assert [texts[v] for v in values] == [seen(i) for i in question.items], question.id
        assert list(texts.values()) != [seen(i) for i in question.items], "written in the right order"


@pytest.mark.parametrize("which", ["real", "corpus"])
def test_qti_21_matching_pairs_each_prompt_with_its_answer(which: str, request: pytest.FixtureRequest) -> None:
    done: Export = request.getfixturevalue(which)
    for bank, question in [(b, q) for b, q in done.questions() if isinstance(q, Matching)]:
        found, texts, values = interaction(done.out, bank, question)
        assert found.tag == f"{Q21}matchInteraction"
        pairs = [tuple(texts[i] for i in v.split()) for v in values]
        assert pairs == [(seen(p.prompt), seen(p.answer)) for p in question.pairs], question.id
        sets = found.findall(f"{Q21}simpleMatchSet")
        offered = sorted(words("".join(c.itertext())) for c in sets[1])
        assert offered == sorted(seen(a) for a in question.answers)  # distractors included, each once
        assert all(c.get("matchMax") == ("0" if question.reuse else "1") for c in sets[1])


# ── GIFT, read back with gift-pegjs ───────────────────────────────────────────────────────────


def parse_gift(path: Path) -> list[dict[str, Any]]:
    """gift-pegjs's reading of a GIFT file; fails (never skips) without Node.js or the package."""
    if shutil.which("node") is None:
        raise AssertionError(
            "node is not installed: install Node.js and npm (Debian/Ubuntu: `sudo apt-get install nodejs npm`), "
            "then run `npm ci`. `make test` does the npm part for you."
        )
    require_npm_package(ROOT / "node_modules" / "gift-pegjs" / "package.json", "gift-pegjs")
    proc = subprocess.run(["node", str(GIFT_PARSER), str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"gift-pegjs cannot parse {path}:\n{proc.stderr}"
    parsed: list[dict[str, Any]] = json.loads(proc.stdout)
    return parsed


@pytest.fixture(scope="module")
def real_gift(real: Export) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for q in parse_gift(real.out / "moodle.gift") if q["type"] != "Category"}


@pytest.fixture(scope="module")
def corpus_gift(corpus: Export) -> dict[str, dict[str, Any]]:
    return {q["id"]: q for q in parse_gift(corpus.out / "moodle.gift") if q["type"] != "Category"}


def category(bank: Bank, question: Question) -> str:
    """The GIFT category a question is expected in: its bank's (or its pool's), a calculated question's its own."""
    pool = question.pool
    own = f"/{question.id}" if isinstance(question, Calculated) else ""
    return (f"{bank.name}/{pool.id}" if pool else bank.name) + own


def categories(done: Export) -> list[str]:
    return list(dict.fromkeys(c for b in done.banks for c in [b.name, *(category(b, q) for q in b.questions)]))


def gift_ids(done: Export) -> list[str]:
    """The GIFT questions expected, category by category: one per question, one per blank of a question with several."""
    out = []
    for name in categories(done):
        for bank, question in done.questions():
            if category(bank, question) != name:
                continue
            key = question_key(bank.name, question.id)
            if isinstance(question, Calculated):
                count = len(question.drawn)
                out += [f"{key} (variant {n} of {count})" for n in range(1, count + 1)]
                continue
            count = len(question.accepted) if isinstance(question, FillBlank) else 1
            out += [key] if count == 1 else [f"{key} (blank {n} of {count})" for n in range(1, count + 1)]
    return out


@pytest.mark.parametrize("which", ["real", "corpus"])
def test_every_gift_question_parses_in_its_bank_category(which: str, request: pytest.FixtureRequest) -> None:
    done: Export = request.getfixturevalue(which)
    parsed = parse_gift(done.out / "moodle.gift")
    assert [q["title"] for q in parsed if q["type"] == "Category"] == categories(done)
    expected = gift_ids(done)
    if which == "corpus":  # its only answer Moodle would misread ('a->b'): listed, and the blank kept for 'a*b'
        assert "export-trap#special-blanks (blank 3 of 3)" in expected
    assert [q["id"] for q in parsed if q["type"] != "Category"] == expected


def match_pairs(question: dict[str, Any]) -> list[tuple[str, str]]:
    r"""(prompt, answer) pairs as gift-pegjs reads them.

    gift-pegjs leaves an escaped character in a matching answer as its internal mark (`\\:` as
    `&&058;`, as Moodle's own parser marks it before it restores it): decoded here.
    """
    return [
        (words(p["subquestion"]["text"]), re.sub(r"&&(\d{3});", lambda m: chr(int(m.group(1))), p["subanswer"]))
        for p in question["matchPairs"]
    ]


def test_gift_matching_round_trips_with_distractors_as_extra_answers(corpus_gift: dict[str, dict[str, Any]]) -> None:
    q = corpus_gift["matching#terms"]
    assert q["type"] == "Matching"
    assert match_pairs(q) == [
        ("LoRA", "Trains small low-rank matrices added to a frozen model"),
        ("SFT", "Fine-tuning on prompts paired with the answers you want"),
        ("JSONL", "One JSON object on each line of a text file"),
        ("", "Scores the overlap of a summary with a reference summary"),  # the distractor
    ]
    assert words(q["globalFeedback"]["text"]) == "See the glossary."
    shared = corpus_gift["matching#categories"]
    assert [a for _, a in match_pairs(shared)] == ["Data", "Data", "Evaluate before deploying", "Monitor"]


def test_gift_ordering_is_a_matching_of_places_and_listed_among_the_losses(
    corpus: Export, corpus_gift: dict[str, dict[str, Any]]
) -> None:
    q = corpus_gift["ordering#pipeline"]
    assert q["type"] == "Matching"
    question = next(x for _, x in corpus.questions() if x.id == "pipeline")
    assert isinstance(question, Ordering)
    assert match_pairs(q) == list(zip(["1st", "2nd", "3rd", "4th", "5th"], question.items, strict=True))
    assert [a for _, a in match_pairs(corpus_gift["ordering#markup-items"])] == [
        "int8 weights",
        "fp16 weights",
        'fp32 weights: a "full" copy',
    ]
    gift = [line for line in corpus.report.loss_lines() if line.startswith("not exported to gift: ordering#pipeline")]
    assert gift and "ordering: GIFT has none, so a matching question" in gift[0]
    qti12 = corpus.report.loss_lines()
    assert any(
        line.startswith("not exported to qti-1.2: ordering#pipeline") and "ordering: this package holds" in line
        for line in qti12
    )
    assert any(
        line.startswith("not exported to qti-1.2: matching#terms") and "matching: this package holds" in line
        for line in qti12
    )


def choices(question: dict[str, Any]) -> list[tuple[bool, float | None, str, str | None]]:
    return [
        (c["isCorrect"], c["weight"], c["text"]["text"], c["feedback"]["text"] if c["feedback"] else None)
        for c in question["choices"]
    ]


def test_gift_single_choice_round_trips_with_every_special_character(corpus_gift: dict[str, dict[str, Any]]) -> None:
    q = corpus_gift["export-trap#special-single"]
    assert (q["type"], q["title"], q["stem"]["format"]) == ("MC", "export-trap#special-single", "html")
    assert q["stem"]["text"] == (
        '<p>"Escape me": which of ~ = # { } : and \\ does GIFT read as syntax? '
        "Think of <code>a = {b: c} # d ~ e \\ f</code>.</p>"
    )
    assert choices(q) == [
        (True, None, "All of ~ = # { } : and \\ itself", "Right: each takes a \\ before it, as in { or C:\\temp#1."),
        # A leading % or [ would read as a weight or a format: written as an entity.
        (
            False,
            None,
            "&#37;50 of them: only { and }",
            "No: = and ~ mark answers, # feedback, : a title or a tolerance.",
        ),
        (
            False,
            None,
            "&#91;plain] none: text is text",
            "No: in GIFT, #### starts the general feedback and x = 1 ~ 2 splits answers.",
        ),
    ]
    assert q["globalFeedback"]["text"] == (
        "<p>GIFT reads <code>=</code> <code>~</code> <code>#</code> <code>{</code> <code>}</code> <code>:</code> "
        "as syntax; a backslash escapes each, and itself: C:\\temp.</p>\n"
        "<p>A second paragraph keeps ~ = # { } : \\ as they are.</p>"
    )


def test_gift_multiple_choice_weights_share_100_and_wrong_ones_take_it_back(
    corpus_gift: dict[str, dict[str, Any]], real: Export, real_gift: dict[str, dict[str, Any]]
) -> None:
    q = corpus_gift["export-trap#special-multiple"]
    assert (
        q["stem"]["text"]
        == "<p>Which of these {braces}, #hashes and ~tildes: are written with a backslash in GIFT?</p>"
    )
    assert choices(q) == [
        (False, 33.33333, "<code>{x}</code> braces", "Yes: {x}."),
        (False, 33.33333, "a = b", None),
        (False, 33.33333, "x ~ y # z", "Yes: x \\~ y # z."),
        (False, -100, "plain words", "No special character: nothing to escape."),
    ]
    assert q["globalFeedback"]["text"] == (  # the empty line inside code stays in the question
        "<p>An empty line inside code must not end the question (a blank line ends one in GIFT):</p>\n"
        '<pre><code class="language-text">a = {b}\n\n# c ~ d\n</code></pre>'
    )
    bank, question = real.find(Multiple, "part-")
    assert isinstance(question, Multiple)
    parsed = real_gift[question_key(bank.name, question.id)]
    right = [c["weight"] for c in parsed["choices"] if c["weight"] > 0]
    assert len(right) == sum(o.correct for o in question.options) and sum(right) == pytest.approx(100, abs=0.001)
    assert [words(c["text"]["text"]) for c in parsed["choices"]] == [seen(o.text) for o in question.options]


def test_gift_true_false_keeps_its_answer_and_both_feedbacks(
    corpus_gift: dict[str, dict[str, Any]], real: Export, real_gift: dict[str, dict[str, Any]]
) -> None:
    # Moodle reads {T#a#b} as a: feedback on the wrong answer, b: on the right one; gift-pegjs
    # names the two slots trueFeedback and falseFeedback whatever the answer.
    q = corpus_gift["export-trap#special-true-false"]
    assert q["isTrue"] is False
    assert (
        q["stem"]["text"]
        == "<p>In GIFT, <code>C:\\temp</code> needs no escaping: ~ = # { } : \\ are all plain text.</p>"
    )
    assert q["trueFeedback"]["text"] == "No: C\\:\\temp, since : and \\ are syntax; {so} are = ~ #."  # the wrong answer
    assert q["falseFeedback"]["text"] == "Right: write C\\:\\temp; the backslash escapes : { } = ~ # and itself."
    bank, question = next((b, q) for b, q in real.questions() if isinstance(q, TrueFalse) and q.answer)
    assert isinstance(question, TrueFalse)
    parsed = real_gift[question_key(bank.name, question.id)]
    assert parsed["isTrue"] is True
    assert words(parsed["trueFeedback"]["text"]) == seen(question.feedback_false)  # the wrong answer, False
    assert words(parsed["falseFeedback"]["text"]) == seen(question.feedback_true)


def test_gift_blanks_round_trip_as_short_answer_and_numerical(corpus_gift: dict[str, dict[str, Any]]) -> None:
    first, second, third = (corpus_gift[f"export-trap#special-blanks (blank {n} of 3)"] for n in (1, 2, 3))
    assert (first["type"], first["hasEmbeddedAnswers"]) == ("Short", True)
    assert first["stem"]["text"] == (
        "<p>In GIFT {x}: a literal = is written (1) _____ , macro F1 is (2) _____ and ~ the last answer # is (3) _____.</p>"
    )
    assert choices(first) == [(True, None, "\\=", None), (True, None, "backslash equals", None)]
    assert (second["type"], second["choices"]) == ("Numerical", {"type": "range", "number": 0.84, "range": 0.01})
    assert choices(third) == [(True, None, "a\\*b", None)]  # \* is Moodle's literal star, * its wildcard
    number = corpus_gift["export-trap#special-number"]
    assert (number["type"], number["choices"]) == ("Numerical", {"type": "simple", "number": 512})
    assert number["stem"]["text"] == "<p>A file must stay below _____ MB: {size} # limit ~ check.</p>"
    one = corpus_gift["practice#numbers (blank 3 of 3)"]
    assert choices(one) == [(True, None, "ONNX Runtime", None), (True, None, "ONNXRuntime", None)]


def test_gift_written_task_is_an_essay_with_what_students_see(corpus_gift: dict[str, dict[str, Any]]) -> None:
    q = corpus_gift["export-trap#special-task"]
    assert (q["type"], q["title"]) == ("Essay", "Trap: ~ = # { } \\ and :: (export-trap#special-task)")
    assert q["stem"]["text"] == (
        "<p><strong>Trap: ~ = # { } \\ and ::</strong> (10–50 words)</p>"
        "<p>Explain why ~ = # { } : and \\ need escaping in GIFT.</p>"
        "<p>Answer in these parts:</p><ol><li>Part 1: the {special} characters (at most 30 words)</li></ol>"
        "<p>Check your draft against the rubric:</p><ul><li>Names each of ~ = # { } : \\</li></ul>"
    )


def test_gift_keeps_text_options_weights_and_feedback_of_every_real_choice_question(
    real: Export, real_gift: dict[str, dict[str, Any]]
) -> None:
    for bank, question in real.questions():
        if not isinstance(question, Choice | TrueFalse):
            continue
        parsed = real_gift[question_key(bank.name, question.id)]
        assert words(parsed["stem"]["text"]) == seen(question.question), question.id
        general = parsed["globalFeedback"]
        assert (words(general["text"]) if general else "") == seen(question.explanation), question.id
        if isinstance(question, Choice):
            got = [
                (words(c["text"]["text"]), words(c["feedback"]["text"]) if c["feedback"] else "")
                for c in parsed["choices"]
            ]
            assert got == [(seen(o.text), seen(o.feedback)) for o in question.options], question.id
            right = [c["isCorrect"] or (c["weight"] or 0) > 0 for c in parsed["choices"]]
            assert right == [o.correct for o in question.options], question.id


# ── Pools: every variant, and the draw where the format has one ─────────────────────────────


def test_a_pool_is_a_qti_21_section_selecting_its_draw_and_a_gift_category(corpus: Export) -> None:
    bank = next(b for b in corpus.banks if b.name == "pools")
    variants = [anchor(bank.name, q.id) for q in bank.questions if q.pool]
    test = ET.fromstring(qti_files(corpus.out, "2.1")["assessment.xml"])
    section = next(s for s in test.iter(f"{Q21}assessmentSection") if s.get("title") == "pools#lora-cost")
    selection = section.find(f"{Q21}selection")
    assert selection is not None and selection.get("select") == "1"
    assert [r.get("identifier") for r in section.iter(f"{Q21}assessmentItemRef")] == variants
    every = [r.get("identifier") or "" for r in test.iter(f"{Q21}assessmentItemRef")]
    assert sorted(every) == sorted(set(every)), "each item once"
    assert anchor("pools", "on-its-own") in every and anchor("pools", "on-its-own") not in variants
    lines = corpus.report.loss_lines()
    assert "not exported to qti-2.1: pool pools#lora-cost (every variant, in a section that selects 1)" in lines
    assert "not exported to qti-1.2: pool pools#lora-cost (every variant, with no draw: QTI 2.1 has the pools)" in lines
    assert any(
        line.startswith("not exported to gift: pool pools#lora-cost (every variant, in the category pools/lora-cost")
        for line in lines
    )


# ── The answer key ────────────────────────────────────────────────────────────────────────────


def test_answer_key_matches_golden(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    banks = load_banks(CORPUS / "good", CORPUS)
    done = export({name: banks[name] for name in KEY_BANKS}, tmp_path)
    actual = (done.out / "answer-key.md").read_text(encoding="utf-8")
    if request.config.getoption("--update-golden"):
        KEY_GOLDEN.parent.mkdir(exist_ok=True)
        KEY_GOLDEN.write_text(actual, encoding="utf-8")
    expected = KEY_GOLDEN.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "written"))
        pytest.fail(
            f"answer-key.md differs from {KEY_GOLDEN.name} (`pytest {__file__} --update-golden` if intended):\n{diff}"
        )


def test_answer_key_has_every_real_question_answer_and_tolerance(real: Export) -> None:
    key = (real.out / "answer-key.md").read_text(encoding="utf-8")
    for bank, question in real.questions():
        assert f"### {question_key(bank.name, question.id)} · " in key
        if isinstance(question, FillBlank):
            for accepted in question.accepted:
                for alternative in accepted.alternatives:
                    assert f"`{alternative}`" in key, alternative
                assert not accepted.tolerance or f"`{accepted.number} ± {accepted.tolerance}`" in key
        for text in [*question.hints, question.explanation]:
            assert text.strip() in key


def test_the_export_cannot_reach_the_site() -> None:
    docs = (ROOT / mkdocs_config().get("docs_dir", "docs")).resolve()
    dist = (ROOT / "dist").resolve()  # where `make export` writes
    assert docs not in (dist, *dist.parents), "dist/ must stay outside docs_dir, or the key would be published"
    assert "dist/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    pages = [*docs.rglob("*.md"), *(ROOT / "includes").rglob("*.md"), ROOT / "mkdocs.yml"]
    for page in pages:  # nothing includes it as a snippet or links to it either (prose may name it)
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"--8<--.*answer-key|\]\([^)]*answer-key", text), page


# ── What a format cannot hold ─────────────────────────────────────────────────────────────────


def test_losses_are_listed_per_format(corpus: Export) -> None:
    lines = corpus.report.loss_lines()
    for fmt in ("qti-1.2", "qti-2.1"):
        assert (
            f"not exported to {fmt}: export-trap#special-task (written task: the exporter holds choice and blank questions only)"
            in lines
        )
        assert any(line.startswith(f"not exported to {fmt}: export-trap#special-single (hints (1)") for line in lines)
        blanks = next(line for line in lines if line.startswith(f"not exported to {fmt}: export-trap#special-blanks"))
        assert (
            "the alternatives 'backslash equals'" in blanks and "the tolerance ± 0.01" in blanks and "'a->b'" in blanks
        )
        assert any(line.startswith(f"not exported to {fmt}: all-types#pick-several (select all") for line in lines)
    gift = {line.split(" (", 1)[0]: line for line in lines if line.startswith("not exported to gift:")}
    assert "hints (1): GIFT has none" in gift["not exported to gift: export-trap#special-single"]
    assert "the answer 'a->b'" in gift["not exported to gift: export-trap#special-blanks"]
    assert "answer boxes (1)" in gift["not exported to gift: export-trap#special-task"]
    assert "the fixed option order" in gift["not exported to gift: export-trap#special-multiple"]


def test_every_hint_written_task_and_lost_alternative_of_the_real_banks_is_listed(real: Export) -> None:
    lines = real.report.loss_lines()

    def listed(fmt: str, bank: Bank, question: Question, why: str) -> bool:
        start = f"not exported to {fmt}: {question_key(bank.name, question.id)} ("
        return any(line.startswith(start) and why in line for line in lines)

    for bank, question in real.questions():
        for fmt in ("qti-1.2", "qti-2.1", "gift"):
            if question.hints:
                assert listed(fmt, bank, question, f"hints ({len(question.hints)})"), (fmt, question.id)
        for fmt in ("qti-1.2", "qti-2.1"):
            if isinstance(question, WrittenTask):
                assert listed(fmt, bank, question, "written task"), (fmt, question.id)
            if isinstance(question, FillBlank):
                for n, accepted in enumerate(question.accepted, 1):
                    if accepted.others:
                        assert listed(fmt, bank, question, f"blank {n}: the alternatives"), (fmt, question.id)
                    if accepted.tolerance:
                        assert listed(fmt, bank, question, f"blank {n}: the tolerance"), (fmt, question.id)


def test_a_blank_question_mentioning_the_exporters_placeholder_is_listed_not_mangled(tmp_path: Path) -> None:
    source = "questions:\n  - id: curly\n    type: fill-blank\n    question: 'Jinja writes {{BLANK_0}} and the answer is [[x]].'\n"
    bank = load_bank_text(source, name="curly", shown="quizzes/curly.yml")
    done = export({"curly": bank}, tmp_path)
    assert "not exported to qti-1.2: curly#curly (its text has '{{BLANK_', which the exporter reads as a blank)" in (
        done.report.loss_lines()
    )
    assert "items/quiz-curly--curly.xml" not in qti_files(tmp_path, "1.2")


def test_make_export_command_writes_dist_and_prints_the_losses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "-f", str(ROOT / "mkdocs.yml"), "-o", str(tmp_path / "dist")]) == 0
    out = capsys.readouterr().out
    for name in ("qti-1.2.zip", "qti-2.1.zip", "moodle.gift", "answer-key.md"):
        assert (tmp_path / "dist" / name).is_file()
        assert re.search(rf"^Wrote .*dist/{re.escape(name)}: ", out, re.M), out
    # The losses by kind, one line each with a count; each question's in a file beside the exports.
    assert re.search(
        r"^  hints: none of the formats has them: \d+ questions in qti-1\.2, qti-2\.1 and gift$", out, re.M
    ), out
    assert re.search(r"^  written tasks: QTI holds none .*: \d+ questions in qti-1\.2 and qti-2\.1$", out, re.M), out
    assert "not exported to" not in out
    summary = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(summary) == len({line.split(": ", 1)[0] for line in summary}) < 30, out
    listed = (tmp_path / "dist" / "export-losses.txt").read_text(encoding="utf-8").splitlines()
    assert re.search(r"^Wrote .*dist/export-losses\.txt: ", out, re.M), out
    assert any(re.match(r"not exported to qti-1\.2: \S+#\S+ \(written task: ", line) for line in listed), listed
    assert len([line for line in listed if line.startswith("not exported to")]) > len(summary)
