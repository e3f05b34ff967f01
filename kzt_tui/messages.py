"""The app's own messages, in one module (toolong's habit): what threads and workers tell the UI."""

from __future__ import annotations

from textual.message import Message


class LoadProgress(Message):
    """How much of the dataset's files the background load has done (0 to 1)."""

    def __init__(self, fraction: float) -> None:
        super().__init__()
        self.fraction = fraction
