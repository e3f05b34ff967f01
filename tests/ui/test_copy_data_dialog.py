"""The palette's "Copy the dataset to a folder…" asks for a folder in a dialog, copies the
shipped dataset there as `kzt-tui copy-data DIR` does, says in one line how to open the
copy, and refuses a folder that is not empty, the dialog staying open."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from kzt_tui.dialogs.copy_data import CopyDataScreen

from .helpers import palette_entries, run_command, shipped_app


async def test_the_palette_copies_the_dataset_to_a_new_folder_and_refuses_a_full_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = shipped_app()  # the shipped dataset open: the one it copies
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


async def test_the_palette_does_not_copy_the_shipped_dataset_over_the_users_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With a dataset of the user's open, "Copy the dataset to a folder…" would copy the
    shipped one instead: it says so in one line and opens no dialog, as the CLI refuses."""
    from tests.helpers import make_split

    from .helpers import curate_app, notifications

    monkeypatch.chdir(tmp_path)
    app = curate_app(make_split(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await run_command(pilot, app, "Copy the dataset to a folder…", query="copy the dataset")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, CopyDataScreen)
        assert notifications(app)[-1] == (
            "Not copied: this copies the shipped dataset, and the one open is yours and "
            "writable already (to have a second, copy its folder)")
    assert not (tmp_path / "kzt-tui-data").exists()
