"""Global search over every fact and the full text of every source.

Case-, ё/е- and script-insensitive: a query word matches a text word when it is a substring
of it after folding (`fold`) or after transliteration to a common skeleton (`skeleton`),
so `galkynysh` finds Галкыныш and `туркментелеком` finds Türkmentelekom. The index is
built once; each query scans the vocabulary (distinct words), not the texts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import filter_text, row_text
from kzt_tui.core.model import SECTION_SINGULAR, Record, all_citations
from kzt_tui.core.textnorm import fold, query_terms, skeleton

SNIPPET_RADIUS = 60
_WORD = re.compile(r"\w+")


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
        # word → {unit: (start, end) of the word's first occurrence in that unit}
        self._postings: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
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
        self._is_fact = [u.record_id is not None for u in self.units]

    def _add(self, unit: Unit) -> None:
        index = len(self.units)
        self.units.append(unit)
        postings = self._postings
        # fold() maps one character to one, so offsets in the folded text are the unit's own.
        for match in _WORD.finditer(fold(unit.text)):
            postings[match.group()].setdefault(index, match.span())

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
        first_words: list[str] = []
        for term in terms:
            # Ascending weight, so that a unit holding several matching words keeps the best.
            matched = sorted(self._matching_words(term).items(), key=lambda item: item[1])
            if not first_words:
                first_words = [word for word, _ in matched]
            term_scores: dict[int, float] = {}
            for word, weight in matched:
                term_scores.update(dict.fromkeys(self._postings[word], weight))
            if scores is None:
                scores = term_scores
            else:
                scores = {u: scores[u] + term_scores[u] for u in scores.keys() & term_scores}
            if not scores:
                return []
        assert scores is not None
        # Rank by score (+0.5 for a fact over a source line), then index; scores take few
        # distinct values, so bucket them instead of sorting every matching unit.
        buckets: dict[float, list[int]] = defaultdict(list)
        is_fact = self._is_fact
        for unit, score in scores.items():
            buckets[score + 0.5 if is_fact[unit] else score].append(unit)
        ranked: list[int] = []
        for total in sorted(buckets, reverse=True):
            ranked += sorted(buckets[total])
            if len(ranked) >= limit:
                break
        return [self._hit(u, scores[u], *self._first_match(u, first_words)) for u in
                ranked[:limit]]

    def _first_match(self, unit: int, words: list[str]) -> tuple[int, int]:
        """Where the earliest of `words` starts and ends in `unit`."""
        spans = [self._postings[w][unit] for w in words if unit in self._postings[w]]
        return min(spans) if spans else (0, 0)

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
            return f"{SECTION_SINGULAR[record.section]}: {row_text(record, lang)}"
        doc = self.corpus.document(hit.unit.doc_id or "")
        return f"source {doc.id}, line {hit.unit.line}: {doc.title.get(lang)}"


def _record_text(record: Record) -> str:
    parts = [filter_text(record)]
    for cite in all_citations(record):
        parts += [cite.quote, cite.translation]
    return "\n".join(parts)
