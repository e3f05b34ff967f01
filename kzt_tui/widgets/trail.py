"""The breadcrumb under the pane tabs: where you are, and where backspace leads."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from kzt_tui.app_protocol import lang_of
from kzt_tui.core.i18n import tr
from kzt_tui.core.textnorm import cut_apart, one_line


class Trail(Widget):
    """`Figures › Trade turnover in 2024   ⌫ back: Agreements › Bridge agreement`, shown
    only while there is a way back. Rendered, one row high, like the pane tabs."""

    DEFAULT_CSS = """
    Trail { height: 1; display: none; background: $panel; color: $text-muted; }
    Trail.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[str, str | None] = ("", None)

    def show(self, here: str, back: str | None, force: bool = False) -> None:
        """Where the user is and where back leads (None: nowhere, the trail hides);
        `force`: draw it again even if the same (the language changed)."""
        if (here, back) == self._shown and not force:
            return
        self._shown = (here, back)
        self.set_class(back is not None, "-shown")
        self.refresh()

    def render(self) -> Text:
        here, back = self._shown
        if back is None:
            return Text()
        width = self.size.width or 80
        lead = "  ⌫ " + tr("back:", lang_of(self)) + " "
        room = max(8, (width - len(lead) - 1) // 2)  # each side gets half when both are long
        back_room = max(room, width - len(lead) - 1 - len(here))
        here_room = max(room, width - len(lead) - 1 - len(back))
        text = Text(" ")
        here, back = one_line(here), one_line(back)
        # two places cut to the same words ("Documents › Kazakhstan and Turkmeni…" for
        # two documents) keep where they differ
        text.append(cut_apart(here, here_room, [back]), style="bold")
        text.append(lead)
        text.append(cut_apart(back, back_room, [here]))
        return text
