"""The harness's arithmetic: summaries of samples, ratios, and the interleaving order.

Pure functions, tested in tests/bench/test_stats.py.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    """Median, 95th percentile (nearest rank), min and max of one figure's samples."""

    n: int
    median: float
    p95: float
    low: float
    high: float

    def as_dict(self, scale: float = 1.0, digits: int = 1) -> dict[str, float]:
        """The summary as JSON-able numbers, each multiplied by `scale` (1000: s → ms)."""
        return {"n": self.n, **{k: round(getattr(self, k) * scale, digits)
                                for k in ("median", "p95", "low", "high")}}


def percentile(samples: Sequence[float], q: float) -> float:
    """The nearest-rank percentile: the smallest sample with at least q% of them at or
    below it (q in (0, 100]). No interpolation, so it is always a measured value."""
    if not samples:
        raise ValueError("no samples")
    if not 0 < q <= 100:
        raise ValueError(f"percentile {q} outside (0, 100]")
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def summarize(samples: Sequence[float]) -> Summary:
    """Median, p95, min and max of `samples` (at least one)."""
    if not samples:
        raise ValueError("no samples")
    return Summary(len(samples), statistics.median(samples), percentile(samples, 95),
                   min(samples), max(samples))


def ratio(value: float | None, floor: float | None) -> float | None:
    """value / floor, or None when either is missing or the floor is not positive."""
    if value is None or floor is None or floor <= 0:
        return None
    return value / floor


def interleave(names: Sequence[str], rounds: int) -> list[str]:
    """The order to run `names` in, `rounds` times each, interleaved and balanced:
    forward in even rounds, backward in odd ones (A B, B A, A B …), so that no variant
    always runs first, or always right after the same other one, and drift of the
    machine during the run falls on all of them alike."""
    if len(set(names)) != len(names):
        raise ValueError(f"names repeat: {list(names)}")
    order: list[str] = []
    for r in range(rounds):
        order.extend(names if r % 2 == 0 else reversed(names))
    return order


def verdict(value: float | None, limit: float) -> str:
    """'met' when value ≤ limit, 'NOT met' above it, 'not measured' without a value."""
    if value is None:
        return "not measured"
    return "met" if value <= limit else "NOT met"
