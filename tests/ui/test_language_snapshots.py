"""What the user sees in Russian: the explorer (on an agreement, and on a discrepancy with
its sides) and the help screen, at 120x40 and 80x24. Nothing may overflow: Russian words are
longer, so the footer drops what does not fit and the tabs take their short titles."""

from __future__ import annotations

import pytest

from kzt_tui.app import create_app
from kzt_tui.core.loading import load

from .conftest import SIZES
from .helpers import UI_DATA


def app():
    return create_app(load(UI_DATA), data_path=None, clipboard_commands=[])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_explorer_in_russian(snap_compare, size) -> None:
    assert snap_compare(app(), terminal_size=size, press=["L"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_discrepancy_sides_in_russian(snap_compare, size) -> None:
    assert snap_compare(app(), terminal_size=size, press=["L", "5"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_in_russian(snap_compare, size) -> None:
    assert snap_compare(app(), terminal_size=size, press=["L", "question_mark"])
