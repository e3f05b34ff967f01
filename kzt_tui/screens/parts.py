"""What the explorer's base classes (reading, curating) may ask of it: declared once here,
provided by ExplorerScreen."""

from __future__ import annotations

from textual.screen import Screen

from kzt_tui.core.corpus import Corpus
from kzt_tui.widgets.source_panel import SourcePanel


class ExplorerParts(Screen[None]):
    """The explorer's corpus, source panel and jump, as its base classes see them."""

    @property
    def corpus(self) -> Corpus:
        raise NotImplementedError

    @property
    def source(self) -> SourcePanel:
        raise NotImplementedError

    def jump_to(self, record_id: str, cite: int = 0, push: bool = True) -> None:
        raise NotImplementedError
