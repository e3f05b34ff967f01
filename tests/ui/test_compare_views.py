"""Sources side by side: a figure's chart (like with like), details opened at their top,
a discrepancy's sides at once, and the compare view."""

from __future__ import annotations

import re
from typing import Any

from textual.pilot import Pilot

from kzt_tui.app import KztApp
from kzt_tui.widgets.sides_view import SideColumn

from ..helpers import FIXTURES
from .helpers import make, terminal_output

COMPARE = FIXTURES / "compare" / "curated.yaml"
_MOVE = re.compile(r"\x1b\[\d+;\d+H")
_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def app() -> KztApp:
    return make(COMPARE)


def rows(app: KztApp) -> list[str]:
    """The screen as drawn, one string per terminal row."""
    out = _STYLE.sub("", terminal_output(app))
    return [row.rstrip() for row in _MOVE.split(out)[1:]]


def screen(app: KztApp) -> str:
    return "\n".join(rows(app))


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.pause(0.05)


async def test_a_full_year_is_charted_with_full_years_only_in_period_order() -> None:
    async with app().run_test(size=(160, 60)) as pilot:  # the whole detail in view
        await pilot.press("4")
        await settle(pilot)
        shown = rows(pilot.app)
        heading = next(i for i, r in enumerate(shown)
                       if "── Chart: trade turnover · USD · calendar year (4 figures)" in r)
        axis = next(i for i, r in enumerate(shown) if "├" in r and i > heading)
        labels = [r.split("▊")[0].strip() for r in shown[heading + 1 : axis : 2]]
        assert [label.split(" · ")[0].lstrip("▸ ") for label in labels] == [
            "2022", "2023", "2024", "2030"]
        bars = [r.split("▊")[0].strip() for r in shown[heading + 2 : axis : 2]]
        assert bars[0].endswith("▶ more than $0.5bn") and set(bars[0][:-18]) == {"▒"}
        assert bars[1].endswith(" $480m") and set(bars[1][:-6]) <= {"█", "▌"}
        assert bars[3].endswith("◇ $1bn") and set(bars[3][:-6]) == {"░"}
        assert shown[axis + 1].split("▊")[0].split() == ["0", "$500m", "$1bn"]
        chart = "\n".join(shown[heading:axis])
        assert "January–September" not in chart and "exports" not in chart


async def test_nine_months_say_what_they_are_not_charted_with() -> None:
    async with app().run_test(size=(160, 60)) as pilot:
        await pilot.press("4", "j")
        await settle(pilot)
        text = screen(pilot.app)
        assert "── Chart" not in text
        assert "── Not charted with it (6)" in text
        assert "$480m Trade turnover in 2023 — another kind of period (calendar year)" in text
        assert "$1bn Trade target for 2030 — another kind of period (calendar year)" in text


async def test_a_record_opens_at_its_top_and_g_G_scroll_the_detail() -> None:
    async with app().run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "FIGURE fig-trade-2024" in screen(pilot.app)
        await pilot.press("j")
        await settle(pilot)
        assert "FIGURE fig-trade-9m-2025" in screen(pilot.app)
        await pilot.press("tab", "G")
        await settle(pilot)
        assert "FIGURE fig-trade-9m-2025" not in screen(pilot.app)
        assert "Trade turnover in 2024 — another kind of period" not in screen(pilot.app)
        await pilot.press("g")
        await settle(pilot)
        assert "FIGURE fig-trade-9m-2025" in screen(pilot.app)
        await pilot.press("end")
        await settle(pilot)
        assert "FIGURE fig-trade-9m-2025" not in screen(pilot.app)
        await pilot.press("home")
        await settle(pilot)
        assert "FIGURE fig-trade-9m-2025" in screen(pilot.app)


async def test_a_discrepancy_shows_both_sides_at_once_each_in_its_source() -> None:
    async with app().run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        shown = rows(pilot.app)
        header = next(r for r in shown if "1. 15 documents" in r)
        assert "2. 16 documents" in header
        assert "3. 14 documents" not in header  # two fit beside the detail at 120 columns
        text = "\n".join(shown)
        assert "3 │ Подписано 15 документов." in text  # side 1, in doc-post
        assert "2 │ В ходе визита подписаны 16" in text  # side 2, in doc-digest
        assert "side 1/3 · ] more · line 3 ·" in text


async def test_the_sides_are_composed_when_a_discrepancy_first_shows_them() -> None:
    # Not with the explorer: its first frame does not show them (tests/cli/test_lazy_imports)
    async with app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(pilot.app.screen.query(SideColumn)) == 0
        await pilot.press("5")
        await settle(pilot)
        assert len(pilot.app.screen.query(SideColumn)) == 3
        header = next(r for r in rows(pilot.app) if "1. 15 documents" in r)
        assert [c.strip() for c in header.split("▊")[1:]] == [
            "1. 15 documents", "2. 16 documents"]


