"""The search dialog's list: one hit a row, what it is and where, then the words around the
match with every match highlighted, the first always in view."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from kzt_tui.core.snippets import ELLIPSIS, Snippet
from kzt_tui.core.textnorm import cut_apart, one_line
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


#: The kind is padded to this many characters, so names start in one column; in a row
#: narrower than WIDE_ROW to NARROW_KIND_WIDTH (a longer kind cut: "discrepan…").
KIND_WIDTH, NARROW_KIND_WIDTH, WIDE_ROW = 13, 10, 90
#: What the record's name is given before the snippet's half of the row, as long as the
#: snippet keeps SNIPPET_MIN: at 80x24 the half left a title 8 characters ("Prospec…"),
#: and hits of one field of one kind could not be told apart.
NAME_MIN, SNIPPET_MIN = 24, 24
#: The field ("title (ru)", "translation") is cut to this.
WHERE_MAX = 14


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
        on_cursor = index == self.cursor
        if on_cursor:
            style = style + self._cursor_style
        line = self.lines[index]
        label_style = style + self.get_component_rich_style("hit-list--label", partial=True)
        # the field in the accent colour, except on the cursor, whose background is the
        # accent: there it keeps the cursor's colour (the theme's text, its contrast with
        # that background worked out by the theme), bold (it was orange on orange)
        where_style = style + (Style(bold=True) if on_cursor else
                               self.get_component_rich_style("hit-list--where", partial=True))
        match_style = style + self.get_component_rich_style("hit-list--match", partial=True)
        # kept apart from the names of the rows in view only: hits are made as shown
        top = int(self.scroll_offset.y)
        names = [one_line(self.lines[i].name)
                 for i in range(top, min(len(self.lines), top + self.size.height))]
        kind, name, where = hit_head(line, width, names)
        head = [Segment(kind, label_style),
                *([Segment(name, label_style), Segment(" · ", label_style)] if name else []),
                Segment(where, where_style), Segment("  ", style)]
        used = sum(len(s.text) for s in head)
        return Strip([*head, *_marked(line.snippet.fit(max(12, width - used)), style,
                                      match_style)]).crop_extend(0, width, style)


def hit_head(line: HitLine, width: int, names: Iterable[str] = ()) -> tuple[str, str, str]:
    """The kind column, the name and the field of a row `width` wide, each cut to fit.

    The snippet may take half the row; the name gets what is left, but at least NAME_MIN
    (or all of it, if shorter): for that the kind column narrows (below WIDE_ROW), then
    the snippet gives up room down to SNIPPET_MIN. The name is cut last of all, and not
    to what another of `names` (the other hits') is cut to: cut_apart keeps them apart."""
    kind_width = KIND_WIDTH if width >= WIDE_ROW else NARROW_KIND_WIDTH
    kind = _cut(one_line(line.kind), kind_width - 1).ljust(kind_width - 1)
    where = _cut(one_line(line.where), WHERE_MAX)
    name = one_line(line.name)
    fixed = 1 + kind_width + 3 + len(where) + 2  # " kind ", " · ", the field, "  "
    snippet = min(len(line.snippet.text), width // 2)
    want = min(len(name), NAME_MIN)
    if width - fixed - snippet < want:
        snippet = max(min(snippet, SNIPPET_MIN), width - fixed - want)
    name = cut_apart(name, max(8, width - fixed - snippet), names)
    return " " + kind + " ", name, where


def _cut(text: str, room: int) -> str:
    return text if len(text) <= room else text[: room - 1] + ELLIPSIS


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
