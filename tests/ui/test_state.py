"""The app remembers where it was, atomically under XDG state, and writes nothing else: never
to the data folder. State that is corrupt, huge, deeply nested, a FIFO, unwritable or
pointing at things that no longer exist is set aside or ignored; it never stops the app."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from kzt_tui.system.state import SavedState, load_state, save_state, state_path
from kzt_tui.widgets.fact_list import FactList

from .conftest import Seen
from .helpers import (
    HANG,
    Terminal,
    make,
    state_file,
    wait_for,
)


async def test_quit_saves_and_next_start_restores(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "j", "q")
    saved = json.loads(state_path().read_text(encoding="utf-8"))
    panes = saved.pop("panes")
    assert saved == {"pane": "figures", "record": "fig-companies", "cite": 0, "lang": "en",
                     "searches": []}
    figures = {k: panes["figures"][k] for k in ("filter", "selected", "cite", "top")}
    assert figures == {"filter": "", "selected": "fig-companies", "cite": 0, "top": 0}
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.explorer.pane.name == "figures"
        assert again.explorer.selection.record.id == "fig-companies"


async def test_corrupt_state_is_set_aside_not_fatal(make_app) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.explorer.pane.name == "agreements"
    aside = list(path.parent.glob("state.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == "{not json"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_home_only_means_nothing_is_saved(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    problem = save_state(SavedState(), ro / "sub" / "state.json")
    assert problem is not None and "could not save state" in problem


def test_unwritable_state_location_reports_instead_of_raising(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    problem = save_state(SavedState(), blocker / "kzt-tui" / "state.json")
    assert problem is not None and "could not save state" in problem
    state, warning = load_state(blocker / "kzt-tui" / "state.json")
    assert state == SavedState() and warning is None


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every entry under `folder`: contents, mtime and mode."""
    out: dict[str, tuple[bytes, int, int]] = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        data = path.read_bytes() if path.is_file() else b""
        out[str(path.relative_to(folder))] = (data, st.st_mtime_ns, st.st_mode)
    return out


async def test_a_full_session_never_writes_to_the_data_folder(
    ui_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = Path(os.environ["HOME"])
    before_home = {p for p in home.rglob("*")}
    folder = ui_copy.parent
    before = snapshot(folder)
    sink = tmp_path / "clip.txt"
    tool = tmp_path / "fake-copy"
    tool.write_text(f"#!{sys.executable}\nimport sys\n"
                    f"open({str(sink)!r}, 'wb').write(sys.stdin.buffer.read())\n")
    tool.chmod(0o755)
    app = make(ui_copy, clipboard=[[str(tool)]])
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("j", "y")  # copy with reference
        await wait_for(pilot, lambda: seen.copy is not None, seconds=6)
        await pilot.press("Y", "right_square_bracket", "o")  # quote only, next, open doc
        for key in "12345678":
            await pilot.press(key, "j", "enter", "tab", "j")
        await pilot.press("2", "slash", *"trade", "enter", "escape")
        await pilot.press("s", *"aktau")
        await pilot.pause()
        await pilot.press("enter", "L", "backspace", "question_mark", "escape")
        app.reload_data()  # as if the files had changed
        await pilot.pause(0.3)
        await pilot.press("q")
    assert sink.read_text(encoding="utf-8")  # the session really copied something
    assert snapshot(folder) == before
    # what it saved went under XDG_STATE_HOME, atomically (no temporary files left)
    created = {p for p in home.rglob("*")} - before_home
    files = sorted(str(p.relative_to(home)) for p in created if p.is_file())
    state_home = Path(os.environ["XDG_STATE_HOME"])
    cache_home = Path(os.environ["XDG_CACHE_HOME"])
    assert str(state_path().relative_to(home)) in files
    for name in files:
        path = home / name
        assert path.is_relative_to(state_home) or path.is_relative_to(cache_home), name
        assert not name.endswith(".tmp"), name
    assert json.loads(state_path().read_text(encoding="utf-8"))["pane"]


async def test_unwritable_state_home_does_not_stop_the_app(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    # a file where the state folder should be: refused even for root, unlike chmod 0500
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker / "state"))
    monkeypatch.setenv("HOME", str(blocker))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "j")
        assert app.explorer.query_one(FactList).current_key == "fig-companies"
        await pilot.press("q")
    assert app.return_code == 0
    assert blocker.read_text() == "x"


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
async def test_read_only_home_does_not_stop_the_app(
    make_app, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    home = Path(os.environ["HOME"])
    monkeypatch.delenv("XDG_STATE_HOME")
    home.chmod(0o500)
    try:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("4", "j", "q")
        assert app.return_code == 0
        assert list(home.iterdir()) == []
    finally:
        home.chmod(0o700)


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe\x00garbage",  # not UTF-8
        b'{"pane": "figures", "cite": 1e400}',  # a number int() cannot take
        b'{"pane": "figures", "cite": "' + b"1" * 5000 + b'"}',
        b"[1, 2]",
        b"",
    ],
)
async def test_corrupt_state_of_any_kind_is_set_aside(make_app, content: bytes) -> None:  # type: ignore[no-untyped-def]
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.explorer.pane.name == "agreements"
        await pilot.press("4")
        assert app.explorer.pane.name == "figures"
    aside = list(path.parent.glob("state.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == content


async def test_state_pointing_at_things_that_no_longer_exist(make_app) -> None:  # type: ignore[no-untyped-def]
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"pane": "nope", "record": "agr-gone", "cite": -7, "lang": "xx"}),
                    encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.explorer.pane.name == "agreements"
        assert app.explorer.query_one(FactList).current_key == "agr-bridge"
        assert app.lang == "en"
    assert not list(path.parent.glob("state.json.corrupt-*"))


