"""The class as a whole: the spread of scores, Cronbach's alpha (KR-20 for right-or-wrong questions) and the SEM.

A question scores 1 when right at first try, 0 when not. Students answer different questions (not
all of them; a pool shows each student some of its variants), so alpha is computed from pairwise
covariances: each pair of questions over the students who answered both (with every answer known,
this is KR-20 exactly). It rests on the questions at least half the students answered (a pair of
rarer ones would rest on a handful) and on the students who answered at least two of those:

    alpha = K / (K − 1) · (1 − Σ var_i / Σ_i Σ_j cov_ij)        SEM = √(Σ_i Σ_j cov_ij) · √(1 − alpha)

Σ_i Σ_j cov_ij is the variance of a score out of K; the SEM is in questions of those K (sample
variances, n − 1, as Moodle's). numpy does the pairwise sums: a class of 10,000 is a few products of matrices.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Reliability:
    students: int = 0  # N: students who answered two of the questions or more
    questions: int = 0  # K: questions at least half the students answered
    alpha: float | None = None
    sem: float | None = None  # standard error of measurement, in questions of K
    scores: tuple[float, ...] = ()  # per student: share right at first try of the K questions they answered
    answered: float = 0.0  # share of the N × K answers known (1 when everyone answered everything)


def reliability(firsts: list[dict[str, bool]], keys: list[str]) -> Reliability:
    """`firsts`: per student, question key → right at first try (where known); `keys`: the questions in bank order."""
    import numpy as np

    counts = {key: sum(key in mine for mine in firsts) for key in keys}
    included = [key for key in keys if counts[key] >= max(2, len(firsts) / 2)]
    students = [mine for mine in firsts if sum(key in mine for key in included) >= 2]
    n, k = len(students), len(included)
    if n < 2 or k < 2:
        return Reliability(n, k)
    known = np.array([[key in mine for key in included] for mine in students], dtype=float)
    right = np.array([[float(mine.get(key, False)) for key in included] for mine in students])
    both = known.T @ known  # students who answered i and j
    sums = right.T @ known  # Σ x_i over the students who answered i and j
    with np.errstate(divide="ignore", invalid="ignore"):
        cov = (right.T @ right - sums * sums.T / both) / (both - 1)
    cov[both < 2] = 0.0  # a pair fewer than two students answered tells nothing
    total = float(cov.sum())
    scores = tuple(float(s) for s in (right * known).sum(axis=1) / known.sum(axis=1))
    answered = float(known.mean())
    if total <= 0:
        return Reliability(n, k, None, None, scores, answered)
    alpha = k / (k - 1) * (1 - float(np.trace(cov)) / total)
    sem = math.sqrt(total * max(0.0, 1 - alpha))
    return Reliability(n, k, alpha, sem, scores, answered)
