"""What the export dialog says it wrote (branch fresh): a sources format (.csl.json, .bib,
.ris) writes the documents the records cite, one each, and says so; it said "Exported 45
records (csl-json)" for a file of 5 sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzt_tui.screens.explorer import ExplorerScreen


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def export_as(pilot, app, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    await pilot.press("e")
    await pilot.pause()
    app.screen.query_one("#export-path").value = name
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause(0.3)
    assert isinstance(app.screen, ExplorerScreen)
    return [n.message for n in app._notifications]


async def test_a_sources_export_counts_the_sources_it_wrote(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        messages = await export_as(pilot, app, "out.csl.json")
        items = json.loads((tmp_path / "out.csl.json").read_text(encoding="utf-8"))
        n = len(items)
        said = f"Exported {n} source document{'s' if n != 1 else ''} (csl-json: th"
        assert any(said in m for m in messages), messages
        assert not any("records (csl-json)" in m for m in messages)
        messages = await export_as(pilot, app, "out.md")  # records stay records
        assert any("Exported 2 records (md) to" in m for m in messages), messages
