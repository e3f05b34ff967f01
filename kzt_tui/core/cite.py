"""References an editor accepts and every copy of a passage: one wording for the outlet, the
place of a passage as paragraph and line, and the copy variants the explorer offers.

Textual-free: the explorer only picks a variant (COPIES) and hands the text to the clipboard.
A copy is worded in the interface's language (a Russian reference for a Russian article);
exports call these in English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.i18n import N_, tr
from kzt_tui.core.model import Citation, Discrepancy, Document, Record, Span, Statement

#: What every screen, copy and export says when a text names no outlet.
OUTLET_NOT_NAMED = N_("outlet not named")

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
#: Russian months: of a day ("26 ноября 2025"), and alone ("ноябрь 2025").
_MONTHS_RU_OF = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря")
_MONTHS_RU = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
              "сентябрь", "октябрь", "ноябрь", "декабрь")


def outlet_name(doc: Document) -> str:
    """The outlet as the text names it, or OUTLET_NOT_NAMED: the one wording everywhere."""
    return doc.outlet.name if doc.outlet else OUTLET_NOT_NAMED


def date_words(date: str | None, lang: str = "en") -> str:
    """"2025-11-26" → "26 November 2025" ("November 2025", "2025"); None → "undated";
    in Russian "26 ноября 2025" ("ноябрь 2025")."""
    if not date:
        return tr("undated", lang)
    parts = date.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return date
    if len(numbers) >= 2 and 1 <= numbers[1] <= 12:
        months = (_MONTHS_RU_OF if len(numbers) == 3 else _MONTHS_RU) if lang == "ru" \
            else _MONTHS
        month = f"{months[numbers[1] - 1]} {numbers[0]}"
        return f"{numbers[2]} {month}" if len(numbers) == 3 else month
    return date


def _span_text(first: int, last: int) -> tuple[bool, str]:
    """(True, "7–8") for a range (a plural), (False, "7") for one."""
    return (False, str(first)) if first == last else (True, f"{first}–{last}")


def place(corpus: Corpus, doc_id: str, line_start: int, line_end: int,
          lang: str = "en") -> str:
    """"paragraph 7 (line 115)" or "paragraphs 7–8 (lines 115–117)": where a passage is, as a
    reader counts (core/paragraphs.py) and as an editor's text editor counts; in `lang`."""
    paragraphs = corpus.paragraphs(doc_id)
    p_plural, p_range = _span_text(paragraphs.at_or_before(line_start),
                                   paragraphs.at_or_before(line_end))
    l_plural, l_range = _span_text(line_start, line_end)
    if p_plural:
        where = tr("paragraphs {paragraphs}", lang).format(paragraphs=p_range)
    else:
        where = tr("paragraph {paragraph}", lang).format(paragraph=p_range)
    lines = (tr("lines {lines}", lang).format(lines=l_range) if l_plural
             else tr("line {n}", lang).format(n=l_range))
    return f"{where} ({lines})"


def reference(corpus: Corpus, cite: Citation, *, with_path: bool = False,
              literal: Callable[[str], str] = str, lang: str = "en") -> str:
    """Where a passage comes from, as an editor reads it: title (Russian, then English; in
    a Russian reference the Russian alone), byline, outlet as the text names it, date,
    paragraph and line; the file only `with_path`. `literal` makes the document's own
    strings safe for an output format."""
    doc = corpus.document(cite.doc)
    parts = [f"«{literal(doc.title.ru)}»" if lang == "ru"
             else f"«{literal(doc.title.ru)}» ({literal(doc.title.en)})"]
    if doc.author:
        parts.append(literal(doc.author))
    parts.append(literal(tr(outlet_name(doc), lang) if not doc.outlet else outlet_name(doc)))
    parts.append(date_words(doc.date, lang))
    if cite.span is not None:
        parts.append(place(corpus, cite.doc, cite.span.line_start, cite.span.line_end, lang))
    if with_path:
        parts.append(literal(doc.file))
    return ", ".join(parts)


# --- The copy variants ----------------------------------------------------------------------


def document_reference(corpus: Corpus, doc_id: str, lang: str = "en") -> str:
    """A source document as a reference list names it: title, byline, outlet, date."""
    return reference(corpus, Citation(doc_id, "", ""), lang=lang)


def passage_with_reference(corpus: Corpus, cite: Citation, lang: str = "en") -> str:
    """The quote and its reference, ready to paste."""
    return f"«{cite.quote}»\n— {reference(corpus, cite, lang=lang)}"


