"""Setting a scrolling widget's virtual size without laying out the whole screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


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
        widget._scroll_update(size)
    widget.refresh()
