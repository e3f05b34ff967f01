"""What a cursor key draws (issue 18): the containers that the explorer's panes cover whole
(the screen, the body, the left column) are not rendered for a frame, since none of their
cells reaches the terminal; nor are the widgets that overlap none of the frame's dirty
regions (the source panel's border column, the key bar, the tabs), whose cells it does
not write. The snapshots (test_snapshots.py and the others) and
test_terminal_diff.py show that what is drawn stays the same."""

from __future__ import annotations

from collections import Counter

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from kzt_tui.widgets._compat import covered, uncovered

from .conftest import SIZES
from .helpers import pane_open


def count_renders(widgets: dict[str, Widget]) -> Counter[str]:
    """How many times each of `widgets` (by name) is asked for its lines from now on."""
    calls: Counter[str] = Counter()
    for name, widget in widgets.items():
        def counted(crop: Region, _name: str = name, _render=widget.render_lines):  # type: ignore[no-untyped-def]
            calls[_name] += 1
            return _render(crop)
        widget.render_lines = counted  # type: ignore[method-assign]
    return calls


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("key", ["j", "k"])
async def test_a_cursor_key_renders_no_covered_container(size, key) -> None:
    async with pane_open("2", "j", size=size) as (pilot, ex):  # j: both keys can move
        names = ("#body", "#left", "#list", "#detail", "#source", "#source-text",
                 "KeyBar", "PaneTabs")
        calls = count_renders({"screen": ex} | {name: ex.query_one(name) for name in names})
        shown = ex.fact_list.current_key
        await pilot.press(key)
        await pilot.pause()
        assert ex.fact_list.current_key != shown  # the key did move the list
        assert calls == Counter({"#list": 1, "#detail": 1, "#source-text": 1})


class Tiles(App[None]):
    """A row of two boxes, 10 cells wide and 2 high in all."""

    CSS = "Horizontal { width: 10; height: 2; } #a { width: 4; } #b { width: 6; }"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(id="a")
            yield Static(id="b")


async def test_covered_asks_every_cell_of_the_shown_part_to_be_under_a_child() -> None:
    app = Tiles()
    async with app.run_test(size=(20, 4)):
        row, a, b = app.query_one(Horizontal), app.query_one("#a"), app.query_one("#b")
        whole = Region(0, 0, 20, 4)

        def found(parent: Region, *kids: Region, clip: Region = whole) -> set[str]:
            shown = {row: (parent, clip), a: (kids[0], whole), b: (kids[1], whole)}
            return {str(w.id or "row") for w in covered(shown)}

        assert found(Region(0, 0, 10, 2), Region(0, 0, 4, 2), Region(4, 0, 6, 2)) == {"row"}
        # one cell short at the right, at the left, or on the last line: drawn
        assert found(Region(0, 0, 10, 2), Region(0, 0, 4, 2), Region(4, 0, 5, 2)) == set()
        assert found(Region(0, 0, 10, 2), Region(1, 0, 3, 2), Region(4, 0, 6, 2)) == set()
        assert found(Region(0, 0, 10, 2), Region(0, 0, 4, 2), Region(4, 0, 6, 1)) == set()
        # a gap between the children, though they reach both ends
        assert found(Region(0, 0, 10, 2), Region(0, 0, 3, 2), Region(4, 0, 6, 2)) == set()
        # overlapping children, in either order, and one that reaches past the parent
        assert found(Region(0, 0, 10, 2), Region(3, 0, 7, 2), Region(0, 0, 5, 2)) == {"row"}
        assert found(Region(0, 0, 10, 2), Region(0, 0, 12, 2), Region(4, 0, 6, 1)) == {"row"}
        # only the part of the parent its clip shows needs covering
        assert found(Region(0, 0, 10, 2), Region(0, 0, 4, 2), Region(4, 0, 5, 2),
                     clip=Region(0, 0, 9, 2)) == {"row"}
        assert found(Region(0, 0, 10, 2), Region(0, 0, 4, 2), Region(4, 0, 6, 1),
                     clip=Region(0, 0, 20, 1)) == {"row"}
        # ... and only the parts of the children their clips show cover it
        shown = {row: (Region(0, 0, 10, 2), whole), a: (Region(0, 0, 4, 2), whole),
                 b: (Region(4, 0, 6, 2), Region(0, 0, 9, 4))}
        assert covered(shown) == frozenset()
        # a widget with no children shown is never covered
        assert covered({a: (Region(0, 0, 4, 2), whole)}) == frozenset()


async def test_uncovered_is_the_box_of_the_cells_no_child_covers() -> None:
    app = Tiles()
    async with app.run_test(size=(20, 4)):
        row, a, b = app.query_one(Horizontal), app.query_one("#a"), app.query_one("#b")
        whole = Region(0, 0, 20, 4)

        def box(parent: Region, *kids: Region, clip: Region = whole) -> Region:
            shown = {row: (parent, clip), a: (kids[0], whole), b: (kids[1], whole)}
            return uncovered(shown)[row]

        assert box(Region(0, 0, 10, 2), Region(0, 0, 4, 2), Region(4, 0, 6, 2)) == Region()
        # a border column at the left, as the source panel's
        assert box(Region(0, 0, 10, 2), Region(1, 0, 3, 2), Region(4, 0, 6, 2)) == Region(
            0, 0, 1, 2)
        # one cell at the right of the first line
        assert box(Region(0, 0, 10, 2), Region(0, 0, 4, 2), Region(4, 0, 5, 1),
                   ) == Region(4, 0, 6, 2)
        assert box(Region(0, 0, 10, 2), Region(0, 0, 4, 2), Region(4, 0, 5, 2)) == Region(
            9, 0, 1, 2)
        # a gap between the children and a cell at the end: the box holds both
        assert box(Region(0, 0, 10, 2), Region(0, 0, 3, 2), Region(4, 0, 5, 2)) == Region(
            3, 0, 7, 2)
        # the bottom line only
        assert box(Region(0, 0, 10, 2), Region(0, 0, 4, 1), Region(4, 0, 6, 1)) == Region(
            0, 1, 10, 1)
        # what the clip hides needs no drawing
        assert box(Region(0, 0, 10, 2), Region(0, 0, 4, 2), Region(4, 0, 5, 2),
                   clip=Region(0, 0, 9, 2)) == Region()
        assert box(Region(0, 0, 10, 2), Region(1, 0, 3, 2), Region(4, 0, 6, 2),
                   clip=Region(0, 1, 10, 1)) == Region(0, 1, 1, 1)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_source_panel_is_asked_for_its_border_only(size) -> None:
    async with pane_open("2", "j", size=size) as (pilot, ex):
        panel = ex.query_one("#source")
        calls = count_renders({"#source": panel})
        crops: list[Region] = []
        render = panel.render_lines

        def spy(crop: Region) -> list:  # type: ignore[type-arg]
            crops.append(crop)
            return render(crop)

        panel.render_lines = spy  # type: ignore[method-assign]
        panel.refresh()  # all of it to be drawn again
        await pilot.pause()
        width, height = panel.region.size
        assert calls["#source"] == 1
        if panel.styles.border.left[0]:  # wide: a border at its left, under no child
            assert crops == [Region(0, 0, 1, height)]
        else:  # narrow: a border above it
            assert panel.styles.border.top[0]
            assert crops == [Region(0, 0, width, 1)]
