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

    def on_mount(self) -> None:
        paint_probe.install(self, lambda: True, lambda: True)


if __name__ == "__main__":
    Minimal().run(headless=True)
