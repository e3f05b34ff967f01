"""The explorer's keys, as declared data: the footer shows a few, the help screen all."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from kzt_tui.panes import PANES

#: Every explorer key; check_action (screens/explorer.py) hides what is unavailable now.
EXPLORER_BINDINGS: list[BindingType] = [
    *(Binding(p.key, f"pane('{p.name}')", p.title, show=False, id=f"pane-{p.name}",
              tooltip=f"{p.title} pane: {p.blurb}")
      for p in PANES),
    Binding("slash", "filter", "Filter", id="filter",
            tooltip="filter this list as you type (any script, ё = е); esc clears"),
    Binding("right_square_bracket", "cite(1)", "Next cite", key_display="]", id="next-cite",
            tooltip="next passage that states this item; the source view follows"),
    Binding("left_square_bracket", "cite(-1)", "Prev cite", show=False, id="prev-cite",
            tooltip="previous passage that states this item"),
    Binding("y", "copy(True)", "Copy", id="copy",
            tooltip="copy the passage with its reference (title, outlet, date, file, line)"),
    Binding("Y", "copy(False)", "Copy quote", show=False, id="copy-quote",
            tooltip="copy the verbatim quote alone"),
    Binding("o", "open_document", "Open doc", id="open-doc",
            tooltip="open the cited document in the Documents pane at this passage"),
    Binding("backspace", "back", "Back", show=False, id="back",
            tooltip="go back to where you were before the last jump"),
    Binding("escape", "escape", "Clear/back", show=False, id="escape",
            tooltip="clear the filter, or go back"),
    Binding("s", "search", "Search", id="search",
            tooltip="search all facts and the full text of every source; enter jumps there"),
    Binding("L", "toggle_language", "EN/RU", show=False, id="language",
            tooltip="switch labels and titles between English and Russian"),
    Binding("e", "export", "Export", show=False, id="export",
            tooltip="export the list (as filtered) or the item: .md .json .csv .csl.json"),
]
