"""How much of each source text the dataset accounts for, sentence by sentence.

A sentence is *cited* when the passages that records cite cover at least half of its
characters (spaces aside), *dismissed* when dismissals (with any citations) do, and
*unaccounted* otherwise. Half, of the union of every span: "any overlap" would count a
sentence whose three-word number a figure quotes as done while its two other claims are
unrecorded (the gap the audit found); "all of it" would refuse the short quotes figures
rightly use. Several short quotes of one sentence add up.
"""

from __future__ import annotations

from dataclasses import dataclass

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.sentences import Sentence, split_sentences

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

    @property
    def accounted_share(self) -> float:
        """Cited and dismissed sentences as a share of all (1.0 for a text with none)."""
        return (self.cited + self.dismissed) / self.total if self.total else 1.0


def _covered(text: str, sentence: Sentence, spans: list[tuple[int, int]]) -> bool:
    """Whether `spans` cover at least COVERED of the sentence's non-space characters."""
    chars = [i for i in range(sentence.start, sentence.end) if not text[i].isspace()]
    if not chars:
        return True
    hit = sum(1 for i in chars if any(s <= i < e for s, e in spans))
    return hit >= COVERED * len(chars)


def _spans_in(spans: list[tuple[int, int]], sentence: Sentence) -> list[tuple[int, int]]:
    return [(s, e) for s, e in spans if s < sentence.end and e > sentence.start]


def coverage(corpus: Corpus) -> list[DocCoverage]:
    """The coverage of every document's text, in document order."""
    dismissed: dict[str, list[tuple[int, int]]] = {}
    for dismissal in corpus.dataset.dismissals:
        span = dismissal.citation.span
        if span is not None:
            dismissed.setdefault(dismissal.citation.doc, []).append((span.start, span.end))
    out = []
    for doc in corpus.dataset.documents:
        text = corpus.text(doc.id)
        cited_spans = [(f.citation.span.start, f.citation.span.end)
                       for f in corpus.facts_of(doc.id) if f.citation.span is not None]
        dismissed_spans = dismissed.get(doc.id, [])
        cited = dismissed_count = 0
        unaccounted: list[Sentence] = []
        for sentence in split_sentences(text):
            own = _spans_in(cited_spans, sentence)
            if own and _covered(text, sentence, own):
                cited += 1
            elif _covered(text, sentence, own + _spans_in(dismissed_spans, sentence)):
                dismissed_count += 1
            else:
                unaccounted.append(sentence)
        total = cited + dismissed_count + len(unaccounted)
        out.append(DocCoverage(doc.id, doc.file, total, cited, dismissed_count,
                               tuple(unaccounted)))
    return out
