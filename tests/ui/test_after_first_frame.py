"""What a start puts off until its first frame (the cache's writes of a first load): run
once, after that frame is drawn; at exit if the app closed before; before the load of the
rest of a large dataset, which then finds the first view's files in the cache."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App

from bench.corpus import generate
from kzt_tui import app as app_module
from kzt_tui.app import create_app
from kzt_tui.cli import exit_code
from kzt_tui.core.loading import PartCache, cache_dir, load, load_cached_start

from .helpers import UI_DATA, wait_for


async def test_it_runs_once_after_the_first_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    frames: list[int] = []
    seen: list[tuple[int, int]] = []  # (frames drawn, rows in the list) at each run
    display = App._display  # Textual's private name: a rename fails loudly (raising=True)

    def counted(app, screen, update):  # type: ignore[no-untyped-def]
        frames.append(1)
        return display(app, screen, update)

    monkeypatch.setattr(App, "_display", counted)
    later: list[Callable[[], None]] = []
    app = create_app(load(UI_DATA), clipboard_commands=[], remember=False,
                     after_first_frame=later)
    later.append(lambda: seen.append((len(frames), len(app.explorer.fact_list.rows))))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(seen))
        await pilot.pause(2 * app_module.AFTER_FIRST_FRAME)
    assert len(seen) == 1 and later == []
    drawn, rows = seen[0]
    assert drawn >= 1 and rows > 0
    exit_code(app)
    assert len(seen) == 1  # not again at exit


async def test_an_app_closed_before_it_had_a_moment_runs_it_at_exit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "AFTER_FIRST_FRAME", 3600.0)
    ran: list[str] = []
    app = create_app(load(UI_DATA), clipboard_commands=[], remember=False,
                     after_first_frame=[lambda: ran.append("a"), lambda: ran.append("b")])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert ran == []
    assert exit_code(app) == 0
    assert ran == ["a", "b"]
    exit_code(app)
    assert ran == ["a", "b"]


async def test_the_rest_of_a_large_dataset_loads_after_the_first_views_entries_are_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "AFTER_FIRST_FRAME", 3600.0)  # only the rest's load runs it
    three = generate(3, tmp_path / "c3").data
    later: list[Callable[[], None]] = []
    first, left_out = load_cached_start(three, budget=300_000, later=later)
    assert left_out == 2 and len(later) == 1
    stored: list[int] = []  # entries in the cache at each put, the rest's included
    put = PartCache.put

    def counting(self, *args):  # type: ignore[no-untyped-def]
        put(self, *args)
        stored.append(len(list((cache_dir() / "parts").iterdir())))

    monkeypatch.setattr(PartCache, "put", counting)
    app = create_app(first, data_path=three, clipboard_commands=[], remember=False,
                     loading=left_out, after_first_frame=later)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait_for(pilot, lambda: app.session.loading == 0, seconds=30)
    # the first view's entry first, then the two files of the rest: the top file was not
    # checked a second time (its entry would have been written twice)
    assert later == [] and stored == [1, 2, 3]
