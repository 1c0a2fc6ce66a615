"""The class report's figures: a small class computed by hand, and a generated class with planted problems.

The small class is four hand-written files (tests/class_files.py `small_class`) on
tests/corpus/good/all-types.yml (K: a single choice, M: a multiple choice, T: a true-false, F: a
fill-in) and written-task.yml; the expected values below were worked out on paper from the
files, not by running the code.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

import pytest

from class_files import FALSE, FULL, HAND_COURSE, LORA, TRUE, A, B, generated_class, small_class, write_class
from quizbank import load_banks
from quizbank.model import Bank, Question
from quizbank.report.collect import Course, collect
from quizbank.report.flags import MIN_N, flags_for
from quizbank.report.stats import ClassStats, ItemStats, class_stats
from quizbank.types.matching import Matched
from quizbank.types.ordering import Placed
from support import CORPUS, ROOT, SITE_PATH, mkdocs_config


@pytest.fixture(scope="module")
def banks() -> dict[str, Bank]:
    return load_banks(CORPUS / "good", CORPUS)


@pytest.fixture(scope="module")
def hand(banks: dict[str, Bank], tmp_path_factory: pytest.TempPathFactory) -> ClassStats:
    folder = tmp_path_factory.mktemp("hand")
    for n, data in enumerate(small_class(banks), 1):
        (folder / f"s{n}.json").write_text(json.dumps(data), encoding="utf-8")
    found = collect(folder, HAND_COURSE)
    assert not found.skipped, found.skipped
    return class_stats(found.files, banks)


def item(stats: ClassStats, qid: str) -> ItemStats:
    return next(i for i in stats.items if i.key == f"all-types#{qid}")


def test_counts_of_the_small_class(hand: ClassStats) -> None:
    assert hand.students == 4 and hand.unknown == 1 and hand.versions == {1: 1, 2: 3}
    k, m, t, f = (item(hand, q) for q in ("key-benefit", "pick-several", "no-eval-needed", "runtime-name"))
    # (n, changed, re-keyed, first known, right first, right in the end, hinted)
    assert (k.n, k.changed, k.rekeyed, k.first_known, k.first_right, k.final_right, k.hinted) == (3, 1, 0, 3, 2, 3, 0)
    assert (m.n, m.changed, m.rekeyed, m.first_known, m.first_right, m.final_right, m.hinted) == (4, 0, 0, 4, 2, 3, 0)
    assert (t.n, t.changed, t.rekeyed, t.first_known, t.first_right, t.final_right, t.hinted) == (4, 0, 0, 4, 1, 3, 1)
    assert (f.n, f.changed, f.rekeyed, f.first_known, f.first_right, f.final_right, f.hinted) == (4, 0, 1, 4, 2, 2, 0)


def test_confidence_and_calibration_of_the_small_class(hand: ClassStats) -> None:
    """Calibration is judged on first answers: their confidence where the file holds it, and their mark.

    Version 2 and 1 files hold the first answer's confidence only when the question was answered once
    (and not cleared since): S1's T and S2's K were answered twice, S3's M too: left out.
    """
    k, m, t, f = (item(hand, q) for q in ("key-benefit", "pick-several", "no-eval-needed", "runtime-name"))
    assert k.confidence == {"sure": 2} and k.right_by_confidence == {"sure": 2}
    assert m.confidence == {"sure": 2, "unsure": 1}
    assert m.right_by_confidence == {"sure": 1, "unsure": 1}
    assert t.confidence == {"guess": 1, "sure": 2}
    assert t.right_by_confidence == {"guess": 1, "sure": 1}
    assert f.confidence == {"sure": 2, "guess": 1, "unsure": 1}
    assert f.right_by_confidence == {"sure": 1, "guess": 0, "unsure": 1}, "S4's re-marked first answer is right"


def test_first_answers_of_the_small_class(hand: ClassStats) -> None:
    k, m, t, f = (item(hand, q) for q in ("key-benefit", "pick-several", "no-eval-needed", "runtime-name"))
    assert (k.first_answers, k.options) == (3, {A: 2, B: 1}), "the v1 file's only answer is its first"
    assert (m.first_answers, m.options) == (3, {LORA: 3, FULL: 1}), "the v1 file answered twice: its first is unknown"
    assert (t.first_answers, t.options) == (4, {TRUE: 2, FALSE: 2})
    assert f.tally.common_wrong() == [("the blank", {"tensorrt": 2})], (
        "wrong blanks are grouped as the site compares them"
    )


def test_discrimination_of_the_small_class(hand: ClassStats) -> None:
    # Right at first try (K, M, T, F): S1 1 1 0 1; S2 0 0 0 0; S3 1 0 1 0; S4 – 1 0 1.
    # K: x = 1, 0, 1 against the rest 2/3, 0, 1/3 → r = √3/2.
    # T: x = 0, 0, 1, 0 against 1, 0, 1/3, 1 → r = −1/3.
    # M: x = 1, 0, 0, 1 against 2/3, 0, 2/3, 1/2 → r = 6/√172.
    assert item(hand, "key-benefit").discrimination == pytest.approx(math.sqrt(3) / 2)
    assert item(hand, "no-eval-needed").discrimination == pytest.approx(-1 / 3)
    assert item(hand, "pick-several").discrimination == pytest.approx(6 / math.sqrt(172))


def test_the_small_class_as_a_whole(hand: ClassStats) -> None:
    """Right at first try (K, M, T, F): S1 1 1 0 1; S2 0 0 0 0; S3 1 0 1 0; S4 – 1 0 1.

    Variances: K 1/3 (S1–S3), M 1/3, T 1/4, F 1/3 (all four). Covariances: K with M, T and F 1/6 each
    (S1–S3); M with T −1/6, M with F 1/3, T with F −1/6 (all four). The score's variance is
    5/4 + 2 · 1/2 = 9/4; alpha = 4/3 · (1 − (5/4)/(9/4)) = 16/27; SEM = √(9/4 · 11/27) = √(11/12).
    """
    whole = hand.whole
    assert (whole.students, whole.questions, whole.answered) == (4, 4, 15 / 16)
    assert whole.alpha == pytest.approx(16 / 27)
    assert whole.sem == pytest.approx(math.sqrt(11 / 12))
    assert whole.scores == pytest.approx((3 / 4, 0.0, 1 / 2, 2 / 3))


def test_word_counts_of_the_small_class(hand: ClassStats) -> None:
    reflection = next(t for t in hand.tasks if t.key == "written-task#evaluation-reflection")
    application = next(t for t in hand.tasks if t.key == "written-task#application-task")
    assert reflection.totals == [120], "an empty draft is not described; 'fine-tuning — e.g. 200' is 3 words"
    assert application.totals == [93] and application.boxes == {"task-1": [3], "task-2": [90]}


def test_nothing_is_flagged_below_the_minimum(hand: ClassStats) -> None:
    assert all(i.n < MIN_N for i in hand.items)
    assert not any(flags_for(i) for i in hand.items)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[ClassStats, Any]:
    """40 generated students on the real banks, for the real course."""
    banks = load_banks(ROOT / "quizzes", ROOT)
    folder = tmp_path_factory.mktemp("class")
    name = mkdocs_config()["site_name"]
    plants = write_class(folder, banks, course=name, site=SITE_PATH)
    found = collect(folder, Course(name, SITE_PATH))
    assert len(found.files) == 40 and not found.skipped
    return class_stats(found.files, banks), plants


def test_each_planted_problem_is_flagged(generated: tuple[ClassStats, Any]) -> None:
    stats, plants = generated
    flagged = {i.key: {f.name for f in flags_for(i)} for i in stats.items}
    assert "mis-keyed" in flagged[plants.mis_keyed]
    assert "dead-distractor" in flagged[plants.dead]
    assert "easy" in flagged[plants.easy]
    assert "overconfident" in flagged[plants.overconfident]
    over = next(i for i in stats.items if i.key == plants.overconfident)
    assert over.final_right == over.n, "every Sure-but-wrong student tried again until right: only first answers tell"
    assert "same-wrong-blank" in flagged[plants.overconfident]
    mis_keyed = [k for k, kinds in flagged.items() if "mis-keyed" in kinds]
    assert mis_keyed == [plants.mis_keyed], "sound questions are not called mis-keyed"


def test_flags_read_from_the_most_serious_and_the_best_founded(generated: tuple[ClassStats, Any]) -> None:
    from quizbank.report.flags import SEVERITY
    from quizbank.report.table import flagged

    stats, plants = generated
    found = flagged(stats.items)
    assert found[0][0].key == plants.mis_keyed and found[0][1].name == "mis-keyed", "the wrong key comes first"
    order = [(SEVERITY.index(flag.name), flag.p) for _, flag in found]
    assert order == sorted(order), "by severity, then by evidence, never by bank order"
    assert [flag.name for _, flag in found][-1] == "easy"


def test_twenty_classes_of_forty_keep_every_planted_flag_and_raise_few_unplanted_ones() -> None:
    """The issue's bar: no unplanted "mis-keyed" in twenty classes of 40, at most one unplanted dead distractor a class.

    Each class is generated from the real banks with its own seed (tests/class_files.py): unequal
    distractors, a near miss that tempts stronger students, hard and easy questions, students who
    skip a tenth of the questions: the flags must hold on what is planted and stay quiet elsewhere.
    """
    banks = load_banks(ROOT / "quizzes", ROOT)
    unplanted: list[tuple[int, str, str]] = []
    for seed in range(20):
        files, plants = generated_class(banks, students=40, seed=500 + seed)
        stats = class_stats(files, banks)
        found = {(i.key, f.name) for i in stats.items for f in flags_for(i)}
        planted = {
            (plants.mis_keyed, "mis-keyed"),
            (plants.dead, "dead-distractor"),
            (plants.easy, "easy"),
            (plants.overconfident, "overconfident"),
            (plants.overconfident, "same-wrong-blank"),
        }
        assert planted <= found, (seed, planted - found)
        unplanted += [(seed, key, kind) for key, kind in found - planted]
    assert not [u for u in unplanted if u[2] == "mis-keyed"], unplanted
    dead = [u for u in unplanted if u[2] == "dead-distractor"]
    assert len(dead) <= 20, dead
    assert len(unplanted) - len(dead) <= 5, unplanted


def test_the_dead_distractor_is_named_and_the_wrong_blank_shown(generated: tuple[ClassStats, Any]) -> None:
    stats, plants = generated
    dead = next(i for i in stats.items if i.key == plants.dead)
    reason = next(f.reason for f in flags_for(dead) if f.name == "dead-distractor" and "“" in f.reason)
    assert reason.startswith("no first answer chose")
    over = next(i for i in stats.items if i.key == plants.overconfident)
    blank = next(f for f in flags_for(over) if f.name == "same-wrong-blank")
    assert blank.examples[0][0] == "gpu hours", blank.examples
    assert all(count >= 2 for _, count in blank.examples), "one student's answer is not shown"


def test_a_wrong_option_is_called_the_key_only_when_it_draws_stronger_students_beyond_chance(
    banks: dict[str, Bank],
) -> None:
    """A lead of one student in the strongest third is no evidence; a gap chance rarely gives is, if r agrees."""
    bank = banks["all-types"]
    question = bank.get("key-benefit")
    assert question is not None

    def flagged(chose_b: list[float], right: list[float], r: float, n: int) -> list[str]:
        item = ItemStats("all-types#key-benefit", bank, question, n=n, first_known=n, first_right=n // 2)
        item.discrimination, item.discrimination_n = r, n
        item.rest_by_option = {B: chose_b, A: right}
        item.rest_right = right
        item.strong_n, item.strong_options = 11, Counter({B: 4, A: 3})
        return [f.reason for f in flags_for(item) if f.name == "mis-keyed"]

    # The case: "4 of 11 vs 3" in the strongest third, those who chose B barely stronger: no flag.
    assert flagged([0.6, 0.5, 0.7, 0.4, 0.55, 0.45], [0.5, 0.6, 0.45, 0.5, 0.55, 0.4], -0.05, 12) == []
    # Those who chose B do far better on the rest of the course, and r is negative: mis-keyed.
    strong, weak = [0.8, 0.85, 0.9, 0.75, 0.8, 0.95, 0.7], [0.3, 0.35, 0.2, 0.4, 0.25, 0.3]
    reasons = flagged(strong, weak, -0.45, 13)
    assert len(reasons) == 1 and "do better on the rest of the course" in reasons[0] and "(r = −0.45)" in reasons[0]
    # The same gap with a positive r: the two disagree, no flag.
    assert flagged(strong, weak, 0.32, 24) == []
    assert flagged(strong, weak, 0.05, 13) == []
    # r alone, far below what chance gives (−3/√n), flags any type.
    assert flagged([0.5, 0.5, 0.5], [0.5, 0.5, 0.5], -0.8, 25) != []


def test_an_ordering_or_matching_answer_is_marked_again_by_its_own_rule() -> None:
    from quizbank import load_bank_text
    from quizbank.ids import text_key

    bank = load_bank_text(
        """questions:
  - id: order
    type: ordering
    question: Order them.
    items: [a, b, c]
  - id: match
    type: matching
    question: Match them.
    pairs:
      - {prompt: x, answer: "1"}
      - {prompt: y, answer: "2"}
      - {prompt: z, answer: "3"}
