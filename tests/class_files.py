"""Synthetic progress files for the class report's tests and benchmark: a seeded, reproducible class.

Each student has an ability; each question a difficulty; a student is right at first try with a
logistic chance of the two, and otherwise tries again until right (nine in ten do). A wrong first
choice goes to the distractors by their pull, unequal, one of them a near miss that tempts the
stronger students more; confidence follows the chance of being right, with noise. Four questions are planted:
- mis-keyed: a single choice whose key is wrong: the stronger a student, the likelier they choose
  the truly right (but unkeyed) option, and are marked wrong; the others mostly choose the key;
- dead distractor: one wrong option nobody ever chooses, on a hard question (many wrong answers);
- easy: everyone is right at first try;
- overconfident: everyone answers "Sure", and most are wrong (all with the same wrong text, when
  it is a blank), then tries again until right, still Sure: only the first answers show it.
Files are version 3 (with `learner`, `first` and `firstConfidence`) unless asked for an older one. No names anywhere:
learner ids are random hex, files are named student-NN.json.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from quizbank.ids import question_key, text_key
from quizbank.model import Bank, Question
from quizbank.report.collect import Course, Handed
from quizbank.report.progress_file import read_progress
from quizbank.types.written_task import WrittenTask

T = TypeVar("T")
SAME_WRONG_TEXT = "GPU hours"
HAND_COURSE = Course("Hand class", "/hand/")


@dataclass(frozen=True)
class Plants:
    mis_keyed: str
    truly_right: str  # the option key the strong students choose on the mis-keyed question
    dead: str
    dead_option: str  # the option key nobody chooses
    easy: str
    overconfident: str


def choose_plants(banks: dict[str, Bank]) -> Plants:
    """The first suitable questions of the banks: two singles with 3+ options, a true-false, a one-blank fill-in."""
    questions = [(b, q) for b in banks.values() for q in b.questions]
    singles = [(b, q) for b, q in questions if q.type == "single" and len(q.report_options()) >= 3]
    easy = next((b, q) for b, q in questions if q.type == "true-false")
    blank = next((b, q) for b, q in questions if q.type == "fill-blank" and len(q.samples().right) == 1)
    (mb, mq), (db, dq) = singles[0], singles[1]
    wrong_m = [key for key, _, right in mq.report_options() if not right]
    wrong_d = [key for key, _, right in dq.report_options() if not right]
    return Plants(
        mis_keyed=question_key(mb.name, mq.id),
        truly_right=wrong_m[0],
        dead=question_key(db.name, dq.id),
        dead_option=wrong_d[-1],
        easy=question_key(easy[0].name, easy[1].id),
        overconfident=question_key(blank[0].name, blank[1].id),
    )


_MEMO: dict[tuple[int, str], tuple[object, Any]] = {}


def _once(q: Question, what: str, make: Callable[[], T]) -> T:
    """What a question gives every student alike, worked out once (a class of 1,000 asks 60,000 times)."""
    hit = _MEMO.get((id(q), what))
    if hit is None or hit[0] is not q:
        hit = _MEMO[(id(q), what)] = (q, make())
    return cast(T, hit[1])


def _right_answer(q: Question) -> list[str]:
    return list(_once(q, "right", lambda: _keyed(q)))


def _keyed(q: Question) -> list[str]:
    """The right answer: the right options in bank order, or the type's own right sample (calculated: its first variant)."""
    options = q.report_options()
    return [key for key, _, right in options if right] if options else list(q.samples().right)


def _wrong_answer(q: Question, rng: random.Random, avoid: str, ability: float) -> list[str]:
    """A wrong first answer, as students give them: distractors are not equally tempting.

    Each question's distractors have their own pull (0.35 to 1, fixed per question), and one of them
    tempts the stronger students more (a near miss): a sound question, hard for good reasons.
    """
    if q.type == "fill-blank":  # typed: wrong texts that vary (a class does not all type the same)
        return [f"wrong guess {rng.randrange(100)}" for _ in _right_answer(q)]
    if q.type == "calculated":  # its first variant, a number below zero (no answer of the course is)
        return [_right_answer(q)[0], str(-rng.randrange(1, 1000))]
    if not q.report_options():  # arranged (ordering, matching): the type's partly right samples, two neighbours swapped
        partial = _once(q, "partial", lambda: q.samples().partial)
        return list(partial[rng.randrange(len(partial))])
    options: list[str] = _once(q, "options", lambda: [key for key, _, right in q.report_options() if not right])
    wrong = [key for key in options if key != avoid]
    pulls = random.Random(f"pull:{q.id}:{q.question}:{avoid}")
    weights = [pulls.uniform(0.35, 1.0) for _ in wrong]
    near = pulls.randrange(len(wrong))
    weights[near] *= math.exp(0.8 * ability)
    pick = rng.choices(wrong, weights)[0]
    if q.type == "multiple":
        return sorted({*_right_answer(q)[1:], pick})
    return [pick]


