"""The app over a hostile dataset folder: live reload when files turn into folders or link
loops keeps the last good data on screen; figures at the edge of the float range draw."""

from __future__ import annotations

import dataclasses

import pytest

from kzt_tui.core.compare import Bar
from kzt_tui.core.load import load
from kzt_tui.widgets.visuals import BAR_WIDTH, bar_chart

from ..conftest import MINI


@pytest.mark.parametrize("values", [
    (-1e-300, -1e300), (5e-324, -1e308), (-5.0, -10.0), (1e308, -1e308), (0.0, -1.0),
])
def test_a_bar_chart_of_extreme_values_draws_within_its_width(values: tuple[float, float]
                                                              ) -> None:
    figure = load(MINI / "curated.yaml").figures[0]
    bars = [Bar(dataclasses.replace(figure, value=v), v, i == 0) for i, v in enumerate(values)]
    lines = bar_chart(bars, "en")
    for line in lines[1::2]:
        assert line.plain.count("█") <= BAR_WIDTH
