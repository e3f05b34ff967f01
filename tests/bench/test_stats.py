"""The harness's statistics and its interleaving order (bench/stats.py)."""

from __future__ import annotations

import pytest

from bench.stats import Summary, interleave, percentile, ratio, summarize, verdict


def test_p95_is_the_nearest_rank_a_measured_sample() -> None:
    samples = [float(x) for x in range(1, 21)]  # 1 … 20: 95% of 20 is 19 samples
    assert percentile(samples, 95) == 19.0
    assert percentile(list(reversed(samples)), 95) == 19.0
    assert percentile(samples, 100) == 20.0
    assert percentile(samples, 50) == 10.0
    assert percentile([3.0, 1.0, 2.0], 95) == 3.0  # ceil(2.85) = 3rd of 3
    assert percentile([7.0], 95) == 7.0


def test_p95_of_many_samples_is_not_their_maximum() -> None:
    samples = [1.0] * 95 + [50.0] * 5  # exactly 95% at 1
    assert percentile(samples, 95) == 1.0
    assert percentile([*samples, 50.0], 95) == 50.0  # 95 of 101 is under 95%


def test_percentile_refuses_no_samples_and_bad_q() -> None:
    with pytest.raises(ValueError):
        percentile([], 95)
    with pytest.raises(ValueError):
        percentile([1.0], 0)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_summary_median_p95_min_max() -> None:
    s = summarize([0.010, 0.030, 0.020, 0.200, 0.040])
    assert s == Summary(n=5, median=0.030, p95=0.200, low=0.010, high=0.200)
    assert summarize([1.0, 2.0, 3.0, 4.0]).median == 2.5
    assert s.as_dict(scale=1000) == {"n": 5, "median": 30.0, "p95": 200.0, "low": 10.0,
                                     "high": 200.0}
    with pytest.raises(ValueError):
        summarize([])


def test_ratio_and_verdict() -> None:
    assert ratio(3.0, 2.0) == 1.5
    assert ratio(None, 2.0) is None
    assert ratio(3.0, None) is None
    assert ratio(3.0, 0.0) is None
    assert verdict(1.3, 1.3) == "met"
    assert verdict(1.31, 1.3) == "NOT met"
    assert verdict(None, 1.3) == "not measured"


def test_interleave_alternates_and_balances_the_order() -> None:
    assert interleave(["A", "B"], 4) == ["A", "B", "B", "A", "A", "B", "B", "A"]
    assert interleave(["floor", "warm", "cold"], 3) == [
        "floor", "warm", "cold", "cold", "warm", "floor", "floor", "warm", "cold"]
    assert interleave(["A"], 3) == ["A", "A", "A"]
    assert interleave(["A", "B"], 0) == []


def test_interleave_runs_each_name_once_per_round() -> None:
    order = interleave(["A", "B", "C"], 5)
    assert [order.count(n) for n in "ABC"] == [5, 5, 5]
    for r in range(5):
        assert sorted(order[3 * r:3 * r + 3]) == ["A", "B", "C"]


def test_interleave_refuses_repeated_names() -> None:
    with pytest.raises(ValueError):
        interleave(["A", "A"], 2)