def _record(
    q: Question, first: list[str], first_right: bool, confidence: str, hints: int, version: int, *, retry: bool = True
) -> dict[str, Any]:
    """A record as the site saves it; a student wrong at first tries again and is right, unless `retry` is False."""
    fp, key = _once(q, "identity", q.identity)
    stopped = not first_right and not retry
    record: dict[str, Any] = {
        "fp": fp,
        "key": key,
        "kind": q.type,
        "answer": first if first_right or stopped else _right_answer(q),
        "correct": not stopped,
        "attempts": 1 if first_right or stopped else 2,
        "wrong": 0 if first_right else 1,
        "hinted": False,
        "hints": hints,
        "confidence": confidence,
        "box": 1,
        "due": 0,
        "updated": 1_790_000_000_000,
    }
    if version >= 2:
        record["first"] = first
    if version >= 3:
        record["firstConfidence"] = confidence
    return record


def student_file(
    banks: dict[str, Bank], plants: Plants, rng: random.Random, *, version: int = 3, drafts: bool = True
) -> dict[str, Any]:
    """One student's progress file, as the site would write it (`drafts`: with a draft of each written task)."""
    ability = rng.gauss(0, 1)
    # Each question draws from its own generator, seeded by the student and the question: adding a
    # question to a bank leaves every other question's answers as they were.
    student = rng.getrandbits(64)
    results: dict[str, Any] = {}
    texts: dict[str, Any] = {}
    for bank in banks.values():
        for q in bank.questions:
            key = question_key(bank.name, q.id)
            if q.role == "written-task":
                assert isinstance(q, WrittenTask)
                words = max(0, int(rng.gauss(180, 60)))
                if drafts:
                    texts[key] = {
                        "v": 2,
                        "fields": {b.id: "word " * words for b in q.boxes},
                        "rubric": {},
                        "updated": 1,
                    }
                continue
            qrng = random.Random(f"{student}:{key}")
            if qrng.random() > 0.9:
                continue
            difficulty = (sum(map(ord, key)) % 11) / 4 - 1.2  # fixed per question, −1.2 (easy) … 1.3 (hard)
            if key == plants.dead:
                difficulty = 1.0  # a hard question: enough wrong answers to show that one option draws none
            p_right = 1 / (1 + math.exp(-(1.8 * ability - difficulty)))
            # Confidence follows the chance of being right, roughly: Sure answers are mostly right, not all.
            felt = p_right + qrng.gauss(0, 0.1)
            confidence = "sure" if felt > 0.85 else "unsure" if felt > 0.5 else "guess"
            right = qrng.random() < p_right
            first = _right_answer(q) if right else _wrong_answer(q, qrng, plants.dead_option, ability)
            if key == plants.mis_keyed:  # who knows picks the truly right option, which the key calls wrong
                if qrng.random() < 1 / (1 + math.exp(-(2.5 * ability - difficulty))):
                    first = [plants.truly_right]
                elif qrng.random() < 0.7:
                    first = _right_answer(q)  # the keyed option, the most tempting of the others
                else:
                    first = _wrong_answer(q, qrng, plants.truly_right, ability)
                right = first == _right_answer(q)
            elif key == plants.easy:
                right, first = True, _right_answer(q)
            elif key == plants.overconfident:  # sure, mostly wrong the same way, then retrying until right
                confidence = "sure"
                right = qrng.random() < 0.1 + 0.3 * p_right
                first = _right_answer(q) if right else [SAME_WRONG_TEXT]
            hints = 1 if qrng.random() < 0.1 else 0
            retry = key == plants.overconfident or qrng.random() < 0.9
            results[key] = _record(q, first, right, confidence, hints, version, retry=retry)
    data: dict[str, Any] = {
        "format": "quizbank-progress",
        "version": version,
        "course": "",
        "site": "",
        "saved": "2026-11-20T10:00:00.000Z",
        "results": results,
        "drafts": texts,
    }
    if version >= 2:
        data["learner"] = f"{rng.getrandbits(64):016x}"
    return data


def generated_class(banks: dict[str, Bank], *, students: int = 40, seed: int = 18) -> tuple[list[Handed], Plants]:
    """A class read straight from memory, as the report reads the files (no drafts: the flags' tests need none)."""
    rng = random.Random(seed)
    plants = choose_plants(banks)
    files = []
    for n in range(1, students + 1):
        data = json.dumps(student_file(banks, plants, rng, drafts=False)).encode()
        files.append(Handed(f"file {n} of {students}", str(n), read_progress(data)))
    return files, plants


def write_class(
    folder: Path, banks: dict[str, Bank], *, course: str, site: str, students: int = 40, seed: int = 18
) -> Plants:
    """`students` files in `folder` (student-01.json, …), for the course named `course`; the plants."""
    rng = random.Random(seed)
    plants = choose_plants(banks)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, students + 1):
        data = student_file(banks, plants, rng)
        data["course"], data["site"] = course, site
        (folder / f"student-{n:02d}.json").write_text(json.dumps(data), encoding="utf-8")
    return plants


