"""Per-question figures from the handed-in files, judged against today's banks as the site judges them.

A record belongs to `bank#id` of today's banks. Its standing is the site's (results.js `standing`):
a different fingerprint means the question was reworded since ("changed since answered": counted
apart, never mixed in); a different answer key means it is marked again against today's key.

- Right at first try: the site's status "first" (answered, right, never wrong, no hint open), the
  status the student sees in My progress. For a re-keyed record the first answer (version 2's
  `first`, or the only answer when there was one attempt) is marked against today's key instead;
  where that is unknown, the record counts for n but not for this share.
- Right in the end: the latest mark (re-marked against today's key, as the site does).
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

Marking and partial credit are per kind and pure (`mark`, `credit`); test-level figures are in reliability.py.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass, field

from ..blanks import Accepted, matches, normalize_text
from ..ids import question_key
from ..ids import text_key as _text_key
from ..model import Bank, FillBlank, Matching, Multiple, Ordering, SelfCheck, WrittenTask
from ..words import count_words
from .collect import Handed
from .progress_file import Record
from .reliability import Reliability, reliability

Chosen = tuple[tuple[str, ...], bool]  # a first answer, and whether it was right


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
    confidence: Counter[str] = field(
        default_factory=Counter
    )  # first answers' confidence, where known: "sure", …, "none"
    right_by_confidence: Counter[str] = field(default_factory=Counter)  # of those, the first answer right
    first_answers: int = 0  # first answers known (option counts and wrong blanks come from these)
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
    wrong_blanks: list[Counter[str]] = field(default_factory=list)  # per blank: normalised wrong text → count
    placed: list[Counter[int]] = field(default_factory=list)  # ordering, per item (right order): positions put at
    matched: list[Counter[str]] = field(default_factory=list)  # matching, per prompt: answer keys chosen ("" none)
    discrimination: float | None = None
    discrimination_n: int = 0  # students behind it
    efficiency: float | None = None  # discriminative efficiency (0–1)
    accepted: tuple[Accepted, ...] = ()  # a fill-in's blanks, read once (not per answer)
    keyed: tuple[str, ...] = ()  # the right answer's keys (keyed_answer), worked out once
    _blanks: dict[tuple[str, ...], tuple[bool, ...]] = field(default_factory=dict, repr=False)

    def mark(self, answer: tuple[str, ...]) -> bool:
        """`mark`, with what it needs of the question worked out once (60,000 answers in a class of 1,000)."""
        if self.choice:
            return len(answer) == len(self.keyed) and all(v in self.choice for v in answer)
        if self.accepted:
            return len(answer) == len(self.accepted) and all(self.blanks_right(answer))
        return mark(self.question, answer, self.accepted, self.keyed)

    def blanks_right(self, answer: tuple[str, ...]) -> tuple[bool, ...]:
        """A fill-in's answer, blank by blank: right or not (the same texts recur: each is compared once)."""
        known = self._blanks.get(answer)
        if known is None:
            known = self._blanks[answer] = tuple(matches(a, t) for a, t in zip(self.accepted, answer, strict=False))
        return known

    @functools.cached_property
    def choice(self) -> frozenset[str]:
        """A choice question's right options (empty for the other types, which `mark` handles)."""
        return frozenset() if isinstance(self.question, FillBlank | Ordering | Matching) else frozenset(self.keyed)

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


# A digest per option text, worked out once: a class of 1,000 marks the same options 60,000 times.
text_key = functools.lru_cache(maxsize=4096)(_text_key)


def mark(
    question: SelfCheck,
    answer: tuple[str, ...],
    accepted: tuple[Accepted, ...] | None = None,
    keyed: tuple[str, ...] | None = None,
) -> bool:
    """The site's mark for an answer against today's key (selfcheck.js markChoice / markBlanks).

    `accepted` and `keyed` (`keyed_answer`) may be given once per question rather than worked out per answer.
    """
    if isinstance(question, FillBlank):
        accepted = question.accepted if accepted is None else accepted
        return len(answer) == len(accepted) and all(matches(a, t) for a, t in zip(accepted, answer, strict=True))
    keyed = keyed_answer(question) if keyed is None else keyed
    if isinstance(question, Ordering | Matching):  # item keys in the student's order; per prompt, the answer's key
        return answer == keyed
    return len(keyed) == len(answer) and all(v in keyed for v in answer)


def keyed_answer(question: SelfCheck) -> tuple[str, ...]:
    """The keys of the right answer: the right options; the items in order; each prompt's answer, in bank order."""
    if isinstance(question, Ordering | Matching):
        return tuple(_right_keys(question))
    return tuple(text_key(o.text) for o in getattr(question, "options", ()) if o.correct)