def passage_with_translation(corpus: Corpus, cite: Citation, lang: str = "en",
                             speaker: str | None = None) -> str:
    """The quote, its English translation and its reference (a passage no fact cites has
    none: it says so rather than leave the line out unnoticed); a `speaker`'s words say
    whose they are ("— Kassym-Jomart Tokayev, quoted in «…»")."""
    label = tr("English:", lang)
    english = cite.translation or tr("(no translation recorded)", lang)
    where = reference(corpus, cite, lang=lang)
    if speaker:
        where = tr("{speaker}, quoted in {reference}", lang).format(speaker=speaker,
                                                                    reference=where)
    return f"«{cite.quote}»\n{label} {english}\n— {where}"


def speaker_name(corpus: Corpus, record: Record | None, lang: str) -> str | None:
    """The name of who says `record` when it is a statement with a named speaker."""
    if not isinstance(record, Statement) or record.voice != "speaker" or not record.speaker:
        return None
    person = corpus.get(record.speaker)
    return person.label(lang) if person is not None else record.speaker


def _with_translation(corpus: Corpus, record: Record | None, cite: Citation | None,
                      lang: str) -> str | None:
    """`t`: the selected passage with its translation; a statement's with its speaker."""
    if cite is None:
        return None
    return passage_with_translation(corpus, cite, lang, speaker_name(corpus, record, lang))


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
    # Imported here: the explorer's first frame copies nothing (core/sentences.py, ~0.6 ms)
    from kzt_tui.core.sentences import split_sentences

    # A sentence never crosses a line, so those that overlap the quote are on its lines.
    inside = [s for s in split_sentences(text) if s.start < span.end and s.end > span.start]
    start = min([span.start, *(s.start for s in inside)])
    end = max([span.end, *(s.end for s in inside)])
    return Stretch(text[start:end], span.line_start, span.line_end, start, end)


def _fact_citation(corpus: Corpus, doc_id: str, start: int, end: int) -> Citation | None:
    """The citation of a fact of `doc_id` with exactly the span `start`–`end`, if any."""
    for fact in corpus.facts_of(doc_id):
        span = fact.citation.span
        if span is not None and (span.start, span.end) == (start, end):
            return fact.citation
    return None


def selected_passage(corpus: Corpus, doc_id: str, start: int, end: int) -> Citation:
    """The passage of a source between offsets `start` and `end`, verbatim, as the copies
    take a selection: a fact's citation with exactly that span (its translation kept), else
    the selected text with no translation."""
    found = _fact_citation(corpus, doc_id, start, end)
    if found is not None:
        return found
    text = corpus.text(doc_id)
    line = text.count("\n", 0, start) + 1
    return Citation(doc_id, text[start:end], "",
                    span=Span(start, end, line, line + text.count("\n", start, end)))


def passage_at(corpus: Corpus, doc_id: str, start: int, end: int,
               prefer: str | None = None) -> Citation:
    """The passage of a source a reader is at (offsets `start`–`end`), as the copies take
    it: the citation of a fact with exactly that span, its translation kept; else (a search
    hit, an unaccounted sentence) the whole sentence(s) around it, verbatim: as a record's
    translated citation that covers them (`prefer`'s, if the record of that id has one,
    else the shortest, else the first), else with no translation. A quotation is never a
    fragment of a word's sentence; `t` after a search hit said "no translation recorded"
    where a statement's translation covered the sentence."""
    found = _fact_citation(corpus, doc_id, start, end)
    if found is not None:
        return found
    stretch = whole_sentences(corpus, selected_passage(corpus, doc_id, start, end))
    covering = [fact for fact in corpus.facts_of(doc_id) if fact.citation.translation
                and (span := fact.citation.span) is not None
                and span.start <= stretch.start and stretch.end <= span.end]
    if covering:
        best = min(covering, key=lambda fact: (fact.record.id != prefer,
                                               _length(fact.citation.span)))
        return best.citation
    return Citation(doc_id, stretch.text, "", span=Span(stretch.start, stretch.end,
                                                         stretch.line_start, stretch.line_end))


def _length(span: Span | None) -> int:
    return 0 if span is None else span.end - span.start


