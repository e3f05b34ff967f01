"""What screens, dialogs and commands may ask of the app, typed without importing it.

Screens never import kzt_tui.app (tests/test_layers.py); `kzt_app(node)` is the one cast
from Textual's `App` to this protocol, instead of a `# type: ignore` at every `self.app`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from textual.app import App
from textual.screen import Screen

from kzt_tui.core.model import Dataset
from kzt_tui.session import Session

if TYPE_CHECKING:
    from kzt_tui.core.search import SearchIndex

T = TypeVar("T")


class KztAppLike(Protocol):
    """The app's own surface (KztApp implements it)."""

    #: The loaded data; replaced whole on reload (a reactive: watch it).
    session: Session
    #: Label language: en or ru.
    lang: str
    #: How much of the dataset's files the background load has done (0 to 1; a reactive).
    load_fraction: float
    #: The curated file the data was loaded from (None: given in memory) and its root.
    data_path: Path | None
    root: Path | None

    def use_dataset(self, dataset: Dataset) -> None:
        """Show `dataset`, which kzt-tui itself has just written and loaded."""

    def note_files(self) -> None:
        """Take the data files as they stand now: no reload for what changed so far."""

    def copy_text(self, text: str, what: str) -> None:
        """Copy `text` to the clipboard and tell the user."""

    def push_to_read(self, dialog: Screen[T], done: Callable[[T | None], None] | None = None
                     ) -> None:
        """Open `dialog` with no toast over it; `done` gets what it returns."""

    def with_index(self, ready: Callable[[SearchIndex], None]) -> None:
        """Call `ready` with the search index once it is built."""


class _InApp(Protocol):
    """A screen, widget or command provider: anything that knows its app."""

    @property
    def app(self) -> App[Any]: ...


def kzt_app(node: _InApp) -> KztAppLike:
    """The app `node` belongs to, as the app it is."""
    return cast(KztAppLike, node.app)


def lang_of(node: _InApp) -> str:
    """The interface language of `node`'s app: "en" or "ru" ("en" in an app that is not
    kzt-tui's, as widget tests build)."""
    lang = getattr(node.app, "lang", "en")
    return lang if isinstance(lang, str) else "en"
