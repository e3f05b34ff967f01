"""The explorer's boxes that are hidden until a key or a state shows them: the filter box,
the trail, a discrepancy's sides and "terminal too small". Each is mounted in its place
the first time it is needed, not composed with the screen: the first frame shows none of
them, and each composed widget costs its styles and mount before that frame (issue 18)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from kzt_tui.app_protocol import lang_of
from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.model import Discrepancy
from kzt_tui.navigation import Selection

if TYPE_CHECKING:  # imported with the first one shown: a discrepancy's sides, the trail
    from kzt_tui.widgets.sides_view import SidesView
    from kzt_tui.widgets.trail import Trail

FILTER_PLACEHOLDER = N_("filter: titles, parties, nodes, values…")

W = TypeVar("W", bound=Widget)


def existing(screen: Screen[None], selector: str, kind: type[W]) -> W | None:
    """The widget `selector` of `kind` if it was mounted, else None."""
    try:
        return screen.query_one(selector, kind)
    except NoMatches:
        return None


def filter_box(screen: Screen[None], make: bool, on_leave: Callable[[str], bool],
               on_value: Callable[[str], None]) -> Input | None:
    """The filter box above the list; mounted first, hidden, if there is none yet and
    `make`. `on_leave`: the box's Enter and Escape; `on_value` is called as its value
    changes, watched rather than messaged: the list is filtered in the same step as the box
    changes, so both are drawn in one frame instead of two (Changed bubbles up a step
    later)."""
    box = existing(screen, "#filter", Input)
    if box is None and make:
        from kzt_tui.widgets.safe_input import SafeInput

        # Not Input's select-on-focus: '/' again typed over the kept filter ("bri", then
        # "dge" left "dge"); the kept text is edited, ctrl+u clears it.
        box = SafeInput(placeholder=tr(FILTER_PLACEHOLDER, lang_of(screen)), id="filter",
                        on_leave=on_leave, select_on_focus=False)
        box.display = False
        screen.watch(box, "value", on_value, init=False)
        screen.query_one("#left").mount(box, before="#list")
    return box


def show_trail(screen: Screen[None], here: str, back: str | None, force: bool = False) -> None:
    """Where the user is and where back leads, in the trail under the pane tabs; the trail
    is mounted the first time there is a way back (and its module imported then)."""
    trail = cast("Trail | None", existing(screen, "#trail", Widget))
    if trail is None and back is not None:
        from kzt_tui.widgets.trail import Trail

        trail = Trail(id="trail")
        screen.mount(trail, after="#tabs")
    if trail is not None:
        trail.show(here, back, force=force)


def sides(screen: Screen[None], selection: Selection | None) -> SidesView | None:
    """The sides of a discrepancy, beside the source panel: mounted the first time a
    discrepancy's passage is shown (`selection`), else None while there are none yet."""
    found = existing(screen, "#sides", Widget)  # only ever a SidesView
    if found is None and selection is not None and selection.citation is not None \
            and isinstance(selection.record, Discrepancy):
        from kzt_tui.widgets.sides_view import SidesView

        found = SidesView(id="sides")
        screen.query_one("#body").mount(found, after="#source")
    return cast("SidesView | None", found)


def too_small_box(screen: Screen[None], make: bool) -> Static | None:
    """The "terminal too small" notice after the body; mounted first if there is none yet
    and `make`."""
    found = existing(screen, "#too-small", Static)
    if found is None and make:
        found = Static(id="too-small", markup=False)
        screen.mount(found, after="#body")
    return found
