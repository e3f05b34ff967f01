"""The full source text with line numbers, the current passage highlighted strongly and
every other cited passage faintly."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import Static

from kzt_tui.core.cite import outlet_name
from kzt_tui.core.model import Document, Span
from kzt_tui.core.textnorm import displayable, one_line
from kzt_tui.widgets.lazy import LazySequence
from kzt_tui.widgets.line_view import Block, LineView
from kzt_tui.widgets.source_layout import Piece, Rows, TextIndex, wrapped_height
from kzt_tui.widgets.virtual import set_virtual_size

STRONG = "bold black on #ffd75f"
FAINT = "underline on #3a3a1a"
GUTTER = "#6c6c6c"


#: How many source texts keep their wrapped layout while other texts are shown.
LAYOUTS_KEPT = 8
#: How many widths each of them keeps its layout at (a resize goes through many).
WIDTHS_KEPT = 4
#: How many pieces of a text keep their wrapped, highlighted lines.
STYLED_KEPT = 512


@dataclass
class _Layout:
    """One source text: its lines (found by counting, not listed) and its rows at each
    width it was shown at."""

    index: TextIndex
    counts: OrderedDict[int, Rows] = field(default_factory=OrderedDict)

    @property
    def blocks(self) -> Sequence[Block]:
        """The text's numbered lines, each made when it is read."""
        return _Blocks(self.index)

    @property
    def offsets(self) -> Sequence[int]:
        """Where each line starts in the text."""
        return _Offsets(self.index)

    def rows(self, width: int) -> Rows:
        """The text laid out at `width` (kept for a few widths)."""
        rows = self.counts.get(width)
        if rows is None:
            rows = self.counts[width] = Rows(self.index, width)
            while len(self.counts) > WIDTHS_KEPT:
                self.counts.popitem(last=False)
        self.counts.move_to_end(width)
        return rows


class SourceText(LineView):
    """Lines of one source text; scrolls to keep the strong passage in view.

    Only what is on screen is wrapped and drawn (source_layout: a text of 16 MB opens as
    fast as a short one). Moving between passages of the text already shown only restyles
    the lines in view: the highlights are applied when a line is drawn.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.doc_id: str | None = None
        self.strong: Span | None = None
        self.faint: list[Span] = []
        self._marks: list[tuple[int, int, str]] = []
        self._source: tuple[str, str] | None = None
        self._layout: _Layout | None = None
        self._layouts: OrderedDict[tuple[str, str], _Layout] = OrderedDict()
        self._rows: Rows | None = None  # the text at the width shown
        self._styled: dict[int, list[Text]] = {}  # by piece start: its lines, highlighted
        self._filling = False
        self._line_block = _RowLines(self)
        self._block_start = _LineRows(self)

    def show(self, doc_id: str, text: str, strong: Span | None, faint: list[Span]) -> None:
        """Display `text`, marking `faint` spans and the `strong` one, which is scrolled to."""
        self.doc_id, self.strong, self.faint = doc_id, strong, faint
        self._marks = [(s.start, s.end, FAINT) for s in faint]
        if strong is not None:
            self._marks.append((strong.start, strong.end, STRONG))
        self._styled = {}
        source = (doc_id, text)
        if source != self._source:
            self._source = source
            self._layout = self._layouts.pop(source, None) or _split(text)
            self._layouts[source] = self._layout
            while len(self._layouts) > LAYOUTS_KEPT:
                self._layouts.popitem(last=False)
            self.blocks = self._layout.blocks
            self._selectable, self.cursor = [], None  # a text has no cursor
            self._wrapped_width = -1
            self._rewrap()
            self.scroll_to(0, 0, animate=False, immediate=True)
            self.refresh()
        else:
            self._restyle()
            self.scroll_to(0, 0, animate=False, immediate=True)
        if strong is not None:
            self._show_passage()
        self._fill_view()

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

    def _passage_rows(self) -> tuple[int, int] | None:
        """First row and height of the line where the strong passage starts; of a line
        taller than the view (a long one), the row where the passage starts."""
        rows, strong = self._rows, self.strong
        if rows is None or strong is None or not 0 < strong.line_start <= rows.index.lines:
            return None
        line = strong.line_start - 1
        start, count = rows.line_rows(line)
        if count <= self.size.height:
            return start, count
        found = rows.piece_at(strong.start)
        if found is None or found[0].line != line:
            return start, count
        piece, row = found
        at = strong.start - piece.start
        for j, wrapped in enumerate(self._piece_lines(piece)):
            at -= len(wrapped)
            if at < 0:
                return row + j, 1
        return row + piece.height - 1, 1

    def _show_passage(self) -> None:
        """Centre the strong passage, its surroundings measured first (so that they do not
        move it when they are drawn)."""
        rows = self._rows
        if rows is None:
            return  # not wrapped yet: on_resize shows it
        height = self.size.height
        while (got := self._passage_rows()) is not None:
            if not self._measure(got[0] - height, got[0] + got[1] + height):
                break
        if got is None:
            return
        self._sync_size()
        region = Region(0, got[0], 1, max(1, got[1]))
        self.scroll_to_region(region, animate=False, force=True, center=True, immediate=True)

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
                rows.measure(g)
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

    def _count(self, block: Block, width: int) -> int:
        """How many lines `_wrap` makes of `block`, without making them: the line breaks
        Rich's Text.wrap would choose (its own divide_line), ~5× faster. Lines with tabs
        (which Text.wrap expands first) are wrapped to be counted."""
        body = block.body.plain
        if "\t" in body:
            return len(self._wrap(block, width))
        gutter = block.gutter.cell_len if block.gutter else 0
        return wrapped_height(body, max(4, width - gutter))

    def _render_strip(self, index: int) -> Strip | None:
        found = self._rows.locate(index) if self._rows is not None else None
        if found is None:
            return None
        piece, j = found
        lines = self._piece_lines(piece)
        assert self._layout is not None
        gutter = self._layout.index.gutter(piece.line)
        console = self.app.console
        segments: list[Segment] = []
        if piece.first and j == 0:
            segments.extend(Text(gutter, style=GUTTER).render(console))
        else:
            segments.extend(Text(" " * len(gutter)).render(console))
        segments.extend(lines[min(j, len(lines) - 1)].render(console))
        return Strip(segments)

    def _piece_lines(self, piece: Piece) -> list[Text]:
        """The wrapped lines of `piece`, the passages it overlaps highlighted."""
        lines = self._styled.get(piece.start)
        if lines is None:
            assert self._layout is not None and self._rows is not None
            offset, end = piece.start, piece.end
            body = Text(displayable(self._layout.index.text[offset:end]), no_wrap=False,
                        end="")
            for start, stop, style in self._marks:
                if start < end + 1 and stop > offset:
                    body.stylize(style, max(0, start - offset), max(0, min(stop, end) - offset))
            if len(self._styled) >= STYLED_KEPT:
                self._styled = {}
            lines = list(body.wrap(self.app.console, self._rows.wrap, overflow="fold"))
            lines = self._styled[piece.start] = lines or [Text("")]
        return lines

    def _rewrap_in_place(self) -> None:
        passage = self.strong.line_start - 1 if self.strong is not None else -1
        # nothing wrapped yet (the first size): `show` had no width to wrap at and no
        # height to centre the passage in
        first = self._height_before == 0 or not self._line_block
        if passage >= 0 and (first or self._passage_was_in_view()):
            # the passage in view, centred as `show` puts it
            self._height_before = self.size.height
            self._rewrap()
            self._show_passage()
        else:  # scrolled away from it: keep the user's place
            super()._rewrap_in_place()
        self._fill_view()

    def _passage_was_in_view(self) -> bool:
        """Whether the strong passage's first piece was in view before this resize."""
        got = self._passage_rows()
        if got is None:
            return False
        start, count = got
        top = int(self.scroll_offset.y)
        return start < top + self._height_before and start + count > top


