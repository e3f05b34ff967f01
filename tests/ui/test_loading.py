"""A dataset of many files opens on its first files and loads the rest in the background:
the list grows in place, and problems in the rest close the app as `kzt-tui` would have."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.corpus import generate
from kzt_tui.app import create_app
from kzt_tui.core.loading import FirstViewError, load_cached_start
from kzt_tui.widgets.pane_tabs import PaneTabs

from .helpers import wait_for


@pytest.fixture
def three(tmp_path: Path) -> Path:
    """The shipped data three times: curated.yaml (copy 0) and parts/c0001, c0002."""
    return generate(3, tmp_path / "c3").data


def test_the_first_view_is_the_first_files_that_fit_the_budget(three: Path) -> None:
    first, left_out = load_cached_start(three, budget=300_000)  # the top file is ~250 kB
    assert left_out == 2
    assert first.files == (str(three),)
    whole, none_left = load_cached_start(three, budget=10 << 20)
    assert none_left == 0
    assert len(whole.agreements) == 3 * len(first.agreements)


def test_a_first_file_that_needs_a_later_one_is_not_shown_alone(three: Path) -> None:
    text = three.read_text(encoding="utf-8")
    # the first agreement now links to a corridor of copy 1, which only parts/ define
    three.write_text(text.replace("corridors: [", "corridors: [cor-north-south-c1, ", 1),
                     encoding="utf-8")
    with pytest.raises(FirstViewError):
        load_cached_start(three, budget=300_000)
    whole, left_out = load_cached_start(three, budget=10 << 20)
    assert left_out == 0 and len(whole.agreements) > 0


def _tabs(app: object) -> str:
    return str(app.explorer.query_one(PaneTabs).render())  # type: ignore[attr-defined]


async def test_the_list_grows_in_place_when_the_rest_has_loaded(three: Path) -> None:
    first, left_out = load_cached_start(three, budget=300_000)
    app = create_app(first, data_path=three, clipboard_commands=[], remember=False,
                     loading=left_out)
    async with app.run_test(size=(160, 40)) as pilot:
        n = len(first.agreements)
        assert f"Agreements ({n}+)" in _tabs(app)
        assert "loading 2 more files…" in _tabs(app)
        await pilot.press("j", "j")
        chosen = app.explorer.selection.record
        await wait_for(pilot, lambda: app.session.loading == 0, seconds=30)
        await pilot.pause()
        assert f"Agreements ({3 * n})" in _tabs(app)
        assert "loading" not in _tabs(app)
        assert app.explorer.selection.record == chosen  # still where the user was
        assert len(app.explorer.fact_list.rows) == 3 * n


async def test_the_rest_is_checked_side_by_side_in_worker_processes(
    three: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under the app (which captures stderr: multiprocessing could not start its helper
    there and the load crashed), workers check the parts the cache lacks."""
    from kzt_tui.core.loading import workers as warm

    monkeypatch.setattr(warm, "MIN_FILES", 1)
    monkeypatch.setattr(warm, "MIN_BYTES", 0)
    monkeypatch.setattr(warm, "BATCH_BYTES", 1)
    monkeypatch.setattr(warm, "workers", lambda: 2)
    started: list[int] = []
    real_popen = warm.subprocess.Popen

    def popen(*args: object, **kwargs: object) -> object:
        started.append(1)
        return real_popen(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(warm.subprocess, "Popen", popen)
    first, left_out = load_cached_start(three, budget=300_000)
    app = create_app(first, data_path=three, clipboard_commands=[], remember=False,
                     loading=left_out)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.session.loading == 0, seconds=30)
        await pilot.pause()
        assert not app.load_problems and app.is_running
        assert len(app.explorer.fact_list.rows) == 3 * len(first.agreements)
    assert len(started) == 2  # both workers ran, each on its own part file
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "kzt-tui" / "parts"
    assert len(list(cache.glob("*.pickle"))) == 3


async def test_the_tabs_say_how_far_the_rest_has_loaded(three: Path) -> None:
    from kzt_tui.messages import LoadProgress

    first, left_out = load_cached_start(three, budget=300_000)
    app = create_app(first, data_path=three, clipboard_commands=[], remember=False,
                     loading=left_out)
    async with app.run_test(size=(160, 40)) as pilot:
        app.post_message(LoadProgress(0.4))  # as the loading thread does
        await pilot.pause()
        if app.session.loading:  # (the rest may already be in: then there is nothing to say)
            assert "loading 2 more files… 40%" in _tabs(app)
        await wait_for(pilot, lambda: app.session.loading == 0, seconds=30)
        await pilot.pause()
        assert "loading" not in _tabs(app) and "%" not in _tabs(app)