""",
        name="b",
        shown="b.yml",
    )
    order, match = bank.questions

    def mark(question: Question, answer: tuple[str, ...]) -> bool | None:
        found = question.mark(question.grade(), list(answer))
        return None if found is None else found.correct

    assert mark(order, tuple(text_key(t) for t in "abc")) is True
    assert mark(order, tuple(text_key(t) for t in "bac")) is False
    assert mark(match, tuple(text_key(t) for t in "123")) is True
    assert mark(match, (text_key("1"), "", text_key("3"))) is False


def test_discriminative_efficiency_thirds_and_each_options_r_of_the_small_class(hand: ClassStats) -> None:
    # K: x = 1, 0, 1 (S1, S2, S3) against the rest 2/3, 0, 1/3: means 2/3 and 1/3; Σ(x − x̄)(y − ȳ) = 1/9 + 2/9 = 1/3;
    # sorted alike (0, 1, 1 against 0, 1/3, 2/3) the same 1/3: efficiency 1.
    # T: x = 0, 0, 1, 0 against 1, 0, 1/3, 1: means 1/4 and 7/12; the sum is −1/4; sorted, 5/12: efficiency −3/5.
    k, t = item(hand, "key-benefit"), item(hand, "no-eval-needed")
    assert k.efficiency == pytest.approx(1.0) and k.discrimination_n == 3
    assert t.efficiency == pytest.approx(-3 / 5) and t.discrimination_n == 4
    # Ranked by the rest: S1 (2/3), S3 (1/3), S2 (0); a third is one student: S1 chose A first, S2 chose B.
    assert (k.strong_n, k.strong_options, k.weak_n, k.weak_options) == (1, {A: 1}, 1, {B: 1})
    # A chosen first by S1 and S3, B by S2: A's point-biserial is K's own, B's its opposite.
    assert k.option_r[A] == pytest.approx(math.sqrt(3) / 2)
    assert k.option_r[B] == pytest.approx(-math.sqrt(3) / 2)


def test_partial_credit_of_the_small_class(hand: ClassStats) -> None:
    # M (LoRA right, Full fine-tuning wrong), first answers: S1 LoRA (both set right: 1), S2 both ticked (1/2),
    # S4 LoRA (1); S3's first is unknown.
    m = item(hand, "pick-several")
    assert m.first_answers == 3 and m.credit == pytest.approx(2.5)


MIXED = """questions:
  - id: order
    type: ordering
    question: Order them.
    items: [a, b, c, d]
  - id: match
    type: matching
    question: Match them.
    pairs:
      - {prompt: x, answer: "1"}
      - {prompt: y, answer: "2"}
      - {prompt: z, answer: "3"}
    distractors: ["4"]
  - id: pick
    type: multiple
    question: Pick.
    options:
      - {text: p, correct: true}
      - {text: q, correct: true}
      - {text: r}
  - id: blanks
    type: fill-blank
    question: "[[one]] and [[two]] and [[three]]."