def credit(question: SelfCheck, answer: tuple[str, ...], accepted: tuple[Accepted, ...] | None = None) -> float:
    """Partial credit, 0 to 1: the share of the parts an answer got right.

    Blanks filled right; items in their right place (ordering); prompts given their own answer
    (matching); options set right, ticked if right and left if wrong (multiple choice). A single
    choice or a true-false has one part: its mark.
    """
    if isinstance(question, FillBlank):
        accepted = question.accepted if accepted is None else accepted
        return sum(matches(a, t) for a, t in zip(accepted, answer, strict=False)) / len(accepted) if accepted else 0.0
    if isinstance(question, Ordering | Matching):
        right = _right_keys(question)
        return sum(a == r for a, r in zip(answer, right, strict=False)) / len(right)
    if isinstance(question, Multiple):
        chosen = set(answer)
        return sum((text_key(o.text) in chosen) == o.correct for o in question.options) / len(question.options)
    return float(mark(question, answer, accepted))


def guess_chance(question: SelfCheck) -> float:
    """The chance that a blind guess is right at first try (Moodle's random guess score)."""
    if isinstance(question, FillBlank):
        return 0.0
    if isinstance(question, Ordering):
        return 1 / math.factorial(len(question.items))
    if isinstance(question, Matching):  # each prompt picks any of the answers offered
        return (1 / len(question.answers)) ** len(question.pairs)
    options = len(getattr(question, "options", ())) or 1
    if isinstance(question, Multiple):  # any non-empty set of options may be ticked
        return 1 / (2**options - 1)
    return 1 / options


def _right_keys(question: Ordering | Matching) -> list[str]:
    if isinstance(question, Ordering):
        return [text_key(i) for i in question.items]
    return [text_key(p.answer) for p in question.pairs]


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
    rekeyed = bool(record.key) and record.key != current_key
    correct = item.mark(record.answer) if rekeyed and record.answer else record.correct
    first = first_answer(record)
    # The first answer's mark (for calibration and the options: whatever hints were open).
    first_correct = item.mark(first) if first is not None else None
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
    """What a first answer chose: options, wrong blanks, where items were put, which answer each prompt got."""
    q = item.question
    item.first_answers += 1
    if isinstance(q, FillBlank):
        right_blanks = item.blanks_right(first)
        item.credit += sum(right_blanks) / len(item.accepted) if item.accepted else 0.0
        for i, (ok, text) in enumerate(zip(right_blanks, first, strict=False)):
            if not ok and normalize_text(text):
                item.wrong_blanks[i][normalize_text(text)] += 1
    elif isinstance(q, Ordering | Matching):
        item.credit += sum(a == k for a, k in zip(first, item.keyed, strict=False)) / len(item.keyed)
        if isinstance(q, Ordering):
            where = {key: place for place, key in enumerate(first)}
            for n, key in enumerate(item.keyed):
                if key in where:
                    item.placed[n][where[key]] += 1
        else:
            for n, chosen in enumerate(first[: len(item.keyed)]):
                item.matched[n][chosen] += 1
    else:
        item.credit += credit(q, first) if isinstance(q, Multiple) else float(right)
        item.options.update(set(first))


def class_stats(files: list[Handed], banks: dict[str, Bank]) -> ClassStats:
    items: dict[str, ItemStats] = {}
    tasks: dict[str, TaskStats] = {}
    for bank in banks.values():
        for q in bank.questions:
            key = question_key(bank.name, q.id)
            if isinstance(q, SelfCheck):
                items[key] = _item(key, bank, q)
            elif isinstance(q, WrittenTask):
                tasks[key] = TaskStats(key, bank, q, boxes={b.id: [] for b in q.boxes})
    identity = {key: item.question.identity() for key, item in items.items()}
    unknown = 0
    firsts: list[dict[str, bool]] = []  # per student: question → right at first try, where known
    answers: list[dict[str, Chosen]] = []  # per student: question → first answer and its mark, where known
    for handed in files:
        mine: dict[str, bool] = {}
        chosen: dict[str, Chosen] = {}
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


def _item(key: str, bank: Bank, q: SelfCheck) -> ItemStats:
    accepted = q.accepted if isinstance(q, FillBlank) else ()
    return ItemStats(
        key,
        bank,
        q,
        wrong_blanks=[Counter() for _ in accepted],
        placed=[Counter() for _ in q.items] if isinstance(q, Ordering) else [],
        matched=[Counter() for _ in q.pairs] if isinstance(q, Matching) else [],
        accepted=accepted,
        keyed=keyed_answer(q),
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
    if not hasattr(item.question, "options"):
        return
    chose = [(*answers[s][item.key], rest) for _, rest, s in pairs if item.key in answers[s]]
    n = len(chose)
    total = sum(rest for _, _, rest in chose)
    spread = sum(rest * rest for _, _, rest in chose) - total * total / n if n else 0.0
    for key in (text_key(o.text) for o in item.question.options):
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
