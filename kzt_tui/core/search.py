"""Global search over every fact and the full text of every source.

Case-, ё/е- and script-insensitive: a query word matches a text word when it is a substring
of it after folding (`fold`) or after transliteration to a common skeleton (`skeleton`),
so `galkynysh` finds Галкыныш and `туркментелеком` finds Türkmentelekom. The index is
built once; each query scans the vocabulary (distinct words), not the texts.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import filter_text, row_text
from kzt_tui.core.model import Record, all_citations
from kzt_tui.core.textnorm import fold, query_terms, skeleton, words

SNIPPET_RADIUS = 60


@dataclass(frozen=True, slots=True)
class Unit:
    """A searchable piece: a record's text, or one line of a source."""

    record_id: str | None
    doc_id: str | None
    offset: int  # where `text` starts in the source (source units)
    line: int
    text: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked result with a context snippet; `start`/`end` index the unit's source."""

    unit: Unit
    score: float
    start: int
    end: int
    snippet: str
    snippet_start: int
    snippet_end: int

    @property
    def is_fact(self) -> bool:
        """True for a record, False for a passage of a source text."""
        return self.unit.record_id is not None


class SearchIndex:
    """Vocabulary → postings over facts and source lines."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.units: list[Unit] = []
        self._postings: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        for record in corpus.by_id.values():
            self._add(Unit(record.id, None, 0, 0, _record_text(record)))
        for doc in corpus.section("documents"):
            text = corpus.text(doc.id)
            offset = 0
            for number, line in enumerate(text.split("\n"), 1):
                if line.strip():
                    self._add(Unit(None, doc.id, offset, number, line))
                offset += len(line) + 1
        self._vocab = list(self._postings)
        self._vocab_skeleton = [skeleton(w) for w in self._vocab]

    def _add(self, unit: Unit) -> None:
        index = len(self.units)
        self.units.append(unit)
        for start, end, word in words(unit.text):
            self._postings[fold(word)].append((index, start, end))

    def _matching_words(self, term: str) -> dict[str, float]:
        """Vocabulary words a query term matches, with a weight (exact form beats skeleton)."""
        skel = skeleton(term)
        found: dict[str, float] = {}
        for word, word_skel in zip(self._vocab, self._vocab_skeleton, strict=True):
            if term in word:
                found[word] = 3.0 if word == term else 2.0 if word.startswith(term) else 1.5
            elif skel and skel in word_skel:
                found[word] = 1.0
        return found

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Units containing every query word, best first, at most `limit`."""
        terms = [t for t in query_terms(query) if t]
        if not terms:
            return []
        scores: dict[int, float] | None = None
        first_match: dict[int, tuple[int, int]] = {}
        for n, term in enumerate(terms):
            term_scores: dict[int, float] = {}
            for word, weight in self._matching_words(term).items():
                for unit, start, end in self._postings[word]:
                    if weight > term_scores.get(unit, 0.0):
                        term_scores[unit] = weight
                    if n == 0 and (unit not in first_match or start < first_match[unit][0]):
                        first_match[unit] = (start, end)
            if scores is None:
                scores = term_scores
            else:
                scores = {u: s + term_scores[u] for u, s in scores.items() if u in term_scores}
            if not scores:
                return []
        assert scores is not None
        ranked = sorted(
            scores.items(),
            key=lambda item: (-(item[1] + (0.5 if self.units[item[0]].record_id else 0.0)),
                              item[0]),
        )[:limit]
        return [self._hit(u, s, *first_match.get(u, (0, 0))) for u, s in ranked]

    def _hit(self, index: int, score: float, start: int, end: int) -> SearchHit:
        unit = self.units[index]
        lo = max(0, start - SNIPPET_RADIUS)
        hi = min(len(unit.text), end + SNIPPET_RADIUS)
        prefix = "…" if lo > 0 else ""
        snippet = prefix + unit.text[lo:hi] + ("…" if hi < len(unit.text) else "")
        return SearchHit(
            unit,
            score,
            unit.offset + start,
            unit.offset + end,
            snippet,
            len(prefix) + start - lo,
            len(prefix) + end - lo,
        )

    def title(self, hit: SearchHit, lang: str = "en") -> str:
        """What a hit is: the record's row, or the document and line."""
        if hit.unit.record_id:
            record = self.corpus.by_id[hit.unit.record_id]
            return f"{record.section[:-1]}: {row_text(record, lang)}"
        doc = self.corpus.document(hit.unit.doc_id or "")
        return f"source {doc.id}, line {hit.unit.line}: {doc.title.get(lang)}"


def _record_text(record: Record) -> str:
    parts = [filter_text(record)]
    for cite in all_citations(record):
        parts += [cite.quote, cite.translation]
    return "\n".join(parts)
