"""Copy the shipped (read-only) dataset to a folder the user can edit: the palette's
"Copy the dataset to a folder…", as `kzt-tui copy-data DIR` does (core/shipped.py)."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.textnorm import one_line

#: The folder offered first: beside where kzt-tui was started.
DEFAULT_FOLDER = "kzt-tui-data"


class CopyDataScreen(ModalScreen[Path | None]):
    """Ask for a folder (new or empty), copy the dataset there; a refusal stays in the
    dialog, success closes it and says in one line how to open the copy."""

    DEFAULT_CSS = """
    CopyDataScreen { align: center middle; }
    CopyDataScreen > Vertical { width: 90; max-width: 95%; height: auto;
        border: round $accent; background: $surface; padding: 0 1; }
    CopyDataScreen Static { height: auto; }
    CopyDataScreen #copy-data-status { margin-top: 1; color: $error; }
    """
    BINDINGS = [Binding("escape", "close", N_("Cancel"))]

    def __init__(self, lang: str = "en", folder: Path | None = None) -> None:
        super().__init__()
        self.lang = lang
        self.folder = folder or Path.cwd()

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical():
            yield Static(Text(tr("Copy the dataset to a folder", lang), style="bold"))
            yield Static(Text(one_line(tr(
                "A new or empty folder (relative to {folder}); enter copies · esc cancels",
                lang).format(folder=self.folder)), style="dim"))
            yield Input(value=DEFAULT_FOLDER, id="copy-data-path")
            yield Static(id="copy-data-status", markup=False)

    def on_mount(self) -> None:
        self.query_one("#copy-data-path", Input).focus()

    @on(Input.Submitted, "#copy-data-path")
    def _submitted(self, event: Input.Submitted) -> None:
        self.copy(event.value)

    def copy(self, raw: str) -> None:
        """Copy into `raw` (a folder path); report in the dialog or close."""
        from kzt_tui.core.shipped import CopyError, copy_shipped

        status = self.query_one("#copy-data-status", Static)
        if not raw.strip():
            status.update(Text(tr("Type a folder.", self.lang)))
            return
        target = self.folder / os.path.expanduser(raw.strip())
        try:
            curated = copy_shipped(target)
        except CopyError as exc:  # core's words, with the place: shown as they are
            status.update(Text(one_line(tr("Not copied: {reason}", self.lang).format(
                reason=exc))))
            return
        self.app.notify(one_line(tr("Copied the dataset to {folder}; open it with: kzt-tui "
                                    "--data {curated}", self.lang).format(
                                        folder=target, curated=shlex.quote(str(curated)))),
                        title=tr("Copied", self.lang), markup=False)
        self.dismiss(curated)

    def action_close(self) -> None:
        self.dismiss(None)
