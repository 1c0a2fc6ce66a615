"""Per-question figures from the handed-in files, judged against today's banks as the site judges them.

A record belongs to `bank#id` of today's banks. Its standing is the site's (results.js `standing`):
a different fingerprint means the question was reworded since ("changed since answered": counted
apart, never mixed in); a different answer key means it is marked again against today's key.

- Right at first try: the site's status "first" (answered, right, never wrong, no hint open), the
  status the student sees in My progress. For a re-keyed record the first answer (version 2's
  `first`, or the only answer when there was one attempt) is marked against today's key instead;
  where that is unknown, the record counts for n but not for this share.
- Right in the end: the latest mark (re-marked against today's key, as the site does).
- The first answer (for option counts and wrong blanks): `first`, or the latest answer when it
  was the only one; unknown otherwise (a version 1 file answered twice, or cleared by Try again).
- Discrimination: the point-biserial correlation between right-at-first-try on this question and
  the same student's share right at first try on every other question they answered.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from ..blanks import Accepted, matches, normalize_text
from ..ids import question_key, text_key
from ..model import Bank, FillBlank, SelfCheck, WrittenTask
from ..words import count_words
from .collect import Handed
from .progress_file import Record


@dataclass
class ItemStats:
    key: str
    bank: Bank
    question: SelfCheck
    n: int = 0  # answered in today's wording
    changed: int = 0  # answered in an earlier wording: counted apart
    rekeyed: int = 0  # answered against an earlier answer key: marked again
    first_known: int = 0
    first_right: int = 0
    final_right: int = 0
    hinted: int = 0  # at least one hint revealed
    confidence: Counter[str] = field(default_factory=Counter)  # "sure", "unsure", "guess", "none"
    right_by_confidence: Counter[str] = field(default_factory=Counter)
    first_answers: int = 0  # first answers known (option counts and wrong blanks come from these)
    options: Counter[str] = field(default_factory=Counter)  # option key → first answers choosing it
    strong_options: Counter[str] = field(default_factory=Counter)  # the same, among the strongest third
    strong_n: int = 0
    wrong_blanks: list[Counter[str]] = field(default_factory=list)  # per blank: normalised wrong text → count
    discrimination: float | None = None
    accepted: tuple[Accepted, ...] = ()  # a fill-in's blanks, read once (not per answer)

    def share(self, part: int, whole: int | None = None) -> float | None:
        whole = self.n if whole is None else whole
        return part / whole if whole else None


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


def mark(question: SelfCheck, answer: tuple[str, ...], accepted: tuple[Accepted, ...] | None = None) -> bool:
    """The site's mark for an answer against today's key (selfcheck.js markChoice / markBlanks)."""
    if isinstance(question, FillBlank):
        accepted = question.accepted if accepted is None else accepted
        return len(answer) == len(accepted) and all(matches(a, t) for a, t in zip(accepted, answer, strict=True))
    right = [text_key(o.text) for o in getattr(question, "options", ()) if o.correct]
    return len(right) == len(answer) and all(v in right for v in answer)


def first_answer(record: Record) -> tuple[str, ...] | None:
    if record.first is not None:
        return record.first
    return record.answer if record.attempts == 1 and record.answer else None


def _judge(item: ItemStats, record: Record, current_key: str) -> bool | None:
    """Count one current-wording record; return its right-at-first-try, None when unknown."""
    q = item.question
    item.n += 1
    rekeyed = bool(record.key) and record.key != current_key
    correct = mark(q, record.answer, item.accepted) if rekeyed and record.answer else record.correct
    first = first_answer(record)
    first_right: bool | None = correct and record.wrong == 0 and not record.hinted
    if rekeyed:
        item.rekeyed += 1
        first_right = None if first is None else mark(q, first, item.accepted) and not record.hinted
    item.final_right += correct
    item.hinted += record.hints > 0
    level = record.confidence or "none"
    item.confidence[level] += 1
    item.right_by_confidence[level] += correct
    if first is not None:
        item.first_answers += 1
        if isinstance(q, FillBlank):
            for i, (accepted, text) in enumerate(zip(item.accepted, first, strict=False)):
                if not matches(accepted, text) and normalize_text(text):
                    item.wrong_blanks[i][normalize_text(text)] += 1
        else:
            item.options.update(set(first))
    if first_right is not None:
        item.first_known += 1
        item.first_right += first_right
    return first_right


def class_stats(files: list[Handed], banks: dict[str, Bank]) -> ClassStats:
    items: dict[str, ItemStats] = {}
    tasks: dict[str, TaskStats] = {}
    for bank in banks.values():
        for q in bank.questions:
            key = question_key(bank.name, q.id)
            if isinstance(q, SelfCheck):
                accepted = q.accepted if isinstance(q, FillBlank) else ()
                items[key] = ItemStats(key, bank, q, wrong_blanks=[Counter() for _ in accepted], accepted=accepted)
            elif isinstance(q, WrittenTask):
                tasks[key] = TaskStats(key, bank, q, boxes={b.id: [] for b in q.boxes})
    identity = {key: item.question.identity() for key, item in items.items()}
    unknown = 0
    firsts: list[dict[str, bool]] = []  # per student: question → right at first try, where known
    answers: list[dict[str, tuple[str, ...]]] = []  # per student: question → first answer, where known
    for handed in files:
        mine: dict[str, bool] = {}
        chosen: dict[str, tuple[str, ...]] = {}
        for key, record in handed.progress.results.items():
            item = items.get(key)
            if item is None or record.kind != item.question.type:
                unknown += 1
                continue
            if record.attempts == 0:
                continue  # hints seen, never answered: not tried
            fp, current_key = identity[key]
            if record.fp != fp:
                item.changed += 1
                continue
            right = _judge(item, record, current_key)
            if right is not None:
                mine[key] = right
            if (answer := first_answer(record)) is not None:
                chosen[key] = answer
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
    )


def _count_draft(task: TaskStats, texts: dict[str, str]) -> None:
    counts = {box: count_words(texts.get(box, "")) for box in task.boxes}
    if not any(counts.values()):
        return  # nothing written: not a draft to describe
    task.totals.append(sum(counts.values()))
    for box, n in counts.items():
        task.boxes[box].append(n)


def _discriminate(
    item: ItemStats, firsts: list[dict[str, bool]], totals: list[int], answers: list[dict[str, tuple[str, ...]]]
) -> None:
    """Point-biserial against the rest of the course, and the strongest third's first answers."""
    pairs: list[tuple[float, float, int]] = []  # (right here, share right elsewhere, student)
    for student, mine in enumerate(firsts):
        if item.key not in mine or len(mine) < 2:
            continue
        here = float(mine[item.key])
        pairs.append((here, (totals[student] - here) / (len(mine) - 1), student))
    item.discrimination = pearson([p[0] for p in pairs], [p[1] for p in pairs])
    ranked = sorted(pairs, key=lambda p: -p[1])
    strongest = [p[2] for p in ranked[: len(ranked) // 3]]
    for student in strongest:
        if item.key in answers[student]:
            item.strong_n += 1
            item.strong_options.update(set(answers[student][item.key]))


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
