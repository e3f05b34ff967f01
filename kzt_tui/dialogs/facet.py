"""A facet: the frequency table of one column (value and count); enter keeps only the
records that hold the chosen value, esc closes."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from kzt_tui.app_protocol import lang_of
from kzt_tui.core.columns import Column, facet_label
from kzt_tui.core.i18n import N_, tr, trn
from kzt_tui.core.table import FacetRow
from kzt_tui.widgets.fact_list import FactList, Row, TableHead

#: The dialog's own columns: the value, how many records hold it, and their share.
FACET_COLUMNS = (
    Column("value", N_("Value"), lambda r, c: None, 30, 0, title=True),
    Column("count", N_("Count"), lambda r, c: None, 6, 1, right=True),
    Column("share", N_("Share"), lambda r, c: None, 6, 2, right=True),
)


class FacetScreen(ModalScreen[str | None]):
    """The values of `column` among `total` records, most frequent first; dismisses with the
    chosen value ("" for the records with none) or None."""

    DEFAULT_CSS = """
    FacetScreen { align: center middle; }
    FacetScreen > Vertical { width: 60; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; }
    FacetScreen #facet-title { height: 1; padding: 0 1; text-style: bold; }
    FacetScreen #facet-values { height: auto; max-height: 30; }
    FacetScreen #facet-help { height: 1; color: $text-muted; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "close", N_("Close"))]

    def __init__(self, column: Column, rows: Sequence[FacetRow], total: int) -> None:
        super().__init__()
        self.column = column
        self.values = list(rows)
        self.total = total

    def compose(self) -> ComposeResult:
        lang = lang_of(self)
        with Vertical():
            values = trn("{n} value", "{n} values", len(self.values), lang).format(
                n=len(self.values))
            records = trn("{n} record", "{n} records", self.total, lang).format(n=self.total)
            yield Static(tr("Facet by {column}: {values} in {records}", lang).format(
                             # English names the field as `field:` takes it; a
                             # translation names the column by its translated header
                             column=self.column.name if lang == "en"
                             else tr(self.column.header, lang), values=values,
                             records=records),
                         id="facet-title", markup=False)
            yield FactList(id="facet-values", empty_text=N_("No records."))
            yield Static(tr("enter keeps these records · esc closes", lang), id="facet-help",
                         markup=False)

    def on_mount(self) -> None:
        facet_list = self.query_one(FactList)
        facet_list.set_head(TableHead(FACET_COLUMNS, current=-1))
        share = max(1, self.total)
        lang = lang_of(self)
        facet_list.set_rows([
            Row(str(n), facet_label(self.column, row.value, lang),
                (facet_label(self.column, row.value, lang), str(row.count),
                 f"{100 * row.count / share:.0f}%"))
            for n, row in enumerate(self.values)
        ])
        facet_list.focus()

    @on(FactList.Chosen, "#facet-values")
    def _chosen(self, message: FactList.Chosen) -> None:
        self.dismiss(self.values[int(message.key)].value)

    def action_close(self) -> None:
        self.dismiss(None)
