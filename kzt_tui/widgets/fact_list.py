"""A virtual list of records: only the visible rows are ever rendered; with a table head,
each row is cut into columns under a header line (and a line of active facets above it)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.geometry import Region, Size, Spacing
from textual.reactive import reactive
from textual.strip import Strip

from kzt_tui.app_protocol import lang_of
from kzt_tui.core.columns import GAP, Column, fit
from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.textnorm import one_line
from kzt_tui.widgets.cursor_view import CursorView
from kzt_tui.widgets.lazy import LazySequence
from kzt_tui.widgets.virtual import set_virtual_size


@dataclass(frozen=True, slots=True)
class Row:
    """One list row: the record it stands for and its text."""

    key: str
    text: str
    #: The row's cells, one per column of the list's table head (none: `text` alone).
    cells: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TableHead:
    """The columns of a list, which one the column cursor is on, how the list is sorted,
    and the line above the header (the active facets; "" for none)."""

    columns: tuple[Column, ...]
    current: int = 0
    sorted_by: str | None = None
    descending: bool = False
    above: str = ""


def cut(text: str, width: int, right: bool = False) -> str:
    """`text` in exactly `width` cells: cut with "…" when longer, padded when shorter."""
    text = one_line(text)
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…" if width > 1 else "…"[:width]
    pad = " " * (width - cell_len(text))
    return pad + text if right else text + pad


class Rows(LazySequence[Row]):
    """The rows of a list, each made when first shown: 53,000 agreements need only the
    rows on screen, not 53,000 row texts per keystroke."""

    def __init__(self, count: int, key: Callable[[int], str], text: Callable[[int], str],
                 cells: Callable[[int], tuple[str, ...]] | None = None) -> None:
        self._size, self._key, self._text, self._cells = count, key, text, cells
        self._made: dict[int, Row] = {}
        self._index: dict[str, int] | None = None
        #: How many times the rows were forgotten (a list that drew them draws them anew).
        self.generation = 0

    @classmethod
    def of(cls, rows: Sequence[Row]) -> Rows:
        """Rows that are already made."""
        return rows if isinstance(rows, Rows) else cls(
            len(rows), lambda i: rows[i].key, lambda i: rows[i].text,
            lambda i: rows[i].cells)

    def _count(self) -> int:
        return self._size

    def _item(self, index: int) -> Row:
        row = self._made.get(index)
        if row is None:
            cells = self._cells(index) if self._cells is not None else ()
            row = self._made[index] = Row(self._key(index), self._text(index), cells)
        return row

    def forget(self) -> None:
        """Make rows again when next shown (their cells have changed)."""
        self._made.clear()
        self.generation += 1

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


#: How many rows a list keeps as drawn (a few screens' worth, cursor or not).
ROWS_KEPT = 1024


class FactList(CursorView, can_focus=True):
    """Rows of records with a cursor; posts Highlighted as it moves and Chosen on enter."""

    DEFAULT_CSS = """
    FactList { height: 1fr; }
    FactList > .fact-list--cursor { background: $accent 40%; text-style: bold; }
    FactList:focus > .fact-list--cursor { background: $accent; color: $text; }
    FactList > .fact-list--empty { color: $text-muted; text-style: italic; }
    FactList > .fact-list--header { text-style: bold underline; color: $text-accent; }
    FactList > .fact-list--column { text-style: bold underline reverse; }
    FactList > .fact-list--above { color: $text-warning; }
    """
    COMPONENT_CLASSES = {"fact-list--cursor", "fact-list--empty", "fact-list--header",
                         "fact-list--column", "fact-list--above"}
    CURSOR_COMPONENT = "fact-list--cursor"

    BINDINGS = [Binding("enter", "choose", "Open", show=False)]

    #: Not repainting the whole list when set: watch_cursor repaints the old and the new
    #: row (and a scroll, the view), so a j redraws two rows, not every row in view (#18).
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(CursorView.Highlighted):
        """The cursor rests on the row for `key`."""

        key: str

    class Chosen(CursorView.Chosen):
        """Enter was pressed on the row for `key`."""

        key: str

    def __init__(self, *, id: str | None = None, empty_text: str = N_("Nothing here.")) -> None:
        super().__init__(id=id)
        self.rows: Rows = Rows.of([])
        self.empty_text = empty_text
        self.default_empty = empty_text
        self.head: TableHead | None = None

    # --- data -------------------------------------------------------------------------

    @property
    def fixed(self) -> int:
        """Lines at the top that do not scroll: the facets line and the header."""
        head = self.head
        return 0 if head is None else 1 + bool(head.above)

    def set_head(self, head: TableHead | None, empty_text: str | None = None) -> None:
        """Show rows as a table under `head` (None: one text per row); `empty_text` is
        what an empty list says (None: the default)."""
        self.head = head
        self.empty_text = self.default_empty if empty_text is None else empty_text
        set_virtual_size(self, Size(self.size.width, len(self.rows) + self.fixed))
        self.refresh()

    def widths(self) -> list[int]:
        """Each column's width at the list's width now (0: given way)."""
        assert self.head is not None
        return fit(self.head.columns, max(1, self.scrollable_content_region.width - 1))

    def set_rows(self, rows: Sequence[Row], select: str | None = None) -> None:
        """Replace the rows, keeping the cursor on `select` when it is among them."""
        self.rows = Rows.of(rows)
        set_virtual_size(self, Size(self.size.width, len(rows) + self.fixed))
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
        self._show_cursor()
        key = self.current_key
        if key is not None and self.posts_highlighted:
            self.post_message(self.Highlighted(self, key))

    def refresh_line(self, index: int) -> None:
        """Repaint one row."""
        y = index - int(self.scroll_offset.y) + self.fixed
        if self.fixed <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def action_move(self, delta: int) -> None:
        self.cursor += delta

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(1, self.size.height - 1 - self.fixed)

    def action_scroll_left(self) -> None:
        raise SkipAction()  # left/right move the explorer's column cursor

    def action_scroll_right(self) -> None:
        raise SkipAction()

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_offset.y) + event.y - self.fixed
        if event.y >= self.fixed and 0 <= index < len(self.rows):
            self.cursor = index

    def _show_cursor(self) -> None:
        fixed = self.fixed
        self.scroll_to_region(Region(0, self.cursor + fixed, 1, 1), animate=False,
                              force=True, spacing=Spacing(fixed, 0, 0, 0))

    def on_resize(self, event: events.Resize) -> None:
        set_virtual_size(self, Size(event.size.width, len(self.rows) + self.fixed))
        # a shorter list keeps its offset: the current row may now be below the bottom
        self.call_after_refresh(self._show_cursor)

    # --- rendering --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._base_style
        fixed = self.fixed
        if y < fixed:  # kept too: drawn anew, the line would be filtered anew each frame
            key = ("fixed", y, lang_of(self))
            line = self._finished.get(key)
            if line is None:
                line = self._finished[key] = self._render_fixed(y, width, base)
            return line
        index = int(self.scroll_offset.y) + y - fixed
        if not self.rows:
            # wrapped: a hint on the filter's fields must be read whole
            empty = one_line(tr(self.empty_text, lang_of(self)))
            lines = textwrap.wrap(empty, max(8, width - 2)) or [""]
            if y - fixed < len(lines):
                style = base + self.get_component_rich_style("fact-list--empty")
                return Strip([Segment(" " + lines[y - fixed], style)]
                             ).crop_extend(0, width, base)
            return Strip.blank(width, base)
        if index >= len(self.rows):
            return Strip.blank(width, base)
        on_cursor = index == self.cursor
        kept: Strip | None = self._finished.get((index, on_cursor))
        if kept is not None:
            return kept
        style = base + self._cursor_style if on_cursor else base
        row = self.rows[index]
        if self.head is not None and row.cells:
            text = " " + self._join(row.cells, self.widths())
        else:
            text = " " + one_line(row.text)
        strip = Strip([Segment(text, style)]).crop_extend(0, width, style)
        if len(self._finished) >= ROWS_KEPT:
            self._finished = {}
        self._finished[index, on_cursor] = strip
        return strip

    def _finish_for(self) -> tuple[object, ...]:
        # a row as drawn depends on the rows (and whether they were made again), the
        # columns, the width and the styles
        return (self.scrollable_content_region.width, self._base_style, self._cursor_style,
                self.rows, self.rows.generation, self.head)

    def _join(self, cells: tuple[str, ...], widths: list[int]) -> str:
        assert self.head is not None
        gap = " " * GAP
        return gap.join(cut(cell, w, col.right) for cell, w, col
                        in zip(cells, widths, self.head.columns, strict=False) if w)

    def _render_fixed(self, y: int, width: int, base: Style) -> Strip:
        """The facets line (when there are facets), then the header."""
        head = self.head
        assert head is not None
        if head.above and y == 0:
            style = base + self.get_component_rich_style("fact-list--above")
            return Strip([Segment(" " + one_line(head.above), style)]).crop_extend(0, width,
                                                                                 base)
        style = base + self.get_component_rich_style("fact-list--header")
        current = base + self.get_component_rich_style("fact-list--column")
        segments = [Segment(" ", base)]
        lang = lang_of(self)
        for n, (column, w) in enumerate(zip(head.columns, self.widths(), strict=True)):
            if not w:
                continue
            if len(segments) > 1:
                segments.append(Segment(" " * GAP, base))
            label = tr(column.header, lang)
            if column.name == head.sorted_by:
                label = cut(label, max(1, w - 1)).rstrip()[: w - 1] + (
                    "▼" if head.descending else "▲")
            text = cut(label, w, column.right)
            segments.append(Segment(text, current if n == head.current else style))
        return Strip(segments).crop_extend(0, width, base)

    def get_content_height(self, *_: object) -> int:
        return len(self.rows) + self.fixed

