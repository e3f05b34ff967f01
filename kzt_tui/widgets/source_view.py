"""The full source text with line numbers, the current passage highlighted strongly and
every other cited passage faintly."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from textual.reactive import var
from textual.strip import Strip

from kzt_tui.core.model import Span
from kzt_tui.widgets.reading_place import LINE, Place, next_start, place_of
from kzt_tui.widgets.source_layout import Rows, TextLayout
from kzt_tui.widgets.source_lines import (
    FAINT,
    GAP,
    GAP_HERE,
    SELECTED,
    STRONG,
    Mark,
    SourceLines,
    ordered,
    split,
)

__all__ = ["FAINT", "GAP", "GAP_HERE", "SELECTED", "STRONG", "SourceText"]

#: Rows of text kept above a passage or sentence that n/N or u/U put at the top.
CONTEXT_ROWS = 1
#: How many source texts keep their wrapped layout while other texts are shown.
LAYOUTS_KEPT = 8


@dataclass(frozen=True, slots=True)
class _Drawn:
    """A text's lines as drawn when another text took its place: valid while its rows
    (`rows`, measured to `total`) stay the same (the lines as finished are kept by the
    line they were made from: LineView._finished)."""

    rows: Rows
    total: int
    marks: list[Mark]
    styled: dict[int, tuple[int, list[Any]]]
    strips: dict[int, Strip]


class SourceText(SourceLines):
    """Lines of one source text, numbered by paragraph; scrolls to keep the strong passage
    in view. j/k scroll a line, n/N go from passage to passage, u/U from one unaccounted
    sentence to the next; `place` says where the reader is.

    Only what is on screen is wrapped and drawn (source_layout: a text of 16 MB opens as
    fast as a short one). Moving between passages of the text already shown only restyles
    the lines in view: the highlights are applied when a line is drawn.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.doc_id: str | None = None
        self.strong: Span | None = None
        self.faint: list[Span] = []
        self._source: tuple[str, str] | None = None
        self._layouts: OrderedDict[tuple[str, str], TextLayout] = OrderedDict()
        self._passages: list[tuple[int, int]] = []  # every cited passage, by start
        self._gaps: list[tuple[int, int]] | None = None  # unaccounted sentences, once known
        #: Where n/N/u/U last went: (offset, its list, the scroll it left); a scroll since
        #: means the reader moved on, and the next jump starts from what is in view.
        self._landing: tuple[int, str, int] | None = None
        #: Lines drawn of the texts shown before (_keep_drawn), by source.
        self._drawn: OrderedDict[tuple[str, str], _Drawn] = OrderedDict()
        #: In `show`: its scrolls leave the place to the one update at its end (each
        #: scroll of a list key worked the place out, and the header drew it, anew).
        self._showing = False

    #: Where the reader is (the header shows it).
    place: var[Place] = var(Place(), init=False)
    #: The user's selection (start, end) in the text shown, or None (the header says so).
    selected: var[tuple[int, int] | None] = var(None, init=False)

    def show(self, doc_id: str, text: str, strong: Span | None, faint: list[Span],
             gaps: list[tuple[int, int]] | None = None) -> None:
        """Display `text`, marking `faint` spans and the `strong` one, which is scrolled to,
        and the unaccounted sentences `gaps` if they are known."""
        self._showing = True
        try:
            self._show(doc_id, text, strong, faint, gaps)
        finally:
            self._showing = False
        self._update_place()

    def _show(self, doc_id: str, text: str, strong: Span | None, faint: list[Span],
              gaps: list[tuple[int, int]] | None) -> None:
        self.doc_id, self.strong, self.faint = doc_id, strong, faint
        self._passages = sorted({(s.start, s.end) for s in faint}
                                | ({(strong.start, strong.end)} if strong else set()))
        self._landing = None
        self._gaps = sorted(gaps) if gaps is not None else None
        marks = [(s.start, s.end, FAINT) for s in faint]
        marks.extend((start, end, GAP) for start, end in self._gaps or [])
        source = (doc_id, text)
        if strong is not None:
            marks.append((strong.start, strong.end, STRONG))
        if source == self._source and self.selected is not None:
            marks.append((*self.selected, SELECTED))  # a selection stays with its text
        if source != self._source:
            self._keep_drawn()
            self.selected = None
            self._marks, self._styled = ordered(marks), {}
            self._source = source
            self._layout = self._layouts.pop(source, None) or split(text)
            self._layouts[source] = self._layout
            while len(self._layouts) > LAYOUTS_KEPT:
                self._layouts.popitem(last=False)
            self.blocks = self._layout.blocks
            self._selectable, self.cursor = [], None  # a text has no cursor
            self._wrapped_width = -1
            self._rewrap()
            self._take_drawn(source, marks)
            self.scroll_to(0, 0, animate=False, immediate=True)
            self.refresh()
        else:  # the same text: only the lines whose highlights changed are drawn again
            self._set_marks(marks)
            if strong is None:
                self.scroll_to(0, 0, animate=False, immediate=True)
        if strong is not None:
            self._show_passage()
        self._fill_view()

    def _keep_drawn(self) -> None:
        """Keep the lines drawn of the text shown, with what they were drawn for, while
        another text is shown: moving through a list whose records cite a few texts
        switches between them on most keys, and each switch drew every line in view anew
        (the text wrapped and highlighted again; issue 18)."""
        if self._source is None or self._rows is None:
            return
        self._drawn.pop(self._source, None)
        self._drawn[self._source] = _Drawn(
            self._rows, self._rows.total, self._marks, self._styled, self._strips)
        while len(self._drawn) > LAYOUTS_KEPT:
            self._drawn.popitem(last=False)

    def _take_drawn(self, source: tuple[str, str], marks: list[Mark]) -> None:
        """Take back the lines kept of `source` if they were drawn for the rows and styles
        it is shown with now, then draw again only those whose highlights differ from the
        `marks` it had (as a new passage of the same text does)."""
        kept = self._drawn.pop(source, None)
        rows = self._rows
        if kept is None or rows is None or kept.rows is not rows or kept.total != rows.total:
            return
        self._marks, self._styled, self._strips = kept.marks, kept.styled, kept.strips
        self._set_marks(marks)

    def select(self, span: tuple[int, int] | None, keep_in_view: int | None = None) -> None:
        """Mark `span` as the user's selection (None: none), with the line holding the
        offset `keep_in_view` brought into view if it is not."""
        self.selected = span
        marks = [m for m in self._marks if m[2] != SELECTED]
        if span is not None:
            marks.append((*span, SELECTED))
        self._set_marks(marks)
        got = self._offset_rows(keep_in_view) if keep_in_view is not None else None
        top = int(self.scroll_offset.y)
        if got is not None and not top <= got[0] < top + self.size.height:
            self._scroll_to_offset(keep_in_view or 0)

    def reading_offset(self) -> int:
        """Where the reader is, as an offset: where the last jump (or the passage shown)
        went, or else the start of the top line in view."""
        landed, rows = self._landed(), self._rows
        if landed is not None or rows is None:
            return landed[0] if landed is not None else 0
        return rows.index.line_start(self._top_line())

    # --- reading: where the reader is, passage to passage, gap to gap -----------------

    def _top_line(self) -> int:
        """The line (from 0) at the top of the view."""
        rows = self._rows
        found = rows.locate(int(self.scroll_offset.y)) if rows is not None else None
        return found[0].line if found is not None else 0

    def _landed(self) -> tuple[int, str] | None:
        """Where the last jump went, if the reader has not scrolled since."""
        anchor = self._landing
        if anchor is None or anchor[2] != int(self.scroll_offset.y):
            return None
        return anchor[0], anchor[1]

    def _update_place(self) -> None:
        """Say where the reader is (`place`): where the last jump went, or else the top
        of the view."""
        rows = self._rows
        if rows is None or self._layout is None:
            self.place = Place()
            return
        top = int(self.scroll_offset.y)
        bottom = rows.locate(min(rows.total - 1, top + max(1, self.size.height) - 1))
        self.place = place_of(rows.index, self._passages, self._gaps or [], self._landed(),
                              self._top_line(), bottom[0].line if bottom else None)

    def reading_span(self) -> tuple[int, int] | None:
        """The passage (offsets) the reader is at: where n/N, u/U or a search hit last put
        them, else the first cited passage in view; None where there is none."""
        landed = self._landed()
        if landed is None or landed[1] == LINE:
            k = self.place.passage
            return self._passages[k - 1] if k else None
        offset, kind = landed
        spans = (self._gaps or []) if kind == "gap" else self._passages
        return next(((start, end) for start, end in spans if start == offset), None)

    def next_passage(self, delta: int) -> bool:
        """Put the next (delta 1) or previous (-1) cited passage at the top; False if
        there is none that way."""
        return self._jump([start for start, _ in self._passages], "passage", delta)

    @property
    def gaps_known(self) -> bool:
        """Whether the unaccounted sentences of the text shown have been given."""
        return self._gaps is not None

    def set_gaps(self, spans: list[tuple[int, int]]) -> None:
        """The unaccounted sentences of the text shown (marked from now on)."""
        self._gaps = sorted(spans)
        marks = [m for m in self._marks if m[2] != GAP]
        marks[:0] = [(start, end, GAP) for start, end in self._gaps]
        self._set_marks(marks)

    def next_gap(self, delta: int) -> bool:
        """Put the next (delta 1) or previous (-1) unaccounted sentence at the top, marked;
        False if there is none that way (or none is known)."""
        gaps = self._gaps or []
        if not self._jump([start for start, _ in gaps], "gap", delta):
            return False
        here = self._landing[0] if self._landing else -1
        marks = [m for m in self._marks if m[2] != GAP_HERE]
        end = next(stop for start, stop in gaps if start == here)
        marks.append((here, end, GAP_HERE))
        self._set_marks(marks)
        return True

    def action_move(self, delta: int) -> None:
        # j/k: where the view cannot scroll that way (a short text; the end of a long one),
        # the reader's line moves instead, row by row, as the Keys table says
        rows, landed = self._rows, self._landed()
        if rows is None:
            return
        top = self._top_line()
        line = rows.index.line_of(landed[0]) if landed is not None else top
        text = rows.index.text.rstrip()
        last = rows.index.line_of(text.rfind("\n") + 1) if text else 0
        if delta > 0 and int(self.scroll_offset.y) >= self.max_scroll_y and line < last:
            line += 1
        elif delta < 0 and landed is not None and line > top:
            line -= 1
        else:
            super().action_move(delta)
            return
        self._landing = (rows.index.line_start(line), LINE, int(self.scroll_offset.y))
        self._update_place()

    def action_first(self) -> None:
        # g: the reader is at the top now, not at a passage a jump centred there (a short
        # way down, the view did not scroll and the landing would stand: u skipped line 1)
        self._landing = None
        super().action_first()
        self._update_place()

    def action_last(self) -> None:
        # G: the reader is at the last line of text now, as g puts them at the first; the
        # top of the last screenful is not where they read (V selected there), nor is a
        # passage a jump landed on when the view could not scroll (a short text)
        self._landing = None
        # at the view's end as it is now: Textual's scroll_end reads the end once the
        # screen is next idle, which is not always after the layout that a focus change
        # asks for (the source taking the focus is a row shorter at 120x40), and the key
        # after G (V) found no landing yet; a layout after this one keeps the last line
        # in view (_rewrap_in_place)
        self._scroll_to_end()
        rows = self._rows
        text = rows.index.text.rstrip() if rows is not None else ""
        if text:
            self._landing = (text.rfind("\n") + 1, LINE, int(self.scroll_offset.y))
        self._update_place()

    def _scroll_to_end(self) -> None:
        """Scroll to the view's end, the rows there measured (measuring them may move it:
        scrolled to again)."""
        for _ in range(8):
            end = self.max_scroll_y
            if int(self.scroll_offset.y) == end:
                return
            self.scroll_to(y=end, animate=False, immediate=True)

    def _line_in_view(self, offset: int, height: int | None = None) -> bool:
        """Whether the line holding `offset` has a row in view (`height` rows of it)."""
        got = self._offset_rows(offset)
        top = int(self.scroll_offset.y)
        return got is not None and got[0] < top + (height or self.size.height) \
            and got[0] + got[1] > top

    def _measured_rows(self, offset: int) -> tuple[int, int] | None:
        """First row and height of the line holding `offset`, the rows a view's height
        around it measured first and the scrollable size made to match; None: no such line."""
        height = max(1, self.size.height)
        while (got := self._offset_rows(offset)) is not None:
            if not self._measure(got[0] - height, got[0] + got[1] + height):
                break
        if got is not None:
            self._sync_size()
        return got

    def _keep_in_view(self, offset: int) -> None:
        """Scroll down the least that shows the whole line holding `offset` (of a line
        taller than the view, the row where `offset` is), the rows around it measured
        first; a view whose top line stayed at the top (a resize) has it at or below."""
        height = max(1, self.size.height)
        got = self._measured_rows(offset)
        if got is None:
            return
        bottom = got[0] + got[1]
        if bottom > int(self.scroll_offset.y) + height:
            self.scroll_to(y=bottom - height, animate=False, immediate=True)

    def _jump(self, starts: list[int], kind: str, delta: int) -> bool:
        rows = self._rows
        if rows is None:
            return False
        landed = self._landed()
        at = next_start(rows.index, starts, landed[0] if landed else None,
                        self._top_line(), delta, kind)
        if at is None:
            return False
        self._scroll_to_offset(at)
        self._landing = (at, kind, int(self.scroll_offset.y))
        self._update_place()
        return True

    def _scroll_to_offset(self, offset: int) -> None:
        """Put the line holding `offset` near the top (a row of context above it), the
        lines around it measured first."""
        got = self._measured_rows(offset)
        if got is None:
            return
        self.scroll_to(y=max(0, got[0] - CONTEXT_ROWS), animate=False, immediate=True)
        self._fill_view()

    def _passage_rows(self) -> tuple[int, int] | None:
        """First row and height of the line where the strong passage starts; of a line
        taller than the view (a long one), the row where the passage starts."""
        rows, strong = self._rows, self.strong
        if rows is None or strong is None or not 0 < strong.line_start <= rows.index.lines:
            return None
        return self._offset_rows(strong.start, strong.line_start - 1)

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
        # centred by one rule wherever the view was (Textual's centring rounds a move up
        # and a move down differently: a resize re-centring from the passage itself put
        # it one row higher than `show` had, 135 -> 136 at 80x24)
        start, count = got[0], max(1, got[1])
        top = start + (count - height + 1) // 2
        self.scroll_to(y=max(0, min(top, self.max_scroll_y)), animate=False, immediate=True)
        if self.strong is not None:  # the reader is at this passage: n goes to the next
            self._landing = (self.strong.start, "passage", int(self.scroll_offset.y))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)  # SourceLines: the rows in view measured
        if int(old_value) != int(new_value):
            landing, y = self._landing, int(new_value)
            if landing is not None and landing[2] != y:
                if y < landing[2] and y >= int(self.max_scroll_y):
                    # not the reader: the view grew (the source taking the focus at 80x24)
                    # and Textual pulled the scroll back to its new end; the place the
                    # jump went to is still in view and still the reader's
                    self._landing = (landing[0], landing[1], y)
                else:
                    self._landing = None  # the reader moved on (coming back does not undo it)
            if not self._showing:
                self._update_place()

    def _rewrap_in_place(self) -> None:
        strong = self.strong
        # nothing wrapped yet (the first size): `show` had no width to wrap at and no
        # height to centre the passage in
        first = self._height_before == 0 or not self._line_block
        landed = None if first else self._landed()
        if strong is not None and (first or landed == (strong.start, "passage")):
            # the reader is where `show` (or a jump) put them, at the passage: centred again
            self._height_before = self.size.height
            self._rewrap()
            self._show_passage()
        else:
            # the reader moved on (j/k, a page, n/N, G): the line at the top stays at the
            # top, and a jump's landing stays theirs (re-centring the strong passage moved
            # the reader: line 3 -> 5 after 100 -> 99 -> 100 columns)
            in_view = (landed is not None and landed[1] == LINE
                       and self._line_in_view(landed[0], self._height_before))
            super()._rewrap_in_place()
            if landed is not None:
                if landed[1] != LINE:
                    self._scroll_to_offset(landed[0])
                elif in_view:
                    # the reader's line (G, j/k at the end) stays in view: the top line
                    # kept at the top of a view a row shorter left G's last line below it
                    # while the header still named it
                    self._keep_in_view(landed[0])
                self._landing = (*landed, int(self.scroll_offset.y))
        self._fill_view()
        self._update_place()


