"""What a newcomer could not read: the field of the highlighted search hit drawn in the
colour of its own background; two documents whose titles begin alike shown identically
at 80 columns in the hits and the back trail; the Russian detail's widest label pushing
its value out of the label column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.segment import Segment

from kzt_tui.widgets.hit_list import HitList

from .helpers import UI_DATA, make, terminal_output, visible_text, wait_for

BRIDGE = "Kazakhstan and Turkmenistan agree on a bridge across the bay"
TRADE = "Kazakhstan and Turkmenistan intend to bring trade to $1 billion"


@pytest.fixture
def alike(tmp_path: Path) -> Path:
    """The UI fixture with its two documents titled alike for their first 28 characters."""
    root = tmp_path / "ui"
    shutil.copytree(UI_DATA.parent, root)
    top = root / "curated.yaml"
    text = top.read_text(encoding="utf-8")
    text = text.replace('title: {en: "Talks in Akorda", ru: "Переговоры в Акорде"}',
                        f'title: {{en: "{BRIDGE}", ru: "Переговоры в Акорде"}}', 1)
    text = text.replace('title: {en: "Trade [red]notes[/red]", ru: "Заметки о торговле"}',
                        f'title: {{en: "{TRADE}", ru: "Заметки о торговле"}}', 1)
    top.write_text(text, encoding="utf-8")
    return top


def source_rows(app) -> list[str]:
    return [row for row in visible_text(terminal_output(app)).splitlines()
            if "source " in row and " · line " in row]


async def test_hits_of_two_documents_titled_alike_are_told_apart_at_80_columns(
        alike: Path) -> None:
    app = make(alike)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause(0.2)
        await pilot.press(*"товарооборот")
        await wait_for(pilot, lambda: len(source_rows(app)) == 2)
        names = [row.split("source", 1)[1].split(" · line ")[0].strip()
                 for row in source_rows(app)]
        assert names[0] != names[1], names
        assert "agree" in names[0] and "intend" in names[1]
        assert all(name.startswith("Kaza") for name in names)


async def test_the_back_trail_tells_two_documents_titled_alike_apart_at_80_columns(
        alike: Path) -> None:
    app = make(alike)
    async with app.run_test(size=(80, 24)) as pilot:
        for downs in (5, 4):  # the second document's hit, then the first's
            await pilot.press("s")
            await pilot.pause(0.2)
            await pilot.press(*"товарооборот")
            await wait_for(pilot, lambda: len(source_rows(app)) == 2)
            await pilot.press(*["down"] * downs, "enter")  # the first goes into the list
            await pilot.pause(0.3)
        trail = visible_text(terminal_output(app)).splitlines()[1]
        here, back = trail.split("⌫ back:")
        assert here.strip().startswith("Documents › Kaza")
        assert back.strip().startswith("Documents › Kaza")
        assert "agree" in here and "intend" in back, trail


async def test_the_highlighted_hits_field_is_not_drawn_in_its_backgrounds_colour(
        alike: Path) -> None:
    app = make(alike)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause(0.2)
        await pilot.press(*"товарооборот")
        await wait_for(pilot, lambda: len(source_rows(app)) == 2)
        hits = app.screen.query_one(HitList)
        await pilot.press("down", *["down"] * 3)  # into the list, to the first source hit
        await pilot.pause(0.2)
        assert hits.has_focus and hits.cursor == 3
        segments: list[Segment] = list(hits.render_line(hits.cursor - hits.scroll_offset.y))
        where = next(s for s in segments if s.text == "line 2")
        assert where.style is not None and where.style.bgcolor is not None
        assert where.style.color != where.style.bgcolor
        other = list(hits.render_line(0))  # off the cursor the field keeps its colour
        field = next(s for s in other if s.text == "title (ru)")
        assert field.style is not None and field.style.color != where.style.color


async def test_the_russian_detail_sizes_its_label_column_by_its_widest_label(
        make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("L", "1")
        await pilot.pause(0.3)
        rows = visible_text(terminal_output(app)).splitlines()
        labelled = {label: next(r for r in rows if r.startswith(label + " "))
                    for label in ("Заголовок (en)", "Заголовок", "Дата")}
        starts = {label: len(row) - len(row[len(label):].lstrip(" "))
                  for label, row in labelled.items()}
        assert set(starts.values()) == {len("Заголовок (en)") + 1}, starts
