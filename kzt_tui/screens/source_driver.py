"""What the explorer's source panel shows: the selection's passage, or a search hit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.i18n import N_
from kzt_tui.core.model import Discrepancy, Document, Span
from kzt_tui.navigation import Selection
from kzt_tui.screens.gaps import known_gaps
from kzt_tui.widgets.source_panel import SourcePanel

if TYPE_CHECKING:  # the search index is imported when first built; the sides when shown
    from kzt_tui.core.search import SearchHit
    from kzt_tui.widgets.sides_view import SidesView


def show_selection(panel: SourcePanel, corpus: Corpus, sel: Selection,
                   sides: SidesView | None = None) -> None:
    """The current passage in its document, the document's other cited passages faint; a
    document without passages shown whole; nothing for any other record. A discrepancy
    shows its sides side by side in `sides` instead (when given)."""
    record = sel.record
    on_sides = sides is not None and isinstance(record, Discrepancy) and sel.citation is not None
    panel.display = not on_sides
    if sides is not None:
        sides.display = on_sides
        if on_sides and isinstance(record, Discrepancy):
            sides.show_sides(corpus, record, sel.index)
            return
    cite = sel.citation
    if cite is None:
        if isinstance(sel.record, Document):
            doc = sel.record
            panel.show(doc, doc.id, corpus.text(doc.id), None, [], known_gaps(corpus, doc.id))
        else:
            panel.show(None, "", "", None, [])
        return
    doc = corpus.document(cite.doc)
    faint = list(dict.fromkeys(
        f.citation.span for f in corpus.facts_of(doc.id)
        if f.citation.span and f.citation.span != cite.span
    ))
    panel.show(doc, doc.id, corpus.text(doc.id), cite.span, faint, known_gaps(corpus, doc.id))


def show_hit(panel: SourcePanel, corpus: Corpus, hit: SearchHit, sel: Selection) -> None:
    """A search hit in a source's text, highlighted, the selection's passages faint."""
    panel.display = True
    doc_id = hit.unit.doc_id or ""
    doc = corpus.document(doc_id)
    line = hit.unit.line
    span = Span(hit.start, hit.end, line, line)
    faint = [c.span for c in sel.cites if c.span]
    panel.show(doc, doc_id, corpus.text(doc_id), span, faint, known_gaps(corpus, doc_id),
               where=N_("search hit"))  # a msgid: the header shows it translated
