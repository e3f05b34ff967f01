"""Edit this record (E, the palette): a record kzt-tui made opens in the new-record form
prefilled with its values, and saves in place; ctrl+z puts the old one back; a record of a
file kzt-tui does not change is refused in one line that says where to edit it. On a copy
of a small dataset in tmp_path (tests/helpers.make_split)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kzt_tui.core.curate.store import Curator
from kzt_tui.core.loading import check_dataset, load
from kzt_tui.dialogs.record_form import RecordForm

from ..core.test_curate import _figure
from ..helpers import make_split
from .helpers import (
    curate_app,
    explorer_of,
    form_values,
    notifications,
    palette_entries,
    run_command,
    select_sentences,
    terminal_output,
    type_fields,
    visible_text,
)

TARGET = Path("parts") / "kzt-tui.yaml"
FIGURE = {"label.en": "Trade with a typo", "label.ru": "Товарооборот",
          "measure": "trade_turnover", "group": "kz-tm-trade",
          "scope": "Kazakhstan–Turkmenistan", "countries": "KZ, TM", "status": "actual",
          "citation.translation": "Second line: turnover $555.7m."}


async def test_a_record_made_in_the_app_is_edited_in_place_and_undone(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 2)
        await run_command(pilot, app, "New figure from selection")
        await type_fields(pilot, app, FIGURE)
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        explorer = explorer_of(app)
        record = explorer.selection.record
        assert record is not None and record.label("en") == "Trade with a typo"
        made = (top.parent / TARGET).read_bytes()

        await run_command(pilot, app, "Edit this record")
        assert isinstance(app.screen, RecordForm)
        shown = form_values(app)
        assert shown["id"] == record.id and shown["label.en"] == "Trade with a typo"
        assert (shown["value"], shown["unit"], shown["countries"]) == ("555.7", "USD",
                                                                       "KZ, TM")
        assert "citation.translation" not in shown  # kept as written, not a box
        await type_fields(pilot, app, {"label.en": "Trade, fixed"})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert app.screen is explorer
        edited = explorer.selection.record
        assert edited is not None and edited.id == record.id
        assert edited.label("en") == "Trade, fixed"
        assert explorer.fact_list.current_key == record.id
        screen = visible_text(terminal_output(app))
        assert "Trade, fixed" in screen and "typo" not in screen  # the list and the detail
        assert f"Edited {record.id} → parts/kzt-tui.yaml" in notifications(app)
        text = (top.parent / TARGET).read_text(encoding="utf-8")
        assert text == made.decode("utf-8").replace('"Trade with a typo"', '"Trade, fixed"')
        assert [c.translation for c in load(top).figures[0].citations] == [
            FIGURE["citation.translation"]]
        check_dataset(top)  # green: raises DataError otherwise

        await pilot.press("ctrl+z")
        await pilot.pause(0.3)
        assert (top.parent / TARGET).read_bytes() == made
        assert any(n.startswith(f"Undone: edit {record.id}") for n in notifications(app))
        assert explorer_of(app).corpus.get(record.id).label("en") == "Trade with a typo"


async def test_a_hand_written_record_says_where_to_edit_it(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        explorer = explorer_of(app)
        explorer.jump_to("per-three")
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause(0.3)
        assert app.screen is explorer  # no form
        line = (top.parent / "parts" / "2.yaml").read_text(encoding="utf-8").split(
            "\n").index("- id: per-three") + 1
        (said,) = [n for n in notifications(app) if "per-three" in n]
        assert said == (f"per-three lives in {top.parent / 'parts' / '2.yaml'}:{line}, a "
                        "file kzt-tui does not change; edit it there")


@pytest.mark.parametrize("words", ["edit", "change", "correct", "fix typo", "modify"])
async def test_the_palette_finds_it_by_plain_words(tmp_path: Path, words: str) -> None:
    app = curate_app(make_split(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        explorer_of(app).jump_to("per-one")
        await pilot.pause()
        assert "Edit this record" in (await palette_entries(pilot, app, words))[:3]


def test_snapshot_of_the_prefilled_form(snap_compare, tmp_path: Path) -> None:
    top = make_split(tmp_path)
    Curator(top).add_record("figures", _figure(notes="A note."))

    async def form(pilot: Pilot[Any]) -> None:
        await pilot.pause(0.3)  # the explorer's panes are mounted
        explorer_of(pilot.app).jump_to("fig-trade-2")  # type: ignore[arg-type]
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause(0.3)

    assert snap_compare(curate_app(top), terminal_size=(80, 24), run_before=form)
