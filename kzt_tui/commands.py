"""Command-palette provider: jump to any record by (fuzzy) name or id."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from kzt_tui.core.describe import row_text
from kzt_tui.core.textnorm import one_line

KINDS = {
    "documents": "document",
    "agreements": "agreement",
    "corridors": "corridor",
    "figures": "figure",
    "discrepancies": "discrepancy",
    "events": "event",
    "people": "person",
    "organisations": "organisation",
}


class RecordCommands(Provider):
    """Every record as a palette entry: `agreement: Joint Statement …`."""

    def _entries(self) -> list[tuple[str, str]]:
        app = self.app
        corpus = app.corpus  # type: ignore[attr-defined]
        lang = app.lang  # type: ignore[attr-defined]
        return [
            (record.id, f"{KINDS[record.section]}: {one_line(row_text(record, lang))}")
            for record in corpus.by_id.values()
        ]

    def _jump(self, record_id: str) -> None:
        screen = self.app.get_screen("explorer")
        screen.jump_to(record_id)  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for record_id, text in self._entries()[:40]:
            yield DiscoveryHit(text, partial(self._jump, record_id), help=record_id)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for record_id, text in self._entries():
            score = max(matcher.match(text), matcher.match(record_id))
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._jump, record_id),
                          text=text, help=record_id)
