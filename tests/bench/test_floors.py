"""The panes floor redraws what kzt-tui redraws on a cursor key: both panes follow the row."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from bench.floors import PanesFloor


def _shown(app: PanesFloor, name: str) -> str:
    return str(app.query_one(name, Static).render())


async def test_a_cursor_key_rewrites_the_detail_and_the_source_for_the_new_row() -> None:
    app = PanesFloor(30)
    async with app.run_test(size=(120, 40)) as pilot:
        assert _shown(app, "#detail").startswith("AGREEMENT agr-000000")
        assert _shown(app, "#source").startswith("  0 │")
        await pilot.press("j", "j")
        assert app.query_one(OptionList).highlighted == 2
        assert _shown(app, "#detail").startswith("AGREEMENT agr-000002")
        assert _shown(app, "#source").startswith("  2 │")
        await pilot.press("k")
        assert _shown(app, "#detail").startswith("AGREEMENT agr-000001")
