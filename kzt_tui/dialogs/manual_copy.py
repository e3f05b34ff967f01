"""A dialog that shows copied text so it can be selected by hand when no clipboard works."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.textnorm import displayable, one_line


class ManualCopyScreen(ModalScreen[None]):
    """The passage in a read-only text area; esc closes."""

    DEFAULT_CSS = """
    ManualCopyScreen { align: center middle; }
    ManualCopyScreen > Vertical { width: 90%; height: 70%; border: round $warning;
        background: $surface; padding: 0 1; }
    ManualCopyScreen Static { height: auto; }
    ManualCopyScreen TextArea { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "close", N_("Close"))]

    def __init__(self, text: str, reason: str, lang: str = "en") -> None:
        super().__init__()
        self.text = text
        self.reason = reason
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                tr("Sent to the terminal's clipboard (OSC 52); {reason}. If pasting does "
                   "not work, select the text below by hand. esc closes.",
                   self.lang).format(reason=one_line(self.reason)),
                markup=False,
            )
            yield TextArea(displayable(self.text), read_only=True, soft_wrap=True,
                           id="manual-copy-text")

    def action_close(self) -> None:
        self.dismiss(None)
