"""Build the real app (through the CLI's factory) on small fixture datasets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.message import Message

from kzt_tui.app import KztApp, create_app
from kzt_tui.core.loading import load
from kzt_tui.core.problems import Problem
from kzt_tui.messages import Copied, ReloadFailed
from kzt_tui.system.clipboard import CopyResult

UI_DATA = Path(__file__).resolve().parent.parent / "fixtures" / "ui" / "curated.yaml"
SIZES = [(120, 40), (80, 24)]


@pytest.fixture
def make_app() -> Callable[..., KztApp]:
    """An app over the UI fixture (or `path`), with no system clipboard tool."""

    def make(path: Path = UI_DATA, clipboard: list[list[str]] | None = None) -> KztApp:
        return create_app(load(path), data_path=path, clipboard_commands=clipboard or [])

    return make


class Seen:
    """The messages the app handled, in order: pass as `run_test(message_hook=seen)`."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        self.messages.append(message)

    @property
    def problems(self) -> list[Problem]:
        """The problems of the last reload that failed ([] if none has)."""
        failed = [m for m in self.messages if isinstance(m, ReloadFailed)]
        return failed[-1].problems if failed else []

    @property
    def copy(self) -> CopyResult | None:
        """How the last copy went (None before one is done)."""
        copies = [m for m in self.messages if isinstance(m, Copied)]
        return copies[-1].result if copies else None
