"""An Input that never echoes control, escape or bidi characters to the terminal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.widgets import Input

from kzt_tui.core.textnorm import one_line
from kzt_tui.widgets._compat import InputWithoutLayout, key_bindings, restart_blink
from kzt_tui.widgets.key_handoff import HandsOnKeys


class SafeInput(HandsOnKeys, InputWithoutLayout, Input):
    """Input whose value has controls made visible (one for one, so the cursor stays put).

    A passage copied from a hostile source and pasted back into the search or filter box
    would otherwise be drawn raw: an ESC in it would reach the terminal.
    """

    def __init__(self, *args: Any, on_leave: Callable[[str], bool] | None = None,
                 **kwargs: Any) -> None:
        """`on_leave(key)`: run as soon as the box sees `key`, before the keys after it;
        True if it handled the key (it moved the focus, closed the screen…)."""
        super().__init__(*args, **kwargs)
        self._leave_key = on_leave

    async def key_first(self, event: events.Key) -> None:
        # Every key the box acts on is acted on here, as the box reads it, like the letters
        # Input types here: not as a binding once the key has bubbled up to the app. A
        # key that leaves the box (Enter, Escape…) would otherwise let the box take the keys
        # typed after it in the same burst (widgets/key_handoff.py); and an editing key
        # (Backspace, arrows…) would still be bubbling up when such a key, read after it,
        # had already moved the focus: "⌫⌫⌫⏎" in one burst sent the ⌫ to the list.
        if self.app.focused is not self:
            await super().key_first(event)
            return
        if self._leave_key is not None and self._leave_key(event.key):
            event.stop()
            event.prevent_default()
            return
        for binding in key_bindings(self, event.key):
            if not binding.priority:
                restart_blink(self)  # as Input does for the keys it reads itself
                await self.app.run_action(binding.action, self)
                event.stop()
                event.prevent_default()
                return
        await super().key_first(event)

    def validate_value(self, value: str) -> str:
        """Pasted or typed controls become visible symbols (␛, ⍰ …)."""
        return one_line(value)

