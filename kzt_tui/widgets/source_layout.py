"""Where each line of a source text sits on screen, worked out only where it is looked at.

A source may be 16 MB of anything: a million short lines, nothing but newlines, one line
of 15 MB. Splitting it into a Python object per line, or wrapping every line to count its
rows, took 20 s and 1 GB (or never ended). Here the text is cut into groups of `GROUP`
characters; what is known of every group is its newline count (str.count, in C), and
that gives an estimate of its height in rows. A group's lines are found and wrapped
(measured) when it comes into view; its estimate is then replaced by the exact height.
Short texts are measured whole at once, so they are laid out exactly as before. A text is
numbered by paragraph (core/paragraphs): blank lines get no number.

A line longer than `GROUP` characters (nothing a person reads) is shown in pieces: it is
cut at every multiple of `GROUP` in the text, and each piece is wrapped on its own, so a
15 MB line is never wrapped whole. Every other line is one piece.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from rich.cells import cell_len
from rich.text import Text

from kzt_tui.core.paragraphs import Paragraphs
from kzt_tui.core.textnorm import displayable
from kzt_tui.widgets.lazy import LazySequence
from kzt_tui.widgets.line_view import Block
from kzt_tui.widgets.wrap import divide_line

#: Characters per group, and the longest piece of a line.
GROUP = 8192
#: A text of at most this many groups (256K characters) is measured whole when laid out.
EAGER_GROUPS = 32
#: How many groups keep their pieces (the rest keep only their height).
PIECES_KEPT = 16
#: How many widths a text keeps its layout at (a resize goes through many).
WIDTHS_KEPT = 4
#: The style of the paragraph numbers before the lines.
GUTTER = "#6c6c6c"
#: The start of a line that holds more than white space (a paragraph: core/paragraphs).
_PARAGRAPH = re.compile(r"(?m)^[^\S\n]*\S")
#: How far past a group's end a paragraph's leading white space is looked through.
_LEAD = 256


def wrapped_height(body: str, wrap: int) -> int:
    """How many rows `body` (displayable, one line) takes soft-wrapped to `wrap` cells, as
    widgets/wrap.wrap makes them (counted from the breaks: the lines are not made)."""
    if cell_len(body) <= wrap:
        return 1
    return len(divide_line(body, wrap)) + 1


@dataclass(frozen=True, slots=True)
class Piece:
    """A line of the text, or a part of a long one: offsets [start, end), its line (from 0),
    whether it is the line's first piece (the one numbered), and its height in rows."""

    line: int
    start: int
    end: int
    first: bool
    height: int


