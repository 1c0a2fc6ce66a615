"""Per-question figures from the handed-in files, judged against today's banks as the site judges them.

A record belongs to `bank#id` of today's banks. Its standing is the site's (results.js `standing`):
a different fingerprint means the question was reworded since ("changed since answered": counted
apart, never mixed in); a different answer key means it is marked again against today's key.

- Right at first try: the site's status "first" (answered, right, never wrong, no hint open), the
  status the student sees in My progress. For a re-keyed record the first answer (version 2's
  `first`, or the only answer when there was one attempt) is marked against today's key instead;
  where that is unknown, the record counts for n but not for this share.
- Right in the end: the latest mark, re-marked against today's key as the site does (`counted_mark`,
  results.js `marked`): after Try again, the first answer when it was the only one; when the
  latest answer is no longer on record, not right.
- The first answer (for option counts, wrong blanks, partial credit and where items were put): `first`,
  or the latest answer when it was the only one; unknown otherwise (a version 1 file answered twice,
  or cleared by Try again).
- Calibration: the confidence given with the first answer (version 3's `firstConfidence`; in older
  files, the latest confidence when the question was answered once) against the first answer's mark.
  A student who was Sure and wrong, then retried until right, still counts as Sure and wrong.
- Discrimination: the point-biserial correlation between right-at-first-try on this question and
  the same student's share right at first try on every other question they answered (the rest of
  the course); discriminative efficiency, Moodle's: that covariance over the largest one the same
  two lists of values could give, paired in sorted order.
- Per option: first answers choosing it, among everyone, the strongest third and the weakest third
  (by the rest of the course), and its own point-biserial against the rest of the course.

Marking and partial credit are each type's own (`mark`, the browser's rule in Python: the case tables in
tests/grading/ hold both to it); what a first answer tallies is the type's (`tally`); test-level
figures are in reliability.py.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from ..ids import question_key
from ..model import Bank, Mark, Question, Tally
from ..types.written_task import WrittenTask
from ..words import count_words
from .collect import Handed
from .progress_file import Record
from .reliability import Reliability, reliability

Chosen = tuple[tuple[str, ...], bool]  # a first answer, and whether it was right
NOT_MARKED = Mark(False, 0.0)


@dataclass
class ItemStats:
    key: str
    bank: Bank
    question: Question
    n: int = 0  # answered in today's wording
    changed: int = 0  # answered in an earlier wording: counted apart
    rekeyed: int = 0  # answered against an earlier answer key: marked again
    first_known: int = 0
    first_right: int = 0
    final_right: int = 0
    hinted: int = 0  # at least one hint revealed
    confidence: Counter[str] = field(
        default_factory=Counter
    )  # first answers' confidence, where known: "sure", …, "none"
    right_by_confidence: Counter[str] = field(default_factory=Counter)  # of those, the first answer right
    first_answers: int = 0  # first answers known (option counts and the type's tally come from these)
    credit: float = 0.0  # the first answers' partial credit, summed (items, pairs or blanks right)
    options: Counter[str] = field(default_factory=Counter)  # option key → first answers choosing it
    strong_options: Counter[str] = field(default_factory=Counter)  # the same, among the strongest third
    strong_n: int = 0
    weak_options: Counter[str] = field(default_factory=Counter)  # and among the weakest third
    weak_n: int = 0
    option_r: dict[str, float | None] = field(default_factory=dict)  # option key → its point-biserial
    # The rest of the course, per student: of those whose first answer chose each option, and was right.
    rest_by_option: dict[str, list[float]] = field(default_factory=dict)
    rest_right: list[float] = field(default_factory=list)
    discrimination: float | None = None
    discrimination_n: int = 0  # students behind it
    efficiency: float | None = None  # discriminative efficiency (0–1)
    # What the type counts of first answers (where items were put, wrong blanks…): its own tally.
    tally: Tally = field(default_factory=Tally)
    grade: dict[str, Any] | None = None  # the question's browser key, worked out once
    option_keys: frozenset[str] = frozenset()  # the options a first answer may choose (report_options)
    _marks: dict[tuple[str, ...], Mark] = field(default_factory=dict, repr=False)

    def mark(self, answer: tuple[str, ...]) -> Mark:
        """The site's mark against today's key (the type's `mark`, as the browser marks), each distinct answer once.

        A class of 1,000 hands in 60,000 answers, most of them alike.
        """
        known = self._marks.get(answer)
        if known is None:
            marked = self.question.mark(self.grade, list(answer))
            known = self._marks[answer] = NOT_MARKED if marked is None else marked
        return known

    def share(self, part: int, whole: int | None = None) -> float | None:
        whole = self.n if whole is None else whole
        return part / whole if whole else None

    @property
    def confidence_known(self) -> int:
        return sum(self.confidence.values())


@dataclass
class TaskStats:
    key: str
    bank: Bank
    task: WrittenTask
    totals: list[int] = field(default_factory=list)  # words per handed-in draft with any text
    boxes: dict[str, list[int]] = field(default_factory=dict)  # box id → words per draft


@dataclass
class ClassStats:
    students: int
    items: list[ItemStats]
    tasks: list[TaskStats]
    unknown: int  # records of questions no longer in the banks
    versions: Counter[int]
    whole: Reliability = field(default_factory=Reliability)  # the class as a whole: alpha, SEM, scores


def standing(record: Record, fp: str, key: str) -> str:
    """Where a record stands against the question today (results.js `standing`): "current", "rekeyed" or "stale"."""
    if record.fp != fp:
        return "stale"
    return "rekeyed" if record.key and key and record.key != key else "current"


def counted_mark(record: Record, fp: str, key: str, mark: Callable[[list[str]], Mark | None]) -> bool | None:
    """The mark every count gives a record (results.js `marked`): None when it is not counted.

    A stale record, or one with hints only (no answer yet), is not counted. A re-keyed one is its
    latest answer marked against today's key (`mark`); after Try again (no latest answer) its first
    answer when that was the only one; when the latest answer is not on record, it is not right. A
    key that cannot be read leaves the mark as saved.
    """
    where = standing(record, fp, key)
    if where == "stale" or record.attempts == 0:
        return None
    if where == "current":
        return record.correct
    latest = record.answer or (record.first if record.attempts == 1 else None)
    marked = mark(list(latest or ()))
    if marked is None:
        return record.correct
    return latest is not None and marked.correct


def first_answer(record: Record) -> tuple[str, ...] | None:
    if record.first is not None:
        return record.first
    return record.answer if record.attempts == 1 and record.answer else None


def first_confidence(record: Record) -> str | None:
    """The confidence given with the first answer ("none" for none), where the file tells it."""
    if record.first_confidence is not None:
        return record.first_confidence
    # Before version 3: the latest confidence is the first's when there was one answer, not cleared since.
    return (record.confidence or "none") if record.attempts == 1 and record.answer else None


def _judge(item: ItemStats, record: Record, current_key: str) -> tuple[bool | None, bool | None]:
    """Count one current-wording record: its right-at-first-try and its first answer's mark, each None when unknown."""
    item.n += 1
    rekeyed = standing(record, record.fp, current_key) == "rekeyed"
    # The site's rule (results.js `marked`): tests/grading/records.json holds both to it.
    correct = bool(counted_mark(record, record.fp, current_key, lambda answer: item.question.mark(item.grade, answer)))
    first = first_answer(record)
    # The first answer's mark (for calibration and the options: whatever hints were open).
    first_correct = item.mark(first).correct if first is not None else None
    first_right: bool | None = correct and record.wrong == 0 and not record.hinted
    if rekeyed:
        item.rekeyed += 1
        first_right = None if first_correct is None else first_correct and not record.hinted
    elif first_correct is None:
        first_correct = True if record.wrong == 0 else (record.correct if record.attempts == 1 else None)
    item.final_right += correct
    item.hinted += record.hints > 0
    level = first_confidence(record)
    if level is not None and first_correct is not None:
        item.confidence[level] += 1
        item.right_by_confidence[level] += first_correct
    if first is not None:
        _first_answer(item, first, bool(first_correct))
    if first_right is not None:
        item.first_known += 1
        item.first_right += first_right
    return first_right, first_correct


def _first_answer(item: ItemStats, first: tuple[str, ...], right: bool) -> None:
    """What a first answer chose: its credit, the options it ticked, and what its type tallies."""
    item.first_answers += 1
    item.credit += item.mark(first).credit
    item.tally.add(first, right)
    if item.option_keys:
        item.options.update(set(first))


def class_stats(files: list[Handed], banks: dict[str, Bank]) -> ClassStats:
    items: dict[str, ItemStats] = {}
    tasks: dict[str, TaskStats] = {}
    for bank in banks.values():
        for q in bank.questions:
            key = question_key(bank.name, q.id)
            if q.role == "quiz":
                options = frozenset(k for k, _, _ in q.report_options())
                items[key] = ItemStats(key, bank, q, tally=q.tally(), grade=q.grade(), option_keys=options)
            elif q.role == "written-task":
                task = cast(WrittenTask, q)
                tasks[key] = TaskStats(key, bank, task, boxes={b.id: [] for b in task.boxes})
    identity = {key: item.question.identity() for key, item in items.items()}
    unknown = 0
    firsts: list[dict[str, bool]] = []  # per student: question → right at first try, where known
    answers: list[dict[str, Chosen]] = []  # per student: question → first answer and its mark, where known
    for handed in files:
        mine: dict[str, bool] = {}
        chosen: dict[str, Chosen] = {}
        for key, record in handed.progress.results.items():
            item = items.get(key)
            if item is None or record.type != item.question.type:
                unknown += 1
                continue
            if record.attempts == 0:
                continue  # hints seen, never answered: not tried
            fp, current_key = identity[key]
            if record.fp != fp:
                item.changed += 1
                continue
            right, first_correct = _judge(item, record, current_key)
            if right is not None:
                mine[key] = right
            if (answer := first_answer(record)) is not None:
                chosen[key] = (answer, bool(first_correct))
        firsts.append(mine)
        answers.append(chosen)
        for key, texts in handed.progress.drafts.items():
            if key in tasks:
                _count_draft(tasks[key], texts)
    totals = [sum(mine.values()) for mine in firsts]
    for item in items.values():
        _discriminate(item, firsts, totals, answers)
    return ClassStats(
        students=len(files),
        items=list(items.values()),
        tasks=list(tasks.values()),
        unknown=unknown,
        versions=Counter(h.progress.version for h in files),
        whole=reliability(firsts, list(items)),
    )


def _count_draft(task: TaskStats, texts: dict[str, str]) -> None:
    counts = {box: count_words(texts.get(box, "")) for box in task.boxes}
    if not any(counts.values()):
        return  # nothing written: not a draft to describe
    task.totals.append(sum(counts.values()))
    for box, n in counts.items():
        task.boxes[box].append(n)


def _discriminate(
    item: ItemStats, firsts: list[dict[str, bool]], totals: list[int], answers: list[dict[str, Chosen]]
) -> None:
    """Point-biserial and efficiency against the rest of the course; the thirds' first answers; each option's r."""
    pairs: list[tuple[float, float, int]] = []  # (right here, share right elsewhere, student)
    for student, mine in enumerate(firsts):
        if item.key not in mine or len(mine) < 2:
            continue
        here = float(mine[item.key])
        pairs.append((here, (totals[student] - here) / (len(mine) - 1), student))
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    item.discrimination = pearson(xs, ys)
    item.discrimination_n = len(pairs)
    item.efficiency = efficiency(xs, ys)
    ranked = sorted(pairs, key=lambda p: -p[1])
    third = len(ranked) // 3
    if third:
        item.strong_n = _tally(item.key, [p[2] for p in ranked[:third]], answers, item.strong_options)
        item.weak_n = _tally(item.key, [p[2] for p in ranked[-third:]], answers, item.weak_options)
    options = item.question.report_options()
    if not options:
        return
    chose = [(*answers[s][item.key], rest) for _, rest, s in pairs if item.key in answers[s]]
    n = len(chose)
    total = sum(rest for _, _, rest in chose)
    spread = sum(rest * rest for _, _, rest in chose) - total * total / n if n else 0.0
    for key, _, _ in options:
        picked = item.rest_by_option[key] = [rest for a, _, rest in chose if key in a]
        # Pearson's r with a 0/1 side, from sums: Σxy − Σx·Σy/n over √((Σx² − (Σx)²/n)(Σy² − (Σy)²/n)).
        ones = len(picked)
        across = ones - ones * ones / n if n else 0.0
        both = sum(picked) - ones * total / n if n else 0.0
        item.option_r[key] = both / math.sqrt(across * spread) if across > 1e-12 and spread > 1e-12 else None
    item.rest_right = [rest for _, right, rest in chose if right]


def _tally(key: str, students: list[int], answers: list[dict[str, Chosen]], options: Counter[str]) -> int:
    """Count the options these students chose first; how many of them have a first answer."""
    known = [answers[s][key][0] for s in students if key in answers[s]]
    for answer in known:
        options.update(set(answer))
    return len(known)


def pearson(xs: list[float], ys: list[float]) -> float | None:
    """Pearson's r (the point-biserial when xs are 0/1); None when either side does not vary."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 0 or syy <= 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def efficiency(xs: list[float], ys: list[float]) -> float | None:
    """Moodle's discriminative efficiency: the covariance of xs and ys over the largest the same values allow.

    The largest pairs both lists in sorted order (the best students, by the rest of the course, all
    right here). None when that largest covariance is not positive (nobody, or everybody, right).
    """
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    most = sum((x - mx) * (y - my) for x, y in zip(sorted(xs), sorted(ys), strict=True))
    if most <= 1e-12:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / most
