"""The row of pane tabs: number key, title, the current one marked."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from kzt_tui.app_protocol import lang_of
from kzt_tui.core.i18n import tr
from kzt_tui.panes import PANES, Pane


class PaneTabs(Widget):
    """`1 Documents  2 Agreements …` with the current pane reversed; short titles when narrow.

    Rendered, not a Static: a Static's update() lays the screen out again (its size may
    depend on its text), which costs a second frame on every filter keystroke; this one is
    always one row high."""

    DEFAULT_CSS = """
    PaneTabs { height: 1; background: $panel; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: (pane, count, loading, matched, percent done) as last shown
        self._state: tuple[Pane, int, int, int | None, int] = (PANES[0], 0, 0, None, 0)

    def show(self, pane: Pane, count: int, loading: int = 0, matched: int | None = None,
             done: float = 0.0) -> None:
        """Mark `pane` as current; `count` is how many records it lists so far, while
        `loading` files of the dataset are still being read (`done`: how far that is, 0 to
        1); `matched`: how many of them the filter keeps (None: no filter)."""
        state = (pane, count, loading, matched, int(done * 100) if loading else 0)
        if state == self._state:
            return  # a keystroke that keeps the same rows: no repaint of the tabs
        self._state = state
        self.refresh()

    def render(self) -> Text:
        loading, percent = self._state[2], self._state[4]
        width = self.size.width or 120
        lang = lang_of(self)
        done = f" {percent}%" if percent else ""
        # the load's note, shorter and shorter: it must show (a first load can take 30 s)
        notes = (["  " + tr("loading {count} more files…", lang).format(count=f"{loading:,}")
                  + done, "  " + tr("loading…", lang) + done,
                  f"  …{done.strip()}"] if loading else [""])
        # full titles if they fit with room for any count (so typing a filter does not
        # switch them), and for the note of the load
        full = sum(len(tr(p.title, lang)) + len(p.key) + 3 for p in PANES) <= width - 12
        text = self._tabs(full, lang)
        if full and text.cell_len + len(notes[0]) > width:
            text = self._tabs(False, lang)
        if text.cell_len > width:  # a filter's "(49 of 144)" lost its end at 80 columns
            text = self._tabs(False, lang, compact=True)
        if loading:
            note = next((n for n in notes if text.cell_len + len(n) <= width), notes[-1])
            text.truncate(max(0, width - len(note)))  # the last tabs give way, if need be
            text.append(note, style="italic #d7af5f")
        return text

    def _tabs(self, full: bool, lang: str, compact: bool = False) -> Text:
        """The tabs, with full titles or short ones, in `lang`; `compact`: a filtered
        count as "49/144" rather than "49 of 144"."""
        current, count, loading, matched, _ = self._state
        text = Text(no_wrap=True, overflow="crop")
        for pane in PANES:
            title = tr(pane.title if full else pane.short, lang)
            if pane is current:
                text.append(f" {pane.key} {title} ", style="bold reverse")
                more = "+" if loading else ""
                counted = (f"{count:,}{more}" if matched is None
                           else f"{matched:,}/{count:,}{more}" if compact
                           else tr("{matched} of {count}", lang).format(
                               matched=f"{matched:,}", count=f"{count:,}{more}"))
                text.append(f"({counted})", style="bold")
            else:
                text.append(f" {pane.key}", style="bold #87afd7")
                text.append(f" {title} ", style="")
        return text
