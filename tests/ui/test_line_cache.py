"""The list, the detail and the source keep their lines as drawn (#18: a cursor key redraws
only what changed). A kept line must never outlive what it shows: after each event that
changes a line — a resize, a reload, the language, another record, a filter or a sort, a
highlight moving within the same text, rows filled in or shifted, the theme, the focus —
the screen is what a fresh app in the same state draws.

The oracle is a second app started fresh in the state the first one reached (the state a
restart restores, or a size, a theme or a dataset set before its first frame); its lines
were never kept from before the event. Where no such app can be had, the test names what
the user must see."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from bench import large_source
from kzt_tui.app import KztApp
from kzt_tui.widgets.detail_view import DetailView
from kzt_tui.widgets.fact_list import FactList
from kzt_tui.widgets.line_view import Block, LineView
from kzt_tui.widgets.source_view import FAINT, GAP, GAP_HERE, STRONG, SourceText

from .helpers import UI_DATA, make, wait_for

#: A row as drawn: each cell's character and style.
Row = tuple[tuple[str, Style | None], ...]
VIEWS: tuple[type[Widget], ...] = (FactList, DetailView, SourceText)

BRIDGE = "Стороны договорились о мосте через залив."  # agr-bridge's passage in doc-one
PLAN = "Товарооборот превысил полмиллиарда долларов."  # agr-plan's, in the same text
#: agr-plan's title made long enough to wrap in the detail at either size, differently.
LONG_TITLE = ("Trade plan for the years to come, with figures for each of the ports on the "
              "Caspian and for the roads between them, and a Trade plan for the railways too")


def drawn(widget: Widget) -> list[Row]:
    """`widget`'s rows as the screen shows them, cell by cell."""
    region = Region(0, 0, widget.region.width, widget.region.height)
    return [tuple((ch, seg.style) for seg in strip for ch in seg.text)
            for strip in widget.render_lines(region)]


def text(rows: list[Row]) -> list[str]:
    return ["".join(ch for ch, _ in row).rstrip() for row in rows]


def looks(app: KztApp) -> dict[str, list[Row]]:
    """The list, the detail and the source as drawn."""
    return {cls.__name__: drawn(app.screen.query_one(cls)) for cls in VIEWS}


def marked(widget: Widget, style: str) -> list[str]:
    """The runs of characters drawn on the background of `style`, row by row."""
    bg = Style.parse(style).bgcolor
    runs = []
    for row in drawn(widget):
        run = "".join(ch for ch, st in row if st is not None and st.bgcolor == bg).strip()
        if run:
            runs.append(run)
    return runs


def same(got: dict[str, list[Row]], want: dict[str, list[Row]],
         views: tuple[str, ...] = ()) -> None:
    """Each view (of `views`; none given: all) drawn alike (the text compared first, for a
    readable failure)."""
    for name in views or tuple(want):
        assert text(got[name]) == text(want[name]), name
        assert got[name] == want[name], f"{name}: the same text, other styles"


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.pause(0.05)


async def fresh(size: tuple[int, int], app: KztApp | None = None,
                keys: tuple[str, ...] = ()) -> dict[str, list[Row]]:
    """How a new app (`app`, else one over the UI fixture) draws the three views at `size`
    after `keys`: no line of it kept from before."""
    app = app or make()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        return looks(app)


async def quit_(pilot: Pilot[Any]) -> None:
    """Quit as the user does (q), which saves the state a restart restores."""
    await pilot.press("q")
    await pilot.pause()


async def restarted(size: tuple[int, int], path: Path = UI_DATA) -> dict[str, list[Row]]:
    """How the app draws the state the last one left (pane, record, sort, filter,
    language), started anew at `size`."""
    return await fresh(size, make(path))


# --- resize ----------------------------------------------------------------------------


