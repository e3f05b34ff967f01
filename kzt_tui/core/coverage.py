"""How much of each source text the dataset accounts for, sentence by sentence.

A sentence is *cited* when the passages that records cite cover at least half of its
characters (spaces aside), *dismissed* when dismissals (with any citations) do, and
*unaccounted* otherwise. Half, of the union of every span: "any overlap" would count a
sentence whose three-word number a figure quotes as done while its two other claims are
unrecorded (the gap the audit found); "all of it" would refuse the short quotes figures
rightly use. Several short quotes of one sentence add up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.model import Document, Record
from kzt_tui.core.sentences import MAX_SENTENCES, Sentence, split_sentences

#: The share of a sentence's characters its spans must cover for it to count.
COVERED = 0.5


@dataclass(frozen=True, slots=True)
class DocCoverage:
    """One source text's sentences: how many, and which are cited, dismissed or neither."""

    doc: str
    file: str
    total: int
    cited: int
    dismissed: int
    unaccounted: tuple[Sentence, ...]
    #: The text has more than MAX_SENTENCES sentences: only the first were counted.
    partial: bool = False

    @property
    def accounted_share(self) -> float:
        """Cited and dismissed sentences as a share of all (1.0 for a text with none)."""
        return (self.cited + self.dismissed) / self.total if self.total else 1.0


_SPACE = re.compile(r"\s+")


def _solid(text: str, start: int, end: int) -> int:
    """How many non-space characters text[start:end] holds."""
    piece = text[start:end]
    return len(piece) - sum(len(m) for m in _SPACE.findall(piece))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` as sorted, disjoint intervals."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _covered_counts(text: str, sentences: list[Sentence],
                    spans: list[tuple[int, int]]) -> list[int]:
    """For each sentence, how many of its non-space characters `spans` cover: one sweep
    over the sentences and the merged spans, so the cost grows with the text, not with
    sentences × spans."""
    intervals = _merged(spans)
    got, first = [], 0
    for sentence in sentences:
        while first < len(intervals) and intervals[first][1] <= sentence.start:
            first += 1
        hit, k = 0, first
        while k < len(intervals) and intervals[k][0] < sentence.end:
            hit += _solid(text, max(intervals[k][0], sentence.start),
                          min(intervals[k][1], sentence.end))
            k += 1
        got.append(hit)
    return got


def citing(corpus: Corpus, doc_id: str, start: int, end: int) -> list[Record]:
    """The records whose citations of `doc_id` overlap its text `start`–`end`, each once, in
    text order: what a dismissal of that passage would contradict."""
    found = {f.record.id: f.record for f in corpus.facts_of(doc_id)
             if f.citation.span is not None
             and f.citation.span.start < end and f.citation.span.end > start}
    return list(found.values())


def _dismissed_spans(corpus: Corpus) -> dict[str, list[tuple[int, int]]]:
    """The spans of the dismissals of each document."""
    dismissed: dict[str, list[tuple[int, int]]] = {}
    for dismissal in corpus.dataset.dismissals:
        span = dismissal.citation.span
        if span is not None:
            dismissed.setdefault(dismissal.citation.doc, []).append((span.start, span.end))
    return dismissed


_DISMISSED: WeakKeyDictionary[Corpus, dict[str, list[tuple[int, int]]]] = WeakKeyDictionary()


def document_coverage(corpus: Corpus, doc_id: str) -> DocCoverage | None:
    """The coverage of one document's text (None if there is no such document): what a
    list shows for one row, without splitting every other text."""
    doc = corpus.get(doc_id)
    if not isinstance(doc, Document):
        return None
    dismissed = _DISMISSED.get(corpus)
    if dismissed is None:
        dismissed = _DISMISSED[corpus] = _dismissed_spans(corpus)
    return _one(corpus, doc, dismissed, {})


def coverage(corpus: Corpus) -> list[DocCoverage]:
    """The coverage of every document's text, in document order. A file that several
    documents name is split once."""
    dismissed = _dismissed_spans(corpus)
    split: dict[str, tuple[list[Sentence], list[int]]] = {}
    return [_one(corpus, doc, dismissed, split) for doc in corpus.dataset.documents]


def _one(corpus: Corpus, doc: Document, dismissed: dict[str, list[tuple[int, int]]],
         split: dict[str, tuple[list[Sentence], list[int]]]) -> DocCoverage:
    text = corpus.text(doc.id)
    if doc.file not in split:
        sentences = split_sentences(text)
        split[doc.file] = (sentences, [_solid(text, s.start, s.end) for s in sentences])
    sentences, solid = split[doc.file]
    cited_spans = [(f.citation.span.start, f.citation.span.end)
                   for f in corpus.facts_of(doc.id) if f.citation.span is not None]
    by_citations = _covered_counts(text, sentences, cited_spans)
    by_both = _covered_counts(text, sentences, cited_spans + dismissed.get(doc.id, []))
    cited = dismissed_count = 0
    unaccounted: list[Sentence] = []
    for sentence, size, own, both in zip(sentences, solid, by_citations, by_both,
                                         strict=True):
        if own and own >= COVERED * size:
            cited += 1
        elif both >= COVERED * size:
            dismissed_count += 1
        else:
            unaccounted.append(sentence)
    total = cited + dismissed_count + len(unaccounted)
    return DocCoverage(doc.id, doc.file, total, cited, dismissed_count,
                       tuple(unaccounted), partial=len(sentences) >= MAX_SENTENCES)
