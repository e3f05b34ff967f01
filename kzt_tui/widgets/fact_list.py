"""A virtual list of records: only the visible rows are ever rendered."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.strip import Strip

from kzt_tui.core.textnorm import one_line
from kzt_tui.widgets.cursor_view import CursorView
from kzt_tui.widgets.lazy import LazySequence
from kzt_tui.widgets.virtual import set_virtual_size


@dataclass(frozen=True, slots=True)
class Row:
    """One list row: the record it stands for and its text."""

    key: str
    text: str


class Rows(LazySequence[Row]):
    """The rows of a list, each made when first shown: 53,000 agreements need only the
    rows on screen, not 53,000 row texts per keystroke."""

    def __init__(self, count: int, key: Callable[[int], str], text: Callable[[int], str]
                 ) -> None:
        self._size, self._key, self._text = count, key, text
        self._made: dict[int, Row] = {}
        self._index: dict[str, int] | None = None

    @classmethod
    def of(cls, rows: Sequence[Row]) -> Rows:
        """Rows that are already made."""
        return rows if isinstance(rows, Rows) else cls(
            len(rows), lambda i: rows[i].key, lambda i: rows[i].text)

    def _count(self) -> int:
        return self._size

    def _item(self, index: int) -> Row:
        row = self._made.get(index)
        if row is None:
            row = self._made[index] = Row(self._key(index), self._text(index))
        return row

    def key(self, index: int) -> str:
        """The key of row `index`, without making its text."""
        return self._key(index)

    def find(self, key: str) -> int | None:
        """Where the row of `key` is, or None: keys only, no row texts are made."""
        if self._index is None:
            self._index = {}
            for i in range(self._size):
                self._index.setdefault(self._key(i), i)
        return self._index.get(key)


class FactList(CursorView, can_focus=True):
    """Rows of records with a cursor; posts Highlighted as it moves and Chosen on enter."""

    DEFAULT_CSS = """
    FactList { height: 1fr; }
    FactList > .fact-list--cursor { background: $accent 40%; text-style: bold; }
    FactList:focus > .fact-list--cursor { background: $accent; color: $text; }
    FactList > .fact-list--empty { color: $text-muted; text-style: italic; }
    """
    COMPONENT_CLASSES = {"fact-list--cursor", "fact-list--empty"}
    CURSOR_COMPONENT = "fact-list--cursor"

    BINDINGS = [Binding("enter", "choose", "Open", show=False)]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(CursorView.Highlighted):
        """The cursor rests on the row for `key`."""

        key: str

    class Chosen(CursorView.Chosen):
        """Enter was pressed on the row for `key`."""

        key: str

    def __init__(self, *, id: str | None = None, empty_text: str = "Nothing here.") -> None:
        super().__init__(id=id)
        self.rows: Rows = Rows.of([])
        self.empty_text = empty_text

    # --- data -------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row], select: str | None = None) -> None:
        """Replace the rows, keeping the cursor on `select` when it is among them."""
        self.rows = Rows.of(rows)
        set_virtual_size(self, Size(self.size.width, len(rows)))
        target = (self.rows.find(select) or 0) if select is not None else 0
        self.cursor = target
        self.refresh()

    @property
    def current_key(self) -> str | None:
        """Key of the row under the cursor, if any."""
        return self.rows.key(self.cursor) if 0 <= self.cursor < len(self.rows) else None

    @property
    def cursor_key(self) -> str | None:
        """Key of the row under the cursor, if any."""
        return self.current_key

    # --- movement ---------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True)
        key = self.current_key
        if key is not None:
            self.post_message(self.Highlighted(self, key))

    def refresh_line(self, index: int) -> None:
        """Repaint one row."""
        y = index - int(self.scroll_offset.y)
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 1)

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.rows):
            self.cursor = index

    def on_resize(self, event: events.Resize) -> None:
        set_virtual_size(self, Size(event.size.width, len(self.rows)))

    # --- rendering --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base_style
        index = int(self.scroll_offset.y) + y
        if not self.rows:
            if y == 0:
                style = base + self.get_component_rich_style("fact-list--empty")
                return Strip([Segment(" " + self.empty_text, style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        style = base
        if index == self.cursor:
            style = base + self._cursor_style
        text = " " + one_line(self.rows[index].text)
        return Strip([Segment(text, style)]).crop_extend(0, width, style)

    def get_content_height(self, *_: object) -> int:
        return len(self.rows)

