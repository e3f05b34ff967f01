"""A widget's lines handed to the screen as the widget draws them, when its styles add
nothing to them (no border, padding, outline, tint, hatch or opacity): the cursor views'
and their scrollbars' lines on every cursor key (issue 18).

Textual draws every line of a widget through its styles cache (`Widget.render_lines`):
for each changed line it works out borders, padding, outline and effects, and builds a
new Strip from the line (a Strip holds seven caches of its own), then applies the app's
line filters to that new Strip. A cursor key in the list changes ~120 lines (the detail,
the source, their scrollbars): that per-line work was over half of the frame, for lines
that a plain widget passes through unchanged. Here a plain widget's line is its own
`render_line` as it is, cut to the width if it is not, with the filters applied: a line
the widget kept (its Strip the same object) keeps its filtered form too (Strip caches
each filter's result), so an unchanged line costs a lookup.

The result is the same lines Textual draws (tests/ui/test_plain_lines.py compares the
two for every view and scrollbar of the explorer). A widget whose styles do add something
is drawn by Textual, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget


def is_plain(widget: Widget) -> bool:
    """Whether `widget`'s styles add nothing to its content lines: no border, outline,
    padding, tint, hatch, border title, opacity or text opacity, and its content as wide
    and tall as the widget."""
    return (not any(edge for edge, _ in widget.styles.border) and _adds_nothing(widget)
            and widget.region.size == widget.content_region.size)


def plain_height(widget: Widget) -> int:
    """How many lines from the top of `widget` its styles add nothing to: all of them for a
    plain widget (is_plain); those above the border when a bottom border is all its styles
    add (the explorer's list: ~15 lines that Textual's styles cache drew on every key,
    issue 18); else none."""
    if is_plain(widget):
        return widget.region.height
    top, right, bottom, left = (edge for edge, _ in widget.styles.border)
    region, content = widget.region, widget.content_region
    if (bottom and not (top or right or left) and _adds_nothing(widget)
            and content.width == region.width and content.height == region.height - 1):
        return content.height
    return 0


def _adds_nothing(widget: Widget) -> bool:
    """No outline, padding, tint, hatch, border title, opacity or text opacity."""
    styles = widget.styles
    return (
        not any(edge for edge, _ in styles.outline)
        and not any(styles.padding)
        and not styles.tint.a
        and styles.text_opacity == 1.0
        and (not styles.has_rule("hatch") or styles.hatch == "none")
        and widget.border_title is None
        and widget.border_subtitle is None
        and widget.opacity == 1.0
    )


#: How many lines a widget keeps as finished (made as wide as the widget, filtered).
FINISHED_KEPT = 4096


class Finished:
    """A widget's lines as `plain_lines` finished them, by the line they were made from
    (its identity, kept in the value), while what finishing depends on stays the same.

    A cursor view's line is as wide as its content, one or two cells short of the widget
    when it has a scrollbar: widening it made a new Strip for every line of every frame,
    and the app's line filter (Strip caches its result per Strip) then ran on each anew:
    a fifth of a list key's frame at 1x (bench.profile_key, issue 18). Kept here, a line
    the view kept (the same Strip) costs a lookup, as the docstring above says it should.
    """

    def __init__(self) -> None:
        self._for: tuple[object, ...] = ()
        self._lines: dict[Hashable, tuple[Strip, Strip]] = {}

    def lines_for(self, context: tuple[object, ...]) -> dict[Hashable, tuple[Strip, Strip]]:
        """The lines kept for `context` (all dropped when it differs from the last)."""
        if context != self._for or len(self._lines) >= FINISHED_KEPT:
            self._for, self._lines = context, {}
        return self._lines


def plain_lines(widget: Widget, crop: Region, line: Callable[[int], Strip],
                finished: Finished | None = None) -> list[Strip]:
    """The lines `crop` of a plain widget (is_plain) whose content line `y` is `line(y)`:
    as Textual's styles cache draws them (the line made as wide as the widget, the app's
    line filters applied, then cut to the crop's columns); kept in `finished` if given."""
    width = widget.region.width
    base_background, background = widget.background_colors
    filters = widget.get_line_filters()
    kept = (finished.lines_for((width, base_background, background, *filters))
            if finished is not None else {})
    fill: Style | None = None
    x1, x2 = crop.column_span
    whole = (x1, x2) == (0, width)
    strips: list[Strip] = []
    for y in crop.line_range:
        raw = strip = line(y)
        got = kept.get(id(raw))
        if got is not None and got[0] is raw:
            strip = got[1]
        else:
            if strip.cell_length != width:
                if fill is None:
                    fill = Style(background=base_background + background)
                strip = strip.adjust_cell_length(width, fill.rich_style)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            if finished is not None:
                kept[id(raw)] = (raw, strip)
        strips.append(strip if whole else strip.crop(x1, x2))
    return strips
