"""`L`: the interface in the other language, in place. Every label is drawn again from the
message catalogue (core/i18n.py); nothing is selected, scrolled or focused anew, so the
pane, the item, the detail's cursor, the source's scroll and cursor, the focus and an open
filter all stay as they were."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Input, Static

from kzt_tui.app_protocol import kzt_app
from kzt_tui.core.i18n import N_, tr
from kzt_tui.widgets.detail_view import detail_blocks
from kzt_tui.widgets.key_bar import KeyBar
from kzt_tui.widgets.pane_tabs import PaneTabs
from kzt_tui.widgets.sides_view import SidesView
from kzt_tui.widgets.trail import Trail

if TYPE_CHECKING:
    from kzt_tui.screens.explorer import ExplorerScreen

#: The filter box's placeholder.
FILTER_PLACEHOLDER = N_("filter: titles, parties, nodes, values…")


def too_small(width: int, height: int, need: tuple[int, int], lang: str) -> Text:
    """What the explorer says instead of a broken screen below `need` (width, height)."""
    return Text(tr("Terminal too small: {width}×{height}.\nkzt-tui needs at least "
                   "{need_width}×{need_height}.\nEnlarge the window, or press q to quit.",
                   lang).format(width=width, height=height, need_width=need[0],
                                need_height=need[1]), justify="center")


def switch_language(screen: ExplorerScreen) -> None:
    """Switch the interface between English and Russian, keeping the place."""
    app = kzt_app(screen)
    lang = app.lang = "ru" if app.lang == "en" else "en"
    screen.relabel_table()
    screen.query_one(PaneTabs).refresh()
    record = screen.selection.record
    if record is not None:
        detail = screen.detail
        key, top = detail.cursor_key, detail.scroll_offset.y
        detail.set_blocks(detail_blocks(screen.corpus, record, lang), key)
        detail.scroll_to(0, top, animate=False, immediate=True)
    screen.source.relabel()
    screen.query_one(SidesView).relabel()
    screen.query_one(Trail).show(*screen.nav.trail(screen.corpus, lang), force=True)
    screen.query_one("#filter", Input).placeholder = tr(FILTER_PLACEHOLDER, lang)
    if screen.has_class("-too-small"):
        size = screen.size
        screen.query_one("#too-small", Static).update(
            too_small(size.width, size.height, (screen.MIN_WIDTH, screen.MIN_HEIGHT), lang))
    screen.query_one(KeyBar).refresh()
    screen.notify(tr("Labels in Russian", lang) if lang == "ru"
                  else tr("Labels in English", lang))
