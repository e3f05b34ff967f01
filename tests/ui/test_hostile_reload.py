"""The app over a hostile dataset folder: live reload when files turn into folders or link
loops keeps the last good data on screen; figures at the edge of the float range draw."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kzt_tui.app import create_app
from kzt_tui.core.compare import Bar
from kzt_tui.core.loading import load
from kzt_tui.widgets.visuals import BAR_WIDTH, bar_chart

from ..conftest import MINI
from .conftest import Seen
from .helpers import wait_for


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


def first_source(data: Path) -> Path:
    return data.parent / load(data).documents[0].file


def to_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def to_loop(path: Path) -> None:
    path.unlink()
    os.symlink(path.name, path)


@pytest.mark.parametrize(("which", "change", "message"), [
    ("data", to_folder, "is a folder, not a curated YAML file"),
    ("data", to_loop, "cannot read: Too many levels of symbolic links"),
    ("source", to_folder, "is not a regular file"),
    ("source", to_loop, "Too many levels of symbolic links"),
])
async def test_a_file_that_turns_into_a_folder_or_a_loop_keeps_the_last_good_data(
    ui_copy: Path, which: str, change: Callable[[Path], None], message: str
) -> None:
    app = create_app(load(ui_copy), data_path=ui_copy, clipboard_commands=[], remember=False)
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        before = app.session.dataset
        rows = len(app.explorer.fact_list.rows)
        change(ui_copy if which == "data" else first_source(ui_copy))
        await wait_for(pilot, lambda: bool(seen.problems), seconds=8)
        assert message in str(seen.problems[0])
        assert app.is_running and app.session.dataset is before
        assert len(app.explorer.fact_list.rows) == rows
        await pilot.press("j")  # still alive and answering keys
        await pilot.pause()
        assert app.is_running


async def test_a_read_fault_the_loader_does_not_name_keeps_the_last_good_data(
    ui_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kzt_tui.core import loading

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    app = create_app(load(ui_copy), data_path=ui_copy, clipboard_commands=[], remember=False)
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        before = app.session.dataset
        monkeypatch.setattr(loading, "load_cached", fail)
        ui_copy.write_text(ui_copy.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        await wait_for(pilot, lambda: bool(seen.problems), seconds=8)
        assert str(seen.problems[0]) == (f"{ui_copy}: cannot read the data: "
                                               "Input/output error")
        assert app.is_running and app.session.dataset is before