class TextIndex:
    """One text's lines, found by counting: the newlines before each group, the number of
    lines, where a line starts and ends. Nothing is kept per line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.groups = -(-len(text) // GROUP)
        self.newlines_before = list(accumulate(
            (text.count("\n", at, at + GROUP) for at in range(0, len(text), GROUP)),
            initial=0,
        ))
        newlines = self.newlines_before[-1]
        # the final newline ends the last line; it does not start a new one
        self.lines = 0 if not text else newlines + (0 if text.endswith("\n") else 1)
        self.digits = len(str(self.lines))
        self.gutter_width = self.digits + 3  # "12 │ "

        self._paragraphs: Paragraphs | None = None  # a short text's, made when first asked
        self._paragraphs_before = [0]  # a long text's: paragraphs starting before group g

    def gutter(self, line: int) -> str:
        """The paragraph number shown before line `line` (from 0); blank for a blank line."""
        number = self.paragraph(line)
        return f"{number or '':>{self.digits}} │ "

    def paragraph(self, line: int) -> int | None:
        """The paragraph (from 1, numbered as core/paragraphs does) on line `line` (from 0);
        None for a blank line."""
        if not 0 <= line < self.lines:
            return None
        if self.groups <= EAGER_GROUPS:
            if self._paragraphs is None:
                self._paragraphs = Paragraphs(self.text)
            return self._paragraphs.of_line(line + 1)
        start = self.line_start(line)
        before = self._paragraphs_up_to(start)
        if _PARAGRAPH.match(self.text, start, self.line_end(start)) is None:
            return None
        return before + 1

    def paragraphs_up_to(self, line: int) -> int:
        """How many paragraphs start on lines 0..`line` (the paragraph a reader is in)."""
        if self.lines == 0:
            return 0
        line = max(0, min(line, self.lines - 1))
        if self.groups <= EAGER_GROUPS:
            if self._paragraphs is None:
                self._paragraphs = Paragraphs(self.text)
            return self._paragraphs.at_or_before(line + 1)
        start = self.line_start(line)
        here = _PARAGRAPH.match(self.text, start, self.line_end(start)) is not None
        return self._paragraphs_up_to(start) + here

    def _paragraphs_up_to(self, offset: int) -> int:
        """How many paragraphs start before `offset` (a line's start): counted group by
        group, each group once, as far as has been looked at (a 16 MB text is not counted
        whole to number its first screen)."""
        g = offset // GROUP
        counted = self._paragraphs_before
        text = self.text
        while len(counted) <= g:
            k = len(counted) - 1
            lo, hi = k * GROUP, (k + 1) * GROUP
            # the paragraphs starting in [lo, hi): those whose white space runs past hi too;
            # a group of white space alone (16 MB of newlines) holds none but those
            first = lo if text[lo:hi].strip() else max(lo, hi - _LEAD)
            inside = (len(_PARAGRAPH.findall(text, first, hi + _LEAD))
                      - len(_PARAGRAPH.findall(text, hi, hi + _LEAD)))
            counted.append(counted[-1] + inside)
        return counted[g] + len(_PARAGRAPH.findall(text, g * GROUP, offset))

    def line_start(self, line: int) -> int:
        """Offset where line `line` (from 0) starts."""
        if line <= 0:
            return 0
        # the group holding the line-th newline; then find it within the group
        g = max(0, bisect_right(self.newlines_before, line - 1) - 1)
        pos, count = g * GROUP, self.newlines_before[g]
        text = self.text
        # split in C rather than a find per newline: a group of newlines alone holds 8,192,
        # and the gutter asks for every line it numbers
        parts = text[pos : pos + GROUP].split("\n", line - count)
        if len(parts) > line - count:
            return pos + sum(map(len, parts[: line - count])) + line - count
        while count < line:  # not within the group (past the text's last line)
            pos = text.find("\n", pos) + 1
            count += 1
        return pos

    def line_end(self, start: int) -> int:
        """Offset of the newline that ends the line starting at `start` (or the text's end)."""
        end = self.text.find("\n", start)
        return len(self.text) if end == -1 else end

    def line_of(self, offset: int) -> int:
        """The line (from 0) holding `offset`."""
        offset = max(0, min(offset, len(self.text)))
        g = offset // GROUP
        return self.newlines_before[g] + self.text.count("\n", g * GROUP, offset)

    def pieces(self, g: int) -> list[tuple[int, int, int, bool]]:
        """(line, start, end, first) of every piece that starts in group `g`."""
        text, n = self.text, len(self.text)
        lo, hi = g * GROUP, min(n, (g + 1) * GROUP)
        line = self.newlines_before[g]  # the line holding offset lo
        out: list[tuple[int, int, int, bool]] = []
        pos = lo
        if lo > 0 and text[lo - 1] != "\n":  # lo is inside a line that started before it
            if text[lo] == "\n":  # ... and ends here: its pieces are all behind
                pos, line = lo + 1, line + 1
            else:
                back = max(0, lo - GROUP - 1)
                start = text.rfind("\n", back, lo) + 1
                end = -1
                if start or back == 0:  # it started within GROUP + 1 characters
                    end = text.find("\n", lo, start + GROUP + 1)
                    long = end == -1 and start + GROUP < n
                else:
                    long = True
                if not long:  # a short line: one piece, in the group where it starts
                    pos, line = (end if end != -1 else n) + 1, line + 1
                else:  # a long line: its piece from lo on is this group's first
                    end = text.find("\n", lo, lo + GROUP)
                    out.append((line, lo, end if end != -1 else min(n, lo + GROUP), False))
                    if end == -1:
                        return out  # the line goes on past this group (or the text ends)
                    pos, line = end + 1, line + 1
        while pos < hi:
            end = text.find("\n", pos, pos + GROUP + 1)
            if end == -1 and pos + GROUP >= n:
                end = n
            if end != -1:
                out.append((line, pos, end, True))
                pos, line = end + 1, line + 1
            else:  # a long line: its first piece runs to the next multiple of GROUP
                out.append((line, pos, hi, True))
                break
        return out

    def estimate(self, g: int, wrap: int) -> int:
        """A guess at group `g`'s height at `wrap` cells, from its size and newlines."""
        newlines = self.newlines_before[g + 1] - self.newlines_before[g]
        chars = min(len(self.text), (g + 1) * GROUP) - g * GROUP - newlines
        return max(newlines, -(-chars // wrap))


class Rows:
    """One text laid out at one width: every group's height (exact once measured, else
    estimated) and the pieces of the groups looked at lately."""

    def __init__(self, index: TextIndex, width: int) -> None:
        self.index = index
        self.wrap = max(4, width - index.gutter_width)
        self.heights = [index.estimate(g, self.wrap) for g in range(index.groups)]
        self.measured = bytearray(index.groups)
        self._pieces: OrderedDict[int, tuple[list[Piece], list[int]]] = OrderedDict()
        self._prefix: list[int] | None = None
        if index.groups <= EAGER_GROUPS:
            for g in range(index.groups):
                self.measure(g)

    @property
    def prefix(self) -> list[int]:
        """The first row of each group, and the total height last."""
        if self._prefix is None:
            self._prefix = list(accumulate(self.heights, initial=0))
        return self._prefix

    @property
    def total(self) -> int:
        """The height of the whole text in rows."""
        return self.prefix[-1]

    def measure(self, g: int) -> int:
        """Measure group `g` (if it is not yet); the change of its height."""
        if self.measured[g]:
            return 0
        before = self.heights[g]
        self.group(g)
        return self.heights[g] - before

    def group(self, g: int) -> tuple[list[Piece], list[int]]:
        """Group `g`'s pieces and the first row of each within the group (measuring it)."""
        got = self._pieces.get(g)
        if got is not None:
            self._pieces.move_to_end(g)
            return got
        text, wrap = self.index.text, self.wrap
        pieces = [Piece(line, start, end, first, wrapped_height(displayable(text[start:end]),
                                                                wrap))
                  for line, start, end, first in self.index.pieces(g)]
        starts = list(accumulate((p.height for p in pieces), initial=0))
        height = starts.pop()
        if height != self.heights[g]:
            self.heights[g] = height
            self._prefix = None
        self.measured[g] = 1
        got = self._pieces[g] = (pieces, starts)
        while len(self._pieces) > PIECES_KEPT:
            self._pieces.popitem(last=False)
        return got

    def group_at(self, row: int) -> int:
        """The group drawn at `row` (the last one past the end)."""
        prefix = self.prefix
        return max(0, min(bisect_right(prefix, row) - 1, self.index.groups - 1))

    def locate(self, row: int) -> tuple[Piece, int] | None:
        """The piece drawn at `row` and which of its rows it is (measuring its group)."""
        while True:
            if not 0 <= row < self.total:
                return None
            g = self.group_at(row)
            if self.measured[g]:
                break
            self.measure(g)  # its height may change: look again
        pieces, starts = self.group(g)
        offset = row - self.prefix[g]
        k = bisect_right(starts, offset) - 1
        return pieces[k], offset - starts[k]

    def piece_at(self, offset: int) -> tuple[Piece, int] | None:
        """The piece holding text offset `offset` (a line's newline is its last) and the
        row it starts at. Measures its group, and none before it but the one behind."""
        if not self.index.groups:
            return None
        offset = max(0, min(offset, len(self.index.text)))
        g = min(offset // GROUP, self.index.groups - 1)
        for group in (g, g - 1):  # a short line may start in the group before
            if group < 0:
                break
            pieces, starts = self.group(group)
            for k in range(len(pieces) - 1, -1, -1):
                if pieces[k].start <= offset:
                    return pieces[k], self.prefix[group] + starts[k]
        return None

    def line_rows(self, line: int) -> tuple[int, int]:
        """First row of line `line` (from 0) and how many rows it takes (a long line: up to
        the next line's first row, with the estimates of any groups between)."""
        index = self.index
        text = index.text
        found = self.piece_at(index.line_start(line))
        if found is None:
            return self.total, 0
        piece, row = found
        if piece.end == len(text) or text[piece.end] == "\n":  # one piece: the whole line
            return row, piece.height
        after = self.piece_at(index.line_start(line + 1)) if line + 1 < index.lines else None
        return row, (after[1] if after else self.total) - row


@dataclass
class TextLayout:
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
