"""Two records (or two passages) side by side: each one's detail above its passage in its
source. C or escape closes it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import citations_for
from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.model import Record, section_of
from kzt_tui.core.textnorm import one_line
from kzt_tui.widgets.detail_view import CiteKey, DetailView, detail_blocks, detail_key
from kzt_tui.widgets.key_bar import KeyBar
from kzt_tui.widgets.line_view import LineView
from kzt_tui.widgets.sides_view import Column, SideColumn


@dataclass(frozen=True, slots=True)
class Compared:
    """One side of a comparison: a record and which of its passages (from 0)."""

    record: Record
    cite: int = 0


class CompareScreen(Screen[None]):
    """Each compared record's detail (from its top) above its passage, in two columns."""

    DEFAULT_CSS = """
    CompareScreen > #compare-title { height: 1; padding: 0 1; background: $accent 40%;
        text-wrap: nowrap; text-overflow: ellipsis; }
    CompareScreen > #compare-body { height: 1fr; }
    CompareScreen .compare-column { width: 1fr; height: 1fr; }
    CompareScreen .compare-column.-later { border-left: tall $primary-darken-2; }
    CompareScreen DetailView { height: 1fr; border-bottom: hkey $primary-darken-2; }
    CompareScreen DetailView:focus { background: $boost; }
    CompareScreen SideColumn.-later { border-left: none; }
    """
    BINDINGS = [
        Binding("C", "close", N_("Close compare"), show=True),
        Binding("escape", "close", N_("Close compare"), show=False),
    ]

    def __init__(self, corpus: Corpus, lang: str, left: Compared, right: Compared) -> None:
        super().__init__()
        self.corpus, self.lang = corpus, lang
        self.compared = (left, right)

    def compose(self) -> ComposeResult:
        yield Static(id="compare-title", markup=False)
        with Horizontal(id="compare-body"):
            for n in range(2):
                with Vertical(classes="compare-column" + (" -later" if n else "")):
                    yield DetailView(id=f"compare-detail-{n}")
                    yield SideColumn()
        yield KeyBar()

    def on_mount(self) -> None:
        names = [f"{tr(section_of(c.record).singular, self.lang)}: "
                 f"{one_line(c.record.label(self.lang))}"
                 for c in self.compared]
        title = Text(tr("Compare", self.lang) + "  ", style="bold")
        title.append(names[0]).append("  ⇄  ", style="bold").append(names[1])
        title.append("   " + tr("(C or esc closes)", self.lang), style="dim")
        self.query_one("#compare-title", Static).update(title)
        for n, item in enumerate(self.compared):
            cites = citations_for(self.corpus, item.record)
            detail = self.query_one(f"#compare-detail-{n}", DetailView)
            detail.show(detail_blocks(self.corpus, item.record, self.lang),
                        cursor_key=CiteKey(item.cite) if cites else None)
            self._show_passage(n, item.cite)
        self.query_one("#compare-detail-0", DetailView).focus()

    def _show_passage(self, n: int, index: int) -> None:
        """Column `n`'s passage `index` in its source (none: the column shows no source)."""
        record = self.compared[n].record
        cites = citations_for(self.corpus, record)
        column = self.query(SideColumn)[n]
        column.display = bool(cites)
        if cites:
            index = min(max(index, 0), len(cites) - 1)
            note = tr("passage {n}/{total}", self.lang).format(n=index + 1, total=len(cites))
            title = f"{tr(section_of(record).singular, self.lang)}: {record.label(self.lang)}"
            column.show(self.corpus, Column(title, note, cites[index]))

    @on(LineView.Highlighted)
    def _moved(self, message: LineView.Highlighted) -> None:
        key = detail_key(message.key)
        if isinstance(key, CiteKey) and message.view.id:
            self._show_passage(int(message.view.id.rsplit("-", 1)[1]), key.index)

    def action_close(self) -> None:
        self.dismiss(None)