# ── A small class written by hand, on tests/corpus/good/all-types.yml and written-task.yml ──

A = text_key("It reduces the need for computational resources")
B = text_key("It avoids using training data")
LORA, FULL = text_key("LoRA"), text_key("Full fine-tuning")
TRUE, FALSE = text_key("True"), text_key("False")


def rec(banks: dict[str, Bank], qid: str, **fields: Any) -> dict[str, Any]:
    fp, key = banks["all-types"].get(qid).identity()  # type: ignore[union-attr]
    base = {"fp": fp, "key": key, "kind": banks["all-types"].get(qid).type, "confidence": None}  # type: ignore[union-attr]
    return {**base, **fields}


def small_class(banks: dict[str, Bank]) -> list[dict[str, Any]]:
    """Four students' files, written out by hand (tests/unit/test_class_report_stats.py works them out on paper)."""
    k, m, t, f = (f"all-types#{q}" for q in ("key-benefit", "pick-several", "no-eval-needed", "runtime-name"))

    def file(version: int, learner: str, results: dict[str, Any], drafts: dict[str, Any]) -> dict[str, Any]:
        data = {"format": "quizbank-progress", "version": version, "course": HAND_COURSE.name, "site": HAND_COURSE.path}
        data |= {"saved": "2026-11-20T10:00:00Z", "results": results, "drafts": drafts}
        return data | ({"learner": learner} if version == 2 else {})

    right1 = {"attempts": 1, "wrong": 0, "correct": True}
    s1 = file(
        2,
        "1" * 16,
        {
            k: rec(banks, "key-benefit", answer=[A], first=[A], confidence="sure", **right1),
            m: rec(banks, "pick-several", answer=[LORA], first=[LORA], confidence="sure", **right1),
            t: rec(
                banks,
                "no-eval-needed",
                answer=[FALSE],
                first=[TRUE],
                correct=True,
                attempts=2,
                wrong=1,
                confidence="unsure",
            ),
            f: rec(
                banks, "runtime-name", answer=["onnx  runtime"], first=["onnx  runtime"], confidence="sure", **right1
            ),
            "all-types#gone": rec(banks, "key-benefit", answer=[A], **right1),
        },
        {"written-task#evaluation-reflection": {"fields": {"answer": "fine-tuning — e.g. 200 " * 40}}},
    )
    s2 = file(
        2,
        "2" * 16,
        {
            k: rec(banks, "key-benefit", answer=[A], first=[B], correct=True, attempts=2, wrong=1, confidence="unsure"),
            m: rec(
                banks,
                "pick-several",
                answer=[LORA, FULL],
                first=[LORA, FULL],
                correct=False,
                attempts=1,
                wrong=1,
                confidence="sure",
            ),
            t: rec(
                banks,
                "no-eval-needed",
                answer=[FALSE],
                first=[FALSE],
                confidence="guess",
                hinted=True,
                hints=1,
                **right1,
            ),
            f: rec(
                banks,
                "runtime-name",
                answer=["TensorRT"],
                first=["TensorRT"],
                correct=False,
                attempts=1,
                wrong=1,
                confidence="sure",
            ),
        },
        {"written-task#application-task": {"fields": {"task-1": "a b c", "task-2": "x " * 90}}},
    )
    s3 = file(
        1,
        "",
        {
            k: rec(banks, "key-benefit", answer=[A], confidence="sure", **right1),
            m: rec(banks, "pick-several", answer=[LORA], correct=True, attempts=2, wrong=1),
            t: rec(banks, "no-eval-needed", answer=[FALSE], confidence="sure", **right1),
            f: rec(
                banks, "runtime-name", answer=[" tensorrt "], correct=False, attempts=1, wrong=1, confidence="guess"
            ),
        },
        {"written-task#evaluation-reflection": {"fields": {"answer": "  "}}},
    )
    s4 = file(
        2,
        "4" * 16,
        {
            k: rec(banks, "key-benefit", fp="0000000000", answer=[A], first=[A], **right1),  # reworded since
            m: rec(banks, "pick-several", answer=[LORA], first=[LORA], confidence="unsure", **right1),
            t: rec(
                banks,
                "no-eval-needed",
                answer=[TRUE],
                first=[TRUE],
                correct=False,
                attempts=1,
                wrong=1,
                confidence="sure",
            ),
            # Answered against an older key that refused "ONNX Runtime": marked again, it is right.
            f: rec(
                banks,
                "runtime-name",
                key="old",
                answer=["ONNX Runtime"],
                first=["ONNX Runtime"],
                correct=False,
                attempts=1,
                wrong=1,
                confidence="unsure",
            ),
        },
        {},
    )
    return [s1, s2, s3, s4]
