"""The full source text with line numbers, the current passage highlighted strongly and
every other cited passage faintly."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kzt_tui.core.model import Document, Span
from kzt_tui.core.textnorm import displayable, one_line
from kzt_tui.widgets.line_view import Block, LineView

STRONG = "bold black on #ffd75f"
FAINT = "underline on #3a3a1a"
GUTTER = "#6c6c6c"


try:  # how Text.wrap breaks a line: counting with it spares making the lines
    from rich._wrap import divide_line as _divide_line
except ImportError:  # a Rich without it: count by wrapping (tests/ui compare the two)
    _divide_line = None  # type: ignore[assignment]

#: How many source texts keep their wrapped layout while other texts are shown.
LAYOUTS_KEPT = 8


@dataclass
class _Layout:
    """One source text split into numbered lines, and its line counts per width."""

    blocks: list[Block]
    offsets: list[int]  # where each line starts in the text
    counts: dict[int, list[int]] = field(default_factory=dict)


class SourceText(LineView):
    """Lines of one source text; scrolls to keep the strong passage in view.

    Moving between passages of the text already shown only restyles the lines in view:
    the text is split and wrapped once per (text, width), and the highlights are applied
    when a line is drawn.
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
        self._styled: dict[int, list[Text]] = {}

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
            self.set_blocks(self._layout.blocks)
        else:
            self._restyle()
            self.scroll_to(0, 0, animate=False, immediate=True)
        if strong is not None:
            self._show_block(strong.line_start - 1, center=True)

    def _line_counts(self, width: int) -> list[int]:
        layout = self._layout
        if layout is None:
            return super()._line_counts(width)
        self._styled = {}
        if width not in layout.counts:
            layout.counts[width] = [self._count(block, width) for block in layout.blocks]
        return layout.counts[width]

    def _count(self, block: Block, width: int) -> int:
        """How many lines `_wrap` makes of `block`, without making them: the line breaks
        Rich's Text.wrap would choose (its own divide_line), ~5× faster. Lines with tabs
        (which Text.wrap expands first) are wrapped to be counted."""
        body = block.body.plain
        if _divide_line is None or "\t" in body:
            return len(self._wrap(block, width))
        gutter = block.gutter.cell_len if block.gutter else 0
        return len(_divide_line(body, max(4, width - gutter), fold=True)) + 1

    def _block_wrapped(self, index: int) -> list[Text]:
        lines = self._styled.get(index)
        if lines is None:
            lines = self._styled[index] = self._wrap(self._marked(index), self._wrapped_width)
        return lines

    def _marked(self, index: int) -> Block:
        """Line `index` of the text with the passages it overlaps highlighted."""
        assert self._layout is not None
        block = self._layout.blocks[index]
        offset = self._layout.offsets[index]
        end = offset + len(block.body)
        body = block.body.copy()
        for start, stop, style in self._marks:
            if start < end + 1 and stop > offset:
                body.stylize(style, max(0, start - offset), max(0, min(stop, end) - offset))
        return Block(body, None, block.gutter)

    def _rewrap_in_place(self) -> None:
        passage = self.strong.line_start - 1 if self.strong is not None else -1
        # nothing wrapped yet (the first size): `show` had no width to wrap at and no
        # height to centre the passage in
        first = self._height_before == 0 or not self._line_block
        if passage >= 0 and (first or self._block_was_in_view(passage)):
            # the passage in view, centred as `show` puts it
            self._height_before = self.size.height
            self._rewrap()
            self._show_block(passage, center=True)
        else:  # scrolled away from it: keep the user's place
            super()._rewrap_in_place()


def _split(text: str) -> _Layout:
    """`text` (made displayable) as numbered, unstyled lines."""
    if not text:
        return _Layout([], [])  # no lines at all, not one empty line numbered 1
    safe = displayable(text)
    lines = safe.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it does not start a new one
    width = len(str(len(lines)))
    blocks: list[Block] = []
    offsets: list[int] = []
    offset = 0
    for number, line in enumerate(lines, 1):
        gutter = Text(f"{number:>{width}} │ ", style=GUTTER)
        blocks.append(Block(Text(line, no_wrap=False, end=""), None, gutter))
        offsets.append(offset)
        offset += len(line) + 1
    return _Layout(blocks, offsets)


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
        outlet = one_line(doc.outlet.name) if doc.outlet else "outlet not named"
        line.append(
            f"{doc.date or 'undated'} · {outlet}"
            f" · {doc.kind.replace('_', ' ')} · {one_line(doc.file)}",
            style="dim",
        )
        header.update(line, layout=False)  # its height is fixed: no layout
