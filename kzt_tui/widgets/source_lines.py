"""A source text laid out and drawn where it is looked at: its rows worked out group by
group (source_layout), its lines wrapped and highlighted when drawn, and kept as drawn
until what they show changes. The reader's moves (passages, gaps, where the reader is)
are the source view's (source_view.SourceText)."""

from __future__ import annotations

import weakref
from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.geometry import Size
from textual.strip import Strip

from kzt_tui.core.textnorm import displayable
from kzt_tui.widgets.lazy import LazySequence
from kzt_tui.widgets.line_view import LineView
from kzt_tui.widgets.source_layout import (
    GUTTER,
    Piece,
    Rows,
    TextIndex,
    TextLayout,
)
from kzt_tui.widgets.virtual import set_virtual_size
from kzt_tui.widgets.wrap import wrap

STRONG = "bold black on #ffd75f"
FAINT = "underline on #3a3a1a"
#: A sentence no record cites and no dismissal covers (once `u` has looked for them), and
#: the one `u` or `U` went to.
GAP = "on #4a1c1c"
GAP_HERE = "bold white on #a83232"
#: The passage the user selected to make a record of (screens/curating.py).
SELECTED = "bold white on #1f5fa8"
#: The order marks are applied in (a later one wins where they overlap), whatever order
#: they were set in: a piece's look then depends only on which marks touch it, so a piece
#: that no added or removed mark touches is kept as it was styled.
_MARK_ORDER = {FAINT: 0, GAP: 1, STRONG: 2, GAP_HERE: 3, SELECTED: 4}

#: How many pieces of a text keep their wrapped, highlighted lines.
STYLED_KEPT = 512
#: How many pieces' lines are kept by their highlights (of any text the view showed), and
#: how many of those lines are kept as drawn.
LOOKS_KEPT = 2048

#: A highlight: start and end offsets in the text, and its style (one of the above).
Mark = tuple[int, int, str]


