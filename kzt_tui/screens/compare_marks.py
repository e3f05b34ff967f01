"""The explorer's compare keys: c marks the record (and passage) shown, c on another opens
both side by side; C closes the compare view, or forgets the mark."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from kzt_tui.app_protocol import kzt_app
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.i18n import tr
from kzt_tui.core.model import section_of
from kzt_tui.core.textnorm import one_line
from kzt_tui.navigation import Selection


class CompareMarks:
    """The record marked for comparison (and its passage), until the second is chosen."""

    def __init__(self, explorer: Screen[None], selection: Callable[[], Selection],
                 corpus: Callable[[], Corpus]) -> None:
        self._explorer = explorer
        self._selection, self._corpus = selection, corpus
        self.mark: tuple[str, int] | None = None  # record id, passage index
        #: Whether a compare view was ever opened: until then its module is not imported
        #: (the key bar asks `can` for every frame's bindings, the first frame's too).
        self._opened = False

    def compare(self) -> None:
        """Mark the selection, or open it beside the one marked."""
        from kzt_tui.screens.compare import Compared, CompareScreen

        ex, sel, corpus = self._explorer, self._selection(), self._corpus()
        lang = kzt_app(ex).lang
        if sel.record is None:
            return
        here = (sel.record.id, sel.index)
        marked = corpus.get(self.mark[0]) if self.mark else None
        if self.mark is None or marked is None:
            self.mark = here
            ex.notify(tr("Compare with…: {what} «{name}» marked; press c on another record "
                         "or passage (C forgets it)", lang).format(
                             what=tr(section_of(sel.record).singular, lang),
                             name=one_line(sel.record.label(lang))), markup=False)
            ex.refresh_bindings()
            return
        if here == self.mark:
            ex.notify(tr("This is the one marked: choose another record or passage", lang),
                      markup=False)
            return
        left = Compared(marked, self.mark[1])
        self.mark = None
        ex.refresh_bindings()
        self._opened = True
        kzt_app(ex).push_to_read(CompareScreen(corpus, lang, left, Compared(sel.record, sel.index)))
        # "… marked" is done with; once its toast is up, if the keys came in one burst
        ex.app.call_after_refresh(ex.app.clear_notifications)

    def close(self) -> None:
        """Close the compare view if it is open, else forget the mark."""
        ex = self._explorer
        if self._showing():
            ex.app.screen.dismiss(None)
        elif self.mark is not None:
            self.mark = None
            ex.refresh_bindings()
            ex.notify(tr("Compare mark cleared", kzt_app(ex).lang), markup=False)

    def can(self, action: str) -> bool:
        """Whether `action` (compare, close_compare) can be done now: c needs a record
        shown, C a compare view open or a mark to forget."""
        if action == "compare":
            return self._selection().record is not None
        return self.mark is not None or self._showing()

    def _showing(self) -> bool:
        """Whether the screen shown is a compare view."""
        if not self._opened:
            return False
        from kzt_tui.screens.compare import CompareScreen

        return isinstance(self._explorer.app.screen, CompareScreen)
