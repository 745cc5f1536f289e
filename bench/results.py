"""One benchmark figure as a ratio to its baseline measured in the same run."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """`value` and `baseline` in the same unit; `target` bounds the ratio value / baseline.

    `at_most=True`: the ratio must be ≤ target (slower or bigger than the baseline by at most
    that factor); `at_most=False`: the ratio must be ≥ target (e.g. speed-up over pandas).
    """

    part: str  # « interaction », « premier chargement », « mémoire », « import », « requêtes »…
    name: str  # what was measured, in French (« Enquêtes : changer la question, 1 M répondants »)
    value: float
    baseline: float
    unit: str  # « s », « Mio »…
    baseline_name: str  # « application minimale », « read_csv + melt », « pandas »…
    target: float | None = None
    at_most: bool = True
    detail: str = ""  # e.g. « médiane 0,41 s ; p95 0,52 s ; 10 changements »

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def met(self) -> bool | None:
        """Whether the target is met (None: no target, reported only)."""
        if self.target is None:
            return None
        return self.ratio <= self.target if self.at_most else self.ratio >= self.target


def median_p95(samples: list[float]) -> tuple[float, float]:
    """Median and 95th percentile (nearest rank) of some timings."""
    ordered = sorted(samples)
    rank = max(0, math.ceil(0.95 * len(ordered)) - 1)
    return statistics.median(ordered), ordered[rank]


def best(fn: Callable[[], object], repeat: int, *, warm_up: bool = False) -> float:
    """The fastest of `repeat` runs of `fn`, in seconds (after one untimed run if `warm_up`)."""
    if warm_up:
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
