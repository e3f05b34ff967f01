"""The floors: minimal Textual apps that kzt-tui's figures are divided by.

    python -m bench.floors paint      one Static (no Footer) that shows PAINT_MARK
    python -m bench.floors list N     an OptionList of N rows, j/k move its cursor

They run in the same terminal (a tmux pane) as kzt-tui, started and timed the same way.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static

PAINT_MARK = "bench floor ready"
LIST_MARK = "Row 000000"
#: A row as long as a typical agreement title (the list cuts it at its width, as kzt-tui's).
ROW = "Row {:06d} · Memorandum of understanding on cooperation in the field of transport"


class PaintFloor(App[None]):
    """Just one line of text."""

    def compose(self) -> ComposeResult:
        yield Static(PAINT_MARK)


class _Rows(OptionList):
    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False)]


class ListFloor(App[None]):
    """An OptionList of `rows` rows with the focus and its cursor on the first row."""

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield _Rows(*(ROW.format(i) for i in range(self.rows)))

    def on_mount(self) -> None:
        self.query_one(_Rows).focus()


def main(argv: list[str]) -> int:
    """Run the floor named by argv[0]."""
    app: App[None] = PaintFloor() if argv[0] == "paint" else ListFloor(int(argv[1]))
    app.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