async def test_problems_in_the_rest_close_the_app_and_are_kept(three: Path) -> None:
    first, left_out = load_cached_start(three, budget=300_000)
    part = three.parent / "parts" / "c0002.yaml"
    text = part.read_text(encoding="utf-8")
    part.write_text(text.replace("$555,7", "$555.7", 1), encoding="utf-8")
    app = create_app(first, data_path=three, clipboard_commands=[], remember=False,
                     loading=left_out)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(app.load_problems), seconds=30)
    assert app.return_code == 1
    assert [p.file for p in app.load_problems] == [str(part)]
    assert "quote not found" in app.load_problems[0].message


async def test_a_new_part_file_is_noticed_and_loaded(three: Path) -> None:
    from kzt_tui.core.loading import load_cached

    app = create_app(load_cached(three), data_path=three, clipboard_commands=[],
                     remember=False)
    async with app.run_test(size=(120, 40)) as pilot:
        n = len(app.session.dataset.agreements)
        await pilot.pause(0.3)
        extra = three.parent / "parts" / "c0003.yaml"
        text = (three.parent / "parts" / "c0002.yaml").read_text(encoding="utf-8")
        text = text.replace("-c2", "-c3")  # new ids, citing the same source files
        extra.write_text(text, encoding="utf-8")
        await wait_for(pilot, lambda: len(app.session.dataset.agreements) == n + n // 3, seconds=10)
        assert str(extra) in app.session.dataset.files


def test_a_load_asked_to_stop_stops_between_files(three: Path) -> None:
    import threading

    from kzt_tui.core.loading import load_cached
    from kzt_tui.core.problems import Cancelled

    stop = threading.Event()
    stop.set()
    with pytest.raises(Cancelled):
        load_cached(three, cancel=stop)


async def test_quitting_while_the_rest_loads_stops_the_load(three: Path, monkeypatch) -> None:
    """The interpreter waits for a loading thread before it exits: q must not wait 40 s
    for a 1000x dataset to finish loading."""
    import threading

    import kzt_tui.core.loading as cache_module

    started, finished = threading.Event(), threading.Event()
    outcome: list[str] = []
    real = cache_module.load_cached

    def slow(path, root=None, directory=None, cancel=None, progress=None):  # type: ignore[no-untyped-def]
        started.set()
        assert cancel is not None
        cancel.wait(10)  # a long load, until it is told to stop
        try:
            return real(path, root, directory, cancel, progress)
        except BaseException as exc:
            outcome.append(type(exc).__name__)
            raise
        finally:
            finished.set()

    monkeypatch.setattr(cache_module, "load_cached", slow)
    first, left_out = load_cached_start(three, budget=300_000)
    app = create_app(first, data_path=three, clipboard_commands=[], remember=False,
                     loading=left_out)
    async with app.run_test(size=(120, 40)) as pilot:
        assert started.wait(5)
        await pilot.press("q")
    assert finished.wait(5)
    assert outcome == ["Cancelled"]
    assert app.load_problems == []


def test_problems_in_the_first_files_are_reported_before_any_screen(
    three: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kzt_tui.cli import main

    text = three.read_text(encoding="utf-8")
    three.write_text(text.replace("$555,7", "$555.7", 1), encoding="utf-8")
    assert main(["--data", str(three)]) == 1  # the app never starts: nothing to quit
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{three}:") and "quote not found" in err[0]
    assert err[-1] == "✗ 1 problem(s); nothing was changed."


def test_a_split_dataset_exports_every_file(three: Path, capsys: pytest.CaptureFixture[str]
                                            ) -> None:
    from kzt_tui.cli import main

    assert main(["export", "--format", "csv", "--section", "agreements", "--data",
                 str(three)]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 1 + 3 * 53
    assert any(",agr-" in r and "-c2," in r for r in rows)


@pytest.mark.parametrize("width", [200, 120, 80, 60])
async def test_the_load_s_progress_fits_in_the_tabs_at_any_width(width: int) -> None:
    """At 120 columns the full titles filled the row and the note of the load was cut off:
    a 30 s first load looked stuck. Titles shorten, then the note does."""
    from textual.app import App, ComposeResult

    from kzt_tui.panes import PANE_BY_NAME

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield PaneTabs()

    app = Host()
    async with app.run_test(size=(width, 10)) as pilot:
        tabs = app.query_one(PaneTabs)
        tabs.show(PANE_BY_NAME["agreements"], 212, loading=999, done=0.42)
        await pilot.pause()
        shown = tabs.render()
        assert shown.cell_len <= width, shown.plain
        assert "(212+)" in shown.plain and shown.plain.endswith("42%")
        if width >= 120:
            assert "loading 999 more files… 42%" in shown.plain
