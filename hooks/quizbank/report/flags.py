"""What deserves an instructor's look, each with a one-line reason (the report links it to the bank's line).

No question is flagged on fewer than MIN_N answers (MIN_N first answers for what rests on them):
below that, one student more or less swings every share by ten points or more. A discrimination
index wobbles by about 1/√n between classes by chance alone, so "negative" means below −2/√n
(−0.32 for 40 answers, −0.2 for 100): negative beyond what chance gives a sound question.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..ids import text_key
from ..model import FillBlank
from .stats import ItemStats

MIN_N = 10
EASY = 0.95  # right at first try, or more: the question teaches little
OVERCONFIDENT = 0.30  # of the Sure answers, this share or more wrong
MIN_SURE = 5  # Sure answers needed before their share means anything
SAME_WRONG = 0.20  # of the first answers, this share or more wrote the same wrong text in one blank
MIN_SAME_WRONG = 3


@dataclass(frozen=True)
class Flag:
    kind: str  # "mis-keyed", "easy", "dead-distractor", "same-wrong-blank", "overconfident"
    title: str
    reason: str
    examples: tuple[str, ...] = ()  # wrong blank answers as typed (normalised), shown as text


def option_texts(item: ItemStats) -> list[tuple[str, str, bool]]:
    """(key, text, correct) of each option of a choice question, in bank order."""
    return [(text_key(o.text), o.text, o.correct) for o in getattr(item.question, "options", ())]


def flags_for(item: ItemStats) -> list[Flag]:
    found: list[Flag] = []
    if item.n < MIN_N:
        return found
    r = item.discrimination
    if r is not None and r < negative_limit(item.first_known):
        found.append(
            Flag(
                "mis-keyed",
                "Probably mis-keyed",
                f"negative discrimination (r = {r:.2f}): students who do well elsewhere get it wrong more often.",
            )
        )
    elif strong_pick := _strong_wrong_pick(item):
        found.append(Flag("mis-keyed", "Probably mis-keyed", strong_pick))
    first = item.share(item.first_right, item.first_known)
    if item.first_known >= MIN_N and first is not None and first >= EASY:
        found.append(Flag("easy", "Too easy", f"{first:.0%} right at first try."))
    if item.first_answers >= MIN_N and item.question.type != "true-false":  # "False" unpicked = too easy
        for _, text, correct in option_texts(item):
            if not correct and item.options[text_key(text)] == 0:
                found.append(
                    Flag("dead-distractor", "A distractor nobody picks", f"no first answer chose “{_short(text)}”.")
                )
    if isinstance(item.question, FillBlank) and item.first_answers >= MIN_N:
        for i, wrong in enumerate(item.wrong_blanks):
            top = wrong.most_common(3)
            if top and top[0][1] >= MIN_SAME_WRONG and top[0][1] >= SAME_WRONG * item.first_answers:
                blank = f"blank {i + 1}" if len(item.wrong_blanks) > 1 else "the blank"
                share = top[0][1] / item.first_answers
                found.append(
                    Flag(
                        "same-wrong-blank",
                        "Many write the same wrong answer",
                        f"{share:.0%} of first answers fill {blank} with the same wrong text.",
                        tuple(f"{text} ({count})" for text, count in top if count >= 2),  # one student's: not shown
                    )
                )
    sure = item.confidence["sure"]
    if sure >= MIN_SURE:
        sure_wrong = (sure - item.right_by_confidence["sure"]) / sure
        if sure_wrong >= OVERCONFIDENT:
            found.append(Flag("overconfident", "Overconfidence", f"{sure_wrong:.0%} of the “Sure” answers are wrong."))
    return found


def negative_limit(n: int) -> float:
    """Below this, a discrimination index is negative beyond chance (about two standard errors)."""
    return -2 / math.sqrt(n) if n else -math.inf


def _strong_wrong_pick(item: ItemStats) -> str:
    """The reason, when the strongest third chose a wrong option more often than a right one; else ""."""
    if item.strong_n < 3:
        return ""
    options = option_texts(item)
    right = [item.strong_options[k] for k, _, correct in options if correct]
    wrong = [(item.strong_options[k], text) for k, text, correct in options if not correct]
    if not right or not wrong:
        return ""
    most, text = max(wrong)
    if most <= min(right):
        return ""
    return (
        f"the strongest third of the class chose “{_short(text)}” ({most} of {item.strong_n}) "
        f"more often than the keyed answer ({min(right)})."
    )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
