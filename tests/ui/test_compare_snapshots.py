"""What the user sees of sources side by side: a discrepancy's sides, a figure's chart and
the compare view, at 120x40 and 80x24."""

from __future__ import annotations

import pytest

from kzt_tui.app import create_app
from kzt_tui.core.loading import load

from ..helpers import FIXTURES
from .conftest import SIZES

COMPARE = FIXTURES / "compare" / "curated.yaml"


def app():
    return create_app(load(COMPARE), data_path=None, clipboard_commands=[])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_discrepancy_side_by_side(snap_compare, size) -> None:
    assert snap_compare(app(), terminal_size=size, press=["5"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_figure_chart(snap_compare, size) -> None:
    # the detail focused and scrolled to the chart: its bars, axis and legend in view
    pages = 0 if size[1] >= 40 else 2
    assert snap_compare(app(), terminal_size=size, press=["4", "tab", *["ctrl+d"] * pages])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_compare_view(snap_compare, size) -> None:
    # a year and the more-than figure of another text: two records, two sources
    assert snap_compare(app(), terminal_size=size, press=["4", "c", "G", "c"])
