"""The palette's "Copy the dataset to a folder…" asks for a folder in a dialog, copies the
shipped dataset there as `kzt-tui copy-data DIR` does, says in one line how to open the
copy, and refuses a folder that is not empty, the dialog staying open."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from kzt_tui.dialogs.copy_data import CopyDataScreen

from .helpers import palette_entries, run_command


async def test_the_palette_copies_the_dataset_to_a_new_folder_and_refuses_a_full_one(
        make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await run_command(pilot, app, "Copy the dataset to a folder…", query="copy the dataset")
        assert isinstance(app.screen, CopyDataScreen)
        assert app.screen.query_one("#copy-data-path", Input).value == "kzt-tui-data"
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, CopyDataScreen)
        curated = tmp_path / "kzt-tui-data" / "data" / "curated.yaml"
        assert curated.is_file()
        assert (tmp_path / "kzt-tui-data" / "seeds").is_dir()
        said = [n.message for n in app._notifications]
        assert said[-1] == (f"Copied the dataset to {tmp_path / 'kzt-tui-data'}; open it "
                            f"with: kzt-tui --data {curated}")

        # again, into the folder now full: refused in the dialog, nothing overwritten
        before = curated.stat().st_mtime_ns
        await palette_entries(pilot, app, "copy the dataset")
        await pilot.press("enter")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, CopyDataScreen)
        status = str(app.screen.query_one("#copy-data-status", Static).render())
        assert status == (f"Not copied: {tmp_path / 'kzt-tui-data'} is a folder that is not empty; "
                          "nothing copied (give a new or empty folder)")
        assert curated.stat().st_mtime_ns == before
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CopyDataScreen)
