"""Lists an analyst can work: columns, sort, facets, the filter language, timeline dates —
driven by keys on the real app over the shipped dataset."""

from __future__ import annotations

from collections import Counter

from textual.command import CommandPalette

from kzt_tui.core.columns import columns_of
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.loading import load
from kzt_tui.core.paths import shipped_data
from kzt_tui.dialogs.facet import FacetScreen
from kzt_tui.screens.explorer import ExplorerScreen
from kzt_tui.widgets.fact_list import FactList

SHIPPED = shipped_data()
CORPUS = Corpus(load(SHIPPED))


def explorer(app) -> ExplorerScreen:
    screen = app.get_screen("explorer")
    assert isinstance(screen, ExplorerScreen)
    return screen


def keys(app) -> list[str]:
    """The record ids the list shows, in order."""
    rows = explorer(app).fact_list.rows
    return [rows.key(i) for i in range(len(rows))]


def line(widget: FactList, y: int) -> str:
    """The text of line `y` of a list as drawn."""
    return "".join(segment.text for segment in widget.render_line(y))


def facet_rows(app) -> list[tuple[str, ...]]:
    """The (value, count, share) rows of the facet dialog on screen."""
    screen = app.screen
    assert isinstance(screen, FacetScreen)
    rows = screen.query_one(FactList).rows
    return [rows[i].cells for i in range(len(rows))]


def ids(section: str, test=lambda r: True) -> list[str]:
    return [r.id for r in CORPUS.section(section) if test(r)]


async def type_filter(pilot, text: str) -> None:
    await pilot.press("slash", *text, "enter")
    await pilot.pause()


# --- the two questions the issue asks ------------------------------------------------------