def sentences_with_reference(corpus: Corpus, cite: Citation, lang: str = "en") -> str:
    """The whole sentence(s) around the quote, verbatim, with the reference to them."""
    stretch = whole_sentences(corpus, cite)
    if not stretch.line_start:
        return passage_with_reference(corpus, cite, lang)
    doc_ref = document_reference(corpus, cite.doc, lang)
    where = place(corpus, cite.doc, stretch.line_start, stretch.line_end, lang)
    return f"«{stretch.text}»\n— {doc_ref}, {where}"


#: A document's id as curators write it in prose: whole ("doc-000-state-visit") or by its
#: numbered start ("doc-000").
_DOC_ID = re.compile(r"\bdoc-[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*")


def with_titles(corpus: Corpus, text: str, lang: str = "en") -> str:
    """`text` with each document id it names (whole, or the start of one document's id
    up to a hyphen) replaced by that document's «title»: a copy is read by an editor, who
    knows the texts by title, not by the dataset's ids. Other words are left as written."""
    ids = [d.id for d in corpus.section("documents")]

    def title(match: re.Match[str]) -> str:
        word = match.group(0)
        while word:  # "doc-002's" is matched as "doc-002"; "doc-000-x" may name doc-000
            found = [i for i in ids if i == word or i.startswith(word + "-")]
            if len(found) == 1:
                doc = corpus.document(found[0])
                rest = match.group(0)[len(word):]
                return f"«{doc.title.get(lang)}»" + rest
            word = word.rpartition("-")[0] if word.count("-") > 1 else ""
        return match.group(0)

    return _DOC_ID.sub(title, text)


def both_sides(corpus: Corpus, record: Discrepancy, lang: str = "en") -> str:
    """Every side of a discrepancy: its claim, then each passage with its translation and
    reference; the documents its prose names by id, by title. Nothing is resolved: the
    sides follow in the data's order."""
    title = with_titles(corpus, record.label(lang), lang)
    out = [tr("Discrepancy: {title}", lang).format(title=title),
           with_titles(corpus, record.description, lang)]
    for number, side in enumerate(record.sides, 1):
        claim = with_titles(corpus, side.claim, lang)
        out += ["", tr("Side {n}: {claim}", lang).format(n=number, claim=claim)]
        out += [passage_with_translation(corpus, cite, lang) for cite in side.citations]
    return "\n".join(out)


@dataclass(frozen=True, slots=True)
class CopyVariant:
    """One way to copy: what the notification calls it, and how it is made from the
    selected record and passage (None: nothing to copy here)."""

    what: str  # a msgid: the notification shows it in the interface's language
    #: (corpus, record, passage, language) → the text
    make: Callable[[Corpus, Record | None, Citation | None, str], str | None]


@dataclass(frozen=True, slots=True)
class _OfCite:
    """A copy made from the selected passage alone: None when none is selected. (A class,
    not a closure made at import, so that its code runs, and is tested, per copy.)"""

    build: Callable[[Corpus, Citation, str], str]

    def __call__(self, corpus: Corpus, _record: Record | None, cite: Citation | None,
                 lang: str) -> str | None:
        return None if cite is None else self.build(corpus, cite, lang)


#: Every copy the explorer offers, by the name its action passes (`copy('reference')`).
COPIES: dict[str, CopyVariant] = {
    "reference": CopyVariant(N_("quote with reference"), _OfCite(passage_with_reference)),
    "quote": CopyVariant(N_("quote"), _OfCite(lambda _corpus, cite, _lang: cite.quote)),
    "translation": CopyVariant(N_("quote with translation and reference"),
                               _with_translation),
    "sentences": CopyVariant(N_("whole sentences with reference"),
                             _OfCite(sentences_with_reference)),
    "sides": CopyVariant(N_("both sides of the discrepancy"),
                         lambda corpus, record, _cite, lang: both_sides(corpus, record, lang)
                         if isinstance(record, Discrepancy) else None),
    # `y` on a document in the list or detail: the document is the source, not a passage
    "document": CopyVariant(N_("reference of the document"),
                            lambda corpus, record, _cite, lang:
                            document_reference(corpus, record.id, lang)
                            if isinstance(record, Document) else None),
}


def copy_text(corpus: Corpus, variant: str, record: Record | None,
              cite: Citation | None, lang: str = "en") -> tuple[str, str] | None:
    """(text, what it is) of copy `variant` for the selection, worded in `lang`, or None
    if it does not apply (no passage selected; both sides of something that is not a
    discrepancy)."""
    spec = COPIES[variant]
    text = spec.make(corpus, record, cite, lang)
    return None if text is None else (text, spec.what)
