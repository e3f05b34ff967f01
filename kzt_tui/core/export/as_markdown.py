"""A Markdown briefing that reads on its own; text from the data is escaped."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kzt_tui import __version__
from kzt_tui.core.cite import date_words, reference
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import fields as describe_fields
from kzt_tui.core.describe import names_in
from kzt_tui.core.export.bibliography import bibliography
from kzt_tui.core.export.common import ExportRequest, by_section, dataset_name, mark_fields
from kzt_tui.core.model import (
    SECTION_BY_NAME,
    Citation,
    Discrepancy,
    Record,
    all_citations,
)
from kzt_tui.core.textnorm import inert

if TYPE_CHECKING:
    from kzt_tui.core.marks import Mark

# --- Markdown -------------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>~|&])")
#: What GitHub-flavoured Markdown turns into a link without brackets (its autolink
#: extension): a scheme's "://", "www." and an e-mail's "@". Escaping the one character
#: splits the text where the extension looks for it.
_MD_AUTOLINK = re.compile(r"(?<=[A-Za-z])(:)(?=//)|(?<=\bwww)(\.)|(?<=\w)(@)(?=\w)", re.I)
_MD_LINE_START = re.compile(r"^(\s*|\s*\d+(?=[.)]))([#+\-=>]|[.)])")


def md_escape(text: str) -> str:
    """Untrusted text as literal Markdown: no links (autolinks included), images, HTML,
    code or emphasis.

    Backslash-escapes the characters that open inline syntax (`[ ] < > ` * _ ~ | &` and
    the backslash itself), and a line start that would make a heading, list, quote or
    setext underline. Whitespace runs (YAML line folds) become one space.
    """
    text = " ".join(text.split())
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_AUTOLINK.sub(lambda m: "\\" + m.group(), text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _md_code(text: str) -> str:
    """`text` as a code span when it can be one, else escaped text."""
    return f"`{text}`" if "`" not in text and "\n" not in text else md_escape(text)


def _md_block_quote(text: str) -> str:
    lines = [md_escape(line) for line in text.splitlines() if line.strip()]
    return "\n".join(f"> {line}" for line in lines) or ">"


class _Notes:
    """The briefing's footnotes: one number per distinct reference, in order of use."""

    def __init__(self, corpus: Corpus, with_ids: bool,
                 marks: Mapping[str, Mark] | None = None) -> None:
        self.corpus, self.with_ids, self.marks = corpus, with_ids, marks
        self.numbers: dict[str, int] = {}
        self.docs: dict[str, None] = {}

    def mark(self, cite: Citation) -> str:
        """The footnote mark ("[^3]") of `cite`'s reference, numbering it on first use."""
        text = reference(self.corpus, cite, with_path=self.with_ids, literal=md_escape)
        self.docs[cite.doc] = None
        number = self.numbers.setdefault(text, len(self.numbers) + 1)
        return f"[^{number}]"

    def lines(self) -> list[str]:
        return [f"[^{n}]: {text}." for text, n in self.numbers.items()]


def _md_passage(notes: _Notes, cite: Citation) -> list[str]:
    out = [_md_block_quote(cite.quote), ">",
           f"> *English:* {md_escape(cite.translation)} {notes.mark(cite)}", ""]
    if cite.note:
        out += [f"Why: {md_escape(cite.note)}", ""]
    return out


def _md_record(corpus: Corpus, notes: _Notes, record: Record) -> list[str]:
    out = [f"### {md_escape(record.label('en'))}", ""]
    if notes.with_ids:
        out += [f"`{record.id}`", ""]
    heading = record.label("en")
    out += [
        f"- **{label}:** {md_escape(value)}"
        # the records a field refers to by their names; their ids only with --with-ids
        for label, value in describe_fields(
            record, "en", (lambda i: i) if notes.with_ids else names_in(corpus, "en"))
        # the heading already says it; a discrepancy's sides follow with their passages
        if not (label in {"Title", "Name"} and value == heading)
        and not (isinstance(record, Discrepancy) and label.startswith("Side "))
        and (notes.with_ids or label != "File")
    ]
    links = corpus.links(record.id)
    if links:
        related = "; ".join(
            f"{link.relation} {md_escape(target.label('en'))}"
            + (f" (`{target.id}`)" if notes.with_ids else "")
            for link in links
            if (target := corpus.get(link.target)) is not None
        )
        out.append(f"- **Related:** {related}")
    if notes.marks is not None:  # what the user noted (--marked, --tag), last
        _, tags, note = mark_fields(notes.marks, record.id)
        out += [f"- **Tags:** {md_escape(', '.join(tags))}"] if tags else []
        out += [f"- **Your note:** {md_escape(note)}"] if note else []
    out.append("")
    if isinstance(record, Discrepancy):
        for i, side in enumerate(record.sides, 1):
            out += [f"**Side {i}:** {md_escape(side.claim)}", ""]
            for cite in side.citations:
                out += _md_passage(notes, cite)
    else:
        for cite in record.citations:
            out += _md_passage(notes, cite)
    return out


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def _summary(grouped: dict[str, list[Record]], sections: Sequence[str]) -> list[str]:
    """Counts: records per section, passages quoted, source texts they come from."""
    listed = [(SECTION_BY_NAME[n].title.lower(), len(grouped.get(n, []))) for n in sections]
    records = [r for n in sections for r in grouped.get(n, [])]
    cites = [c for r in records for c in all_citations(r)]
    docs = {c.doc for c in cites}
    out = ["## Summary", ""]
    out.append("- " + ", ".join(f"{title}: {count:,}" for title, count in listed) + ".")
    out.append(f"- {_plural(len(cites), 'passage')} quoted verbatim from "
               f"{_plural(len(docs), 'source text')}, each with an English translation.")
    disputed = len(grouped.get("discrepancies", []))
    if disputed:
        out.append(f"- {_plural(disputed, 'discrepancy', 'discrepancies')} between sources "
                   "or statements, every side kept; none is resolved here.")
    return [*out, ""]


def markdown(corpus: Corpus, records: Sequence[Record], request: ExportRequest) -> str:
    """A briefing that reads on its own: title, date of export, what was filtered, a
    summary of counts, each fact in plain words with its passages quoted and translated,
    footnoted references and a bibliography (formatted by citeproc-py). Ids and file
    paths only `with_ids`."""
    grouped = by_section(records)
    exported = date_words(request.export_date().isoformat())
    out = [
        f"# Kazakhstan–Turkmenistan relations: {md_escape(request.title)}",
        "",
        f"Briefing exported on {exported} by kzt-tui {__version__}. Every quote is verbatim "
        "from its source text; the notes give the title, outlet, date and paragraph of each.",
        "",
    ]
    if request.with_ids:
        out += [f"Dataset: {_md_code(dataset_name(corpus))}", ""]
    if request.filtered:
        out += [f"Filtered: only the records matching “{md_escape(request.filtered)}”.", ""]
    out += _summary(grouped, request.sections)
    notes = _Notes(corpus, request.with_ids, request.marks)
    for name in request.sections:
        items = grouped.get(name, [])
        out += [f"## {SECTION_BY_NAME[name].title} ({len(items)})", ""]
        if not items:
            out += ["*None.*", ""]
        for record in items:
            out += _md_record(corpus, notes, record)
    entries = bibliography(corpus, list(notes.docs))
    if entries:
        out += ["## Bibliography", ""]
        for doc_id, entry in entries:
            out += [md_escape(entry) + (f" (`{doc_id}`)" if request.with_ids else ""), ""]
    if notes.numbers:
        out += ["## Notes", "", *notes.lines(), ""]
    # A briefing is for reading, and Markdown has no escape for a control character: show
    # them (␛, ⍰) rather than pass them to a terminal or a renderer that reorders bidi text.
    return inert("\n".join(out).rstrip("\n") + "\n")
