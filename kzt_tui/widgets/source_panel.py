"""The source panel: the document's header (titles, where the reader is, date, outlet,
file) above its text, and a legend of the highlights under it while it is read."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.strip import Strip
from textual.visual import Visual, visualize
from textual.widgets import Static

from kzt_tui.app_protocol import lang_of
from kzt_tui.core.cite import outlet_name
from kzt_tui.core.i18n import N_, tr, vocab
from kzt_tui.core.model import Document, Span
from kzt_tui.core.textnorm import one_line
from kzt_tui.widgets.reading_place import Place
from kzt_tui.widgets.source_view import FAINT, GAP, GAP_HERE, STRONG, SourceText

#: The source header's lines: Russian title, English title, then where the passage is and
#: the document's date, outlet, kind and file. Always this many, each cut short with an
#: ellipsis rather than wrapped, so the header never changes height: a change of height
#: lays the screen out, which costs a second frame after the one with the new text.
HEADER_LINES = 3


def legend(lang: str) -> Text:
    """What the highlights mean, shown under the text while it is read (focused or
    widened), in `lang`."""
    return Text.assemble(
        (" " + tr("this passage", lang) + " ", STRONG), "  ",
        (tr("other cited passages", lang), FAINT), "  ",
        (" " + tr("unaccounted", lang) + " ", GAP), " ", (" (u) ", GAP_HERE),
        no_wrap=True, overflow="ellipsis", end="",
    )


def _key(line: Text) -> Hashable:
    return line.plain, line.style, tuple(line.spans)


#: How many drawn lines a header keeps (by text, width and style).
DRAWN_KEPT = 256


class SourceHeader(Static):
    """The source header: a Static whose lines are drawn one at a time, each kept by its
    text, width and style, and of which a change redraws only the lines that changed.

    The header is redrawn on every list key (where the reader is, on its third line): as a
    Static, its three lines were made anew each time from one Text (converted to Content,
    laid out, cut with an ellipsis, padded), the largest single piece of a key's frame
    (issue 18). The same cells (tests/ui/test_source_header.py compares them with a
    Static's)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._lines: tuple[Text, ...] = ()
        self._keys: tuple[Hashable, ...] = ()
        self._drawn: dict[Hashable, Strip] = {}

    def show(self, lines: Sequence[Text]) -> None:
        """Show `lines` (at most HEADER_LINES), redrawing only those that changed."""
        keys = tuple(_key(line) for line in lines)
        if keys == self._keys:
            return
        old, self._lines, self._keys = self._keys, tuple(lines), keys
        width = self.size.width
        changed = [Region(0, y, width, 1) for y in range(HEADER_LINES)
                   if (old[y] if y < len(old) else None) != (keys[y] if y < len(keys) else None)]
        if width and changed:
            self.refresh(*changed)
        else:
            self.refresh()

    def render(self) -> Text:
        """The lines as one Text (what the header says)."""
        return Text("\n").join(self._lines)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.visual_style
        if y >= len(self._lines):  # as Widget.render_line pads a Static's short content
            return Strip.blank(width, style.rich_style)
        key = (self._keys[y], y, width, style)
        selecting = self.text_selection is not None  # drawn as Textual draws a selection
        strip = None if selecting else self._drawn.get(key)
        if strip is None:
            if len(self._drawn) >= DRAWN_KEPT:
                self._drawn.clear()
            # after y blank lines, so that its cells carry the offsets (y included) that
            # Textual's text selection reads, as the line of a Static does
            line = Text("\n" * y)
            line.append_text(self._lines[y])
            strips = Visual.to_strips(self, visualize(self, line, markup=False),
                                      width, y + 1, style)
            strip = strips[y] if y < len(strips) else Strip.blank(width, style.rich_style)
            if not selecting:
                self._drawn[key] = strip
        return strip


class SourcePanel(Vertical):
    """Header (titles, where the reader is, date, outlet, file) above the source text, and
    a legend of its highlights under it while it is read."""

    DEFAULT_CSS = f"""
    SourcePanel {{ height: 1fr; }}
    SourcePanel > #source-header {{ height: {HEADER_LINES}; padding: 0 1;
        text-wrap: nowrap; text-overflow: ellipsis; background: $boost; color: $text; }}
    SourcePanel > #source-legend {{ height: 1; padding: 0 1; display: none;
        background: $boost; }}
    SourcePanel.-reading > #source-legend {{ display: block; }}
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: What it shows: the document, `where`, the place and the selection.
        self._header: tuple[Document | None, str, Place, object] | None = None
        self._doc: Document | None = None
        self._where = ""

    def compose(self) -> ComposeResult:
        yield SourceHeader(id="source-header")
        yield SourceText(id="source-text")

    def on_mount(self) -> None:
        self.watch(self.text_view, "place", self._show_header, init=False)
        self.watch(self.text_view, "selected", self._show_header, init=False)

    def on_descendant_focus(self) -> None:
        self.add_class("-reading")  # the legend shows while the text is read
        # Made the first time the text is read (widened, z, focuses it too): the first
        # frame, where the list has the focus, never shows it, and composing, styling and
        # laying it out hidden was part of that frame's cost (issue 18).
        if not self.query("#source-legend"):
            self.mount(Static(legend(lang_of(self)), id="source-legend", markup=False))

    def on_descendant_blur(self) -> None:
        self.remove_class("-reading")

    @property
    def text_view(self) -> SourceText:
        """The text part."""
        return self.query_one(SourceText)

    def show(self, doc: Document | None, doc_id: str, text: str, strong: Span | None,
             faint: list[Span], gaps: list[tuple[int, int]] | None = None,
             where: str = "") -> None:
        """Show `text` as SourceText.show does, with `doc`'s identity (and `where`) above
        it: the header drawn once, for the new place, not first for the old one."""
        self._doc, self._where = doc, where
        self.text_view.show(doc_id, text, strong, faint, gaps)
        self._show_header()  # nothing to draw if the new place already drew it

    def relabel(self) -> None:
        """Show the header and the legend again in the interface's language (after `L`);
        the text, its scroll and its cursor stay as they are."""
        self._header = None
        self._show_header()
        for shown in self.query("#source-legend").results(Static):  # none before it is read
            shown.update(legend(lang_of(self)))

    def _show_header(self, _changed: object = None) -> None:
        doc, where, place = self._doc, self._where, self.text_view.place
        selected = self.text_view.selected
        shown = self._header
        if shown is not None and shown[0] is doc and shown[1:] == (where, place, selected):
            return  # unchanged
        self._header = (doc, where, place, selected)
        header = self.query_one(SourceHeader)
        lang = lang_of(self)
        if doc is None:
            header.show([Text(tr("No passage selected", lang), style="italic")])
            return
        line = Text(one_line(doc.title.ru), style="bold")
        line.append("\n" + one_line(doc.title.en), style="italic")
        line.append("\n")
        size = selected[1] - selected[0] if selected else 0
        chosen = tr(N_("selected {n} characters"), lang).format(n=size) if selected else ""
        # `where` (a search hit) said what the reader was put at; once u/U went to an
        # unaccounted sentence it is that, not the hit ("unaccounted 2/4 · search hit")
        if place.gap:
            where = ""
        for part in (chosen, place.describe(lang), one_line(tr(where, lang) if where else "")):
            if part:
                line.append(part + " · ")
        outlet = one_line(tr(outlet_name(doc), lang))  # "outlet not named" is a msgid
        line.append(
            f"{doc.date or tr('undated', lang)} · {outlet}"
            f" · {vocab(doc.kind, lang)} · {one_line(doc.file)}",
            style="dim",
        )
        header.show(list(line.split("\n")))  # as one Text: the base style (bold) on every line