class SourceLines(LineView):
    """The lines of one text (`_layout`), wrapped to the width and highlighted by `_marks`
    as they are drawn; rows measured as they come into view."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._marks: list[Mark] = []
        self._layout: TextLayout | None = None
        self._rows: Rows | None = None  # the text at the width shown
        #: By piece start: its end and its lines, highlighted.
        self._styled: dict[int, tuple[int, list[Text]]] = {}
        self._filling = False
        #: A piece's wrapped, highlighted lines by what they show (its text, the wrap and
        #: the marks that touch it), and each of those lines drawn: a passage highlighted
        #: again (the cursor back on a record, a list move back and forth) is neither
        #: styled, wrapped, rendered nor finished anew (issue 18). `_styled` holds the
        #: current look of each piece; this every look it had.
        #: (The text by a weak reference: a large text the view no longer keeps goes.)
        self._looks: dict[tuple[object, ...],
                          tuple[weakref.ref[TextLayout], list[Text]]] = {}
        self._drawn_lines: dict[tuple[int, int, bool], tuple[list[Text], Strip]] = {}
        self._line_block = _RowLines(self)
        self._block_start = _LineRows(self)

    def _set_marks(self, marks: list[tuple[int, int, str]]) -> None:
        """Highlight `marks` from now on: the pieces that a mark added or removed touches
        are styled and drawn again, the other lines stay as they were drawn."""
        marks = ordered(marks)
        changed = set(self._marks) ^ set(marks)
        self._marks = marks
        if not changed:
            return
        touched = {first for first, (end, _) in self._styled.items()
                   if any(start < end + 1 and stop > first for start, stop, _ in changed)}
        for first in touched:
            del self._styled[first]
        rows = self._rows
        if rows is None:
            return
        spans = [(start, stop) for start, stop, _ in changed]
        stale = []
        # the kept rows in order, each piece looked up once for all its rows (a piece is a
        # line, and a long one takes many rows): a row at a time cost ~190 lookups a key
        # once a text had been read for a while (issue 18)
        piece_end, piece_stale = -1, False  # the row after the piece looked up last
        for row in sorted(self._strips):
            if row >= piece_end:
                found = rows.locate(row)
                if found is None:
                    stale.append(row)
                    continue
                piece, j = found
                piece_end = row - j + piece.height
                piece_stale = piece.start in touched or any(
                    start < piece.end + 1 and stop > piece.start for start, stop in spans)
            if piece_stale:
                stale.append(row)
        self._forget_rows(stale)

    def _offset_rows(self, offset: int, line: int | None = None) -> tuple[int, int] | None:
        """The first row and height of the line holding `offset` (or of `line`, from 0,
        when the caller knows it); of a line taller than the view (a long one), the row
        where `offset` is."""
        rows = self._rows
        if rows is None or not rows.index.lines:
            return None
        if line is None:
            line = rows.index.line_of(offset)
        start, count = rows.line_rows(line)
        if count <= self.size.height:
            return start, count
        found = rows.piece_at(offset)
        if found is None or found[0].line != line:
            return start, count
        piece, row = found
        at = offset - piece.start
        for j, wrapped in enumerate(self._piece_lines(piece)):
            at -= len(wrapped)
            if at < 0:
                return row + j, 1
        return row + piece.height - 1, 1

    # --- layout: rows worked out where they are looked at (source_layout) -------------

    def _reset_rows(self) -> None:
        self._rows = None

    def _layout_rows(self, width: int) -> int:
        self._styled = {}
        if self._layout is None:
            self._rows = None
            return 0
        self._rows = self._layout.rows(width)
        return self._rows.total

    def _sync_size(self) -> None:
        """The virtual height, after groups of lines were measured (estimates replaced)."""
        if self._rows is not None and self._wrapped_width > 0:
            set_virtual_size(self, Size(self._wrapped_width, self._rows.total))

    def block_lines(self, index: int) -> tuple[int, int]:
        if self._rows is None:
            return 0, 0
        got = self._rows.line_rows(index)
        self._sync_size()
        return got

    def _measure(self, top: int, bottom: int) -> bool:
        """Measure the first unmeasured group drawn between rows `top` and `bottom`; False
        if there is none."""
        rows = self._rows
        if rows is None:
            return False
        g = rows.group_at(max(0, top))
        prefix = rows.prefix
        while g < rows.index.groups and prefix[g] < bottom:
            if not rows.measured[g]:
                if rows.measure(g):  # the rows below moved: the lines kept by row are not
                    self._forget_lines()  # theirs any more
                return True
            g += 1
        return False

    def _fill_view(self, upward: bool = False) -> None:
        """Measure every group of lines in view. Scrolling up into a group that was only
        estimated keeps the rows below it where they were."""
        rows = self._rows
        if rows is None or self._filling or not self.size.height:
            return
        top = int(self.scroll_offset.y)
        shift = 0
        if 0 <= top < rows.total:
            g = rows.group_at(top)
            delta = rows.measure(g)
            if delta:
                self._forget_lines()
            if upward and g + 1 < rows.index.groups and rows.measured[g + 1]:
                shift = delta
        top = max(0, top + shift)
        while self._measure(top, top + self.size.height):
            pass
        self._sync_size()
        if shift:
            self._filling = True
            try:
                self.scroll_to(y=top, animate=False, immediate=True)
            finally:
                self._filling = False

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        if int(old_value) != int(new_value):
            self._fill_view(upward=new_value < old_value)
        super().watch_scroll_y(old_value, new_value)

    # --- drawing ----------------------------------------------------------------------

    _KEPT_LINES: ClassVar[tuple[str, ...]] = ("_styled", "_looks", "_drawn_lines")

    def _wrap_anew(self) -> None:
        # the rows stay as measured (a new view measures them where it is looked at, and a
        # row's place depends on what was measured above it): each piece is wrapped and
        # highlighted anew, none of its looks kept
        self._styled, self._looks, self._drawn_lines = {}, {}, {}

    def _render_strip(self, index: int) -> Strip | None:
        found = self._rows.locate(index) if self._rows is not None else None
        if found is None:
            return None
        piece, j = found
        lines = self._piece_lines(piece)
        assert self._layout is not None
        gutter = self._layout.index.gutter(piece.line)
        numbered = piece.first and j == 0
        # the same lines object is the same piece of the same text, wrap and marks (_looks),
        # so the same gutter
        key = (id(lines), j, numbered)
        kept = self._drawn_lines.get(key)
        if kept is not None and kept[0] is lines:
            return kept[1]
        console = self.app.console
        segments: list[Segment] = []
        if numbered:
            segments.extend(Text(gutter, style=GUTTER).render(console))
        else:
            segments.extend(Text(" " * len(gutter)).render(console))
        segments.extend(lines[min(j, len(lines) - 1)].render(console))
        strip = Strip(segments)
        if len(self._drawn_lines) >= LOOKS_KEPT:
            self._drawn_lines = {}
        self._drawn_lines[key] = (lines, strip)
        return strip

    def _piece_lines(self, piece: Piece) -> list[Text]:
        """The wrapped lines of `piece`, the passages it overlaps highlighted."""
        got = self._styled.get(piece.start)
        if got is not None and got[0] == piece.end:
            return got[1]
        layout, rows = self._layout, self._rows
        assert layout is not None and rows is not None
        offset, end = piece.start, piece.end
        touching = tuple(mark for mark in self._marks if mark[0] < end + 1 and mark[1] > offset)
        look = (id(layout), rows.wrap, offset, end, touching)
        seen = self._looks.get(look)
        if seen is not None and seen[0]() is layout:
            lines = seen[1]
        else:
            body = Text(displayable(layout.index.text[offset:end]), no_wrap=False, end="")
            for start, stop, style in touching:
                body.stylize(style, max(0, start - offset), max(0, min(stop, end) - offset))
            lines = wrap(body, rows.wrap)
            if len(self._looks) >= LOOKS_KEPT:
                self._looks = {}
            self._looks[look] = (weakref.ref(layout), lines)
        if len(self._styled) >= STYLED_KEPT:
            self._styled = {}
        self._styled[piece.start] = (end, lines)
        return lines


class _RowLines(LazySequence[int]):
    """A source view's rows as the line (from 0) each belongs to."""

    def __init__(self, view: SourceLines) -> None:
        self._view = view

    def _count(self) -> int:
        rows = self._view._rows
        return rows.total if rows is not None else 0

    def _item(self, index: int) -> int:
        rows = self._view._rows
        found = rows.locate(index) if rows else None
        if found is None:
            raise IndexError(index)
        return found[0].line


class _LineRows(LazySequence[int]):
    """A source view's lines as the row each starts at."""

    def __init__(self, view: SourceLines) -> None:
        self._view = view

    def _count(self) -> int:
        view = self._view
        return view._rows.index.lines if view._rows is not None else 0

    def _item(self, index: int) -> int:
        return self._view.block_lines(index)[0]


#: The order marks are applied in (a later one wins where they overlap), whatever order
#: they were set in: a piece's look then depends only on which marks touch it, so a piece
#: that no added or removed mark touches is kept as it was styled.
_MARK_ORDER = {FAINT: 0, GAP: 1, STRONG: 2, GAP_HERE: 3, SELECTED: 4}


def ordered(marks: list[Mark]) -> list[Mark]:
    """`marks` in the order they are applied in."""
    return sorted(marks, key=lambda mark: _MARK_ORDER[mark[2]])


def split(text: str) -> TextLayout:
    """`text` as numbered lines, found by counting (no line is made until it is read)."""
    return TextLayout(TextIndex(text))