async def test_three_sides_fit_side_by_side_on_a_wide_terminal() -> None:
    async with app().run_test(size=(200, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        header = next(r for r in rows(pilot.app) if "1. 15 documents" in r)
        assert [c.strip() for c in header.split("▊")[1:]] == [
            "1. 15 documents", "2. 16 documents", "3. 14 documents"]
        assert "side 1/3 · line 3 · ¶ 3 · A post" in screen(pilot.app)


async def test_at_80x24_two_sides_show_and_the_next_passage_pages_on() -> None:
    async with app().run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        shown = rows(pilot.app)
        header = next(r for r in shown if "1. 15 documents" in r)
        assert header.split() == ["1.", "15", "documents", "▊", "2.", "16", "documents"]
        text = "\n".join(shown)
        assert "3 │ Подписано 15 документов." in text
        assert "2 │ В ходе визита подписаны 16" in text
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        shown = rows(pilot.app)
        header = next(r for r in shown if "3. 14 documents" in r)
        assert header.split() == ["2.", "16", "documents", "▊", "3.", "14", "documents"]
        assert not any("1. 15 documents" in r for r in shown)


async def test_any_other_record_shows_one_source() -> None:
    async with app().run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        text = screen(pilot.app)
        assert "1. 15 documents" not in text
        assert "line 2/7 · ¶ 2 · passage 1/6 · 2025-11-26 · Test Wire" in text


async def test_c_marks_c_on_another_opens_both_side_by_side_and_C_closes() -> None:
    from kzt_tui.screens.compare import CompareScreen

    async with app().run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "c", "G")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, CompareScreen)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CompareScreen)
        shown = rows(pilot.app)
        assert shown[0].split("(C or esc")[0].strip() == (
            "Compare  figure: Trade turnover in 2024  ⇄  figure: Trade in 2022: over half a "
            "billion")
        details = next(r for r in shown if "FIGURE fig-trade-2024" in r)
        assert "FIGURE fig-trade-2022-half-billion" in details  # on the same row: beside it
        text = "\n".join(shown)
        assert "2 │ Товарооборот между странами в 2024 году составил" in text  # doc-wire
        assert "2 │ В 2022 году товарооборот превысил полмиллиарда" in text  # doc-post
        await pilot.press("C")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, CompareScreen)
        assert "FIGURE fig-trade-2022-half-billion" in screen(pilot.app)
        await pilot.press("k", "c")  # the mark was used: this marks anew
        await settle(pilot)
        assert not isinstance(pilot.app.screen, CompareScreen)
        await pilot.press("k", "c")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CompareScreen)
        assert "FIGURE fig-trade-2023" in screen(pilot.app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, CompareScreen)


async def test_C_forgets_the_mark_and_the_same_record_is_not_compared_with_itself() -> None:
    from kzt_tui.screens.compare import CompareScreen

    async with app().run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "c", "c")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, CompareScreen)
        await pilot.press("C", "j", "c")  # C forgot the first: this only marks
        await settle(pilot)
        assert not isinstance(pilot.app.screen, CompareScreen)
        await pilot.press("j", "c")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CompareScreen)
        first = next(r for r in rows(pilot.app) if "FIGURE fig-trade-9m-2025" in r)
        assert "FIGURE fig-exports-9m-2025" in first


async def test_compare_is_in_the_palette_by_name() -> None:
    from kzt_tui.commands import ActionCommands

    async with app().run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        provider = ActionCommands(pilot.app.screen)
        names = [hit.text async for hit in provider.discover()]
        assert "Compare with…" in names and "Close compare" not in names
        await pilot.press("c")
        await settle(pilot)
        names = [hit.text async for hit in provider.discover()]
        assert "Close compare" in names


def test_a_chart_of_many_figures_draws_the_nearest_in_period_and_says_so() -> None:
    import dataclasses

    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.loading import load
    from kzt_tui.core.model import Figure, Period
    from kzt_tui.widgets.detail_view import MOST_BARS, DrawnBlock, detail_blocks

    data = load(COMPARE)
    year = next(f for f in data.figures if f.id == "fig-trade-2024")
    many = tuple(dataclasses.replace(year, id=f"fig-y{y}", period=Period(str(y), str(y), str(y)))
                 for y in range(1950, 2000))
    corpus = Corpus(dataclasses.replace(data, figures=(*data.figures, *many)))
    shown = corpus.get("fig-y1960")
    assert isinstance(shown, Figure)
    blocks = detail_blocks(corpus, shown, "en")
    drawn = [b.draw(60).plain for b in blocks if isinstance(b, DrawnBlock)]
    periods = [line.split(" · ")[0].lstrip("▸ ").strip() for line in drawn[:-2:2]]
    assert periods == [str(y) for y in range(1950, 1950 + MOST_BARS)]  # 1960 among them
    plain = [b.body.plain for b in blocks]
    assert "(30 more not drawn: the 24 nearest in period are)" in plain
