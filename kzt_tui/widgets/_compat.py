"""Every private Textual or Rich hook kzt-tui uses, in one place.

Textual and Rich lack a public way for each of these; each fixes a bug that was measured
or seen (the docstrings say which). Any release may change them without notice, so
tests/ui/test_compat.py checks each one (that it exists, its signature, and what it does)
and fails when the framework changes under it. Checked on Textual 8.2.8 and Rich 15.0.0.

Nothing else in kzt_tui touches a private name of Textual or Rich. The App's overrides
(`_on_key`, `_handle_exception`, `_print_error_renderables`) are named in APP_OVERRIDES and
call in here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.control import Control
from textual import events
from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate
from textual.app import App
from textual.binding import Binding
from textual.css.stylesheet import Stylesheet
from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar, ScrollBarCorner
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen
    from textual.widgets import Input

    _InputBase = Input
else:
    _InputBase = object

#: The versions every hook here was checked on (tests/ui/test_compat.py checks them again).
CHECKED_ON = {"textual": "8.2.8", "rich": "15.0.0"}

#: Private methods of App that KztApp overrides by name (app.py); each calls in here.
APP_OVERRIDES = ("_on_key", "_handle_exception", "_print_error_renderables")

# --- keys -----------------------------------------------------------------------------------


class KeyFirst:
    """Mixin, before the widget class in the bases: `key_first(event)` runs when a key
    reaches the widget, before the key handling of the classes after it in the MRO (Input
    typing a character, Widget running a key_ method).

    Fixes keys of one burst going to the widget the focus has left (widgets/key_handoff.py)
    and the filter box's editing keys bubbling up after the focus moved (SafeInput). Relies
    on Textual calling each class's `_on_<event>` handler in MRO order, stopping at
    `prevent_default`. Checked on Textual 8.2.8.
    """

    async def _on_key(self, event: events.Key) -> None:
        await self.key_first(event)

    async def key_first(self, event: events.Key) -> None:
        """See the class docstring; `event.prevent_default()` keeps the rest from running."""


def forward_event(node: Widget, event: events.Event) -> None:
    """Deliver `event` to `node` as Textual forwards one (not bubbled back to where it came
    from): a key of a burst sent on to the widget that has the focus now
    (widgets/key_handoff.py). `Widget._forward_event`, checked on Textual 8.2.8."""
    node._forward_event(event)


def key_bindings(node: DOMNode, key: str) -> tuple[Binding, ...]:
    """The bindings `node` itself declares for `key` (not its ancestors'): SafeInput runs
    them as it reads a key instead of letting the key bubble up, where a key of the same
    burst may already have moved the focus ("⌫⌫⌫⏎" sent the ⌫ to the list).
    `DOMNode._bindings.key_to_bindings`, checked on Textual 8.2.8."""
    return tuple(node._bindings.key_to_bindings.get(key, ()))


def restart_blink(box: Input) -> None:
    """Show `box`'s cursor and start its blink cycle again, as Input does for each key it
    reads itself: SafeInput runs the editing keys (Backspace, arrows…) as bindings, before
    Input's own key handler, which then never restarted the cycle, so the cursor's next
    blink fell at any time after the key: a second, late frame after ~1 backspace in 4
    (bench/RESULTS.md, filter). `Input._restart_blink`, checked on Textual 8.2.8."""
    box._restart_blink()


# --- sizes and scrollbars without a layout --------------------------------------------------


def scroll_update(widget: Widget, virtual_size: Size) -> None:
    """Tell `widget`'s own scrollbars its virtual size, as a layout would: the size was set
    without a layout (set_virtual_size, SafeInput), which costs a second frame ~30 ms after
    the first on every keystroke. `Widget._scroll_update`, checked on Textual 8.2.8."""
    widget._scroll_update(virtual_size)


class InputWithoutLayout(_InputBase):
    """Mixin for an Input, before Input in the bases (not a widget itself, so the CSS type
    names stay the Input's): its value changes lay nothing out (unless it is auto-sized).

    Input's watcher of `value` sets its virtual size from the text, a layout reactive: each
    keystroke laid the screen out again, which refreshes every scrollbar and costs a second
    frame. The box's own size never depends on its text (it is not auto-sized), so only its
    scrolling needs the new size. Overrides `Input._watch_value`, checked on Textual 8.2.8.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._text_changing = False
        super().__init__(*args, **kwargs)

    def _watch_value(self, value: str) -> None:
        self._text_changing = not self.styles.auto_dimensions
        try:
            super()._watch_value(value)
        finally:
            self._text_changing = False
        if self.is_mounted:
            scroll_update(self, self.virtual_size)

    def refresh(self, *regions: Any, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Any:
        if self._text_changing:
            layout = False  # see _watch_value
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


def own_vertical_scrollbar(widget: Widget, make: Callable[[], ScrollBar]) -> ScrollBar:
    """`widget`'s vertical scrollbar, made by `make` the first time and started as Widget
    starts its own: SteadyScrollbar's bar that never comes or goes (one that did laid the
    screen out, a second frame, on every filter keystroke that emptied the list).
    `Widget._vertical_scrollbar` and `App._start_widget`, checked on Textual 8.2.8."""
    if widget._vertical_scrollbar is None:
        bar = make()
        bar.display = False
        widget._vertical_scrollbar = bar
        widget.app._start_widget(widget, bar)
    return widget._vertical_scrollbar


# --- the app's exit -------------------------------------------------------------------------


def handle_exception(app: App[Any], error: Exception) -> None:
    """Textual's handling of an unhandled exception (handlers, timers, workers): the app
    closes with a traceback. KztApp notes the exception first, so that the CLI reports it
    (run() returned as if all was well). `App._handle_exception`, checked on Textual 8.2.8."""
    App._handle_exception(app, error)


def print_error_renderables(app: App[Any]) -> None:
    """Print what Textual keeps to show after the app closed (a traceback, a panic) and
    forget it. `App._print_error_renderables`, checked on Textual 8.2.8."""
    App._print_error_renderables(app)


def drop_error_renderables(app: App[Any]) -> None:
    """Forget what Textual keeps to show after the app closed: after a crash the CLI says
    what happened in one line, not a screenful of locals that may hold the data.
    `App._exit_renderables`, checked on Textual 8.2.8."""
    app._exit_renderables.clear()



# --- the compositor -------------------------------------------------------------------------


def covered(visible: Mapping[Widget, tuple[Region, Region]]) -> frozenset[Widget]:
    """The widgets of `visible` (widget → region and clip, as the compositor maps them)
    whose every shown cell one of their children draws over."""
    return frozenset(widget for widget, box in uncovered(visible).items() if not box.area)


def uncovered(visible: Mapping[Widget, tuple[Region, Region]]) -> dict[Widget, Region]:
    """For each widget of `visible` with children in it (not only its scrollbars), the
    smallest box (in screen cells) that holds every shown cell none of its children draws
    over: empty when they cover it all, the border for the explorer's source panel (its
    left column, or its top line when the panes are stacked)."""
    parts: dict[Widget, list[Region]] = {}
    containers = set()
    for widget, (region, clip) in visible.items():
        parent = widget.parent
        if isinstance(parent, Widget) and parent in visible:
            parts.setdefault(parent, []).append(region.intersection(clip))
            if not isinstance(widget, (ScrollBar, ScrollBarCorner)):
                containers.add(parent)
    boxes = {}
    for widget, children in parts.items():
        if widget not in containers:
            # its own scrollbars only: a view cut to the columns left of its bar would
            # cut each of its lines anew for every frame (a new Strip a line)
            continue
        region, clip = visible[widget]
        shown = region.intersection(clip)
        left = top = right = bottom = -1
        for y in shown.line_range:
            span = _uncovered_span(shown.x, shown.right, y, children)
            if span is None:
                continue
            if top < 0:
                top, left, right = y, span[0], span[1]
            left, right, bottom = min(left, span[0]), max(right, span[1]), y + 1
        boxes[widget] = Region(left, top, right - left, bottom - top) if top >= 0 else Region()
    return boxes


def _uncovered_span(start: int, end: int, y: int, parts: list[Region]) -> tuple[int, int] | None:
    """The first and past the last of the cells start..end-1 of line `y` that `parts` leave
    uncovered (None if they cover them all)."""
    first = -1
    x = start
    last = start
    for part in sorted(p for p in parts if p.y <= y < p.bottom):
        if part.x > x:
            if first < 0:
                first = x
            last = min(part.x, end)
        x = max(x, part.right)
        if x >= end:
            break
    if x < end:
        if first < 0:
            first = x
        last = end
    return None if first < 0 else (first, last)


#: Above this many dirty regions in a frame, every widget in their bounding box is drawn
#: (checking each widget against each region would cost more than it saves).
DIRTY_CHECKED = 64


class SkipCovered(Compositor):
    """A compositor that leaves out what never reaches the terminal in a frame: the widgets
    whose children cover them (covered()), the covered part of the others (uncovered()),
    and, in a partial update, the widgets that overlap none of its dirty regions.

    Textual's compositor renders every widget that overlaps a frame's dirty box whole and
    cuts each of its lines at every widget edge, then keeps the front-most piece: the
    explorer's screen, body and left column (entirely under the list, detail, source, tabs
    and key bar) were rendered and cut on every cursor key, 40 lines each, for pieces that
    never reach the terminal, and the source panel (all but its border column under the
    header and text), the key bar, the tabs and the list's border for lies inside the box
    of the list's and the source's changed lines (issue 18). A partial update writes only
    the cells of its dirty regions (Textual's spans are their union, line by line), whose
    front-most widget overlaps one of them: what is drawn is the same. Copies
    `Compositor._get_renders` and reads `Compositor._dirty_regions`, checked on Textual
    8.2.8.
    """

    def __init__(self) -> None:
        super().__init__()
        self._covered_for: object = None
        self._covered: frozenset[Widget] = frozenset()
        self._boxes: dict[Widget, Region] = {}
        #: The dirty regions of the partial update being rendered (None: draw them all).
        self._dirty: list[Region] | None = None
        #: What the terminal shows of this screen, as the partial updates wrote it.
        self.shown = Shown()

    @property
    def skipped(self) -> frozenset[Widget]:
        """The widgets left out of the frames now (covered by their children)."""
        visible = self.visible_widgets
        if visible is not self._covered_for:  # the map is made anew on each reflow
            self._boxes = uncovered(visible)
            self._covered_for = visible
            self._covered = frozenset(w for w, box in self._boxes.items() if not box.area)
        return self._covered

    def _get_renders(self, crop: Region | None = None
                     ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        skip = self.skipped
        boxes = self._boxes
        dirty = self._dirty if crop else None
        for widget, (region, clip) in list(self.visible_widgets.items()):
            if widget in skip or (crop and not crop.overlaps(clip)):
                continue
            box = boxes.get(widget)
            if box is not None:
                clip = clip.intersection(box)
            if dirty is not None:
                shown = region.intersection(clip)
                if not any(shown.overlaps(part) for part in dirty):
                    continue
            if clip.contains_region(region):
                yield region, clip, widget.render_lines(Region(0, 0, *region.size))
                continue
            x, y, width, height = region.intersection(clip)
            if width and height:
                yield region, clip, widget.render_lines(
                    Region(x - region.x, y - region.y, width, height))

    def render_full_update(self, simplify: bool = False) -> LayoutUpdate:
        self.shown.forget()  # every cell written anew, by a path that does not note them
        return super().render_full_update(simplify=simplify)

    def render_partial_update(self) -> ChopsUpdate | None:
        dirty = self._dirty_regions
        self._dirty = list(dirty) if len(dirty) <= DIRTY_CHECKED else None
        try:
            update = super().render_partial_update()
        finally:
            self._dirty = None
        return None if update is None else QuickMoves(update.chops, update.spans,
                                                      update.chop_ends, self.shown)


#: The terminal's "move the cursor to" sequence for each cell (x, y) that was needed.
_MOVES: dict[tuple[int, int], str] = {}


def _move(x: int, y: int) -> str:
    text = _MOVES.get((x, y))
    if text is None:
        text = _MOVES[x, y] = Control.move_to(x, y).segment.text
    return text


class Shown:
    """What the terminal shows, as far as a screen's partial updates wrote it: for each row,
    the pieces written (start column → end column and the bytes that drew them).

    Valid while nothing else writes to the terminal: Textual's own partial updates assume
    the same (that the terminal holds the last frame), and every other writer (a full
    update, which a resize, a screen switch or the end of a dialog makes) calls `forget`.
    """

    def __init__(self) -> None:
        self.rows: dict[int, dict[int, tuple[int, str]]] = {}

    def forget(self) -> None:
        """Nothing is known of what the terminal shows."""
        self.rows = {}

    def write(self, y: int, x: int, end: int, text: str) -> bool:
        """Note that `text` draws the cells x..end-1 of row `y`; False if the terminal
        already shows exactly that (it need not be written)."""
        row = self.rows.get(y)
        if row is None:
            row = self.rows[y] = {}
        elif row.get(x) == (end, text):
            return False
        else:  # the pieces the new one overlaps are no longer shown
            for start in [s for s, (e, _) in row.items() if s < end and e > x]:
                del row[start]
        row[x] = (end, text)
        return True


class QuickMoves(ChopsUpdate):
    """A frame's changed lines as they are written to the terminal, each piece after a
    cursor move looked up, not made: Rich makes a Control object, and a Segment, for each
    of the ~200 pieces of a cursor key's frame (~5 µs each, ~1 ms a key: issue 18).

    With `shown`, a piece whose bytes the terminal already shows at its place is not
    written again: a cursor key in the list repaints the whole detail and source panes, of
    which the source's text (same document, no scroll), the blank lines and the labels
    mostly stay as they were. Otherwise the same bytes as Textual writes. Copies
    `ChopsUpdate.render_segments`, checked on Textual 8.2.8.
    """

    def __init__(self, chops: Sequence[Mapping[int, Strip | None]],
                 spans: list[tuple[int, int, int]], chop_ends: list[list[int]],
                 shown: Shown | None = None) -> None:
        super().__init__(chops, spans, chop_ends)
        self.shown = shown

    def render_segments(self, console: Console) -> str:
        sequences: list[str] = []
        append = sequences.append
        chops, chop_ends, shown = self.chops, self.chop_ends, self.shown
        last_y = self.spans[-1][0]
        for y, x1, x2 in self.spans:
            wrote = False
            for end, (x, strip) in zip(chop_ends[y], chops[y].items(), strict=False):
                if strip is None or x > x2 or end <= x1:
                    continue
                if not (x2 > x >= x1 and end <= x2):
                    end = min(end, x2)
                    strip = strip.crop(0, end - x)
                text = strip.render(console)
                if shown is not None and not shown.write(y, x, end, text):
                    continue
                append(_move(x, y))
                append(text)
                wrote = True
            if wrote and y != last_y:
                append("\n")
        return "".join(sequences)


def skip_covered(screen: Screen[Any]) -> None:
    """Give `screen` a SkipCovered compositor (before it is first laid out).
    `Screen._compositor`, checked on Textual 8.2.8."""
    screen._compositor = SkipCovered()


# --- parsed CSS -----------------------------------------------------------------------------

#: The theme's variables a stylesheet last parsed with, and their key (made once per dict).
_variables_seen: list[tuple[Mapping[str, str], tuple[tuple[str, str], ...]]] = []


def _variables_key(variables: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    if _variables_seen and _variables_seen[0][0] is variables:
        return _variables_seen[0][1]
    key = tuple(sorted(variables.items()))
    _variables_seen[:] = [(variables, key)]
    return key


def cache_css_parses(get: Callable[[tuple[Any, ...]], list[Any] | None],
                     put: Callable[[tuple[Any, ...], list[Any]], None]) -> None:
    """Have every Stylesheet take a source's parsed rules from `get` before parsing it, and
    hand what it parses to `put` (system/css_cache.py keeps them between starts: ~9 ms of a
    warm start's CPU). The key is Textual's own parse cache's (the CSS, where it was read
    from, whether it is a widget's default CSS, its tie breaker and scope) and the
    stylesheet's variables, which the parse substitutes. Rules with errors are not kept:
    Textual reports them from the parse. `Stylesheet._parse_rules`, `_parse_cache` and
    `_variables`, checked on Textual 8.2.8."""
    parse = Stylesheet._parse_rules

    def _parse_rules(self: Stylesheet, css: str, read_from: Any,
                     is_default_rules: bool = False, tie_breaker: int = 0,
                     scope: str = "") -> list[Any]:
        own = (css, read_from, is_default_rules, tie_breaker, scope)
        if self._parse_cache.get(own) is None:  # not parsed yet by this stylesheet
            key = (*own, _variables_key(self._variables))
            rules = get(key)
            if rules is not None:
                self._parse_cache[own] = rules
                return rules
            rules = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):
                put(key, rules)
            return rules
        return parse(self, css, read_from, is_default_rules, tie_breaker, scope)

    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
