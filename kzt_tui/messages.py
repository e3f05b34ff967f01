"""The app's own messages, in one module (toolong's habit): what threads and workers tell the UI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from kzt_tui.core.problems import Problem
    from kzt_tui.system.clipboard import CopyResult


class LoadProgress(Message):
    """How much of the dataset's files the background load has done (0 to 1)."""

    def __init__(self, fraction: float) -> None:
        super().__init__()
        self.fraction = fraction


class ReloadFailed(Message):
    """The data changed on disk but does not load: its problems (the last good data stays)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__()
        self.problems = problems


class Copied(Message):
    """A copy is done: the text, what it was, and how the system clipboard took it."""

    def __init__(self, text: str, what: str, result: CopyResult) -> None:
        super().__init__()
        self.text = text
        self.what = what
        self.result = result
