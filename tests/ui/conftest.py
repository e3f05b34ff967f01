"""Build the real app (through the CLI's factory) on small fixture datasets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kzt_tui.app import KztApp, create_app
from kzt_tui.core.loading import load

UI_DATA = Path(__file__).resolve().parent.parent / "fixtures" / "ui" / "curated.yaml"
SIZES = [(120, 40), (80, 24)]


@pytest.fixture
def make_app() -> Callable[..., KztApp]:
    """An app over the UI fixture (or `path`), with no system clipboard tool."""

    def make(path: Path = UI_DATA, clipboard: list[list[str]] | None = None) -> KztApp:
        return create_app(load(path), data_path=path, clipboard_commands=clipboard or [])

    return make
