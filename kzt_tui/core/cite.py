"""References an editor accepts and every copy of a passage: one wording for the outlet, the
place of a passage as paragraph and line, and the copy variants the explorer offers.

Textual-free: the explorer only picks a variant (COPIES) and hands the text to the clipboard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.model import Citation, Discrepancy, Document, Record, Span
from kzt_tui.core.sentences import split_sentences

#: What every screen, copy and export says when a text names no outlet.
OUTLET_NOT_NAMED = "outlet not named"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def outlet_name(doc: Document) -> str:
    """The outlet as the text names it, or OUTLET_NOT_NAMED: the one wording everywhere."""
    return doc.outlet.name if doc.outlet else OUTLET_NOT_NAMED


def date_words(date: str | None) -> str:
    """"2025-11-26" → "26 November 2025" ("November 2025", "2025"); None → "undated"."""
    if not date:
        return "undated"
    parts = date.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return date
    if len(numbers) >= 2 and 1 <= numbers[1] <= 12:
        month = f"{_MONTHS[numbers[1] - 1]} {numbers[0]}"
        return f"{numbers[2]} {month}" if len(numbers) == 3 else month
    return date


def _span_text(first: int, last: int) -> tuple[str, str]:
    """("s", "7–8") for a range, ("", "7") for one."""
    return ("", str(first)) if first == last else ("s", f"{first}–{last}")


def place(corpus: Corpus, doc_id: str, line_start: int, line_end: int) -> str:
    """"paragraph 7 (line 115)" or "paragraphs 7–8 (lines 115–117)": where a passage is, as a
    reader counts (core/paragraphs.py) and as an editor's text editor counts."""
    paragraphs = corpus.paragraphs(doc_id)
    p_plural, p_range = _span_text(paragraphs.at_or_before(line_start),
                                   paragraphs.at_or_before(line_end))
    l_plural, l_range = _span_text(line_start, line_end)
    return f"paragraph{p_plural} {p_range} (line{l_plural} {l_range})"


def reference(corpus: Corpus, cite: Citation, *, with_path: bool = False,
              literal: Callable[[str], str] = str) -> str:
    """Where a passage comes from, as an editor reads it: title (Russian, then English),
    byline, outlet as the text names it, date, paragraph and line; the file only
    `with_path`. `literal` makes the document's own strings safe for an output format."""
    doc = corpus.document(cite.doc)
    parts = [f"«{literal(doc.title.ru)}» ({literal(doc.title.en)})"]
    if doc.author:
        parts.append(literal(doc.author))
    parts.append(literal(outlet_name(doc)))
    parts.append(date_words(doc.date))
    if cite.span is not None:
        parts.append(place(corpus, cite.doc, cite.span.line_start, cite.span.line_end))
    if with_path:
        parts.append(literal(doc.file))
    return ", ".join(parts)


# --- The copy variants ----------------------------------------------------------------------


def passage_with_reference(corpus: Corpus, cite: Citation) -> str:
    """The quote and its reference, ready to paste."""
    return f"«{cite.quote}»\n— {reference(corpus, cite)}"


def passage_with_translation(corpus: Corpus, cite: Citation) -> str:
    """The quote, its English translation and its reference (a passage no fact cites has
    none: it says so rather than leave the line out unnoticed)."""
    english = cite.translation or "(no translation recorded)"
    return f"«{cite.quote}»\nEnglish: {english}\n— {reference(corpus, cite)}"


@dataclass(frozen=True, slots=True)
class Stretch:
    """Verbatim text of a source between two offsets, and the lines it spans."""

    text: str
    line_start: int
    line_end: int
    start: int = 0  # offsets in the source (0, 0: the quote alone, not found there)
    end: int = 0


