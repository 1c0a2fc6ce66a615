"""What deserves an instructor's look, each with a one-line reason (the report links it to the bank's line).

A flag stands on evidence that chance alone rarely gives, not on a lead: a class of 40 has
hundreds of options and dozens of questions, and a rule that fires on a one-student lead fires
somewhere in every class. So each flag is a test at a stated level, and carries its p-value (how
often chance alone would give what was seen), by which flags are ordered within their kind. No
question is flagged on fewer than MIN_N answers (MIN_N first answers for what rests on them).

- Probably mis-keyed: the students whose first answer chose one wrong option do better on the rest
  of the course than those whose first answer was right, by more than chance gives (Welch's t-test,
  one-sided, p < 5 %), and the discrimination index agrees (r < 0, where it is known); or, for any
  type, a discrimination index below −3/√n (r wobbles by about 1/√n around its true value: chance
  gives that about once in 700 sound questions).
- Overconfidence: of the first answers given as Sure, 30 % or more wrong, where a calibrated Sure
  is wrong 15 % of the time at most (a binomial test, p < 1 %); not on a question flagged mis-keyed,
  where the key marks wrong the Sure answers of those who know.
- Many write the same wrong answer: one wrong text fills a blank in 20 % of the first answers (and three).
- A distractor nobody picks: no first answer chose it, where zero is unlikely for a plausible
  option, one that draws even 60 % of an even share of the wrong picks (with k distractors and m
  wrong picks, (1 − 0.6/k)^m < 5 %), and never on a question nearly everyone (90 %) got right at
  first try. Between a dead option and a weak one that fewer pick, the test errs toward silence.
- Too easy: 95 % or more right at first try.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..ids import text_key
from .stats import ItemStats

MIN_N = 10
EASY = 0.95  # right at first try, or more: the question teaches little
NEARLY_ALL = 0.90  # right at first try: too few wrong answers to judge a distractor by
MISKEY_ALPHA = 0.05  # the strongest third's preference for a wrong option (one-sided sign test)
MISKEY_Z = 3.0  # a discrimination index below −MISKEY_Z/√n alone
OVERCONFIDENT = 0.30  # of the Sure first answers, this share or more wrong
CALIBRATED_WRONG = 0.15  # a calibrated Sure is wrong at most this often
OVERCONFIDENT_ALPHA = 0.01
MIN_SURE = 5  # Sure answers needed before their share means anything
SAME_WRONG = 0.20  # of the first answers, this share or more wrote the same wrong text in one blank
MIN_SAME_WRONG = 3
DEAD_ALPHA = 0.05
PLAUSIBLE = 0.6  # of an even share of the wrong picks: a distractor drawing less is weak, not a false alarm
# The reading order: what misleads students first, then what teaches too little.
SEVERITY = ("mis-keyed", "overconfident", "same-wrong-blank", "dead-distractor", "easy")
TITLES = {
    "mis-keyed": "Probably mis-keyed",
    "overconfident": "Overconfidence",
    "same-wrong-blank": "Many write the same wrong answer",
    "dead-distractor": "A distractor nobody picks",
    "easy": "Too easy",
}


@dataclass(frozen=True)
class Flag:
    name: str  # one of SEVERITY
    reason: str
    examples: tuple[tuple[str, int], ...] = ()  # wrong blank answers (normalised) and how many wrote each
    p: float = 1.0  # how often chance alone gives this much (or a share's complement, for the thresholds)

    @property
    def title(self) -> str:
        return TITLES[self.name]


def option_texts(item: ItemStats) -> list[tuple[str, str, bool]]:
    """(key, text, correct) of each option a first answer may choose, in bank order (none for most types)."""
    return item.question.report_options()


def flags_for(item: ItemStats) -> list[Flag]:
    if item.n < MIN_N:
        return []
    keyed_wrong = _mis_keyed(item)
    # A wrong key marks wrong the Sure answers of those who know: overconfidence there is the key's doing.
    found = [*keyed_wrong, *([] if keyed_wrong else _overconfident(item)), *_same_wrong(item), *_dead(item)]
    first = item.share(item.first_right, item.first_known)
    if item.first_known >= MIN_N and first is not None and first >= EASY:
        found.append(Flag("easy", f"{first:.0%} right at first try.", p=1 - first))
    return found


def ordered(flags: list[tuple[ItemStats, Flag]]) -> list[tuple[ItemStats, Flag]]:
    """By severity (SEVERITY), then by evidence (the smallest p first), then as given (bank order: the sort is stable)."""
    return sorted(flags, key=lambda f: (SEVERITY.index(f[1].name), f[1].p))


def negative_limit(n: int) -> float:
    """Below this, a discrimination index is negative beyond what chance gives (MISKEY_Z standard errors)."""
    return -MISKEY_Z / math.sqrt(n) if n else -math.inf


def _mis_keyed(item: ItemStats) -> list[Flag]:
    r = item.discrimination
    stronger = _stronger_pick(item)
    if stronger and (r is None or r < 0):  # r, where known, must agree: a wrong key makes it negative
        reason, p = stronger
        if r is not None:
            reason += f" And students who do well elsewhere do worse on this question (r = {_signed(r)})."
        return [Flag("mis-keyed", reason, p=p)]
    if r is not None and r < negative_limit(item.discrimination_n):
        p = _normal_tail(r * math.sqrt(item.discrimination_n))
        reason = (
            f"negative discrimination (r = {_signed(r)} over {item.discrimination_n} students, below "
            f"{_signed(negative_limit(item.discrimination_n))}, which chance alone gives {_chance(p)}): students who "
            "do well elsewhere get it wrong more often."
        )
        return [Flag("mis-keyed", reason, p=p)]
    return []


def _stronger_pick(item: ItemStats) -> tuple[str, float] | None:
    """The reason and p-value when a wrong option drew students stronger than the key did, beyond chance.

    Stronger by the rest of the course: those whose first answer chose the wrong option against
    those whose first answer was right (Welch's t-test, one-sided).
    """
    best: tuple[float, str, list[float]] | None = None
    for key, text, correct in option_texts(item):
        chose = item.rest_by_option.get(key, [])
        if correct or len(chose) < 3 or len(item.rest_right) < 3:
            continue
        p = welch_greater(chose, item.rest_right)
        if p < MISKEY_ALPHA and (best is None or p < best[0]):
            best = (p, text, chose)
    if best is None:
        return None
    p, text, chose = best
    right = item.rest_right
    strong = (
        f" The strongest third chose it {item.strong_options[text_key(text)]} times in {item.strong_n}."
        if item.strong_n
        else ""
    )
    reason = (
        f"the students who chose “{_short(text)}” first do better on the rest of the course "
        f"({_mean(chose):.0%} on average, {len(chose)} students) than those who chose the keyed answer "
        f"({_mean(right):.0%}, {len(right)}): a gap chance alone gives {_chance(p)}.{strong}"
    )
    return reason, p


def _overconfident(item: ItemStats) -> list[Flag]:
    sure = item.confidence["sure"]
    if sure < MIN_SURE:
        return []
    wrong = sure - item.right_by_confidence["sure"]
    p = binomial_tail(wrong, sure, CALIBRATED_WRONG)
    if wrong < OVERCONFIDENT * sure or p >= OVERCONFIDENT_ALPHA:
        return []
    reason = (
        f"{wrong} of the {sure} first answers given as “Sure” were wrong ({wrong / sure:.0%}), where a calibrated "
        f"Sure is wrong {CALIBRATED_WRONG:.0%} of the time at most: chance alone gives this {_chance(p)}."
    )
    return [Flag("overconfident", reason, p=p)]


def _same_wrong(item: ItemStats) -> list[Flag]:
    if item.first_answers < MIN_N:
        return []
    found = []
    for blank, wrong in item.tally.common_wrong():
        top = wrong.most_common(3)
        if top and top[0][1] >= MIN_SAME_WRONG and top[0][1] >= SAME_WRONG * item.first_answers:
            share = top[0][1] / item.first_answers
            found.append(
                Flag(
                    "same-wrong-blank",
                    f"{share:.0%} of first answers fill {blank} with the same wrong text.",
                    tuple((text, count) for text, count in top if count >= 2),  # one student's: not shown
                    p=1 - share,
                )
            )
    return found


def _dead(item: ItemStats) -> list[Flag]:
    """Distractors no first answer chose, where chance would rarely leave an option as tempting as the others unpicked."""
    if item.first_answers < MIN_N:
        return []
    first = item.share(item.first_right, item.first_known)
    if first is None or first >= NEARLY_ALL:
        return []
    distractors = [(key, text) for key, text, correct in option_texts(item) if not correct]
    if len(distractors) < 2:
        # The one distractor (a true-false's other answer) takes every wrong pick: unpicked only when
        # nobody was wrong, which "too easy" says.
        return []
    picks = sum(item.options[key] for key, _ in distractors)  # wrong picks, first answers
    p = (1 - PLAUSIBLE / len(distractors)) ** picks
    if p >= DEAD_ALPHA:
        return []
    picks_are = "wrong ticks" if item.question.select_all else "wrong first answers"
    return [
        Flag(
            "dead-distractor",
            f"no first answer chose “{_short(text)}”, though {picks} {picks_are} went to the "
            f"{len(distractors)} distractors: had it drawn even {PLAUSIBLE:.0%} of an even share of them, chance "
            f"alone would leave it unpicked {_chance(p)}.",
            p=p,
        )
        for key, text in distractors
        if item.options[key] == 0
    ]


def binomial_tail(k: int, n: int, p: float) -> float:
    """P(X ≥ k) for X ~ Binomial(n, p), summed in logs (n may be thousands)."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    if p <= 0 or p >= 1:
        return float(p >= 1)
    log_p, log_q = math.log(p), math.log1p(-p)
    terms = [
        math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * log_p + (n - i) * log_q
        for i in range(k, n + 1)
    ]
    top = max(terms)
    return min(1.0, math.exp(top) * sum(math.exp(t - top) for t in terms))


def _signed(r: float) -> str:
    return f"{r:.2f}".replace("-", "−")


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def welch_greater(a: list[float], b: list[float]) -> float:
    """One-sided Welch's t-test: how often chance alone gives a's mean this far above b's (1 when it is not above)."""
    na, nb = len(a), len(b)
    ma, mb = _mean(a), _mean(b)
    va = sum((x - ma) ** 2 for x in a) / (na - 1)
    vb = sum((x - mb) ** 2 for x in b) / (nb - 1)
    se2 = va / na + vb / nb
    if ma <= mb:
        return 1.0
    if se2 <= 0:
        return 0.0  # no spread on either side, and a above b
    t = (ma - mb) / math.sqrt(se2)
    df = se2**2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1))
    return 0.5 * _incomplete_beta(df / 2, 0.5, df / (df + t * t))


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b), by its continued fraction (Lentz)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    if x > (a + 1) / (a + b + 2):
        return 1.0 - _incomplete_beta(b, a, 1 - x)
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)) / a
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1.0) < 1e-12:
            break
    return front * result


def _normal_tail(z: float) -> float:
    """P(Z ≤ z) for a standard normal Z."""
    return 0.5 * math.erfc(-z / math.sqrt(2))


def _chance(p: float) -> str:
    """A p-value in words: "less than once in 1,000 classes", "once in 1,000 classes", "3 times in 100 classes"."""
    if p < 0.001:
        return "less than once in 1,000 classes"
    count, out_of = (round(p * 1000), "1,000") if p < 0.01 else (round(p * 100), "100")
    times = {1: "once", 2: "twice"}.get(count, f"{count} times")
    return f"{times} in {out_of} classes"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
