"""Reading a source: the header follows the scroll, j reads a line, n/N go from passage to
passage, u/U to the sentences nothing accounts for, z widens the source; the footer shows
the focused part's keys; help is grouped and searchable; Show topic… lists one topic's
records across sections."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from kzt_tui.dialogs.help import HelpScreen
from kzt_tui.dialogs.topics import TopicScreen
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets.key_bar import KeyBar
from kzt_tui.widgets.source_panel import SourcePanel
from kzt_tui.widgets.source_view import SourceText

from .helpers import make, terminal_output, visible_text, wait_for

READING = Path(__file__).resolve().parent.parent / "fixtures" / "reading" / "curated.yaml"
WIDE = (120, 40)


def header_line(app) -> str:
    """The third line of the source header: where the reader is."""
    header = app.screen.query_one("#source-header", Static)
    lines = [strip.text.strip() for strip in header.render_lines(header.content_region
                                                                  .reset_offset)]
    return lines[2].split(" · 2025-11-26")[0]


def shown(app) -> str:
    """The characters on screen."""
    return visible_text(terminal_output(app))


def footer(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def read(pilot) -> SourceText:
    """Focus the source text (list → detail → source)."""
    await pilot.press("tab", "tab")
    await pilot.pause()
    view = pilot.app.screen.query_one(SourceText)
    assert pilot.app.focused is view
    return view


async def test_the_header_follows_paging_and_numbers_paragraphs() -> None:
    app = make(READING)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        # at the canal agreement's passage (paragraph 3, line 5)
        assert header_line(app) == "line 5/59 · ¶ 3 · passage 1/4"
        await read(pilot)
        await pilot.press("pagedown")
        await pilot.pause()
        # 59 lines in 34 rows (the legend takes one while the text is read): a page down
        # reaches the last screen, which starts on line 26, a blank one after paragraph
        # 13; the one passage in view is the fourth
        assert header_line(app) == "line 26/59 · ¶ 13 · passage 4/4"
        await pilot.press("pageup")
        await pilot.pause()
        assert header_line(app) == "line 1/59 · ¶ 1 · passage 1/4"


async def test_blank_lines_have_no_number_and_paragraphs_do() -> None:
    app = make(READING)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        out = visible_text(terminal_output(app))
        assert " 2 │ Абзац 2: заметка без новостей." in out
        assert " 3 │ Стороны подписали соглашение о канале." in out
        assert " 5 │ Стороны" not in out  # line 5 is paragraph 3: lines are not numbered


async def test_j_reads_one_line_at_a_time() -> None:
    app = make(READING)
    async with app.run_test(size=WIDE) as pilot:
        view = await read(pilot)
        await pilot.press("j")
        await pilot.pause()
        assert view.scroll_offset.y == 1
        assert header_line(app) == "line 2/59 · ¶ 1 · passage 1/4"
        await pilot.press("down")
        await pilot.pause()
        assert header_line(app) == "line 3/59 · ¶ 2 · passage 1/4"
        await pilot.press("k")
        await pilot.pause()
        assert header_line(app) == "line 2/59 · ¶ 1 · passage 1/4"


async def test_n_and_N_go_from_passage_to_passage() -> None:
    app = make(READING)
    async with app.run_test(size=WIDE) as pilot:
        view = await read(pilot)
        assert header_line(app) == "line 5/59 · ¶ 3 · passage 1/4"  # the selection's
        await pilot.press("n")
        await pilot.pause()
        assert header_line(app) == "line 13/59 · ¶ 7 · passage 2/4"
        assert view.scroll_offset.y == 11  # a row of context above the passage
        await pilot.press("n")
        await pilot.pause()
        assert header_line(app) == "line 23/59 · ¶ 12 · passage 3/4"
        await pilot.press("n", "n")  # the fourth is the last
        await pilot.pause()
        assert header_line(app) == "line 49/59 · ¶ 25 · passage 4/4"
        await pilot.press("N", "N", "N")
        await pilot.pause()
        assert header_line(app) == "line 5/59 · ¶ 3 · passage 1/4"
        assert view.scroll_offset.y == 3
        await pilot.press("j", "N")  # scrolled on: from the top of the view, none above
        await pilot.pause()
        assert header_line(app) == "line 5/59 · ¶ 3 · passage 1/4"
        assert view.scroll_offset.y == 4


async def test_u_lands_on_the_one_unaccounted_sentence() -> None:
    app = make(READING)
    async with app.run_test(size=WIDE) as pilot:
        view = await read(pilot)
        assert not view.gaps_known  # not worked out at the first paint
        await pilot.press("u")
        await pilot.pause()
        assert view.gaps_known
        assert header_line(app) == "line 39/59 · ¶ 20 · unaccounted 1/1"
        out = visible_text(terminal_output(app))
        assert "20 │ Министр пообещал вернуться к вопросу позднее." in out
        await pilot.press("u")  # there is no other below: the reader stays
        await pilot.pause()
        assert header_line(app) == "line 39/59 · ¶ 20 · unaccounted 1/1"
        await pilot.press("U")
        await pilot.pause()
        assert header_line(app) == "line 39/59 · ¶ 20 · unaccounted 1/1"
        await pilot.press("g", "U")  # from the top, nothing above
        await pilot.pause()
        assert header_line(app) == "line 1/59 · ¶ 1 · passage 1/4"


async def test_u_from_the_top_lands_on_an_unaccounted_sentence_on_line_1(
        tmp_path: Path) -> None:
    """A dateline nothing cites, on line 1: g then u goes to it, not past it."""
    import shutil

    shutil.copytree(READING.parent, tmp_path / "reading")
    text = tmp_path / "reading" / "texts" / "long.txt"
    text.write_text("Ашхабад, 3 декабря 2025 года.\n\n" + text.read_text(encoding="utf-8"),
                    encoding="utf-8")
    app = make(tmp_path / "reading" / "curated.yaml")
    async with app.run_test(size=WIDE) as pilot:
        await read(pilot)
        await pilot.press("g", "u")
        await pilot.pause()
        assert header_line(app) == "line 1/61 · ¶ 1 · unaccounted 1/2"
        await pilot.press("u")
        await pilot.pause()
        assert header_line(app) == "line 41/61 · ¶ 21 · unaccounted 2/2"


async def test_u_in_a_text_with_every_sentence_accounted_for_says_so(make_app) -> None:
    from .helpers import record_notifications

    app = make(READING)
    async with app.run_test(size=WIDE) as pilot:
        calls = record_notifications(app)
        await read(pilot)
        await pilot.press("u", "u")
        await pilot.pause()
        assert [c["message"] for c in calls] == ["No unaccounted sentence below"]


async def test_z_widens_the_source_and_gives_the_width_back() -> None:
    app = make(READING)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(SourcePanel)
        narrow = panel.size.width
        assert narrow < 80
        await pilot.press("z")
        await pilot.pause()
        assert panel.size.width == 120
        assert app.focused is panel.text_view
        assert not app.screen.query_one("#left").display or \
            app.screen.query_one("#left").size.width == 0
        legend = app.screen.query_one("#source-legend", Static)
        assert legend.size.height == 1
        await pilot.press("z")
        await pilot.pause()
        assert panel.size.width == narrow
        await pilot.press("z", "2")  # a pane key brings the list back, and its width
        await pilot.pause()
        assert panel.size.width == narrow
        assert app.focused is app.screen.query_one("#list")


async def test_the_legend_comes_with_the_first_reading_in_the_language_then() -> None:
    # The legend is made when the text is first read (the first frame never shows it): a
    # language chosen before that is the legend's, and one chosen after it relabels it.
    from kzt_tui.core.i18n import tr
    from kzt_tui.widgets.source_panel import legend

    app = make(READING)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#source-legend")
        panel = app.screen.query_one(SourcePanel)
        height = panel.text_view.size.height
        await pilot.press("L")  # Russian, with no legend yet
        await pilot.pause()
        view = await read(pilot)
        made = app.screen.query_one("#source-legend", Static)
        assert made.size.height == 1 and view.size.height == height - 1
        assert str(made.render()) == legend("ru").plain
        assert tr("this passage", "ru") in shown(app)
        await pilot.press("L")  # back to English: the legend made is relabelled
        await pilot.pause()
        assert str(made.render()) == legend("en").plain
        await pilot.press("shift+tab")  # the list again: the legend is hidden, not remade
        await pilot.pause()
        assert app.screen.query("#source-legend").results(Static).__next__() is made
        assert made.size.height == 0 and view.size.height == height


@pytest.mark.parametrize("size", [WIDE, (80, 24), (60, 16)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_footer_shows_the_focused_part_s_keys_and_always_help(size) -> None:
    app = make(READING)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        on_list = footer(app)
        assert on_list.startswith(" / Filter  ] Next cite  y Copy ")
        assert " n/N " not in on_list
        await pilot.press("tab")
        await pilot.pause()
        on_detail = footer(app)
        assert on_detail.startswith(" ] Next cite  y Copy  o Open doc ")
        assert "Filter" not in on_detail
        await pilot.press("tab")
        await pilot.pause()
        on_source = footer(app)
        assert on_source.startswith(" y Copy  j/k Line  n/N Passage ")
        for text in (on_list, on_detail, on_source):
            assert text.rstrip().endswith("? Help ▏^p palette"), text
            assert len(text) == size[0]


async def test_help_is_grouped_and_filtered_as_you_type() -> None:
    app = make(READING)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: "Panes and going back" in shown(app))
        assert isinstance(app.screen, HelpScreen)
        assert "The list" in shown(app)
        await pilot.press(*"unaccounted")
        await pilot.pause()
        out = visible_text(terminal_output(app))
        assert "Reading the source" in out
        assert "source: the next unaccounted sentence: no record cites it" in out
        assert "source: the previous unaccounted sentence" in out
        for gone in ("Panes and going back", "The list", "Copying",
                     "copy the verbatim quote alone"):
            assert gone not in out
        await pilot.press("escape")  # clears the filter first
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Panes and going back" in shown(app)
        await pilot.press(*"zzzq")
        await pilot.pause()
        assert "No key matches." in visible_text(terminal_output(app))
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)


async def test_show_topic_lists_one_topic_across_sections_and_opens_a_record() -> None:
    app = make(READING)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, TopicScreen)
        out = visible_text(terminal_output(app))
        assert "trade  (1)" in out and "transport  (1)" in out and "water  (2)" in out
        await pilot.press("down", "down", "enter")  # trade, transport, water
        await pilot.pause()
        out = visible_text(terminal_output(app))
        assert "Topic: water — 2 record(s) in 2 section(s)" in out
        assert "Agreements (1)" in out and "Statements (1)" in out
        assert "Trade grew" not in out
        await pilot.press("down", "enter")  # past the heading to the statement
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        assert screen.pane.name == "statements"
        assert screen.fact_list.current_key == "stm-water"


async def test_show_topic_is_a_palette_command() -> None:
    app = make(READING)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"show topic")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, TopicScreen)


async def test_a_dialog_s_footer_shows_the_dialog_s_keys() -> None:
    app = make(READING)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert footer(app).startswith(" esc Clear, then close  ↑↓ Scroll ")
        await pilot.press("escape", "0")
        await pilot.pause()
        assert footer(app).startswith(" enter Show its records  esc Close ")
        await pilot.press("enter")
        await pilot.pause()
        assert footer(app).startswith(" enter Open  esc Topics ")
