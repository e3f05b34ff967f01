"""Scrolling views whose content changes without laying out the whole screen: their
virtual size set in place, their vertical scrollbar always there."""

from __future__ import annotations

from collections.abc import Hashable

from rich.color import Color
from rich.console import RenderableType
from rich.style import Style
from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget

from kzt_tui.widgets._compat import own_vertical_scrollbar, scroll_update
from kzt_tui.widgets.plain_lines import is_plain, plain_lines


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Give `widget` (a ScrollView whose own size does not depend on its content) the
    virtual size `size`.

    `Widget.virtual_size` is a layout reactive: each change lays the screen out again, and
    a layout refreshes every scrollbar on the screen, which took a frame of its own after
    the frame that showed the change: two frames, ~30 ms apart, for every filter keystroke
    or list move. Here only the widget's own scrollbars learn the new size; if one of them
    has to appear or go, that is a layout reactive of its own and still lays out."""
    if size == widget.virtual_size:
        return
    widget.set_reactive(Widget.virtual_size, size)
    if widget.is_mounted:
        scroll_update(widget, size)
    widget.refresh()


class _QuietScrollBar(ScrollBar):
    """A vertical scrollbar that, with nothing to scroll, draws its view's background: it
    looks like the stable gutter a hidden bar leaves, but it never comes or goes.

    Its rows are of a few kinds (track above the thumb, thumb, track below, the thumb's two
    ends in eighths): each kind is drawn once, by Textual, and kept. A cursor key that
    moved or resized the thumb redrew the whole bar through Rich and Textual's styles
    (~2 ms for the detail's and the source's bars together, issue 18); now it looks its
    rows up."""

    def __init__(self, vertical: bool = True, name: str | None = None, *,
                 thickness: int = 1) -> None:
        super().__init__(vertical=vertical, name=name, thickness=thickness)
        #: Each kind of row as Textual draws it, while `_rows_for` stays the same.
        self._row_strips: dict[Hashable, Strip] = {}
        self._rows_for: tuple[object, ...] = ()

    def render_lines(self, crop: Region) -> list[Strip]:
        rows = self._row_kinds()
        if rows is None or not is_plain(self):
            return super().render_lines(crop)
        context = (self.size, self.visual_style)
        if context != self._rows_for:
            self._rows_for, self._row_strips = context, {}
        kept = self._row_strips

        def line(y: int) -> Strip:
            kind = rows[y] if y < len(rows) else None
            strip = kept.get(kind)
            if strip is None:
                strip = kept[kind] = self.render_line(y)  # Textual's own line for it
            return strip

        return plain_lines(self, crop, line)

    def _row_kinds(self) -> list[Hashable] | None:
        """The bar's rows as ScrollBarRender draws them (each row's one segment: its
        glyph and style), or None for a bar drawn some other way."""
        renderer = self.render()
        if not isinstance(renderer, ScrollBarRender) or not renderer.vertical:
            return None
        style = renderer.style if isinstance(renderer.style, Style) else None
        if style is None:
            return None
        height, width = self.size.height, self.size.width
        bar = renderer.render_bar(
            size=height, window_size=renderer.window_size,
            virtual_size=renderer.virtual_size, position=renderer.position,
            thickness=width, vertical=True,
            back_color=style.bgcolor or Color.parse("#555555"),
            bar_color=style.color or Color.parse("bright_magenta"))
        return list(bar.segments)

    def render(self) -> RenderableType:
        if self.window_size >= self.window_virtual_size and self.parent is not None:
            background = self.parent.background_colors[1].rich_color
            # window 0: ScrollBarRender draws its back colour only, no thumb
            return self.renderer(window_size=0, vertical=self.vertical,
                                 style=Style(color=background, bgcolor=background))
        return super().render()


class SteadyScrollbar(Widget):
    """A scrolling view whose vertical scrollbar is always on screen (`overflow-y: scroll`)
    and blank while everything fits.

    A bar that appears or goes is a layout reactive (`show_vertical_scrollbar`, and the
    bar's `display`): the screen is laid out again, and every scrollbar refreshed in a frame
    of its own ~30 ms after the one that showed the change. That happened on every filter
    keystroke that emptied the list or brought it back, and on every record whose detail
    or source fits where the last one's did not."""

    DEFAULT_CSS = """
    SteadyScrollbar { overflow-y: scroll; }
    """

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The vertical scrollbar (made here, as Widget would, but quiet when all fits)."""
        return own_vertical_scrollbar(self, lambda: _QuietScrollBar(
            vertical=True, name="vertical", thickness=self.scrollbar_size_vertical))