@pytest.mark.parametrize("depth", [100_000, 5_000])
async def test_deeply_nested_state_is_set_aside_with_a_warning(make_app, depth: int) -> None:
    path = state_file(b"[" * depth)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.explorer.pane.name == "agreements"
        assert any("saved state was unreadable" in n.message for n in app._notifications)
    aside = list(path.parent.glob("state.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"[" * depth
    assert not path.exists()


def test_a_fifo_state_file_is_not_waited_on(tmp_path: Path) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    with Terminal(tmp_path) as term:
        term.read_until(b"palette")  # drawn: the start did not wait for a writer
        term.write(b"q")
        assert term.wait() == 0


def test_a_fifo_state_file_read_from_a_thread_does_not_block(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "state.json"
    os.mkfifo(fifo)
    got: list[tuple[SavedState, str | None]] = []
    reader = threading.Thread(target=lambda: got.append(load_state(fifo)), daemon=True)
    reader.start()
    reader.join(HANG)
    if reader.is_alive():  # unblock the thread, so the test process can end
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("load_state blocked on a FIFO")
    state, warning = got[0]
    assert state == SavedState() and warning is not None and "not a regular file" in warning
    assert fifo.exists()  # not the app's to move: a later save replaces it atomically


def test_an_oversized_state_file_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    big = b'{"pane": "figures", "pad": "' + b"x" * 2_000_000 + b'"}'
    path.write_bytes(big)
    state, warning = load_state(path)
    assert state == SavedState() and warning is not None and "too large" in warning
    aside = list(tmp_path.glob("state.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == big


def test_a_second_corrupt_state_does_not_replace_the_first_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    for text in (b"{first", b"{second"):  # within the same second
        path.write_bytes(text)
        assert load_state(path)[1] is not None
    aside = sorted(p.read_bytes() for p in tmp_path.glob("state.json.corrupt-*"))
    assert aside == [b"{first", b"{second"]


async def test_a_negative_saved_passage_opens_the_first_one(make_app) -> None:
    state_file(b'{"pane": "agreements", "record": "agr-plan", "cite": -1}')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sel = app.explorer.selection
        assert sel.record is not None and sel.record.id == "agr-plan"
        assert sel.index == 0 and sel.citation is not None  # so y, ] and o work


def test_a_relative_xdg_state_home_is_ignored(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    """The XDG spec says so; else the state would be read from and written to whatever
    folder kzt-tui was started in, such as a dataset's."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_STATE_HOME", ".")
    path = state_path()
    assert path.is_absolute()
    assert path == Path(os.path.expanduser("~")) / ".local" / "state" / "kzt-tui" / "state.json"
