"""Global search over every fact and the full text of every source.

Case-, ё/е- and script-insensitive: a query word matches a text word when it is a substring
of it after folding (`fold`) or the start of it after transliteration to a common skeleton
(`skeleton`), so `galkynysh` finds Галкыныш and `туркментелеком` finds Türkmentelekom. The
index is built once; each query finds its words in the vocabulary (distinct words, sorted:
core/lexicon.py), not in the texts.
"""

from __future__ import annotations

import posixpath
import re
import threading
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, compress
from typing import TypeVar, overload

from kzt_tui.core import ranking
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.lexicon import Lexicon
from kzt_tui.core.model import Record, section_of
from kzt_tui.core.problems import Cancelled
from kzt_tui.core.snippets import Match, Snippet, best_field, record_fields, snippet
from kzt_tui.core.textnorm import fold, query_terms
from kzt_tui.core.wordforms import stem

_WORD = re.compile(r"\w+")
#: Bounds of one index, past which it is partial (SearchIndex.partial says which): the
#: characters of source texts read (each file once), the non-blank source lines looked at
#: (each a unit, ~16 bytes) and the word positions (postings, 8 bytes each: 4 in the
#: word's postings, 4 in the unit's forward index). The shipped
#: data at 1,000x is ~47 million characters, ~0.5 million units, ~16 million postings.
MAX_SOURCE_CHARS = 128_000_000
MAX_LINES = 2_000_000
MAX_POSTINGS = 32_000_000
#: Characters of a source split into lines at once: a text of 16 MB of "a\n" would
#: otherwise be a list of 8 million strings (~500 MB) before the first is indexed.
_CHUNK = 1 << 20
#: Up to how many hits a one-word query is ranked by merging postings (SearchIndex.ranked):
#: the merge runs in Python, one step per posting read; past this, sets are faster.
EARLY_LIMIT = 2_000
#: A word read in a unit's forward index costs about this many postings looked up.
BY_UNIT_COST = 2


_T = TypeVar("_T")


