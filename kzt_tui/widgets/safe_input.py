"""An Input that never echoes control, escape or bidi characters to the terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self

from textual import events
from textual.geometry import Region
from textual.widgets import Input

from kzt_tui.core.textnorm import one_line
from kzt_tui.widgets.key_handoff import HandsOnKeys


class SafeInput(HandsOnKeys, Input):
    """Input whose value has controls made visible (one for one, so the cursor stays put).

    A passage copied from a hostile source and pasted back into the search or filter box
    would otherwise be drawn raw: an ESC in it would reach the terminal.
    """

    def __init__(self, *args: Any, on_leave: Callable[[str], bool] | None = None,
                 **kwargs: Any) -> None:
        """`on_leave(key)`: run as soon as the box sees `key`, before the keys after it;
        True if it handled the key (it moved the focus, closed the screen…)."""
        self._text_changing = False
        super().__init__(*args, **kwargs)
        self._leave_key = on_leave

    async def _on_key(self, event: events.Key) -> None:
        # A key that leaves the box (Enter, Escape…) is acted on here, not as a binding
        # once it has bubbled up to the app: by then the box would have taken the keys
        # typed after it in the same burst (widgets/key_handoff.py).
        if self._leave_key is not None and self.app.focused is self and self._leave_key(
            event.key
        ):
            event.stop()
            event.prevent_default()

    def _watch_value(self, value: str) -> None:
        # Input sets its virtual size from the text, a layout reactive: each keystroke laid
        # the screen out again, which refreshes every scrollbar and costs a second frame.
        # The box's own size never depends on its text (it is not auto-sized), so only its
        # scrolling needs the new size.
        self._text_changing = not self.styles.auto_dimensions
        try:
            super()._watch_value(value)
        finally:
            self._text_changing = False
        if self.is_mounted:
            self._scroll_update(self.virtual_size)

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if self._text_changing:
            layout = False  # see _watch_value
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def validate_value(self, value: str) -> str:
        """Pasted or typed controls become visible symbols (␛, ⍰ …)."""
        return one_line(value)

