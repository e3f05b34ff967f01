"""The row of pane tabs: number key, title, the current one marked."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kzt_tui.panes import PANES, Pane


class PaneTabs(Static):
    """`1 Documents  2 Agreements …` with the current pane reversed; short titles when narrow."""

    DEFAULT_CSS = """
    PaneTabs { height: 1; background: $panel; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._pane: Pane = PANES[0]
        self._count = 0
        self._loading = 0

    def show(self, pane: Pane, count: int, loading: int = 0) -> None:
        """Mark `pane` as current; `count` is how many records it lists so far, while
        `loading` files of the dataset are still being read."""
        self._pane, self._count, self._loading = pane, count, loading
        self.update(self._render_tabs())

    def on_resize(self) -> None:
        self.update(self._render_tabs())

    def _render_tabs(self) -> Text:
        width = self.size.width or 120
        full = sum(len(p.title) + len(p.key) + 3 for p in PANES) <= width - 12
        text = Text(no_wrap=True, overflow="crop")
        for pane in PANES:
            title = pane.title if full else pane.short
            if pane is self._pane:
                text.append(f" {pane.key} {title} ", style="bold reverse")
                text.append(f"({self._count:,}{'+' if self._loading else ''})", style="bold")
            else:
                text.append(f" {pane.key}", style="bold #87afd7")
                text.append(f" {title} ", style="")
        if self._loading:
            text.append(f"  loading {self._loading:,} more files…", style="italic #d7af5f")
        return text