class _RowLines(LazySequence[int]):
    """A SourceText's rows as the line (from 0) each belongs to."""

    def __init__(self, view: SourceText) -> None:
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
    """A SourceText's lines as the row each starts at."""

    def __init__(self, view: SourceText) -> None:
        self._view = view

    def _count(self) -> int:
        view = self._view
        return view._rows.index.lines if view._rows is not None else 0

    def _item(self, index: int) -> int:
        return self._view.block_lines(index)[0]


class _Blocks(LazySequence[Block]):
    """A text's numbered lines, each made when it is read."""

    def __init__(self, index: TextIndex) -> None:
        self._index = index

    def _count(self) -> int:
        return self._index.lines

    def _item(self, index: int) -> Block:
        text = self._index
        start = text.line_start(index)
        line = displayable(text.text[start : text.line_end(start)])
        return Block(Text(line, no_wrap=False, end=""), None,
                     Text(text.gutter(index), style=GUTTER))


class _Offsets(LazySequence[int]):
    """Where each line of a text starts."""

    def __init__(self, index: TextIndex) -> None:
        self._index = index

    def _count(self) -> int:
        return self._index.lines

    def _item(self, index: int) -> int:
        return self._index.line_start(index)


def _split(text: str) -> _Layout:
    """`text` as numbered lines, found by counting (no line is made until it is read)."""
    return _Layout(TextIndex(text))


#: The source header's lines: Russian title, English title, then where the passage is and
#: the document's date, outlet, kind and file. Always this many, each cut short with an
#: ellipsis rather than wrapped, so the header never changes height: a change of height
#: lays the screen out, which costs a second frame after the one with the new text.
HEADER_LINES = 3


class SourcePanel(Vertical):
    """Header (titles, where the passage is, date, outlet, file) above the source text."""

    DEFAULT_CSS = f"""
    SourcePanel {{ height: 1fr; }}
    SourcePanel > #source-header {{ height: {HEADER_LINES}; padding: 0 1;
        text-wrap: nowrap; text-overflow: ellipsis; background: $boost; color: $text; }}
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._header: tuple[Document | None, str] | None = None  # what the header shows

    def compose(self) -> ComposeResult:
        yield Static(id="source-header", markup=False)
        yield SourceText(id="source-text")

    @property
    def text_view(self) -> SourceText:
        """The text part."""
        return self.query_one(SourceText)

    def set_header(self, doc: Document | None, where: str = "") -> None:
        """Show the document's identity above its text; `where` (the passage's line, say)
        leads the third line, so a narrow screen cuts the file name rather than it."""
        if self._header is not None and self._header[0] is doc and self._header[1] == where:
            return  # unchanged
        self._header = (doc, where)
        header = self.query_one("#source-header", Static)
        if doc is None:
            header.update(Text("No passage selected", style="italic"), layout=False)
            return
        line = Text(one_line(doc.title.ru), style="bold")
        line.append("\n" + one_line(doc.title.en), style="italic")
        line.append("\n")
        if where:
            line.append(one_line(where) + " · ")
        outlet = one_line(outlet_name(doc))
        line.append(
            f"{doc.date or 'undated'} · {outlet}"
            f" · {doc.kind.replace('_', ' ')} · {one_line(doc.file)}",
            style="dim",
        )
        header.update(line, layout=False)  # its height is fixed: no layout
