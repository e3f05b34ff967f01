"""`L`: the interface in the other language, in place. Every label is drawn again from the
message catalogue (core/i18n.py); nothing is selected, scrolled or focused anew, so the
pane, the item, the detail's cursor, the source's scroll and cursor, the focus and an open
filter all stay as they were. A base class of ExplorerScreen, as screens/reading.py is."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Input, Static

from kzt_tui.app_protocol import kzt_app
from kzt_tui.core.i18n import tr
from kzt_tui.navigation import Navigation
from kzt_tui.screens import on_demand
from kzt_tui.screens.parts import ExplorerParts
from kzt_tui.widgets.detail_view import DetailView, detail_blocks
from kzt_tui.widgets.key_bar import KeyBar
from kzt_tui.widgets.pane_tabs import PaneTabs
from kzt_tui.widgets.source_panel import SourcePanel

#: Below this size the explorer says so instead of drawing a broken screen.
MIN_WIDTH, MIN_HEIGHT = 60, 16


def too_small(width: int, height: int, lang: str) -> Text:
    """What the explorer says instead of a broken screen below MIN_WIDTH×MIN_HEIGHT."""
    return Text(tr("Terminal too small: {width}×{height}.\nkzt-tui needs at least "
                   "{need_width}×{need_height}.\nEnlarge the window, or press q to quit.",
                   lang).format(width=width, height=height, need_width=MIN_WIDTH,
                                need_height=MIN_HEIGHT), justify="center")


class LanguageScreen(ExplorerParts):
    """What ExplorerScreen does when `L` is pressed."""

    nav: Navigation

    # --- what the explorer provides (it overrides these) --------------------------------

    def relabel_table(self) -> None:
        raise NotImplementedError

    # --- the switch ---------------------------------------------------------------------

    def action_toggle_language(self) -> None:
        """Switch the interface between English and Russian, keeping the place."""
        app = kzt_app(self)
        lang = app.lang = "ru" if app.lang == "en" else "en"
        self.relabel_table()
        self.query_one(PaneTabs).refresh()
        record = self.nav.selection.record
        if record is not None:
            detail = self.query_one("#detail", DetailView)
            key, top = detail.cursor_key, detail.scroll_offset.y
            detail.set_blocks(detail_blocks(self.corpus, record, lang), key)
            detail.scroll_to(0, top, animate=False, immediate=True)
        self.query_one(SourcePanel).relabel()
        sides = on_demand.sides(self, None)
        if sides is not None:
            sides.relabel()
        on_demand.show_trail(self, *self.nav.trail(self.corpus, lang), force=True)
        box = on_demand.existing(self, "#filter", Input)
        if box is not None:
            box.placeholder = tr(on_demand.FILTER_PLACEHOLDER, lang)
        small = on_demand.existing(self, "#too-small", Static)
        if self.has_class("-too-small") and small is not None:
            small.update(too_small(self.size.width, self.size.height, lang))
        self.query_one(KeyBar).refresh()
        self.notify(tr("Interface in Russian", lang) if lang == "ru"
                    else tr("Interface in English", lang))
