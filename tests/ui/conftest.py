"""Build the real app (through the CLI's factory) on small fixture datasets."""

from __future__ import annotations

import inspect
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Input

from kzt_tui.app import KztApp
from kzt_tui.core.problems import Problem
from kzt_tui.messages import Copied, ReloadFailed
from kzt_tui.system.clipboard import CopyResult

from .helpers import UI_DATA, make

__all__ = ["SIZES", "UI_DATA", "Seen"]  # test modules import these from here

SIZES = [(120, 40), (80, 24)]


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """pytest-textual-snapshot's `snap_compare`, with the focused input's cursor held visible
    after the keys: its blink turns it off 0.5 s after the last key, so on a loaded machine a
    screenshot taken late showed a box without its cursor (test_help_in_russian failed so)."""

    def compare(app: object, *, press: tuple[str, ...] | list[str] = (),
                run_before: Callable[[Pilot], object] | None = None, **options: object) -> bool:
        async def before(pilot: Pilot) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            await pilot.pause()
            await pilot.press(*press)
            focused = pilot.app.focused
            if isinstance(focused, Input):
                focused.cursor_blink = False  # Textual shows the cursor when its blink stops
                await pilot.pause()

        return snap_compare(app, run_before=before, **options)

    return compare


@pytest.fixture
def make_app() -> Callable[..., KztApp]:
    """An app over the UI fixture (or `path`), with no system clipboard tool."""
    return make


@pytest.fixture
def ui_copy(tmp_path: Path) -> Path:
    """A copy of the UI fixture, free to edit; returns the path of its curated.yaml."""
    target = tmp_path / "ui"
    shutil.copytree(UI_DATA.parent, target)
    return target / "curated.yaml"


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
