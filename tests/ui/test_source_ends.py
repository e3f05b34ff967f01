"""`g` / `G` in the source put the reader at the first / last line, and `V` then selects
the sentence there — not a passage an earlier jump landed on, nor the top of the last
screenful. The last line stays in view when the view's size changes after `G`, in
whichever order the key and the layout come."""

from __future__ import annotations

from pathlib import Path

from textual import events

from bench import large_source
from kzt_tui.app import KztApp
from kzt_tui.core.paths import shipped_data
from kzt_tui.widgets.source_view import SourceText

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


def _source_view(app: KztApp) -> SourceText:
    return app.explorer.source.text_view


def _last_line_drawn(app: KztApp) -> bool:
    """Whether the source view draws the last line of its text (its end, at least)."""
    view = _source_view(app)
    assert view.doc_id is not None
    last = app.explorer.corpus.text(view.doc_id).rstrip().rsplit("\n", 1)[-1]
    drawn = [view.render_line(y).text.split("│", 1)[-1].strip()
             for y in range(view.size.height)]
    return any(line and last.endswith(line) for line in drawn[-3:])


async def test_the_last_line_stays_in_view_when_the_terminal_shrinks_after_capital_g() -> None:
    """The top line used to stay at the top: the last line went below the view while the
    header still said the reader was on it."""
    app = make(shipped_data())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "o")
        await wait_for(pilot, lambda: app.explorer.focused_part() == "source")
        await pilot.press("G")
        await pilot.pause()
        assert _last_line_drawn(app)
        for size in ((120, 30), (100, 25), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert _last_line_drawn(app), size
            assert source_header(app).splitlines()[-1].startswith("line 139/139 · ¶ 70 ·")


async def test_end_in_the_frame_that_gives_the_source_the_focus_shows_the_last_line() -> None:
    """Focusing the source takes a row from it at 120x40 (the key bar's line); `end` read
    before that layout scrolled to the end of the taller view, one row short after it
    (test_large_sources' ends test under load). The layout is held back here (a batch)
    until the key has acted, so the order is always the bad one."""
    app = make(shipped_data())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        view = _source_view(app)
        height = view.size.height
        with app.batch_update():
            view.focus()
            await pilot.press("end")
            await pilot.pause()
            assert view.size.height == height  # not laid out yet
        await pilot.pause()
        assert app.focused is view and view.size.height < height
        assert _last_line_drawn(app)
        assert source_header(app).splitlines()[-1].startswith("line 139/139 · ¶ 70 ·")


async def test_capital_g_in_a_text_ending_in_blank_lines_stays_at_the_end_on_a_resize(
        tmp_path: Path) -> None:
    """G shows the view's end (blank lines here) and puts the reader on the last line with
    text, above the view: a resize keeps the view where it is, as before G's line was kept
    in view, rather than jumping up to that line."""
    text = "".join(f"line {i}\n" for i in range(20)) + large_source.QUOTE + "\n" * 200
    data = large_source.dataset(tmp_path, text)
    app = make(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        view = _source_view(app)
        view.focus()
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_offset.y == view.max_scroll_y > 0
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        drawn = [view.render_line(y).text.split("│", 1)[-1].strip()
                 for y in range(view.size.height)]
        assert drawn == [""] * len(drawn)
        assert view.scroll_offset.y > 0


async def test_capital_g_reaches_the_end_of_a_text_whose_end_wraps_taller_than_guessed(
        tmp_path: Path) -> None:
    """A long text's rows are guessed until they come into view (source_layout): here each
    line of the end takes two rows where the guess gave it little more than one, so the
    end moved down as G's scroll measured it; G scrolls to the end it finds then."""
    words = " ".join(["word"] * 40)  # 199 characters: wrapped to ~65 cells, 4 rows
    text = large_source.QUOTE + "\n" + "".join(f"{i} {words}\n" for i in range(2000))
    data = large_source.dataset(tmp_path, text)
    app = make(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        view = _source_view(app)
        view.focus()
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_offset.y == view.max_scroll_y
        drawn = [view.render_line(y).text for y in range(view.size.height)]
        assert any("2001 │ 1999 word" in line for line in drawn), drawn


async def test_capital_g_and_v_in_one_burst_select_the_last_line() -> None:
    """Both keys read before either acts: V finds G's landing (Textual's scroll to the end,
    and the landing after it, waited for a refresh: V selected the first line)."""
    app = make()
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("2", "tab", "tab")
        await wait_for(pilot, lambda: app.explorer.focused_part() == "source")
        for key in ("G", "V", "Y"):
            app.post_message(events.Key(key, key))
        await wait_for(pilot, lambda: seen.copy is not None)
        assert app.clipboard == LAST


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
