"""The floors: minimal Textual apps that kzt-tui's figures are divided by.

    python -m bench.floors paint      one Static (no Footer) that shows PAINT_MARK
    python -m bench.floors list N     an OptionList of N rows, j/k move its cursor
    python -m bench.floors panes N    the same list, and what kzt-tui redraws per key: a
                                      detail pane under it and a source pane beside it,
                                      both rewritten for the highlighted row

They run in the same terminal (a tmux pane) as kzt-tui, started and timed the same way.
"""

from __future__ import annotations

import sys

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
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


#: A line of a source text as long as kzt-tui's Russian sources' (they wrap in the pane).
SENTENCE = ("Президенты подписали Совместное заявление и обменялись документами о "
            "сотрудничестве в сфере транспорта, энергетики и сельского хозяйства")
WORDS = tuple(SENTENCE.split())


def _detail(row: int) -> Text:
    """~24 lines of a record's fields, different for every row."""
    text = Text(f"AGREEMENT agr-{row:06d}\n", style="bold")
    for field in range(11):
        text.append(f"Field {field:<7} ", style="bold")
        text.append(" ".join(WORDS[(row + field + k) % len(WORDS)] for k in range(9)) + "\n")
    return text


def _source(row: int) -> Text:
    """A window of a long source text, starting where the row's passage is, with the
    passage's lines highlighted (kzt-tui's source view scrolls and marks the quote)."""
    text = Text()
    for line in range(row % 50, row % 50 + 40):
        words = " ".join(WORDS[(line + k) % len(WORDS)] for k in range(12))
        text.append(f"{line:>3} │ {words}\n", style="reverse" if line - row % 50 in (3, 4, 5)
                    else "")
    return text


class PanesFloor(ListFloor):
    """The list floor with kzt-tui's layout at 120x40: the list (15 rows) over a detail
    pane, a source pane beside them; a cursor move rewrites both panes, without a layout
    pass (their size does not change): what plain Textual widgets cost for kzt-tui's redraw."""

    CSS = """
    #left { width: 55; }
    _Rows { height: 15; }
    #detail { height: 1fr; }
    #source { width: 1fr; height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="left"):
                # one line a row, as kzt-tui's list cuts its titles to the column
                yield _Rows(*(ROW.format(i)[:48] + "…" for i in range(self.rows)))
                yield Static(_detail(0), id="detail")
            yield Static(_source(0), id="source")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#detail", Static).update(_detail(event.option_index), layout=False)
        self.query_one("#source", Static).update(_source(event.option_index), layout=False)


def main(argv: list[str]) -> int:
    """Run the floor named by argv[0]."""
    floors = {"list": ListFloor, "panes": PanesFloor}
    app: App[None] = PaintFloor() if argv[0] == "paint" else floors[argv[0]](int(argv[1]))
    app.run()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