"""


def test_partial_credit_and_the_random_guess_score_by_kind() -> None:
    from quizbank import load_bank_text
    from quizbank.ids import text_key as tk

    order, match, pick, blanks = load_bank_text(MIXED, name="b", shown="b.yml").questions

    def credit(question: Question, answer: tuple[str, ...]) -> float | None:
        found = question.mark(question.grade(), list(answer))
        return None if found is None else found.credit

    assert credit(order, tuple(tk(t) for t in "abdc")) == 0.5, "a and b in place, c and d swapped"
    assert credit(order, tuple(tk(t) for t in "dcba")) == 0.0
    assert credit(match, (tk("1"), tk("4"), "")) == pytest.approx(1 / 3), "x right; y took the distractor; z none"
    assert credit(pick, (tk("p"), tk("r"))) == pytest.approx(1 / 3), "p ticked right; q left and r ticked, wrong"
    assert credit(pick, (tk("p"), tk("q"))) == 1.0
    assert credit(blanks, ("One", "three", "three")) == pytest.approx(2 / 3)
    assert credit(blanks, ("one",)) == 0.0, "an answer of another shape (one text for three blanks) is not right"
    # A blind guess: 1 order in 4! = 24; each of 3 prompts one of 4 answers; one of the 2³ − 1 sets of ticks.
    assert order.guess_chance() == pytest.approx(1 / 24)
    assert match.guess_chance() == pytest.approx(1 / 64)
    assert pick.guess_chance() == pytest.approx(1 / 7)
    assert blanks.guess_chance() == 0.0


def test_where_students_put_each_item_and_which_answer_each_prompt_got() -> None:
    from quizbank import load_bank_text
    from quizbank.ids import text_key as tk
    from quizbank.report.collect import Handed
    from quizbank.report.progress_file import read_progress

    bank = load_bank_text(MIXED, name="b", shown="b.yml")
    order, match = bank.questions[:2]

    def student(n: int, ordered: str, matched: tuple[str, str, str]) -> Handed:
        results: dict[str, dict[str, Any]] = {}
        for q, first in ((order, [tk(t) for t in ordered]), (match, [tk(t) if t else "" for t in matched])):
            fp, key = q.identity()
            results[f"b#{q.id}"] = {"fp": fp, "key": key, "kind": q.type, "answer": first, "first": first}
            results[f"b#{q.id}"] |= {"correct": False, "attempts": 1, "wrong": 1}
        data = {"format": "quizbank-progress", "version": 3, "learner": f"{n:016x}", "results": results, "drafts": {}}
        return Handed(f"file {n} of 3", str(n), read_progress(json.dumps(data).encode()))

    files = [
        student(1, "abdc", ("1", "4", "")),
        student(2, "bacd", ("1", "2", "4")),
        student(3, "abcd", ("3", "2", "1")),
    ]
    stats = class_stats(files, {"b": bank})
    placed, matched = (next(i for i in stats.items if i.key == f"b#{q}") for q in ("order", "match"))
    # Item a (first in the right order) was put first twice and second once; d last once, third once, last once.
    assert isinstance(placed.tally, Placed) and isinstance(matched.tally, Matched)
    assert placed.tally.placed[0] == {0: 2, 1: 1} and placed.tally.placed[3] == {2: 1, 3: 2}
    assert matched.tally.matched[0] == {tk("1"): 2, tk("3"): 1}
    assert matched.tally.matched[1] == {tk("4"): 1, tk("2"): 2}
    assert matched.tally.matched[2] == {"": 1, tk("4"): 1, tk("1"): 1}
    assert placed.credit == pytest.approx(0.5 + 0.5 + 1.0)


def test_a_distractor_is_called_dead_only_on_enough_wrong_picks_and_never_when_nearly_all_were_right(
    banks: dict[str, Bank],
) -> None:
    """#33 item 4: zero picks must be unlikely by chance, and a question nearly all got right is never judged."""
    bank = banks["practice"]
    question = bank.get("shuffled")
    assert question is not None
    options = question.report_options()
    right = next(key for key, _, correct in options if correct)
    wrong = [key for key, _, correct in options if not correct]
    assert len(wrong) == 3, options

    def dead(n: int, first_right: int) -> list[str]:
        """Every wrong first answer went to one distractor; the other two were never chosen."""
        item = ItemStats("practice#shuffled", bank, question, n=n, first_known=n, first_right=first_right)
        item.first_answers = n
        item.options = Counter({right: first_right, wrong[0]: n - first_right})
        return [f.reason for f in flags_for(item) if f.name == "dead-distractor"]

    # Half of a class of 40 wrong, all on one option: two options left unpicked is beyond chance.
    assert len(dead(40, 20)) == 2
    # Ten wrong picks: chance alone often leaves an option unpicked (the false flags). No flag.
    assert dead(40, 30) == []
    # A class of 400 where 92.5 % were right: 30 wrong picks would be evidence, but too few students
    # were wrong for a distractor's pull to matter; the same class at 75 % right is judged.
    assert dead(400, 370) == []
    assert len(dead(400, 300)) == 2
    # The reason says how rare, in words: 20 picks leave an option unpicked 0.8^20 = 1.2 % of the time.
    assert "unpicked once in 100 classes" in dead(40, 20)[0]


def test_how_rare_is_said_in_words() -> None:
    from quizbank.report.flags import _chance

    assert [_chance(p) for p in (0.0004, 0.0012, 0.0024, 0.0093, 0.012, 0.049)] == [
        "less than once in 1,000 classes",
        "once in 1,000 classes",
        "twice in 1,000 classes",
        "9 times in 1,000 classes",
        "once in 100 classes",
        "5 times in 100 classes",
    ]
