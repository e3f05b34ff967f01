"""The floor: a minimal Textual app, first-painted through the same probe as kzt-tui."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from bench import paint_probe


class Minimal(App[None]):
    """One line of text (no Footer: kzt-tui has none either)."""

    def compose(self) -> ComposeResult:
        yield Static("minimal")


if __name__ == "__main__":
    app = Minimal()
    paint_probe.run(app, lambda: True, lambda: True)
