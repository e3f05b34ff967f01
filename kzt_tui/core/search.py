"""Global search over every fact and the full text of every source.

Case-, ё/е- and script-insensitive: a query word matches a text word when it is a substring
of it after folding (`fold`) or after transliteration to a common skeleton (`skeleton`),
so `galkynysh` finds Галкыныш and `туркментелеком` finds Türkmentelekom. The index is
built once; each query scans the vocabulary (distinct words), not the texts.
"""

from __future__ import annotations

import re
import threading
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from heapq import merge
from itertools import islice
from operator import add

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import filter_text, row_text
from kzt_tui.core.model import SECTION_SINGULAR, Record, all_citations
from kzt_tui.core.parts import Cancelled
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
    """Vocabulary → postings over facts and source lines.

    Compact, because at 1,000x the corpus it holds ~17 million postings: a posting is a
    unit number in an array of 4-byte ints, and a unit keeps no text (a hit takes its
    text from the record or the source again, and finds the matched word there)."""

    def __init__(self, corpus: Corpus, cancel: threading.Event | None = None) -> None:
        """Index every record and source line of `corpus`; setting `cancel` stops the
        build (Cancelled)."""
        self.corpus = corpus
        #: Units 0 … n-1 are the records; unit n + i is line i of the sources.
        self._records: list[str] = list(corpus.by_id)
        self._docs: list[str] = [d.id for d in corpus.section("documents")]
        self._line_doc = array("I")
        self._line_no = array("I")
        self._line_offset = array("I")
        postings: dict[str, array[int]] = {}
        self._postings = postings
        unit = 0
        for record in corpus.by_id.values():
            self._add(unit, _record_text(record))
            unit += 1
            if cancel is not None and not unit % 1024 and cancel.is_set():
                raise Cancelled
        for doc_index, doc_id in enumerate(self._docs):
            if cancel is not None and cancel.is_set():
                raise Cancelled
            offset = 0
            for number, line in enumerate(corpus.text(doc_id, keep=False).split("\n"), 1):
                if line.strip():
                    self._line_doc.append(doc_index)
                    self._line_no.append(number)
                    self._line_offset.append(offset)
                    self._add(unit, line)
                    unit += 1
                offset += len(line) + 1
        self._vocab = list(postings)
        self._vocab_skeleton = [skeleton(w) for w in self._vocab]
        self._warm_up()

    def _warm_up(self) -> None:
        """Make and drop what a query of the commonest word makes (score tables, their
        intersection, a sort), here in the build's thread. The first query to touch that
        much memory otherwise pays for the process's heap growing into fresh pages: at
        1000x the first two-word query of common words took ~240 ms, the same query again
        ~140 ms; after this the first one takes ~120 ms too (~0.15 s added to the build)."""
        if not self._postings:
            return
        biggest = max(self._postings.values(), key=len)
        if len(biggest) < 50_000:  # small corpora: nothing worth warming
            return
        first = dict.fromkeys(biggest, 1.0)
        second = dict.fromkeys(biggest, 2.0)
        second.update(first)
        common = first.keys() & second.keys()
        sorted(dict(zip(common, common, strict=True)))

    def _add(self, unit: int, text: str) -> None:
        postings = self._postings
        for word in set(_WORD.findall(fold(text))):
            found = postings.get(word)
            if found is None:
                found = postings[word] = array("I")
            found.append(unit)

    def __len__(self) -> int:
        """How many units (records and non-blank source lines) the index holds."""
        return len(self._records) + len(self._line_doc)

    def unit(self, index: int) -> Unit:
        """Unit `index`, with its text."""
        records = len(self._records)
        if index < records:
            record = self.corpus.by_id[self._records[index]]
            return Unit(record.id, None, 0, 0, _record_text(record))
        line = index - records
        doc_id = self._docs[self._line_doc[line]]
        text = self.corpus.text(doc_id)
        start = self._line_offset[line]
        end = text.find("\n", start)
        return Unit(None, doc_id, start, self._line_no[line],
                    text[start:] if end == -1 else text[start:end])

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
            else:  # units holding every term so far; at 1000x ~100,000 of them: no Python loop
                common = scores.keys() & term_scores.keys()
                totals = map(add, map(scores.__getitem__, common),
                             map(term_scores.__getitem__, common))
                scores = dict(zip(common, totals, strict=True))
            if not scores:
                return []
        assert scores is not None
        # Rank by score (+0.5 for a fact over a source line), then by unit number; sorted in
        # C: facts (the lowest numbers) and lines apart, each by score (stable, so equal
        # scores stay in unit order), then merged up to `limit` (ties: the fact first).
        records = len(self._records)
        units = sorted(scores)
        split = bisect_left(units, records)
        facts = sorted(units[:split], key=scores.__getitem__, reverse=True)
        lines = sorted(units[split:], key=scores.__getitem__, reverse=True)
        final = scores

        def rank(unit: int) -> float:
            return -(final[unit] + 0.5) if unit < records else -final[unit]

        ranked = list(islice(merge(facts, lines, key=rank), limit))
        wanted = set(first_words)
        return [self._hit(self.unit(u), scores[u], wanted) for u in ranked[:limit]]

    def _hit(self, unit: Unit, score: float, words: set[str]) -> SearchHit:
        # fold() maps one character to one, so offsets in the folded text are the unit's own
        start, end = next((m.span() for m in _WORD.finditer(fold(unit.text))
                           if m.group() in words), (0, 0))
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