async def test_a_resize_and_back_draws_each_size_as_a_fresh_app_does(ui_copy: Path) -> None:
    """80×24 → 120×40 → 80×24: every kept line was made at another width (list columns,
    wrapped detail blocks, the source's rows and highlights)."""
    yaml = ui_copy.read_text(encoding="utf-8")
    ui_copy.write_text(yaml.replace('en: "Trade plan"', f'en: "{LONG_TITLE}"'), encoding="utf-8")
    keys = ("j",)  # the second agreement: a passage highlighted mid-text, a long title
    wide = await fresh((120, 40), make(ui_copy), keys=keys)
    app = make(ui_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        narrow = looks(app)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        same(looks(app), wide)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        same(looks(app), narrow)
    # the sizes draw differently: the list's columns, the title's wrapping
    assert text(wide["FactList"]) != text(narrow["FactList"])
    assert [n for n, line in enumerate(text(wide["DetailView"])) if "Trade plan" in line] != [
        n for n, line in enumerate(text(narrow["DetailView"])) if "Trade plan" in line]


async def test_a_resize_rewraps_a_long_source_as_a_fresh_app_does(tmp_path: Path) -> None:
    """Paragraphs that wrap, the passage among them: the source's highlighted pieces are
    kept by width too (each size read from the top of the text)."""
    path = large_source.dataset(tmp_path / "long", _long_text(40, quote_at=1))
    keys = ("tab", "tab", "g")  # read the source from its top
    wide = await fresh((120, 40), make(path), keys)
    app = make(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        narrow = looks(app)
        assert marked(app.screen.query_one(SourceText), STRONG)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        same(looks(app), wide)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)
        same(looks(app), narrow)


# --- data and language -----------------------------------------------------------------


async def test_a_reload_draws_the_changed_data(ui_copy: Path) -> None:
    """A title and the source text changed on disk: after the reload, the list row, the
    detail and the source show the new words, as an app started on the new data does."""
    app = make(ui_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = looks(app)
        assert "Bridge agreement" in "\n".join(text(before["FactList"]))
        yaml = ui_copy.read_text(encoding="utf-8")
        ui_copy.write_text(yaml.replace('en: "Bridge agreement"', 'en: "Bridge treaty"'),
                           encoding="utf-8")
        one = ui_copy.parent / "texts" / "one.txt"
        one.write_text(one.read_text(encoding="utf-8") + "Новая строка в конце.\n",
                       encoding="utf-8")
        app.reload_data()
        await wait_for(pilot, lambda: "Bridge treaty" in "\n".join(
            text(drawn(app.screen.query_one(FactList)))))
        await settle(pilot)
        after = looks(app)
        await quit_(pilot)
    assert "Bridge agreement" not in "\n".join(text(after["FactList"]) + text(after["DetailView"]))
    assert "5 │ Новая строка в конце." in text(after["SourceText"])
    same(after, await restarted((80, 24), ui_copy))


async def test_the_language_switch_draws_every_view_in_the_other_language() -> None:
    """L relabels the list on the same rows (Rows.forget) and redraws the detail."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await settle(pilot)
        russian = looks(app)
        await quit_(pilot)
    assert "Соглашение о мосте" in "\n".join(text(russian["FactList"]))
    same(russian, await restarted((80, 24)))


# --- moving: another record, the same text ---------------------------------------------


async def test_another_record_citing_the_same_text_moves_the_highlight() -> None:
    """agr-bridge and agr-plan cite the same text: going to the second keeps the text and
    restyles only what changed; the old passage is faint again, the new one strong."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        source = app.screen.query_one(SourceText)
        assert marked(source, STRONG) == [BRIDGE]
        assert PLAN in marked(source, FAINT)
        await pilot.press("j")
        await settle(pilot)
        assert marked(source, STRONG) == [PLAN]
        assert BRIDGE in marked(source, FAINT)
        moved = looks(app)
        assert "AGREEMENT agr-plan" in text(moved["DetailView"])
        assert not any("agr-bridge" in line for line in text(moved["DetailView"]))
        await quit_(pilot)
    same(moved, await restarted((80, 24)))
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:  # and back
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert marked(app.screen.query_one(SourceText), STRONG) == [BRIDGE]


async def test_a_highlight_moved_back_and_forth_is_drawn_as_a_fresh_app_draws_it() -> None:
    """Back and forth between two records of the same text: each passage highlighted again
    is drawn from the lines kept for that look (its text, wrap and marks; issue 18), which
    must be the look it has now, not the one it had when last drawn."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in "jkjkjk":
            await pilot.press(key)
            await settle(pilot)
        source = app.screen.query_one(SourceText)
        assert marked(source, STRONG) == [BRIDGE]
        assert PLAN in marked(source, FAINT)
        back = looks(app)
        await quit_(pilot)
    same(back, await restarted((80, 24)))
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:  # and ending on the other one
        await settle(pilot)
        for key in "jkj":
            await pilot.press(key)
            await settle(pilot)
        assert marked(app.screen.query_one(SourceText), STRONG) == [PLAN]
        there = looks(app)
        await quit_(pilot)
    same(there, await restarted((80, 24)))


async def test_a_citation_in_another_text_draws_that_text() -> None:
    """agr-bridge cites doc-one, then doc-two: `]` shows doc-two, no line of doc-one kept
    (its pieces start at the same offsets)."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        source = app.screen.query_one(SourceText)
        assert marked(source, STRONG) == [BRIDGE]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert marked(source, STRONG) == ["Порт Актау и порт Курык."]
        shown = "\n".join(text(drawn(source)))
        assert "Астана." in shown and "Переговоры в Акорде" not in shown
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert marked(source, STRONG) == [BRIDGE]
        assert "Астана." not in "\n".join(text(drawn(source)))


async def test_the_list_cursor_row_and_the_detail_cursor_block_follow_the_keys() -> None:
    """Only the old and the new cursor rows are drawn again: exactly one row of the list and
    one block of the detail look like a cursor, and it is the one the keys went to."""
    app = make()
    async with app.run_test(size=(120, 50)) as pilot:  # the detail whole, not scrolled
        await settle(pilot)
        fact_list = app.screen.query_one(FactList)
        detail = app.screen.query_one(DetailView)
        cursor_bg = _cursor_bg(fact_list)
        assert _rows_on(fact_list, cursor_bg) == ["Bridge agreement"]
        await pilot.press("j")
        await settle(pilot)
        assert _rows_on(fact_list, cursor_bg) == ["Trade plan"]
        await pilot.press("k")
        await settle(pilot)
        assert _rows_on(fact_list, cursor_bg) == ["Bridge agreement"]
        await pilot.press("tab", "j")  # the detail: its cursor on the next citation
        await settle(pilot)
        assert app.focused is detail
        detail_bg = _cursor_bg(detail)
        first = _rows_on(detail, detail_bg)
        await pilot.press("k")
        await settle(pilot)
        second = _rows_on(detail, detail_bg)
        assert first and second and first != second
        assert not set(first) & set(second)  # the old block no longer looks like a cursor
        await pilot.press("j")
        await settle(pilot)
        assert _rows_on(detail, detail_bg) == first


async def test_the_focus_moving_restyles_the_cursor_rows() -> None:
    """The cursor's look depends on the focus: tab away and back redraws it each time."""
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        fact_list = app.screen.query_one(FactList)
        focused, focused_bg = drawn(fact_list), _cursor_bg(fact_list)
        assert _rows_on(fact_list, focused_bg) == ["Bridge agreement"]
        await pilot.press("tab")
        await settle(pilot)
        assert text(drawn(fact_list)) == text(focused)
        unfocused_bg = _cursor_bg(fact_list)
        assert unfocused_bg != focused_bg
        assert _rows_on(fact_list, unfocused_bg) == ["Bridge agreement"]
        assert _rows_on(fact_list, focused_bg) == []
        await pilot.press("shift+tab")
        await settle(pilot)
        assert drawn(fact_list) == focused


async def test_u_and_U_move_the_mark_within_the_text() -> None:
    """doc-two has two unaccounted sentences: u marks the lower one, U moves the mark up and
    the lower one is drawn as a plain gap again; u moves it back, drawn as a fresh app
    going straight there draws it."""
    keys = ("1", "j", "tab", "tab", "u")  # the documents, doc-two's text, read it, u
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        source = app.screen.query_one(SourceText)
        assert app.focused is source
        here = marked(source, GAP_HERE)
        assert len(here) == 1 and here[0].startswith("Опасный текст")
        await pilot.press("U")
        await settle(pilot)
        assert marked(source, GAP_HERE) == ["Астана."]
        assert here[0] in marked(source, GAP)  # the first is a plain gap again
        await pilot.press("u")
        await settle(pilot)
        assert marked(source, GAP_HERE) == here
        assert "Астана." in marked(source, GAP)
        back = looks(app)
    same(back, await fresh((80, 24), keys=keys), ("SourceText",))


# --- rows changing under the same list -------------------------------------------------


async def test_a_filter_and_a_sort_draw_the_rows_they_leave() -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        fact_list = app.screen.query_one(FactList)
        await pilot.press("slash", *"plan", "enter")
        await settle(pilot)
        rows = [line for line in text(drawn(fact_list)) if line.strip()]
        assert any("Trade plan" in line for line in rows)
        assert not any("Bridge agreement" in line for line in rows)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("greater_than_sign")  # by title, descending: Trade plan first
        await settle(pilot)
        rows = [line for line in text(drawn(fact_list)) if line.strip()]
        assert rows[1].strip().startswith("Trade plan")
        assert rows[2].strip().startswith("Bridge agreement")
        sorted_ = looks(app)
        await quit_(pilot)
    same(sorted_, await restarted((80, 24)))


async def test_the_theme_redraws_the_kept_lines() -> None:
    """A theme chosen in the palette (Textual's own command) restyles every kept line."""
    light = make()
    light.theme = "textual-light"
    want = await fresh((80, 24), light, keys=("j",))
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        dark = looks(app)
        app.theme = "textual-light"
        await settle(pilot)
        got = looks(app)
    assert got != dark
    same(got, want)


async def test_a_block_of_the_same_words_in_another_style_is_drawn_in_that_style() -> None:
    """Wrapped blocks are kept by their content: the same characters styled otherwise are
    another content (a view on its own, in an app of its own)."""

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield LineView()

    host = Host()
    async with host.run_test(size=(40, 6)) as pilot:
        view = host.query_one(LineView)
        view.set_blocks([Block(Text.assemble(("the same words", "bold")))])
        await settle(pilot)
        assert [st.bold for ch, st in drawn(view)[0] if ch == "t"] == [True]
        view.set_blocks([Block(Text.assemble(("the same words", "italic")))])
        await settle(pilot)
        assert [(st.bold, st.italic) for ch, st in drawn(view)[0] if ch == "t"] == [
            (None, True)]


# --- a long source: rows measured as they come into view -------------------------------


#: Paragraphs of the text too long to be measured whole (~37 groups, ~300K characters).
PARAGRAPHS = 1200


def _long_text(paragraphs: int, quote_at: int | None = None) -> str:
    """Numbered paragraphs of a few hundred characters each, the quote after `quote_at` of
    them (None: in the middle)."""
    words = "слово другое третье четвёртое пятое шестое седьмое восьмое"
    lines = [f"P{k:05d} " + " ".join([words] * (2 + k % 5)) for k in range(paragraphs)]
    lines.insert(paragraphs // 2 if quote_at is None else quote_at, large_source.QUOTE)
    return "\n".join(lines) + "\nTHE END\n"


async def test_rows_shifted_by_measuring_are_not_drawn_from_before_the_shift(
        tmp_path: Path) -> None:
    """A text of ~50 groups is only estimated (a row a line) until a part comes into view;
    measuring a part moves every row below it. Scrolling up from the passage through
    estimated parts and back down: the paragraphs in view are in order, each once."""
    path = large_source.dataset(tmp_path / "big", _long_text(PARAGRAPHS))
    app = make(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")
        await settle(pilot)
        source = app.screen.query_one(SourceText)
        assert app.focused is source
        for keys in [("pageup",) * 3] * 12 + [("pagedown",) * 3] * 12:
            _assert_in_order(text(drawn(source)))  # back down: the rows drawn going up
            await pilot.press(*keys)  # were kept by row, and the rows have moved since
            await settle(pilot)
        await pilot.press("G")  # the end drawn: kept by row (a second G: the end as
        await settle(pilot)  # measured, the first went where the estimate put it)
        await pilot.press("G")
        await settle(pilot)
        last = "THE END"
        assert any(last in line for line in text(drawn(source))), text(drawn(source))
        await pilot.press("g")  # from the top, down into estimated parts: measured as
        await settle(pilot)  # they come in at the bottom, the rows below them move
        for _ in range(30):
            await pilot.press("pagedown")
            await settle(pilot)
            _assert_in_order(text(drawn(source)))
        await pilot.press("G")  # the end again, at its rows now
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        rows = text(drawn(source))
        _assert_in_order(rows)
        assert any(last in line for line in rows), rows


def _assert_in_order(rows: list[str]) -> None:
    """The paragraphs in view come one after another, each once, and a row that starts a
    paragraph (its number in the gutter) starts with that paragraph's label."""
    seen: list[int] = []
    for row in rows:
        body = row.split("│", 1)[-1].strip()
        if body.startswith("P") and body[1:6].isdigit():
            seen.append(int(body[1:6]))
    assert seen == sorted(set(seen)), rows
    assert all(b - a in (1, 2) for a, b in pairwise(seen)), rows


def _cursor_bg(widget: Widget) -> Any:
    """The cursor's background as the widget's styles say now (it depends on the focus)."""
    name = "fact-list--cursor" if isinstance(widget, FactList) else "line-view--cursor"
    return widget.get_component_rich_style(name).bgcolor


def _rows_on(widget: Widget, bg: Any) -> list[str]:
    """The rows with cells drawn on the background `bg` (the cursor's), as text (a list's
    row: its first column)."""
    return ["".join(ch for ch, _ in row).strip().split("  ")[0] for row in drawn(widget)
            if any(st is not None and st.bgcolor == bg for _, st in row)]


def _one_long_line_text(lines: int, long_at: int) -> str:
    """Short lines, each one row as estimated, but one at `long_at` that wraps: only the
    group holding it changes height when measured (by a few rows, less than a view)."""
    rows = [f"L{k:05d} short" for k in range(lines)]
    rows[long_at] = f"L{long_at:05d} " + " ".join(["длинная строка"] * 40)
    rows.insert(5, large_source.QUOTE)
    return "\n".join(rows) + "\nTHE END\n"


async def test_rows_moved_by_a_group_measured_below_the_top_are_not_drawn_stale(
        tmp_path: Path) -> None:
    """The end drawn (its rows kept), then from the top down, page by page: the group with
    the long line is measured as it comes in at the bottom of the view (the top group is
    measured already: only that measuring moves the rows below). The end, drawn again, is
    the end: in order, THE END once, on the last row."""
    # 40,000 lines: more groups than are measured whole when the text is laid out
    path = large_source.dataset(tmp_path / "big", _one_long_line_text(40000, 800))
    app = make(path)
    async with app.run_test(size=(100, 50)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab")
        await settle(pilot)
        source = app.screen.query_one(SourceText)
        assert app.focused is source
        for key in ("G", "G", "g"):
            await pilot.press(key)
            await settle(pilot)
        for _ in range(20):  # past line 800
            await pilot.press("pagedown")
            await settle(pilot)
        assert int(source.scroll_offset.y) > 800  # the long line came in and went by
        await pilot.press("G")
        await settle(pilot)
        rows = [line.split("│", 1)[-1].strip() for line in text(drawn(source))]
        labels = [r[:6] for r in rows if r.startswith("L")]
        assert labels == sorted(set(labels)), rows
        assert rows.count("THE END") == 1 and rows[-1] == "THE END", rows
