"""Passages side by side: one column per side of a discrepancy (or per record compared),
each a source text with its passage highlighted under a header naming the claim and its
document."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kzt_tui.app_protocol import lang_of
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.i18n import tr
from kzt_tui.core.model import Citation, Discrepancy
from kzt_tui.core.textnorm import one_line
from kzt_tui.widgets.source_view import SourceText

#: Columns shown at once when the area is at least WIDE cells wide; two below that.
MOST_COLUMNS, WIDE = 3, 90


@dataclass(frozen=True, slots=True)
class Column:
    """What one column shows: a title (the claim, the record), a note under it (which side
    of how many, which passage), the passage and whether it is the one the user is on."""

    title: str
    note: str
    cite: Citation
    current: bool = False


class SideColumn(Vertical):
    """A header of two lines (title; document, line, note) above a source text."""

    DEFAULT_CSS = """
    SideColumn { width: 1fr; height: 1fr; }
    SideColumn > .side-header { height: 2; padding: 0 1; text-wrap: nowrap;
        text-overflow: ellipsis; background: $boost; }
    SideColumn.-current > .side-header { background: $accent 40%; }
    SideColumn.-later { border-left: tall $primary-darken-2; }
    """

    def compose(self) -> ComposeResult:
        yield Static(classes="side-header", markup=False)
        yield SourceText()

    def show(self, corpus: Corpus, column: Column) -> None:
        """Show `column`: its passage highlighted in its document, the document's other
        passages of this column faint."""
        cite = column.cite
        doc = corpus.document(cite.doc)
        line = cite.span.line_start if cite.span else None
        header = Text(one_line(column.title), style="bold")
        where = [column.note] if column.note else []
        if line:  # both numberings: the margin below numbers paragraphs, not lines
            paragraph = corpus.paragraphs(cite.doc).at_or_before(line)
            where += [tr("line {n}", lang_of(self)).format(n=line), f"¶ {paragraph}"]
        header.append("\n" + one_line(" · ".join(where)) + " · " if where else "\n")
        header.append(f"{one_line(doc.title.get(lang_of(self)))} ({cite.doc})",
                      style="italic dim")
        self.query_one(".side-header", Static).update(header)
        self.set_class(column.current, "-current")
        text = self.query_one(SourceText)
        text.show(doc.id, corpus.text(doc.id), cite.span, [])


class SidesView(Horizontal):
    """Up to MOST_COLUMNS SideColumns; the caller says how many it may use (`columns`)."""

    DEFAULT_CSS = """
    SidesView { height: 1fr; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._sides: tuple[Corpus, Discrepancy, int] | None = None  # what show_sides showed
        self._fit = 0  # how many columns fitted then
        #: The columns are composed when first shown, not with the explorer: most sessions
        #: never open a discrepancy's sides, and the first frame does not show them.
        self._built = False
        self._waiting: tuple[Corpus, list[Column]] | None = None  # to show once built

    @property
    def fit(self) -> int:
        """How many columns fit: three when wide, else two. Before it is laid out, the
        width it will have: the source's side of a wide screen, or all of a narrow one."""
        width = self.size.width or self.screen.size.width * (55 if self.screen.size.width
                                                             >= 100 else 100) // 100
        return MOST_COLUMNS if width >= WIDE else 2

    def show(self, corpus: Corpus, columns: list[Column]) -> None:
        """One column per entry of `columns` (at most MOST_COLUMNS), the rest hidden."""
        self._sides = None
        self._show(corpus, columns)

    def _show(self, corpus: Corpus, columns: list[Column]) -> None:
        if not self._built:
            if self._waiting is None:
                self.call_later(self._build)
            self._waiting = (corpus, columns)  # the latest wins
            return
        for n, widget in enumerate(self.query(SideColumn)):
            widget.display = n < len(columns)
            if n < len(columns):
                widget.show(corpus, columns[n])

    def show_sides(self, corpus: Corpus, discrepancy: Discrepancy, index: int) -> None:
        """The sides of `discrepancy` that fit, always the side of passage `index` (of all
        its sides' passages) among them; ] and [ page through them with the passages."""
        from kzt_tui.core.compare import side_window

        self._sides = (corpus, discrepancy, index)
        self._fit = self.fit
        total = len(discrepancy.sides)
        shown = side_window(discrepancy, index, self._fit)
        columns = []
        lang = lang_of(self)
        for s in shown:
            note = tr("side {n}/{total}", lang).format(n=s.number, total=total)
            if len(shown) < total:
                note += " · ] " + tr("more", lang)
            if len(s.side.citations) > 1:
                note += " · " + tr("passage {n}/{total}", lang).format(
                    n=s.cite_number, total=len(s.side.citations))
            columns.append(Column(f"{s.number}. {s.side.claim}", note, s.cite, s.current))
        self._show(corpus, columns)

    async def _build(self) -> None:
        """Compose the columns, then show what was asked for meanwhile."""
        await self.mount_all(SideColumn(classes="-later" if n else "")
                             for n in range(MOST_COLUMNS))
        self._built = True
        if self._waiting is not None:
            corpus, columns = self._waiting
            self._waiting = None
            self._show(corpus, columns)

    def relabel(self) -> None:
        """Show the sides again in the interface's language (after `L`)."""
        if self._sides is not None:
            self.show_sides(*self._sides)

    def on_resize(self) -> None:
        if self._sides is not None and self.fit != self._fit:
            self.show_sides(*self._sides)
