"""Every explorer key, pressed for real through Pilot, at a wide and a small size."""

from __future__ import annotations

import pytest

from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets.detail_view import CiteKey, DetailView, LinkKey
from kzt_tui.widgets.fact_list import FactList
from kzt_tui.widgets.source_view import SourceText

from .conftest import SIZES

pytestmark = pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")


def parts(app):
    screen = app.screen
    assert isinstance(screen, ExplorerScreen)
    return (screen, screen.query_one(FactList), screen.query_one(DetailView),
            screen.query_one(SourceText))


def strong_text(app) -> str:
    screen, _, _, source = parts(app)
    span = source.strong
    assert span is not None
    return screen.corpus.text(source.doc_id)[span.start : span.end]


async def test_starts_on_agreements_with_first_passage_highlighted(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen, flist, _, source = parts(app)
        assert screen.pane.name == "agreements"
        assert flist.current_key == "agr-bridge"
        assert app.focused is flist
        assert source.doc_id == "doc-one"
        assert strong_text(app) == "Стороны договорились о мосте через залив."
        # the other cited passages of the same document are marked faintly
        assert len(source.faint) >= 2


async def test_number_keys_switch_panes(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        expected = {"1": "documents", "3": "corridors", "4": "figures", "5": "discrepancies",
                    "6": "timeline", "7": "people", "8": "organisations", "2": "agreements"}
        for key, pane in expected.items():
            await pilot.press(key)
            screen, flist, _, _ = parts(app)
            assert screen.pane.name == pane
            assert flist.rows, pane


async def test_j_k_g_G_and_arrows_move_the_list(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        _, flist, _, _ = parts(app)
        assert flist.current_key == "fig-trade-2024"
        await pilot.press("j")
        assert flist.current_key == "fig-companies"
        await pilot.press("k")
        assert flist.current_key == "fig-trade-2024"
        await pilot.press("G")
        assert flist.current_key == "fig-companies"
        await pilot.press("g")
        assert flist.current_key == "fig-trade-2024"
        await pilot.press("down")
        assert flist.current_key == "fig-companies"
        await pilot.press("up")
        assert flist.current_key == "fig-trade-2024"
        # the source follows the selection
        assert strong_text(app) == "Товарооборот $555,7 млн в 2024 году."


async def test_tab_moves_focus_list_detail_source(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        _, flist, detail, source = parts(app)
        assert app.focused is flist
        await pilot.press("tab")
        assert app.focused is detail
        await pilot.press("tab")
        assert app.focused is source
        await pilot.press("shift+tab")
        assert app.focused is detail


async def test_brackets_step_through_citations(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen, _, detail, source = parts(app)
        await pilot.press("right_square_bracket")
        assert screen.selection.index == 1
        assert source.doc_id == "doc-two"
        assert strong_text(app) == "Порт Актау и порт Курык."
        assert detail.cursor_key == CiteKey(1)
        await pilot.press("left_square_bracket")
        assert source.doc_id == "doc-one"
        assert detail.cursor_key == CiteKey(0)


async def test_enter_follows_a_link(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen, flist, detail, _ = parts(app)
        await pilot.press("enter")  # list → detail
        assert app.focused is detail
        assert detail.cursor_key == CiteKey(0)
        # up into the links above the citations: event, then figure
        await pilot.press("k")
        assert detail.cursor_key == LinkKey("evt-talks")
        await pilot.press("k")
        assert detail.cursor_key == LinkKey("fig-trade-2024")
        await pilot.press("enter")
        assert screen.pane.name == "figures"
        assert flist.current_key == "fig-trade-2024"
        await pilot.press("backspace")
        assert screen.pane.name == "agreements"
        assert flist.current_key == "agr-bridge"


async def test_filter_as_you_type_and_escape(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen, flist, _, _ = parts(app)
        await pilot.press("slash")
        await pilot.press(*"trade")
        assert [r.key for r in flist.rows] == ["agr-plan"]
        await pilot.press("enter")
        assert app.focused is flist
        await pilot.press("escape")
        assert [r.key for r in flist.rows] == ["agr-bridge", "agr-plan"]
        # Russian, case- and ё-insensitive, and by party name
        await pilot.press("slash", *"МОСТЕ")
        assert [r.key for r in flist.rows] == ["agr-bridge"]
        await pilot.press("escape")
        await pilot.press("3", "slash", *"turkmenbashi")
        assert [r.key for r in flist.rows] == ["cor-road"]
        await pilot.press("escape", "4", "slash", *"555.7")
        assert [r.key for r in flist.rows] == ["fig-trade-2024"]
        await pilot.press(*"zzz")
        assert len(flist.rows) == 0
        assert screen.selection.record is None


async def test_slash_again_edits_the_kept_filter(make_app, size) -> None:
    """'/' a second time shows the kept text, cursor at its end: typing adds to it (it used
    to be selected, so the first letter replaced it), ctrl+u clears it."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        _, flist, _, _ = parts(app)
        await pilot.press("slash", *"brid", "enter")
        assert [r.key for r in flist.rows] == ["agr-bridge"]
        await pilot.press("slash")
        box = app.focused
        assert box is not None and box.id == "filter"
        assert box.value == "brid" and box.cursor_position == 4 and box.selected_text == ""
        await pilot.press(*"ge agreement")
        assert box.value == "bridge agreement"
        assert [r.key for r in flist.rows] == ["agr-bridge"]
        await pilot.press("ctrl+u")
        assert box.value == ""
        assert [r.key for r in flist.rows] == ["agr-bridge", "agr-plan"]
        await pilot.press(*"trade")
        assert [r.key for r in flist.rows] == ["agr-plan"]


def tabs(app) -> str:
    from kzt_tui.widgets.pane_tabs import PaneTabs

    return str(app.screen.query_one(PaneTabs).render())


async def test_the_tab_counts_what_the_filter_keeps(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        parts(app)
        assert "(2)" in tabs(app)
        await pilot.press("slash", *"trade")
        assert "(1 of 2)" in tabs(app)
        await pilot.press(*"zzz")
        assert "(0 of 2)" in tabs(app)
        await pilot.press("escape")
        assert "(2)" in tabs(app) and " of " not in tabs(app)


async def test_a_jump_that_clears_the_filter_clears_its_box_too(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen, flist, _, _ = parts(app)
        await pilot.press("slash", *"trade", "enter")
        assert [r.key for r in flist.rows] == ["agr-plan"]
        screen.show_pane("agreements", select="agr-bridge")  # as following a link does
        await pilot.pause()
        assert [r.key for r in flist.rows] == ["agr-bridge", "agr-plan"]
        await pilot.press("slash")
        assert screen.query_one("#filter").value == ""  # not the filter no longer applied
        assert "(2)" in tabs(app)


async def test_y_copies_quote_with_reference_and_Y_the_quote(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen, *_ = parts(app)
        await pilot.press("y")
        await pilot.pause(0.3)
        text = screen.corpus.text("doc-one")
        quote = "Стороны договорились о мосте через залив."
        assert app.clipboard == (f"«{quote}»\n— «Переговоры в Акорде» (Talks in Akorda), "
                                 "Test Wire, 26 November 2025, paragraph 3 (line 3)")
        await pilot.press("escape")  # the manual-copy dialog (no system clipboard here)
        await pilot.press("Y")
        await pilot.pause(0.3)
        assert app.clipboard == quote
        assert app.clipboard in text


async def test_o_opens_the_document_at_the_passage_and_backspace_returns(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen, flist, _detail, source = parts(app)
        await pilot.press("right_square_bracket", "o")
        assert screen.pane.name == "documents"
        assert flist.current_key == "doc-two"
        assert strong_text(app) == "Порт Актау и порт Курык."
        assert app.focused is source
        await pilot.press("backspace")
        assert screen.pane.name == "agreements"
        assert screen.selection.index == 1


async def test_documents_pane_lists_supported_facts(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("1")
        screen, flist, _detail, source = parts(app)
        assert [r.key for r in flist.rows] == ["doc-one", "doc-two"]
        assert source.doc_id == "doc-one"
        # every passage that any fact cites is marked
        assert len(source.faint) + 1 == len(screen.selection.cites)
        n = next(i for i, c in enumerate(screen.selection.cites)
                 if c.quote == "Товарооборот превысил полмиллиарда долларов.")
        await pilot.press("tab", *["j"] * n)
        assert strong_text(app) == "Товарооборот превысил полмиллиарда долларов."
        await pilot.press("enter")  # the passage → the first fact that cites it
        assert screen.pane.name == "agreements"
        assert flist.current_key == "agr-plan"


async def test_help_screen_lists_bindings(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        assert app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        assert isinstance(app.screen, ExplorerScreen)


async def test_command_palette_jumps_to_a_record(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"garabogaz")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        screen, flist, _, _ = parts(app)
        assert screen.pane.name == "corridors"
        assert flist.current_key == "cor-road"


async def test_q_quits(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_s_searches_and_enter_jumps_to_the_source_passage(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SearchScreen"
        await pilot.press(*"kuryk")
        await pilot.pause()
        hits = app.screen.hits
        n = next(i for i, h in enumerate(hits) if not h.is_fact)
        await pilot.press("down", *["j"] * n, "enter")
        await pilot.pause()
        screen, flist, _, _source = parts(app)
        assert screen.pane.name == "documents"
        assert flist.current_key == "doc-two"
        assert strong_text(app) == "Курык"


async def test_search_opens_at_once_and_answers_when_its_index_is_built(
    make_app, monkeypatch, size
) -> None:
    """The index is built in a thread: the dialog says so, keeps what is typed, then
    answers it; a second `s` reuses the index (and answers the last query again)."""
    import threading

    import kzt_tui.core.search as search_module

    release = threading.Event()
    real = search_module.SearchIndex
    built: list[object] = []

    class SlowIndex(real):  # type: ignore[misc, valid-type]
        def __init__(self, corpus, cancel=None) -> None:  # type: ignore[no-untyped-def]
            assert release.wait(10)
            super().__init__(corpus, cancel)
            built.append(self)

    monkeypatch.setattr(search_module, "SearchIndex", SlowIndex)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("s", *"kuryk")
        await pilot.pause()
        status = str(app.screen.query_one("#search-status").render())
        assert status.startswith("Indexing ") and "type away" in status
        assert app.screen.hits == []
        release.set()
        for _ in range(100):
            if app.screen.hits:
                break
            await pilot.pause(0.05)
        assert any(not h.is_fact and h.unit.doc_id == "doc-two" for h in app.screen.hits)
        first = [(h.unit, h.marks) for h in app.screen.hits]
        await pilot.press("escape", "s")
        await pilot.pause()
        assert app.screen.index is built[0]
        assert [(h.unit, h.marks) for h in app.screen.hits] == first
    assert len(built) == 1


async def test_the_key_bar_lists_what_works_and_a_click_presses_it(make_app, size) -> None:
    from kzt_tui.widgets.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=size) as pilot:
        bar = app.explorer.query_one(KeyBar)
        text = str(bar.render())
        for shown in (" / Filter ", " ] Next cite ", " y Copy ", " s Search ", " q Quit "):
            assert shown in text
        assert " j " not in text  # movement keys are on the help screen, not here
        start = text.index(" s Search ")
        await pilot.click(KeyBar, offset=(start + 2, 0))
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SearchScreen"


async def test_enter_in_an_emptied_filter_box_closes_it(make_app, size) -> None:
    """An empty box filters nothing; Enter there closes it (as Escape), rather than leave a
    box that only takes rows from the list."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen, flist, _, _ = parts(app)
        await pilot.press("slash", *"tr", "enter")
        box = screen.query_one("#filter")
        assert box.display and app.focused is flist  # a filter: kept, and shown
        await pilot.press("slash", "backspace", "backspace", "enter")
        assert not box.display and app.focused is flist
        assert screen.states[screen.pane.name].filter == ""