class Lazy(Sequence[_T]):
    """A sequence whose items are made when first read, then kept: a search dialog shows a
    screenful of its 200 hits, and a hit's snippet costs more than finding it."""

    def __init__(self, count: int, make: Callable[[int], _T]) -> None:
        self._made: list[_T | None] = [None] * count
        self._make = make

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...

    def __getitem__(self, index: int | slice) -> _T | list[_T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        got = self._made[index]  # IndexError past the end, as a list's
        if got is None:
            got = self._made[index] = self._make(index)
        return got

    def __iter__(self) -> Iterator[_T]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable cache: not hashable, as a list


class _Full(Exception):
    """A bound of the index is reached: what is indexed so far stays searchable."""


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
    """One ranked result with a context snippet; `start`/`end` index the unit's source (a
    fact's: the matched field's text), `snippet[snippet_start:snippet_end]` is that match
    and `marks` every match in the snippet."""

    unit: Unit
    score: float
    start: int
    end: int
    snippet: str
    snippet_start: int
    snippet_end: int
    #: The fact's field that matched ("quote", "title (ru)", "notes"…); "" for a source line.
    field: str = ""
    marks: tuple[tuple[int, int], ...] = ()

    @property
    def context(self) -> Snippet:
        """The snippet, its marks and focus, as core/snippets makes them."""
        return Snippet(self.snippet, self.marks, (self.snippet_start, self.snippet_end))

    @property
    def is_fact(self) -> bool:
        """True for a record, False for a passage of a source text."""
        return self.unit.record_id is not None


class Hits(Lazy[SearchHit]):
    """A query's hits, best first, made as they are read; `facts` of them are facts, the
    rest source lines."""

    def __init__(self, count: int, make: Callable[[int], SearchHit], facts: int) -> None:
        super().__init__(count, make)
        self.facts = facts

    @classmethod
    def none(cls) -> Hits:
        """No hits (an empty query)."""
        return cls(0, _no_hit, 0)


def _no_hit(index: int) -> SearchHit:
    raise IndexError(index)


class SearchIndex:
    """Vocabulary → postings over facts and source lines.

    Compact, because at 1,000x the corpus it holds ~17 million postings: a posting is a
    unit number in an array of 4-byte ints (and the word's number in the unit's forward
    index, 4 bytes more), and a unit keeps no text (a hit takes its
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
        self._posted = 0
        #: The forward index: unit u's word numbers (a word's place in `postings`) are
        #: _words[_starts[u]:_starts[u + 1]]; a query of several words ranks the units of
        #: its rarest word by reading their words here (ranking.by_units).
        self._word_no: dict[str, int] = {}
        self._words = array("I")
        self._starts = array("I")
        #: None, or why only part of the texts is searchable (a bound was reached).
        self.partial: str | None = None
        try:
            self._add_all(corpus, cancel)
        except _Full as full:
            self.partial = str(full)
        self._starts.extend([len(self._words)] * (len(self) + 1 - len(self._starts)))
        self._lexicon = Lexicon(postings)
        self._warm_up()

    def _add_all(self, corpus: Corpus, cancel: threading.Event | None) -> None:
        unit = 0
        for record in corpus.by_id.values():
            self._add(unit, _record_text(record))
            unit += 1
            if cancel is not None and not unit % 1024 and cancel.is_set():
                raise Cancelled
        # A file named by several documents is indexed once, its lines found under the
        # first of them (otherwise N documents naming one 16 MB file cost N times).
        seen_files: set[str] = set()
        chars = lines = 0
        for doc_index, doc_id in enumerate(self._docs):
            if cancel is not None and cancel.is_set():
                raise Cancelled
            file = posixpath.normpath(corpus.document(doc_id).file)
            if file in seen_files:
                continue
            seen_files.add(file)
            text = corpus.text(doc_id, keep=False)
            full = chars + len(text) > MAX_SOURCE_CHARS
            if full:  # its first lines, as far as the bound
                text = text[: text.rfind("\n", 0, MAX_SOURCE_CHARS - chars) + 1]
            chars += len(text)
            number = offset = 0  # of the chunk's first line
            while offset < len(text):
                end = text.find("\n", offset + _CHUNK)
                end = len(text) if end == -1 else end + 1
                pieces = text[offset:end].split("\n")
                if end < len(text) or text.endswith("\n"):
                    pieces.pop()  # the empty piece after the chunk's last newline
                # empty lines are skipped in C (compress): a text of newlines costs no loop
                at, line_offset = -1, offset
                for index, line in compress(enumerate(pieces), pieces):
                    line_offset += index - at - 1  # the empty lines between, one \n each
                    at = index
                    if line.strip():
                        lines += 1
                        if lines > MAX_LINES:
                            raise _Full(f"only the first {MAX_LINES:,} lines of the sources "
                                        "are indexed")
                        self._line_doc.append(doc_index)
                        self._line_no.append(number + index + 1)
                        self._line_offset.append(line_offset)
                        self._add(unit, line)
                        unit += 1
                    line_offset += len(line) + 1
                    if cancel is not None and not lines % 4096 and cancel.is_set():
                        raise Cancelled
                number += len(pieces)
                offset = end
            if full:
                raise _Full(f"only the first {MAX_SOURCE_CHARS:,} characters of the sources "
                            "are indexed")

    def _warm_up(self) -> None:
        """Make and drop what a query of the commonest word makes (its unit sets, their
        intersection, a sort), here in the build's thread. The first query to touch that
        much memory otherwise pays for the process's heap growing into fresh pages: at
        1000x the first two-word query of common words took ~1.7× as long as the same
        query again (~0.1 s added to the build). The Russian stemmer is loaded here too
        (~15 ms), not on the first keystroke of a Russian word."""
        stem("газа")
        if not self._postings:
            return
        biggest = max(self._postings.values(), key=len)
        if len(biggest) < 50_000:  # small corpora: nothing worth warming
            return
        first, second = set(biggest), set(biggest)
        sorted(first & second)

    def _add(self, unit: int, text: str) -> None:
        postings, numbers, forward = self._postings, self._word_no, self._words
        words = set(_WORD.findall(fold(text)))
        self._posted += len(words)
        if self._posted > MAX_POSTINGS:
            raise _Full(f"only the first {MAX_POSTINGS:,} word positions are indexed")
        self._starts.extend([len(forward)] * (unit + 1 - len(self._starts)))
        for word in words:
            found = postings.get(word)
            if found is None:
                found = postings[word] = array("I")
                numbers[word] = len(numbers)
            found.append(unit)
            forward.append(numbers[word])

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

    def search(self, query: str, limit: int = 200) -> Hits:
        """Units containing every query word, best first, at most `limit`; each hit's
        snippet is made when the hit is first read."""
        ranked = self.ranked(query, limit)
        terms = [t for t in query_terms(query) if t]
        facts = sum(1 for unit, _ in ranked if unit < len(self._records))
        return Hits(len(ranked), lambda i: self._hit(self.unit(ranked[i][0]), ranked[i][1],
                                                     terms), facts)

    def ranked(self, query: str, limit: int = 200, early: bool = True
               ) -> list[tuple[int, float]]:
        """(unit, score) of the best `limit` units holding every query word: by score (a
        fact's +ranking.FACT), then facts before source lines, then unit number. With
        `early`, a query of one word stops reading its postings once the `limit` best are
        certain (the same list as without: tests/test_search_early.py)."""
        terms = [t for t in query_terms(query) if t]
        if early and len(terms) == 1 and limit <= EARLY_LIMIT:
            return self._rank_one(terms[0], limit)
        if early and len(terms) > 1:
            return self._rank_by_units(terms, limit)
        return self._rank(terms, limit)

    def _rank_by_units(self, terms: list[str], limit: int) -> list[tuple[int, float]]:
        """_rank of a query of several words, from the units of its rarest word: the other
        words are looked for only among them, by reading each unit's own words (the
        forward index) or by looking each of a word's postings up among them, whichever
        reads less; never a set of every unit that holds a common word (typing
        "turkmenbashi p": the "p" is in ~4 million postings at 1000x)."""
        matched = [self._lexicon.matching(term) for term in terms]
        sizes = [sum(len(self._postings[w]) for w in words) for words in matched]
        rarest = min(range(len(terms)), key=sizes.__getitem__)
        totals = ranking.levels(matched[rarest], self._postings)
        per_unit = len(self._words) // max(1, len(self))  # words a unit holds, on average
        order = sorted(range(len(terms)), key=sizes.__getitem__)
        for at in order:
            if at == rarest:
                continue
            if not totals:
                return []
            units = sum(map(len, totals.values()))
            if units * per_unit * BY_UNIT_COST < sizes[at]:
                numbered = {self._word_no[w]: weight for w, weight in matched[at].items()}
                totals = ranking.by_units(totals, numbered, self._words, self._starts,
                                          limit if at == order[-1] else None,
                                          self._holders(matched[at], units))
            else:  # looked up among the units so far, when they are fewer
                within = set().union(*totals.values()) if units * 2 < sizes[at] else None
                totals = ranking.combined(
                    totals, ranking.levels(matched[at], self._postings, within))
        return ranking.ordered(totals, len(self._records), limit)

    def _holders(self, words: dict[str, float], units: int) -> dict[float, set[int]]:
        """The units holding each weight's words, for the weights whose words are in fewer
        postings than `units` (a set of them costs less than reading the units' words)."""
        by_weight: dict[float, list[str]] = {}
        for word, weight in words.items():
            by_weight.setdefault(weight, []).append(word)
        return {weight: set(chain.from_iterable(self._postings[w] for w in some))
                for weight, some in by_weight.items()
                if sum(len(self._postings[w]) for w in some) < units}

    def _rank_one(self, term: str, limit: int) -> list[tuple[int, float]]:
        """_rank of a one-word query without making a set of every unit that holds it (a
        one-letter word is in most units: ~8 million postings at 1000x, ~1 s).

        The order is a few buckets — (weight, facts or lines), best first — and within a
        bucket by unit number; a posting array is sorted, its facts first (units below
        len(self._records)). So each bucket's smallest units come from merging the words'
        arrays from where that part starts, skipping units held with a better weight
        (those of the buckets before, all read in full, since they held fewer than
        `limit`), until `limit` units are found."""
        by_weight: dict[float, list[array[int]]] = {}
        for word, weight in self._lexicon.matching(term).items():
            by_weight.setdefault(weight, []).append(self._postings[word])
        records = len(self._records)
        buckets = sorted([(w + ranking.FACT, 0, w) for w in by_weight]
                         + [(w, 1, w) for w in by_weight], key=lambda b: (-b[0], b[1]))
        better: tuple[set[int], set[int]] = (set(), set())  # units of the buckets before
        out: list[tuple[int, float]] = []
        for _, lines, weight in buckets:
            got = ranking.smallest(by_weight[weight], records if lines else 0,
                            None if lines else records, limit - len(out), better[lines])
            out.extend((unit, weight) for unit in got)
            if len(out) >= limit:
                break
            better[lines].update(got)  # fewer than asked: the whole bucket
        return out

    def _rank(self, terms: list[str], limit: int) -> list[tuple[int, float]]:
        """`ranked` by sets: each term's units, by weight, intersected term by term.

        A term's units are split by the best weight they hold it with (exact word, prefix,
        substring, skeleton): a few disjoint sets. Sets of equal total score are combined
        term by term with C-level set operations, so a query of two words that are in
        ~500,000 units each builds a few sets, not a score table of every unit; only the
        best of them are sorted, until `limit` units are found."""
        if not terms:
            return []
        totals: dict[float, set[int]] | None = None
        for term in terms:
            levels = ranking.levels(self._lexicon.matching(term), self._postings)
            totals = levels if totals is None else ranking.combined(totals, levels)
            if not totals:
                return []
        assert totals is not None
        return ranking.ordered(totals, len(self._records), limit)

    def _hit(self, unit: Unit, score: float, terms: list[str]) -> SearchHit:
        field = ""
        found: tuple[Snippet, Match] | None
        if unit.record_id is not None:
            best = best_field(self.corpus.by_id[unit.record_id], terms, score)
            field, found = (best[0], best[1:]) if best is not None else ("", None)
        else:
            found = snippet(unit.text, terms)
        if found is None:  # not expected: the index found every term in this unit
            return SearchHit(unit, score, unit.offset, unit.offset, "", 0, 0, field)
        shown, first = found
        return SearchHit(unit, score, unit.offset + first.start, unit.offset + first.end,
                         shown.text, *shown.focus, field, shown.marks)

    def place(self, hit: SearchHit, lang: str = "en") -> tuple[str, str, str]:
        """What a hit is and where: (kind, name, where) — ("figure", its label, the field
        that matched) or ("source", the document's title, "line N"). The name is "" when
        the snippet is that label already."""
        if hit.unit.record_id:
            record = self.corpus.by_id[hit.unit.record_id]
            name = "" if hit.field == f"title ({lang})" else record.label(lang)
            return tr(section_of(record).singular, lang), name, field_words(hit.field, lang)
        doc = self.corpus.document(hit.unit.doc_id or "")
        return (tr("source", lang), doc.title.get(lang),
                tr("line {n}", lang).format(n=hit.unit.line))


#: The words of the fields search reads (core/snippets.py record_fields), as msgids.
FIELD_WORDS = (N_("title"), N_("quote"), N_("translation"), N_("notes"), N_("details"))


def field_words(field: str, lang: str) -> str:
    """A matched field as the interface says it: "quote 2" → "цитата 2"."""
    word, space, rest = field.partition(" ")
    return tr(word, lang) + space + rest


def _record_text(record: Record) -> str:
    return "\n".join(text for _, text in record_fields(record))
