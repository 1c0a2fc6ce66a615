"""The class as a whole: Cronbach's alpha (KR-20) and the standard error of measurement, worked out on paper."""

from __future__ import annotations

import math

import pytest

from quizbank.report.reliability import reliability


def test_a_complete_class_gives_kr20_as_worked_on_paper() -> None:
    """Five students, four questions, right at first try (1) or not (0).

    The answers:

        s1 1 1 1 1 (4)   s2 1 1 1 0 (3)   s3 1 1 0 0 (2)   s4 1 0 0 0 (1)   s5 0 0 0 0 (0)

    p = .8 .6 .4 .2, so Σpq = .16 + .24 + .24 + .16 = .8; the scores 4 3 2 1 0 vary by 2 (over n) or
    2.5 (over n − 1). KR-20 = 4/3 · (1 − .8/2) = .8; SEM = √2.5 · √(1 − .8) = √.5 questions.
    """
    rows = ["1111", "1110", "1100", "1000", "0000"]
    firsts = [{f"q{i}": c == "1" for i, c in enumerate(row)} for row in rows]
    whole = reliability(firsts, ["q0", "q1", "q2", "q3"])
    assert (whole.students, whole.questions, whole.answered) == (5, 4, 1.0)
    assert whole.alpha == pytest.approx(0.8)
    assert whole.sem == pytest.approx(math.sqrt(0.5))
    assert whole.scores == (1.0, 0.75, 0.5, 0.25, 0.0)


def test_a_class_with_a_missing_answer_uses_each_pair_of_questions_as_far_as_it_was_answered() -> None:
    """Four students, three questions; s3 did not answer q3.

    The answers:

        s1 1 1 1   s2 1 0 1   s3 0 0 –   s4 0 1 0

    var(q1) = var(q2) = 1/3 (all four); var(q3) = 1/3 (s1, s2, s4); cov(q1, q2) = 0 (all four);
    cov(q1, q3) = 1/3 and cov(q2, q3) = −1/6 (s1, s2, s4). The score's variance is
    1 + 2 · (0 + 1/3 − 1/6) = 4/3; alpha = 3/2 · (1 − 1/(4/3)) = 3/8; SEM = √(4/3 · 5/8) = √(5/6).
    """
    rows = ["111", "101", "00", "010"]
    firsts = [{f"q{i}": c == "1" for i, c in enumerate(row)} for row in rows]
    whole = reliability(firsts, ["q0", "q1", "q2"])
    assert (whole.students, whole.questions, whole.answered) == (4, 3, 11 / 12)
    assert whole.alpha == pytest.approx(3 / 8)
    assert whole.sem == pytest.approx(math.sqrt(5 / 6))
    assert whole.scores == pytest.approx((1.0, 2 / 3, 0.0, 1 / 3))


def test_it_rests_on_questions_half_the_class_answered_and_students_with_two_of_them() -> None:
    firsts = [{"a": True, "b": True, "rare": True}, {"a": False, "b": False}, {"a": True}, {"b": False, "a": True}]
    whole = reliability(firsts, ["a", "b", "rare"])
    assert (whole.students, whole.questions) == (3, 2), "'rare' has one answer in four; the third student one question"
    assert reliability([{"a": True}], ["a"]).alpha is None
    assert reliability([{"a": True, "b": True}, {"a": True, "b": True}], ["a", "b"]).alpha is None, "no spread at all"