async def test_which_agreements_with_turkmenistan_were_signed_in_2025_newest_first(
        make_app) -> None:
    app = make_app(SHIPPED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await type_filter(pilot, "country:TM status:signed date:2025")
        await pilot.press("l", "greater_than_sign")  # the date column, descending
        await pilot.pause()
        wanted = [r for r in CORPUS.section("agreements")
                  if "TM" in r.countries and r.status == "signed"
                  and (r.date or "").startswith("2025")]
        wanted.sort(key=lambda r: r.date or "", reverse=True)
        assert len(wanted) >= 10
        assert keys(app) == [r.id for r in wanted]
        assert "Date▼" in line(explorer(app).fact_list, 0)


async def test_how_many_corridors_of_each_mode_are_operational(make_app) -> None:
    app = make_app(SHIPPED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await type_filter(pilot, "status:operational")
        await pilot.press("l", "F")  # the mode column's facet
        await pilot.pause()
        wanted = Counter(m for r in CORPUS.section("corridors") if r.status == "operational"
                         for m in r.modes)
        got = {value: int(count) for value, count, _share in facet_rows(app)}
        assert got == dict(wanted)
        assert [count for _v, count, _s in facet_rows(app)] == sorted(
            (str(n) for n in wanted.values()), key=int, reverse=True)


# --- sort --------------------------------------------------------------------------------------

async def test_sort_by_date_both_ways_keeps_the_undated_last_and_the_cursor(make_app) -> None:
    app = make_app(SHIPPED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "j", "j", "j")
        await pilot.pause()
        here = explorer(app).fact_list.current_key
        agreements = CORPUS.section("agreements")
        dated = [r for r in agreements if r.date]
        undated = [r.id for r in agreements if not r.date]
        assert undated
        await pilot.press("l", "less_than_sign")
        await pilot.pause()
        assert keys(app) == [r.id for r in sorted(dated, key=lambda r: r.date)] + undated
        assert explorer(app).fact_list.current_key == here
        assert "Date▲" in line(explorer(app).fact_list, 0)
        await pilot.press("greater_than_sign")
        await pilot.pause()
        assert keys(app) == [r.id for r in sorted(dated, key=lambda r: r.date,
                                                      reverse=True)] + undated
        assert explorer(app).fact_list.current_key == here
        await pilot.press("greater_than_sign")  # again: back to the pane's own order
        await pilot.pause()
        assert keys(app) == [r.id for r in agreements]
        assert "▲" not in line(explorer(app).fact_list, 0)
        assert "▼" not in line(explorer(app).fact_list, 0)


async def test_sort_by_a_column_from_the_palette_and_the_pane_remembers_it(make_app) -> None:
    app = make_app(SHIPPED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"Sort by status, descending")
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        first = str(palette.query_one("CommandList").options[0].prompt).split("\n")[0]
        assert first == "Sort by status, descending"
        await pilot.press("enter")
        await pilot.pause()
        statuses = [CORPUS.get(k).status for k in keys(app)]
        assert statuses == sorted(statuses, reverse=True)
        await pilot.press("3", "2")
        await pilot.pause()
        assert [CORPUS.get(k).status for k in keys(app)] == statuses


# --- facets ----------------------------------------------------------------------------------

async def test_facets_count_combine_and_are_removed(make_app) -> None:
    app = make_app(SHIPPED)
    agreements = CORPUS.section("agreements")
    async with app.run_test(size=(120, 40)) as pilot:
        # title → date → status (kind gives way at this width)
        await pilot.press("2", "l", "l", "F")
        await pilot.pause()
        rows = facet_rows(app)
        assert {v: int(n) for v, n, _ in rows} == {
            s.replace("_", " "): n for s, n in Counter(r.status for r in agreements).items()}
        assert rows[0][0] == "signed"
        await pilot.press("enter")  # keep the signed ones
        await pilot.pause()
        assert keys(app) == ids("agreements", lambda r: r.status == "signed")
        assert line(explorer(app).fact_list, 0).strip() == (
            "facets: Status = signed   (x removes the last)")
        await pilot.press("l", "F")  # countries: counted within the signed ones
        await pilot.pause()
        signed = [r for r in agreements if r.status == "signed"]
        counts = {v: int(n) for v, n, _ in facet_rows(app)}
        assert counts == dict(Counter(c for r in signed for c in r.countries))
        values = [v for v, _n, _s in facet_rows(app)]
        await pilot.press(*["j"] * values.index("TM"), "enter")
        await pilot.pause()
        assert keys(app) == ids("agreements",
                                lambda r: r.status == "signed" and "TM" in r.countries)
        await pilot.press("x")  # the last facet goes: signed ones again
        await pilot.pause()
        assert keys(app) == ids("agreements", lambda r: r.status == "signed")
        await pilot.press("x")
        await pilot.pause()
        assert keys(app) == ids("agreements")
        assert not line(explorer(app).fact_list, 0).startswith(" facets")


async def test_facet_counts_follow_the_filter_and_another_value_replaces_a_facet(
        make_app) -> None:
    app = make_app(SHIPPED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await type_filter(pilot, "country:UZ")
        await pilot.press("l", "l", "F")
        await pilot.pause()
        kept = [r for r in CORPUS.section("agreements") if "UZ" in r.countries]
        assert kept
        assert {v: int(n) for v, n, _ in facet_rows(app)} == {
            s.replace("_", " "): n for s, n in Counter(r.status for r in kept).items()}
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExplorerScreen)
        assert keys(app) == [r.id for r in kept]  # esc chose nothing


# --- the filter language --------------------------------------------------------------------

async def test_each_operator_of_the_filter_language(make_app) -> None:
    app = make_app(SHIPPED)
    cases = {
        "status:signed": lambda r: r.status == "signed",
        "-status:proposed": lambda r: r.status != "proposed",
        "date>=2025": lambda r: (r.date or "") >= "2025",
        "date<2025": lambda r: bool(r.date) and r.date < "2025",
        "status:agreed,discussed": lambda r: r.status in ("agreed", "discussed"),
        "kind:memo country:TM": lambda r: "memorandum" in r.kind and "TM" in r.countries,
        # an agreement's topics and corridors (a corridor by a word of its name)
        "topic:transport": lambda r: "transport" in r.topics,
        "corridor:aktau -topic:transport": lambda r: "cor-port-aktau" in r.corridors
        and "transport" not in r.topics,
        "corridors:aktau": lambda r: "cor-port-aktau" in r.corridors,
    }
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        for query, test in cases.items():
            await type_filter(pilot, query)
            assert keys(app) == ids("agreements", test), query
            await pilot.press("slash", "escape")
            await pilot.pause()


async def test_an_unknown_field_says_so_in_the_list(make_app) -> None:
    app = make_app(SHIPPED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await type_filter(pilot, "stauts:signed")
        assert keys(app) == []
        fact_list = explorer(app).fact_list
        shown = " ".join(line(fact_list, y).strip() for y in range(1, 5))
        assert shown.strip() == (
            "unknown field 'stauts' (did you mean status?) — fields here: title, date, "
            "kind, status, countries, sources, topics, corridors, marked, tags")


# --- the timeline --------------------------------------------------------------------------

async def test_timeline_rows_carry_their_dates_and_the_undated_come_last(make_app) -> None:
    app = make_app(SHIPPED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        fact_list = explorer(app).fact_list
        assert line(fact_list, 0).split()[:2] == ["Date", "Title"]
        rows = fact_list.rows
        dates = [rows[i].cells[0] for i in range(len(rows))]
        first = dates.index("undated")
        assert all(d == "undated" for d in dates[first:])
        assert dates[:first] == sorted(dates[:first]) and first > 10
        assert line(fact_list, 1).startswith(" " + dates[0] + " ")


async def palette_run(pilot, app, name: str) -> None:
    """Run the palette command `name`, checking it is the first offered."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*name)
    await pilot.pause(0.5)
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    first = str(palette.query_one("CommandList").options[0].prompt).split("\n")[0]
    assert first == name
    await pilot.press("enter")
    await pilot.pause()


async def test_facet_and_clear_filters_from_the_palette_and_facets_stay_with_the_pane(
        make_app) -> None:
    app = make_app(SHIPPED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await palette_run(pilot, app, "Facet by mode")
        rows = facet_rows(app)
        assert rows[0][:2] == ("rail", str(sum("rail" in r.modes
                                                for r in CORPUS.section("corridors"))))
        await pilot.press("enter")
        await pilot.pause()
        rail = ids("corridors", lambda r: "rail" in r.modes)
        assert keys(app) == rail
        await pilot.press("2", "3")  # another pane and back: the facet is still there
        await pilot.pause()
        assert keys(app) == rail
        await type_filter(pilot, "status:operational")
        assert keys(app) == ids("corridors",
                                lambda r: "rail" in r.modes and r.status == "operational")
        await palette_run(pilot, app, "Clear filters")
        assert keys(app) == ids("corridors")
        assert explorer(app).nav.state.filter == ""


async def test_documents_show_their_records_and_accounted_share_once_made(make_app) -> None:
    from kzt_tui.core.coverage import coverage
    from kzt_tui.core.describe import number

    from .helpers import wait_for

    app = make_app(SHIPPED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        rows = explorer(app).fact_list.rows
        await wait_for(pilot, lambda: all("…" not in rows[i].cells for i in range(len(rows))))
        shares = {c.doc: f"{number(round(100 * c.accounted_share, 1))}%"
                  for c in coverage(CORPUS)}
        names = [c.name for c in columns_of(("documents",))]
        acc, recs = names.index("accounted"), names.index("records")
        got = {rows.key(i): rows[i].cells[acc] for i in range(len(rows))}
        assert got == shares
        assert "Acc%" in line(explorer(app).fact_list, 0)
        records = {rows.key(i): rows[i].cells[recs] for i in range(len(rows))}
        assert records == {d.id: str(len({f.record.id for f in CORPUS.facts_of(d.id)}))
                           for d in CORPUS.section("documents")}


async def test_x_with_no_facet_clears_the_filter_and_the_column_cursor_stops_at_the_edges(
        make_app) -> None:
    app = make_app(SHIPPED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await type_filter(pilot, "status:proposed")
        assert keys(app) == ids("agreements", lambda r: r.status == "proposed")
        await pilot.press("x")
        await pilot.pause()
        assert keys(app) == ids("agreements")
        assert explorer(app).nav.state.filter == ""
        await pilot.press("h", "h", "less_than_sign")  # still the first column: the title
        await pilot.pause()
        assert explorer(app).nav.state.sort is not None
        assert explorer(app).nav.state.sort.column == "title"
        await pilot.press(*"llllllll", "less_than_sign")  # the last column on screen
        await pilot.pause()
        assert explorer(app).nav.state.sort.column == "countries"


async def test_a_number_is_typed_as_the_table_shows_it_in_either_language(make_app) -> None:
    """"value<12,000" is one number (the comma is the table's thousands separator, not the
    list separator); "12 000" and "1,5" as Russian writes them; a malformed one is the
    list's one-line error."""
    def figures(test) -> list[str]:
        return ids("figures", lambda r: r.absolute is not None and test(r.absolute))

    app = make_app(SHIPPED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await type_filter(pilot, "value<12,000")
        assert keys(app) == figures(lambda v: v < 12000)
        assert any(CORPUS.get(k).absolute == 7591 for k in keys(app))  # not "<12 or <0"
        await pilot.press("slash", "escape", "L")
        await pilot.pause()
        await pilot.press("slash", *"value<12", "space", *"000", "enter")
        await pilot.pause()
        assert keys(app) == figures(lambda v: v < 12000)
        await pilot.press("slash", "escape")
        await type_filter(pilot, "value<=1,5")
        assert keys(app) == figures(lambda v: v <= 1.5) != []
        await pilot.press("slash", "escape")
        await type_filter(pilot, "value<12,00,0")
        assert keys(app) == []
        fact_list = explorer(app).fact_list
        shown = " ".join(line(fact_list, y).strip() for y in range(1, 5)).strip()
        assert shown == ("не число: '12,00,0' — пишите 12000, 12,000, 12 000, 1,5 или "
                         "1,5 млрд")
