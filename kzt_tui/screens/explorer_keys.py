"""The explorer's actions, as declared data: each has a key, a short footer label, a name in
plain words for the command palette and a line of help. The footer shows a few, the help
screen and the palette all of them."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

from kzt_tui.panes import PANES


@dataclass(frozen=True, slots=True)
class Action:
    """One thing the explorer can do."""

    key: str
    action: str
    footer: str  # the short label the footer shows
    command: str  # its name in the command palette, in plain words
    help: str
    id: str
    show: bool = False
    key_display: str | None = None

    def binding(self) -> Binding:
        return Binding(self.key, self.action, self.footer, show=self.show, id=self.id,
                       tooltip=self.help, key_display=self.key_display)


ACTIONS: tuple[Action, ...] = (
    *(Action(p.key, f"pane('{p.name}')", p.title, f"Show the {p.title} pane",
             f"{p.title} pane: {p.blurb}", f"pane-{p.name}")
      for p in PANES),
    Action("slash", "filter", "Filter", "Filter the list",
           "filter this list as you type (any script, ё = е); esc clears", "filter",
           show=True),
    Action("right_square_bracket", "cite(1)", "Next cite", "Next citation",
           "next passage that states this item; the source view follows", "next-cite",
           show=True, key_display="]"),
    Action("left_square_bracket", "cite(-1)", "Prev cite", "Previous citation",
           "previous passage that states this item", "prev-cite"),
    Action("y", "copy(True)", "Copy", "Copy the passage with its reference",
           "copy the passage with its reference (title, outlet, date, file, line)", "copy",
           show=True),
    Action("Y", "copy(False)", "Copy quote", "Copy the quote alone",
           "copy the verbatim quote alone", "copy-quote"),
    Action("o", "open_document", "Open doc", "Open the cited document at this passage",
           "open the cited document in the Documents pane at this passage", "open-doc",
           show=True),
    Action("backspace", "back", "Back", "Go back",
           "go back to where you were before the last jump", "back"),
    Action("escape", "escape", "Clear/back", "Clear the filter, or go back",
           "clear the filter, or go back", "escape"),
    Action("s", "search", "Search", "Search every fact and source",
           "search all facts and the full text of every source; enter jumps there", "search",
           show=True),
    Action("L", "toggle_language", "EN/RU", "Switch between English and Russian",
           "switch labels and titles between English and Russian", "language"),
    Action("c", "compare", "Compare", "Compare with…",
           "mark this record (and passage) for comparison; c on another opens both side "
           "by side", "compare"),
    Action("C", "close_compare", "Close compare", "Close compare",
           "close the compare view, or forget the record marked for it", "close-compare"),
    Action("e", "export", "Export", "Export the list or the item",
           "export the list (as filtered) or the item: .md .json .csv .csl.json", "export"),
)

#: Every explorer key; check_action (screens/explorer.py) hides what is unavailable now.
EXPLORER_BINDINGS: list[BindingType] = [a.binding() for a in ACTIONS]
