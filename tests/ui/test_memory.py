"""The whole session is remembered, and written shortly after it changes: an app that is
killed (no `q`) starts again where it was — pane, item, each pane's filter and scroll
place, language, search history. Every field of navigation.PaneState is saved and read
back without a line per field; old and hostile files still load."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal, get_type_hints

import pytest
from textual.widgets import Input

from kzt_tui.navigation import PaneState
from kzt_tui.screens.memory import SAVE_TICK
from kzt_tui.system.state import SavedState, load_state, save_state, state_path
from kzt_tui.system.typed_json import decode, encode
from kzt_tui.widgets.fact_list import FactList
from tests.helpers import REPO

from .helpers import make, state_file, wait_for

#: Long enough for the save after a change (it waits for one quiet tick).
SETTLE = SAVE_TICK * 3 + 0.2


async def test_a_killed_app_starts_again_where_it_was(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "slash", *"trade", "enter", "j")
        await pilot.press("s", *"aktau")
        await wait_for(pilot, lambda: bool(getattr(app.screen, "hits", None)))
        await pilot.press("escape", "L")
        selected = app.explorer.query_one(FactList).current_key
        assert selected is not None
        await pilot.pause(SETTLE)
        assert state_path().exists()  # written while running, not at the end
    # the test leaves without q: nothing is saved on the way out

    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        explorer = again.explorer
        assert explorer.pane.name == "figures"
        assert explorer.query_one(FactList).current_key == selected
        box = explorer.query_one("#filter", Input)
        assert box.display and box.value == "trade"
        assert again.lang == "ru"
        await pilot.press("s")
        assert again.screen.query_one("#search-input", Input).value == "aktau"


async def test_each_pane_keeps_its_filter_across_a_restart(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "slash", *"compan", "enter", "2", "slash", *"plan", "enter")
        await pilot.pause(SETTLE)
    again = make_app()
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        explorer = again.explorer
        assert explorer.pane.name == "agreements"
        assert explorer.query_one(FactList).current_key == "agr-plan"
        assert len(explorer.query_one(FactList).rows) == 1
        await pilot.press("4")
        assert explorer.query_one("#filter", Input).value == "compan"
        assert explorer.query_one(FactList).current_key == "fig-companies"


@pytest.mark.slow
async def test_the_lists_scroll_place_is_restored() -> None:
    data = REPO / "data" / "curated.yaml"
    app = make(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("9", "G", "k")
        flist = app.explorer.query_one(FactList)
        top, cursor = int(flist.scroll_offset.y), flist.cursor
        assert top > 0 and top < cursor
        await pilot.pause(SETTLE)
    again = make(data)
    async with again.run_test(size=(80, 24)) as pilot:
        flist = again.explorer.query_one(FactList)
        await wait_for(pilot, lambda: int(flist.scroll_offset.y) == top)
        assert flist.cursor == cursor


async def test_nothing_is_written_while_nothing_changes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause(SETTLE)
        first = state_path().stat().st_mtime_ns
        await pilot.pause(SETTLE)
        assert state_path().stat().st_mtime_ns == first


# --- every PaneState field, generically ------------------------------------------------


@dataclass
class Extended:
    """A PaneState as another engineer may grow it."""

    filter: str = ""
    sort: tuple[str, bool] = ("date", False)
    facets: dict[str, list[str]] = field(default_factory=dict)
    hidden: frozenset[str] = frozenset()
    mode: Literal["list", "table"] = "list"
    width: float | None = None
    inner: PaneState = field(default_factory=PaneState)


def test_any_dataclass_of_json_types_goes_and_comes_back() -> None:
    value = Extended("trade", ("value", True), {"country": ["KZ", "TM"]},
                     frozenset({"b", "a"}), "table", 0.5, PaneState("x", "agr-plan", 2, 7))
    written = json.loads(json.dumps(encode(value)))
    assert written["hidden"] == ["a", "b"]
    assert decode(Extended, written) == value


def test_a_class_s_field_types_are_evaluated_once_however_many_are_read(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the saved state's nine pane states are read before every first frame (~0.8 ms when
    # each evaluated PaneState's annotations anew)
    from kzt_tui.system import typed_json

    @dataclass
    class Fresh:  # a class no test has read yet
        filter: str = ""
        top: int = 0

    evaluated: list[type] = []

    def hints(cls: type) -> dict[str, object]:
        evaluated.append(cls)
        return get_type_hints(cls)

    monkeypatch.setattr(typed_json, "get_type_hints", hints)
    got = [decode(Fresh, {"filter": f"f{n}", "top": n}) for n in range(9)]
    assert got == [Fresh(f"f{n}", n) for n in range(9)]
    assert [encode(g) for g in got] == [{"filter": f"f{n}", "top": n} for n in range(9)]
    assert evaluated == [Fresh]  # and a save (encode) evaluates them no more


@pytest.mark.parametrize(("name", "bad"), [
    ("filter", 3), ("sort", ["value"]), ("sort", ["value", "yes"]), ("facets", {"c": "KZ"}),
    ("facets", [["c", "KZ"]]), ("hidden", "ab"), ("mode", "grid"), ("width", True),
    ("inner", {"cite": "2"}), ("inner", [1]),
])
def test_a_mistyped_field_keeps_its_default_and_the_rest_is_read(name: str, bad: object
                                                                 ) -> None:
    data = {"filter": "kept", "width": 2, name: bad, "unknown": [1, 2]}
    if name == "filter":
        data["width"] = 2
    got = decode(Extended, data)
    default = Extended()
    assert getattr(got, name) == (getattr(default, name) if name != "inner"
                                  else PaneState())
    assert got.width == (2.0 if name != "width" else None)
    assert got.filter == ("kept" if name != "filter" else "")


def test_a_saved_pane_state_is_every_field_of_pane_state(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "state.json"
    state = SavedState("figures", panes={"figures": PaneState("trade", "fig-x", 1, 4)},
                       searches=["aktau", "kuryk"])
    assert save_state(state, path) is None
    assert load_state(path) == (state, None)


@pytest.mark.parametrize("panes", [
    [1, 2], "figures", {"figures": "trade"}, {"figures": {"filter": ["x"], "top": "9"}},
    {"nope": {"filter": "x"}}, {"figures": {"cite": 10 ** 30, "top": -5}},
])
async def test_odd_pane_states_load_safely(make_app, panes: object) -> None:
    path = state_file(json.dumps({"pane": "figures", "record": "fig-companies",
                                  "panes": panes, "searches": ["ok", 3, "", "x" * 500]}
                                 ).encode())
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.explorer.pane.name == "figures"
        assert app.explorer.query_one(FactList).current_key == "fig-companies"
        await pilot.press("s")
        assert app.screen.query_one("#search-input", Input).value == "x" * 200
        await pilot.press("up")
        assert app.screen.query_one("#search-input", Input).value == "ok"
    assert not list(path.parent.glob("state.json.corrupt-*"))


async def test_an_old_state_file_still_loads(make_app) -> None:
    state_file(b'{"pane": "figures", "record": "fig-companies", "cite": 0, "lang": "ru"}')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.explorer.pane.name == "figures" and app.lang == "ru"
        assert app.explorer.query_one(FactList).current_key == "fig-companies"


@pytest.mark.slow
def test_a_sigkilled_app_in_a_real_terminal_kept_its_place(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """SIGKILL cannot be caught: only what was written before it is there."""
    import time

    from .helpers import Terminal

    with Terminal(tmp_path) as term:
        term.read_until(b"palette")
        term.write(b"4")
        term.read_until(b"back: Agreements")  # the trail: the pane switch is on screen
        time.sleep(SETTLE)
    # leaving the block SIGKILLs the app
    saved = json.loads(state_path().read_text(encoding="utf-8"))
    assert saved["pane"] == "figures" and saved["record"] == "fig-trade-2024"


async def test_sort_and_facets_survive_a_restart(make_app) -> None:
    """The table's order and facets are PaneState fields like the filter: a killed app
    starts with the corridors still sorted and faceted as they were."""
    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.loading import load

    data = REPO / "data" / "curated.yaml"
    corridors = Corpus(load(data)).section("corridors")
    app = make_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "l", "l", "F")  # the status column's facet
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "FacetScreen")
        await pilot.press("enter")  # its first value: the most frequent status
        await pilot.press("l", "greater_than_sign")  # the route column, descending
        await pilot.pause()
        flist = app.explorer.query_one(FactList)
        shown = [flist.rows.key(i) for i in range(len(flist.rows))]
        status = next(r.status for r in corridors if r.id == shown[0])
        assert {r.id for r in corridors if r.status == status} == set(shown)
        await pilot.pause(SETTLE)
    again = make_app(data)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        flist = again.explorer.query_one(FactList)
        assert [flist.rows.key(i) for i in range(len(flist.rows))] == shown
        facets, head = ("".join(s.text for s in flist.render_line(y)) for y in (0, 1))
        assert f"Status = {status}" in facets
        assert "▼" in head