def whole_sentences(corpus: Corpus, cite: Citation) -> Stretch:
    """The sentence(s) the quote sits in, verbatim from the source: the quote extended to
    the bounds of the sentences it overlaps (core/sentences.py). A citation without a
    span, or whose text no longer holds it, is the quote itself."""
    span = cite.span
    text = corpus.text(cite.doc)
    if span is None or text[span.start:span.end] != cite.quote:
        line = span.line_start if span else 0
        return Stretch(cite.quote, line, span.line_end if span else 0)
    # A sentence never crosses a line, so those that overlap the quote are on its lines.
    inside = [s for s in split_sentences(text) if s.start < span.end and s.end > span.start]
    start = min([span.start, *(s.start for s in inside)])
    end = max([span.end, *(s.end for s in inside)])
    return Stretch(text[start:end], span.line_start, span.line_end, start, end)


def passage_at(corpus: Corpus, doc_id: str, start: int, end: int) -> Citation:
    """The passage of a source a reader is at (offsets `start`–`end`), as the copies take
    it: the citation of a fact with exactly that span, its translation kept; else (a search
    hit, an unaccounted sentence) the whole sentence(s) around it, verbatim, with no
    translation: a quotation is never a fragment of a word's sentence."""
    for fact in corpus.facts_of(doc_id):
        span = fact.citation.span
        if span is not None and (span.start, span.end) == (start, end):
            return fact.citation
    text = corpus.text(doc_id)
    line = text.count("\n", 0, start) + 1
    piece = Span(start, end, line, line + text.count("\n", start, end))
    stretch = whole_sentences(corpus, Citation(doc_id, text[start:end], "", span=piece))
    return Citation(doc_id, stretch.text, "", span=Span(stretch.start, stretch.end,
                                                         stretch.line_start, stretch.line_end))


def sentences_with_reference(corpus: Corpus, cite: Citation) -> str:
    """The whole sentence(s) around the quote, verbatim, with the reference to them."""
    stretch = whole_sentences(corpus, cite)
    if not stretch.line_start:
        return passage_with_reference(corpus, cite)
    doc_ref = reference(corpus, Citation(cite.doc, stretch.text, cite.translation))
    where = place(corpus, cite.doc, stretch.line_start, stretch.line_end)
    return f"«{stretch.text}»\n— {doc_ref}, {where}"


def both_sides(corpus: Corpus, record: Discrepancy) -> str:
    """Every side of a discrepancy: its claim, then each passage with its translation and
    reference. Nothing is resolved: the sides follow in the data's order."""
    out = [f"Discrepancy: {record.label()}", record.description]
    for number, side in enumerate(record.sides, 1):
        out += ["", f"Side {number}: {side.claim}"]
        out += [passage_with_translation(corpus, cite) for cite in side.citations]
    return "\n".join(out)


@dataclass(frozen=True, slots=True)
class CopyVariant:
    """One way to copy: what the notification calls it, and how it is made from the
    selected record and passage (None: nothing to copy here)."""

    what: str
    make: Callable[[Corpus, Record | None, Citation | None], str | None]


def _of_cite(build: Callable[[Corpus, Citation], str]
             ) -> Callable[[Corpus, Record | None, Citation | None], str | None]:
    return lambda corpus, _record, cite: None if cite is None else build(corpus, cite)


#: Every copy the explorer offers, by the name its action passes (`copy('reference')`).
COPIES: dict[str, CopyVariant] = {
    "reference": CopyVariant("quote with reference", _of_cite(passage_with_reference)),
    "quote": CopyVariant("quote", _of_cite(lambda _corpus, cite: cite.quote)),
    "translation": CopyVariant("quote with translation and reference",
                               _of_cite(passage_with_translation)),
    "sentences": CopyVariant("whole sentences with reference",
                             _of_cite(sentences_with_reference)),
    "sides": CopyVariant("both sides of the discrepancy",
                         lambda corpus, record, _cite: both_sides(corpus, record)
                         if isinstance(record, Discrepancy) else None),
}


def copy_text(corpus: Corpus, variant: str, record: Record | None,
              cite: Citation | None) -> tuple[str, str] | None:
    """(text, what it is) of copy `variant` for the selection, or None if it does not
    apply (no passage selected; both sides of something that is not a discrepancy)."""
    spec = COPIES[variant]
    text = spec.make(corpus, record, cite)
    return None if text is None else (text, spec.what)
