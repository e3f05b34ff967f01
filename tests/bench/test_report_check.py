"""The report judges `check` against the baseline commit run in the same run."""

from __future__ import annotations

from typing import Any

from bench.report import render


def _out(current: list[float], baseline: list[float]) -> dict[str, Any]:
    def runs(secs: list[float]) -> list[dict[str, Any]]:
        return [{"seconds": s, "exit": 0, "tree_rss_mb": 100.0, "largest_rss_mb": 50.0}
                for s in secs]
    return {"meta": {"machine": "m", "started": 0.0, "seconds": 1.0, "load_before": (0.5,),
                     "load_after": (0.5,), "quiet_ms": 150.0},
            "check": {"size": 1000, "runs": runs(current), "baseline_runs": runs(baseline),
                      "baseline": "abc1234"}}


def _target_row(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("| `check` 1000x, empty "
                                                                     "cache, at least 2x"))


def test_a_check_twice_as_fast_as_the_baseline_in_the_run_meets_the_target() -> None:
    text = render(_out([10.0, 12.0, 11.0], [20.0, 30.0, 22.0]))
    assert "| `check` 1000x, empty cache, baseline abc1234 (s) | 22.00 / 30.00 / " \
           "20.00–30.00 | | | 3 |" in text
    assert "| 11.00 / 12.00 / 10.00–12.00 | 2.00× faster than abc1234 in this run |" in text
    assert _target_row(text) == ("| `check` 1000x, empty cache, at least 2x faster (medians) "
                                 "| met | 2.00× faster than abc1234 in this run; exit codes "
                                 "[0, 0, 0, 0, 0, 0] |")


def test_a_check_under_twice_as_fast_does_not_meet_it() -> None:
    text = render(_out([10.0, 11.0], [19.0, 21.5]))  # medians 10.5 vs 20.25: 1.93x
    assert "| NOT met | 1.93× faster than abc1234 in this run" in _target_row(text)
