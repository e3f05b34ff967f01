"""The search dialog's list: one hit a row, what it is and where, then the words around the
match with every match highlighted, the first always in view."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from kzt_tui.core.snippets import ELLIPSIS, Snippet
from kzt_tui.core.textnorm import one_line
from kzt_tui.widgets.fact_list import FactList, Row, Rows


@dataclass(frozen=True, slots=True)
class HitLine:
    """A hit as its row shows it: kind ("figure", "source"), the record or document, where
    in it (the field, the line) and the snippet."""

    kind: str
    name: str
    where: str
    snippet: Snippet

    @property
    def text(self) -> str:
        """The row as plain text (what a row of a FactList holds)."""
        name = f"{self.name} · " if self.name else ""
        return f"{self.kind} {name}{self.where}: {self.snippet.text}"


#: The kind is padded to this many characters, so names start in one column.
KIND_WIDTH = 13


class HitList(FactList):
    """A FactList whose rows are HitLines, drawn with their matches highlighted."""

    DEFAULT_CSS = """
    HitList > .hit-list--label { color: $text-muted; }
    HitList > .hit-list--where { color: $accent; }
    HitList > .hit-list--match { text-style: bold reverse; }
    """
    COMPONENT_CLASSES = FactList.COMPONENT_CLASSES | {
        "hit-list--label", "hit-list--where", "hit-list--match"}

    def __init__(self, *, id: str | None = None, empty_text: str = "No matches.") -> None:
        super().__init__(id=id, empty_text=empty_text)
        self.lines: Sequence[HitLine] = ()

    def set_hits(self, lines: Sequence[HitLine]) -> None:
        """Show `lines`, the cursor on the first."""
        self.lines = lines
        self.set_rows(Rows(len(lines), str, lambda i: lines[i].text))

    def set_rows(self, rows: Sequence[Row], select: str | None = None) -> None:
        if len(rows) != len(self.lines):  # rows that are not hits: plain rows
            self.lines = ()
        super().set_rows(rows, select)

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        if not 0 <= index < len(self.lines):
            return super().render_line(y)
        width = self.scrollable_content_region.width
        style = self._base_style
        if index == self.cursor:
            style = style + self._cursor_style
        line = self.lines[index]
        label_style = style + self.get_component_rich_style("hit-list--label", partial=True)
        where_style = style + self.get_component_rich_style("hit-list--where", partial=True)
        match_style = style + self.get_component_rich_style("hit-list--match", partial=True)
        # the name gives way first: the kind, the place and the match stay readable; the
        # snippet may have up to half the row before the name is cut for it
        where = one_line(line.where)
        fixed = KIND_WIDTH + 1 + 3 + len(where) + 2
        name_room = max(8, width - fixed - min(len(line.snippet.text), width // 2))
        name = one_line(line.name)
        if len(name) > name_room:
            name = name[: name_room - 1] + ELLIPSIS
        head = [Segment(" " + one_line(line.kind).ljust(KIND_WIDTH - 1) + " ", label_style),
                *([Segment(name, label_style), Segment(" · ", label_style)] if name else []),
                Segment(where, where_style), Segment("  ", style)]
        used = sum(len(s.text) for s in head)
        return Strip([*head, *_marked(line.snippet.fit(max(12, width - used)), style,
                                      match_style)]).crop_extend(0, width, style)


def _marked(snippet: Snippet, style: Style, match_style: Style) -> list[Segment]:
    """The snippet as segments, its marks in `match_style`; text made displayable."""
    text = one_line(snippet.text)  # one character for one: the marks still fit
    out: list[Segment] = []
    at = 0
    for start, end in snippet.marks:
        if start < at:
            continue
        if start > at:
            out.append(Segment(text[at:start], style))
        out.append(Segment(text[start:end], match_style))
        at = end
    if at < len(text):
        out.append(Segment(text[at:], style))
    return out
