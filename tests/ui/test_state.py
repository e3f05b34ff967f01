"""The app remembers where it was, atomically under XDG state; bad state never stops it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kzt_tui.system.state import SavedState, load_state, save_state, state_path


async def test_quit_saves_and_next_start_restores(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "j", "q")
    saved = json.loads(state_path().read_text(encoding="utf-8"))
    assert saved == {"pane": "figures", "record": "fig-companies", "cite": 0, "lang": "en"}
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
