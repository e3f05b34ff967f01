"""The report judges a cursor key against the OptionList floor (the target) and shows the
panes floor (the same redraw in plain Textual) as a secondary ratio that judges nothing."""

from __future__ import annotations

from typing import Any

from bench.report import render


def _out(samples: dict[str, list[float]]) -> dict[str, Any]:
    return {"meta": {"machine": "m", "started": 0.0, "seconds": 1.0, "load_before": (0.5,),
                     "load_after": (0.5,), "quiet_ms": 150.0},
            "cursor_key": {"rows": {"1": 53}, "seconds": samples, "cpu": {}}}


def _rows(text: str, start: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(start)]


def test_the_panes_floor_is_a_secondary_ratio_and_not_a_target() -> None:
    text = render(_out({"kzt-tui 1x": [0.020, 0.020, 0.020], "floor 1x": [0.010] * 3,
                        "panes 1x": [0.016] * 3}))
    assert _rows(text, "| cursor key j/k,") == [
        "| cursor key j/k, kzt-tui 1x, 53 rows (ms) | 20.0 / 20.0 / 20.0–20.0 | 2.00× | 2.00× "
        "| 3 |",
        "| cursor key j/k, floor 1x, 53 rows (ms) | 10.0 / 10.0 / 10.0–10.0 | 1.00× | 1.00× "
        "| 3 |",
        "| cursor key j/k, panes 1x, 53 rows (ms) | 16.0 / 16.0 / 16.0–16.0 | 1.60× | 1.60× "
        "| 3 |",
    ]
    assert _rows(text, "| cursor key, kzt-tui 1x / panes floor") == [
        "| cursor key, kzt-tui 1x / panes floor (secondary, no target) | | 1.25× | 1.25× | 3 |"]
    judged = [line for line in text.splitlines() if "cursor key at 1x" in line]
    assert len(judged) == 2  # median and p95 of kzt-tui against the OptionList floor only
    assert all("2.00×" in line and "NOT met" in line for line in judged)


def test_without_a_panes_floor_there_is_no_secondary_row() -> None:
    text = render(_out({"kzt-tui 1x": [0.012] * 3, "floor 1x": [0.010] * 3}))
    assert not _rows(text, "| cursor key, kzt-tui 1x / panes floor")
    assert [line for line in text.splitlines() if "cursor key at 1x: median" in line] == [
        "| cursor key at 1x: median ≤ 1.3× floor | met | 1.20× |"]
