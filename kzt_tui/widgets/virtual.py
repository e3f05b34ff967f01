"""Scrolling views whose content changes without laying out the whole screen: their
virtual size set in place, their vertical scrollbar always there."""

from __future__ import annotations

from rich.console import RenderableType
from rich.style import Style
from textual.geometry import Size
from textual.scrollbar import ScrollBar
from textual.widget import Widget

from kzt_tui.widgets._compat import own_vertical_scrollbar, scroll_update


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
    looks like the stable gutter a hidden bar leaves, but it never comes or goes."""

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
