"""The full source text with line numbers, the current passage highlighted strongly and
every other cited passage faintly."""

from __future__ import annotations

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


class SourceText(LineView):
    """Lines of one source text; scrolls to keep the strong passage in view."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.doc_id: str | None = None
        self.strong: Span | None = None
        self.faint: list[Span] = []

    def show(self, doc_id: str, text: str, strong: Span | None, faint: list[Span]) -> None:
        """Display `text`, marking `faint` spans and the `strong` one, which is scrolled to."""
        self.doc_id, self.strong, self.faint = doc_id, strong, faint
        safe = displayable(text)
        lines = safe.split("\n")
        if len(lines) > 1 and lines[-1] == "":
            lines.pop()  # the final newline ends the last line; it does not start a new one
        width = len(str(len(lines)))
        blocks: list[Block] = []
        offset = 0
        marks = [(s.start, s.end, FAINT) for s in faint]
        if strong is not None:
            marks.append((strong.start, strong.end, STRONG))
        for number, line in enumerate(lines, 1):
            end = offset + len(line)
            body = Text(line, no_wrap=False, end="")
            for start, stop, style in marks:
                if start < end + 1 and stop > offset:
                    body.stylize(style, max(0, start - offset), max(0, min(stop, end) - offset))
            gutter = Text(f"{number:>{width}} │ ", style=GUTTER)
            blocks.append(Block(body, None, gutter))
            offset = end + 1
        self.set_blocks(blocks)
        if strong is not None:
            self._show_block(strong.line_start - 1, center=True)

    def _show_block(self, index: int, center: bool = False) -> None:
        # Long passages: keep the passage's first line in view rather than its middle.
        if 0 <= index < len(self.blocks):
            super()._show_block(index, center=center)


class SourcePanel(Vertical):
    """Header (title, date, outlet, file) above the source text."""

    DEFAULT_CSS = """
    SourcePanel { height: 1fr; }
    SourcePanel > #source-header { height: auto; max-height: 3; padding: 0 1;
        background: $boost; color: $text; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="source-header", markup=False)
        yield SourceText(id="source-text")

    @property
    def text_view(self) -> SourceText:
        """The text part."""
        return self.query_one(SourceText)

    def set_header(self, doc: Document | None, where: str = "") -> None:
        """Show the document's identity above its text."""
        header = self.query_one("#source-header", Static)
        if doc is None:
            header.update(Text("No passage selected"))
            return
        line = Text()
        line.append(displayable(doc.title.ru), style="bold")
        line.append(f"  {one_line(doc.title.en)}", style="italic")
        line.append("\n")
        outlet = one_line(doc.outlet.name) if doc.outlet else "outlet not named"
        line.append(
            f"{doc.date or 'undated'} · {outlet}"
            f" · {doc.kind.replace('_', ' ')} · {one_line(doc.file)}{where}",
            style="dim",
        )
        header.update(line)
