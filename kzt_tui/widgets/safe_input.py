"""An Input that never echoes control, escape or bidi characters to the terminal."""

from __future__ import annotations

from textual.widgets import Input

from kzt_tui.core.textnorm import one_line


class SafeInput(Input):
    """Input whose value has controls made visible (one for one, so the cursor stays put).

    A passage copied from a hostile source and pasted back into the search or filter box
    would otherwise be drawn raw: an ESC in it would reach the terminal.
    """

    def validate_value(self, value: str) -> str:
        """Pasted or typed controls become visible symbols (␛, ⍰ …)."""
        return one_line(value)
