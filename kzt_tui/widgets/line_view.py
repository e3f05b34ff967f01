"""A scrollable view of wrapped text blocks, some of them selectable with a cursor."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region, Size
from textual.reactive import var
from textual.strip import Strip
from textual.style import Style

from kzt_tui.widgets.cursor_view import CursorView
from kzt_tui.widgets.lazy import LazySequence
from kzt_tui.widgets.virtual import set_virtual_size

#: How many rendered lines a view keeps.
STRIPS_KEPT = 4096
#: How many blocks' wrapped lines a view keeps (by content and width), so that a record shown
#: again, or one whose blocks are partly the same as the last one's, is not wrapped again.
WRAPS_KEPT = 2048


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph: its text, an optional left gutter, and a key if it can be selected."""

    body: Text
    key: Hashable | None = None
    gutter: Text | None = None


class LineView(CursorView, can_focus=True):
    """Blocks soft-wrapped to the width; only visible lines are rendered.

    With selectable blocks, j/k move a cursor between them (Highlighted), enter posts Chosen.
    Without any, j/k scroll.
    """

    DEFAULT_CSS = """
    LineView { height: 1fr; }
    LineView > .line-view--cursor { background: $accent 30%; }
    LineView:focus > .line-view--cursor { background: $accent 60%; }
    """
    COMPONENT_CLASSES = {"line-view--cursor"}
    CURSOR_COMPONENT = "line-view--cursor"

    BINDINGS = [Binding("enter", "choose", "Follow", show=False)]

    class Highlighted(CursorView.Highlighted):
        """The cursor rests on the block with `key`."""

    #: The key of the block the last move that posts Highlighted went to: a screen that
    #: watches it shows what the move selects in the frame that moves the cursor (the
    #: message comes a frame later, and the source moved in a second frame; issue 18).
    moved_to: var[Hashable | None] = var(None, init=False, always_update=True)

    class Chosen(CursorView.Chosen):
        """Enter was pressed on the block with `key`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.blocks: Sequence[Block] = []
        self._selectable: list[int] = []
        self.cursor: int | None = None  # index into _selectable
        self._wrapped: list[list[Text]] = []  # each block's lines at _wrapped_width
        # The block of each line, and the first line of each block: lists here, sequences
        # that work each item out in a view whose text may be too large to list them.
        self._line_block: Sequence[int] = []
        self._block_start: Sequence[int] = []
        self._strips: dict[int, Strip] = {}  # lines rendered so far (only those shown)
        #: Rendered lines by what they show (their block's wrapped lines and which of
        #: them), kept across records: a record shown again, or a field, heading or
        #: citation that the next record shares, is not rendered again (issue 18).
        self._by_content: dict[tuple[int, int], tuple[list[Text], Strip]] = {}
        # `_finished`: lines as drawn (styled, cut to the width), by the rendered line they
        # were made from (its identity, kept in the value) and whether the cursor is on it;
        # valid while the width and styles stay (CursorView.render_lines)
        self._wraps: OrderedDict[tuple[Hashable, ...], list[Text]] = OrderedDict()
        self._wrapped_width = -1
        self._height_before = 0  # the height at the last resize

    # --- content ----------------------------------------------------------------------

    def set_blocks(self, blocks: list[Block], cursor_key: Hashable | None = None,
                   cursor_in_view: bool = True) -> None:
        """Show `blocks`; put the cursor on `cursor_key` (or the first selectable block) and,
        with `cursor_in_view`, scroll its block into view (else the view is at the top)."""
        self.blocks = blocks
        self._selectable = [i for i, b in enumerate(blocks) if b.key is not None]
        self._wrapped_width = -1
        self._rewrap()
        self.cursor = None
        if self._selectable:
            keys = [blocks[i].key for i in self._selectable]
            self.cursor = keys.index(cursor_key) if cursor_key in keys else None
        self.scroll_to(0, 0, animate=False, immediate=True)
        if self.cursor is not None and cursor_in_view:
            self._show_block(self._selectable[self.cursor])
        self.refresh()

    @property
    def cursor_key(self) -> Hashable | None:
        """Key of the block under the cursor."""
        if self.cursor is None:
            return None
        return self.blocks[self._selectable[self.cursor]].key

    def select_key(self, key: Hashable, notify: bool = False) -> bool:
        """Move the cursor to the block with `key`; False if there is none."""
        for n, i in enumerate(self._selectable):
            if self.blocks[i].key == key:
                self._set_cursor(n, notify)
                return True
        return False

    def _content_width(self) -> int:
        return max(10, self.scrollable_content_region.width)

    def _wrap(self, block: Block, width: int) -> list[Text]:
        """The lines of `block` soft-wrapped to `width` cells, its gutter included (kept by
        the block's content and the width: the same text is wrapped once)."""
        key = (width, *_content_key(block.body),
               *(_content_key(block.gutter) if block.gutter is not None else ()))
        lines = self._wraps.get(key)
        if lines is None:
            lines = self._wraps[key] = self._wrap_now(block, width)
            if len(self._wraps) > WRAPS_KEPT:
                self._wraps.popitem(last=False)
        else:
            self._wraps.move_to_end(key)
        return lines

    def _wrap_now(self, block: Block, width: int) -> list[Text]:
        gutter_width = block.gutter.cell_len if block.gutter else 0
        wrapped = list(block.body.wrap(self.app.console, max(4, width - gutter_width),
                                       overflow="fold"))
        return wrapped or [Text("")]

    def _line_counts(self, width: int) -> list[int]:
        """How many lines each block takes at `width`."""
        self._wrapped = [self._wrap(block, width) for block in self.blocks]
        return [len(lines) for lines in self._wrapped]

    def _block_wrapped(self, index: int) -> list[Text]:
        """The wrapped lines of block `index` as they are drawn."""
        return self._wrapped[index]

    def _rewrap(self) -> None:
        if not self.size.width:  # not laid out yet: wrap when the width is known (on_resize),
            # not at a guessed one (a whole source text wrapped to 10 columns cost ~10 ms of
            # the first paint)
            self._wrapped_width = -1
            self._forget_lines()
            self._reset_rows()
            set_virtual_size(self, Size(0, 0))
            return
        width = self._content_width()
        if width == self._wrapped_width:
            return
        self._wrapped_width = width
        self._forget_lines()
        set_virtual_size(self, Size(width, self._layout_rows(width)))

    def _reset_rows(self) -> None:
        """Forget the lines (nothing is wrapped)."""
        self._line_block, self._block_start = [], []

    def _layout_rows(self, width: int) -> int:
        """Wrap the blocks to `width`: which block each line belongs to; the height."""
        owner: list[int] = []
        starts: list[int] = []
        for n, count in enumerate(self._line_counts(width)):
            starts.append(len(owner))
            owner.extend([n] * count)
        self._line_block, self._block_start = owner, starts
        return len(owner)

    def _strip(self, index: int) -> Strip:
        """Line `index`, rendered once and kept until the content or the width changes."""
        strip = self._strips.get(index)
        if strip is None:
            if len(self._strips) >= STRIPS_KEPT:  # scrolled through a long text: start over
                self._forget_lines()
            strip = self._render_strip(index)
            if strip is None:
                return Strip([])
            self._strips[index] = strip
        return strip

    def _render_strip(self, index: int) -> Strip | None:
        """Line `index` rendered (None if there is no such line); `_strip` keeps it."""
        n = self._line_block[index]
        block = self.blocks[n]
        j = index - self._block_start[n]
        lines = self._block_wrapped(n)  # the same list while the block's content stays
        kept = self._by_content.get((id(lines), j))
        if kept is not None and kept[0] is lines:
            return kept[1]
        console = self.app.console
        segments: list[Segment] = []
        if block.gutter is not None:
            gutter = block.gutter if j == 0 else Text(" " * block.gutter.cell_len)
            segments.extend(gutter.render(console))
        segments.extend(lines[j].render(console))
        strip = Strip(segments)
        if len(self._by_content) >= STRIPS_KEPT:
            self._by_content = {}
        self._by_content[id(lines), j] = (lines, strip)
        return strip

    _KEPT_LINES: ClassVar[tuple[str, ...]] = (
        "_strips", "_by_content", "_wraps", "_wrapped", "_line_block", "_block_start")

    def _draw_anew(self) -> None:
        super()._draw_anew()
        self._strips, self._by_content, self._wraps = {}, {}, OrderedDict()
        self._wrap_anew()

    def _wrap_anew(self) -> None:
        """Wrap the blocks again, as a new view at this width does (`_draw_anew`)."""
        if self._wrapped_width > 0:
            self._layout_rows(self._wrapped_width)

    def _restyle(self) -> None:
        """Forget the rendered lines (the wrapping stands) and repaint."""
        self._forget_lines()
        self.refresh()

    def _forget_lines(self) -> None:
        """Forget which line is where (the content or the width changed); the lines kept
        by what they show stay (`_by_content`, `_finished`)."""
        self._strips = {}

    def _forget_rows(self, rows: Sequence[int]) -> None:
        """Forget the rendered lines `rows` (their content changed) and repaint them."""
        top, height, width = int(self.scroll_offset.y), self.size.height, self.size.width
        for row in rows:
            self._strips.pop(row, None)
            if top <= row < top + height:
                self.refresh(Region(0, row - top, width, 1))

    def _refresh_block(self, index: int) -> None:
        """Repaint the lines of block `index` that are in view (its cursor state changed)."""
        if not 0 <= index < len(self._block_start):
            return
        start, count = self.block_lines(index)
        top = int(self.scroll_offset.y)
        region = Region(0, start - top, self.size.width, count).intersection(
            Region(0, 0, self.size.width, self.size.height))
        if region.height:
            self.refresh(region)

    @property
    def _lines(self) -> Sequence[Strip]:
        """Every line, rendered on demand."""
        return _Lines(self)

    def on_resize(self, _: events.Resize) -> None:
        self._rewrap_in_place()

    def _rewrap_in_place(self) -> None:
        """Wrap to the new width keeping the same place in view: the cursor's block, or
        else the block at the top (the same line number is another place after a rewrap).
        (A method of its own, as Textual calls the on_resize of every class in the MRO.)"""
        top = self._top_block()
        self._height_before = self.size.height
        self._rewrap()
        if self.cursor is not None:
            self._show_block(self._selectable[self.cursor])
        elif top is not None:
            self.scroll_to(y=self._block_start[top], animate=False, immediate=True)

    def _top_block(self) -> int | None:
        """The block at the top of the view (None before the first wrap)."""
        top = int(self.scroll_offset.y)
        return self._line_block[top] if 0 <= top < len(self._line_block) else None

    def _block_was_in_view(self, index: int) -> bool:
        """Whether any line of block `index` was in view before this resize (at the height
        the last one left; a resize event comes with the new height already set)."""
        if not 0 <= index < len(self._block_start):
            return False
        start, count = self.block_lines(index)
        top = int(self.scroll_offset.y)
        return start < top + self._height_before and start + count > top

    def block_lines(self, index: int) -> tuple[int, int]:
        """First line and line count of block `index` after wrapping."""
        start = self._block_start[index]
        end = (
            self._block_start[index + 1] if index + 1 < len(self._block_start)
            else len(self._line_block)
        )
        return start, end - start

    def _show_block(self, index: int, center: bool = False) -> None:
        if not 0 <= index < len(self._block_start):
            return  # not wrapped yet: on_resize shows it
        start, count = self.block_lines(index)
        region = Region(0, start, 1, max(1, count))
        self.scroll_to_region(region, animate=False, force=True, center=center, immediate=True)

    # --- cursor -----------------------------------------------------------------------

    def _set_cursor(self, n: int, notify: bool = True) -> None:
        if not self._selectable:
            return
        n = max(0, min(n, len(self._selectable) - 1))
        old = self.cursor
        self.cursor = n
        self._show_block(self._selectable[n])  # a scroll repaints the whole view
        # only the lines whose cursor state changed: the old cursor's block and the new one's
        if old is not None and old < len(self._selectable):
            self._refresh_block(self._selectable[old])
        self._refresh_block(self._selectable[n])
        if notify:
            self.moved_to = key = self.blocks[self._selectable[n]].key
            if self.posts_highlighted:
                self.post_message(self.Highlighted(self, key))

    def action_move(self, delta: int) -> None:
        if not self._selectable:
            self.scroll_relative(y=delta, animate=False)
        elif self.cursor is None:
            self._set_cursor(0 if delta > 0 else len(self._selectable) - 1)
        else:
            self._set_cursor(self.cursor + delta)

    def action_first(self) -> None:
        if self._selectable:
            self._set_cursor(0)
        else:
            self.scroll_home(animate=False)

    def action_last(self) -> None:
        if self._selectable:
            self._set_cursor(len(self._selectable) - 1)
        else:
            self.scroll_end(animate=False)

    def action_page(self, direction: int) -> None:
        self.scroll_relative(y=direction * max(1, self.size.height - 1), animate=False)

    def on_click(self, event: events.Click) -> None:
        line = int(self.scroll_offset.y) + event.y
        if 0 <= line < len(self._line_block):
            block = self._line_block[line]
            if block in self._selectable:
                self._set_cursor(self._selectable.index(block))

    # --- rendering --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        base = self._base_style
        index = int(self.scroll_offset.y) + y
        if index >= len(self._line_block):
            return Strip.blank(self._content_width(), base)
        raw = self._strip(index)
        on_cursor = (self.cursor is not None
                     and self._line_block[index] == self._selectable[self.cursor])
        kept: tuple[Strip, Strip] | None = self._finished.get((id(raw), on_cursor))
        if kept is not None and kept[0] is raw:
            return kept[1]
        # the width only here: a line kept as drawn is already cut to it (working the
        # scrollable region out for every line in view was ~1 ms of a cursor key)
        width = self._content_width()
        strip = raw.apply_style(base)
        if on_cursor:
            cursor = self._cursor_style
            strip = strip.crop_extend(0, width, base + cursor).apply_style(cursor)
        else:
            strip = strip.crop_extend(0, width, base)
        if len(self._finished) >= 2 * STRIPS_KEPT:
            self._finished = {}
        self._finished[id(raw), on_cursor] = (raw, strip)
        return strip

    def _finish_for(self) -> tuple[object, ...]:
        return (self._content_width(), self._base_style, self._cursor_style)

    def _plain_lines(self, crop: Region) -> list[Strip]:
        # What render_line and plain_lines make of a line in five Strips (styled, padded,
        # cursor-styled, widened past the scrollbar's columns, filtered), made here as one,
        # kept by the line it was made from: a fifth of a list key's frame (issue 18).
        width, content = self.region.width, self._content_width()
        base_background, background = self.background_colors
        fill = Style(background=base_background + background).rich_style
        filters = self.get_line_filters()
        kept = self._on_screen.lines_for(
            (width, base_background, background, *filters, *self._finished_for))
        top, cursor_block = int(self.scroll_offset.y), self._cursor_block()
        x1, x2 = crop.column_span
        whole = (x1, x2) == (0, width)
        strips: list[Strip] = []
        for y in crop.line_range:
            index = top + y
            on_cursor: bool | None = None  # None: a blank line below the text
            if index < len(self._line_block):
                raw, on_cursor = self._strip(index), self._line_block[index] == cursor_block
            else:
                raw = Strip.blank(content, self._base_style)
            got = kept.get((id(raw), on_cursor))
            if got is None or got[0] is not raw:
                if raw.cell_length <= content <= width:
                    strip = self._finish(raw, on_cursor, content, width, fill, filters,
                                         background)
                else:  # cut or padded past the widget: Textual's Strip methods
                    strip = self.render_line(y)
                    if strip.cell_length != width:
                        strip = strip.adjust_cell_length(width, fill)
                    for line_filter in filters:
                        strip = strip.apply_filter(line_filter, background)
                got = kept[id(raw), on_cursor] = (raw, strip)
            strips.append(got[1] if whole else got[1].crop(x1, x2))
        return strips

    def _cursor_block(self) -> int | None:
        return None if self.cursor is None else self._selectable[self.cursor]

    def _finish(self, raw: Strip, on_cursor: bool | None, content: int, width: int,
                fill: RichStyle, filters: Sequence[LineFilter], background: Color) -> Strip:
        """Line `raw` (no wider than `content`) as render_line and plain_lines draw it."""
        base = self._base_style
        segments = list(raw if on_cursor is None else Segment.apply_style(raw, base))
        if content > raw.cell_length:
            pad = base + self._cursor_style if on_cursor else base
            segments.append(Segment(" " * (content - raw.cell_length), pad))
        if on_cursor:
            segments = list(Segment.apply_style(segments, self._cursor_style))
        if width > content:
            segments.append(Segment(" " * (width - content), fill))
        for line_filter in filters:
            segments = line_filter.apply(segments, background)
        return Strip(segments, width)


def _content_key(text: Text) -> tuple[Hashable, ...]:
    """What the wrapped lines of `text` depend on: its characters and styles."""
    return (text.plain, tuple(text.spans), text.style, text.justify, text.overflow,
            text.no_wrap, text.end, text.tab_size)


class _Lines(LazySequence[Strip]):
    """A LineView's lines as a sequence; each is rendered when it is read."""

    def __init__(self, view: LineView) -> None:
        self._view = view

    def _count(self) -> int:
        return len(self._view._line_block)

    def _item(self, index: int) -> Strip:
        return self._view._strip(index)
