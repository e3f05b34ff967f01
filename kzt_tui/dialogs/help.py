"""The help screen: every key binding of the explorer, with what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

#: Keys handled by widgets rather than declared on the screen, described for the help.
WIDGET_KEYS = [
    ("j / ↓, k / ↑", "move down / up in the focused list, detail or source"),
    ("g / home, G / end", "first / last item"),
    ("pgdn / ctrl+d, pgup / ctrl+u", "page down / up"),
    ("tab / shift+tab", "move focus: list → detail → source"),
    ("enter", "list: open the item · detail: follow the link or open the passage"),
    ("ctrl+p", "command palette: every action by name, and a jump to any record"),
]

KEY_NAMES = {
    "slash": "/",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "question_mark": "?",
}


def _key_label(binding: Binding) -> str:
    return ", ".join(KEY_NAMES.get(k, k) for k in binding.key.split(","))


def help_rows(bindings: list[Binding]) -> list[tuple[str, str]]:
    """(key, what it does) for every declared binding, then the keys widgets handle."""
    declared = [(_key_label(b), b.tooltip or b.description or b.action) for b in bindings]
    return [*declared, *WIDGET_KEYS]


class HelpScreen(ModalScreen[None]):
    """All keys, from the declared bindings (so help can never drift from behaviour)."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 95%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def __init__(self, bindings: list[Binding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold", expand=True)
        table.add_column("Key", style="bold #ffd75f", max_width=16)
        table.add_column("Does")
        for key, does in help_rows(self.bindings):
            table.add_row(Text(key), Text(does))
        with VerticalScroll():
            yield Static(Text("kzt-tui — keys   (esc closes)", style="bold"))
            yield Static(table)

    def action_scroll(self, delta: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=delta, animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
