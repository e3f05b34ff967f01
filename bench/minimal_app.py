"""The floor: a minimal Textual app, first-painted through the same probe as kzt-tui."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Static

from bench import paint_probe


class Minimal(App[None]):
    """One line of text and a footer."""

    def compose(self) -> ComposeResult:
        yield Static("minimal")
        yield Footer()


if __name__ == "__main__":
    app = Minimal()
    paint_probe.run(app, lambda: True, lambda: True)
