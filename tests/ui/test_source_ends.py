"""`g` / `G` in the source put the reader at the first / last line, and `V` then selects
the sentence there — not a passage an earlier jump landed on, nor the top of the last
screenful."""

from __future__ import annotations

from kzt_tui.core.paths import shipped_data

from .conftest import Seen
from .helpers import make, source_header, wait_for

FIRST = "Переговоры в Акорде [bold]прошли[/] 25 ноября."
LAST = "Дорога Туркменбаши – Гарабогаз – граница Казахстана строится."


async def _selected(keys: tuple[str, ...]) -> tuple[str, str]:
    """(the source header's place line, the selection copied alone with Y)."""
    app = make()
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("2", "tab", "tab")  # agr-bridge: doc-one shown at its line 3
        await wait_for(pilot, lambda: app.explorer.focused_part() == "source")
        await pilot.press(*keys)
        await pilot.pause()
        place = source_header(app).splitlines()[-1]
        await pilot.press("Y")
        await wait_for(pilot, lambda: seen.copy is not None)
        return place, app.clipboard


async def test_g_then_v_selects_the_first_sentence() -> None:
    place, copied = await _selected(("g", "V"))
    assert place.startswith(f"selected {len(FIRST)} characters · line 1/4 · ¶ 1 ·")
    assert copied == FIRST


async def test_capital_g_then_v_selects_the_last_line_not_the_passage_landed_on() -> None:
    place, copied = await _selected(("G", "V"))
    assert place.startswith(f"selected {len(LAST)} characters · line 4/4 · ¶ 4 ·")
    assert copied == LAST


async def test_capital_g_then_v_at_the_end_of_a_long_text() -> None:
    app = make(shipped_data())
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("1", "o")
        await wait_for(pilot, lambda: app.explorer.focused_part() == "source")
        await pilot.press("G")
        await pilot.pause()
        assert source_header(app).splitlines()[-1].startswith("line 139/139 · ¶ 70 ·")
        await pilot.press("V", "Y")
        await wait_for(pilot, lambda: seen.copy is not None)
        text = app.explorer.corpus.text("doc-000-state-visit")
        last = text.rstrip("\n").rsplit("\n", 1)[-1]
        assert last.endswith(app.clipboard) and app.clipboard


async def _places(keys: tuple[str, ...], data=None) -> list[str]:
    """The source header's line number after each key of `keys`, in the source."""
    app = make(data) if data is not None else make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "tab", "tab") if data is None else await pilot.press("1", "o")
        await wait_for(pilot, lambda: app.explorer.focused_part() == "source")
        got = []
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            got.append(source_header(app).splitlines()[-1].split(" · ")[0])
        return got


async def test_j_and_k_move_the_reader_line_by_line_in_a_text_that_does_not_scroll() -> None:
    """doc-one has 4 lines, all in view: j/k move the line read, not the view, and stop
    at the first and last line."""
    assert await _places(("g", "j", "down", "j", "j", "k", "up", "k", "k")) == [
        "line 1/4", "line 2/4", "line 3/4", "line 4/4", "line 4/4", "line 3/4", "line 2/4",
        "line 1/4", "line 1/4"]
    assert await _places(("G", "k", "j")) == ["line 4/4", "line 3/4", "line 4/4"]


async def test_k_after_capital_g_in_a_long_text_moves_up_one_line() -> None:
    assert await _places(("G", "k", "k", "j"), shipped_data()) == [
        "line 139/139", "line 138/139", "line 137/139", "line 138/139"]


async def test_v_selects_the_sentence_on_the_line_j_moved_to() -> None:
    app = make()
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("2", "tab", "tab")
        await wait_for(pilot, lambda: app.explorer.focused_part() == "source")
        await pilot.press("G", "k", "k", "k", "V", "Y")
        await wait_for(pilot, lambda: seen.copy is not None)
        assert app.clipboard == FIRST
