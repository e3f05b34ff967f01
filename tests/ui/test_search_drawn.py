"""What one search keystroke costs the screen (issue 18): hits made for the rows in view
only, and no layout of the dialog (a layout redrew the hit list's scrollbar in a frame of
its own, ~30 ms after the one that showed the hits)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from bench.corpus import generate
from kzt_tui.core.search import SearchIndex
from kzt_tui.dialogs.search import SearchScreen
from kzt_tui.widgets.hit_list import HitList

from .conftest import SIZES
from .helpers import make, wait_for

pytestmark = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


@pytest.fixture(scope="module")
def corpus3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(3, tmp_path_factory.mktemp("c3") / "c3").data


async def _open(app, pilot, query: str) -> SearchScreen:  # type: ignore[no-untyped-def]
    await pilot.press("s", *query)
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await wait_for(pilot, lambda: len(screen.hits) > 0)
    await pilot.pause()
    return screen


async def test_hits_are_made_for_the_rows_in_view_only(corpus3: Path, size,
                                                       monkeypatch) -> None:
    placed: list[str] = []
    real = SearchIndex.place

    def place(self, hit, lang="en"):  # type: ignore[no-untyped-def]
        placed.append(hit.unit.record_id or hit.unit.doc_id)
        return real(self, hit, lang)

    monkeypatch.setattr(SearchIndex, "place", place)
    app = make(corpus3)
    async with app.run_test(size=size) as pilot:
        screen = await _open(app, pilot, "a")
        rows = screen.query_one(HitList).size.height
        assert len(screen.hits) == 200 and rows < 200
        assert len(placed) == rows  # a screenful, not 200
        placed.clear()
        screen.query_one(HitList).action_last()  # the last screenful: made now
        await pilot.pause()
        assert placed == [h.unit.record_id or h.unit.doc_id for h in screen.hits[-rows:]]


async def test_a_keystroke_lays_nothing_out(make_app, size, monkeypatch) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await _open(app, pilot, "port")
        laid: list[str] = []
        real = Widget.refresh

        def refresh(self, *regions, **kwargs):  # type: ignore[no-untyped-def]
            if kwargs.get("layout"):
                laid.append(type(self).__name__)
            return real(self, *regions, **kwargs)

        monkeypatch.setattr(Widget, "refresh", refresh)
        # fewer hits, none, more, and the box emptied
        for key in ("a", "backspace", "backspace", "backspace", "backspace", "backspace"):
            await pilot.press(key)
            await pilot.pause()
        assert len(screen.hits) == 0
        assert laid == []
