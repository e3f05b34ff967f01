"""BibTeX and RIS: the source documents for reference managers (JabRef, Zotero, EndNote),
beside CSL-JSON. Text from the data is escaped for each format."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.export.as_csl import cited_documents, csl_name, document_note
from kzt_tui.core.model import Document, Record

# --- BibTeX ---------------------------------------------------------------------------------

#: Document kind → BibTeX entry type (biblatex reads the same types).
BIBTEX_TYPES = {"news_report": "article", "analysis": "article", "briefing": "techreport",
                "social_post": "misc"}

#: Characters with a meaning in BibTeX or LaTeX, and what stands for each: a brace would
#: end the field (or open one that never ends), a backslash start a command, and the rest
#: are LaTeX specials. A brace is a LaTeX command, not "\{": BibTeX and biber count every
#: brace, escaped or not, so one "\}" too many ended the field early.
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
    "$": r"\$", "&": r"\&", "%": r"\%",
    "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}",
}
_BIBTEX_RE = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))


def bibtex_escape(text: str) -> str:
    """`text` as the literal value of a braced BibTeX field: one line, specials escaped."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], " ".join(text.split()))


def bibtex_key(doc_id: str) -> str:
    """A citation key: the document's id (ids are [a-z0-9-]); anything else becomes "-"."""
    return re.sub(r"[^A-Za-z0-9_:.-]", "-", doc_id) or "doc"


def bibtex_name(author: str) -> str:
    """A byline as a BibTeX name, escaped: "Family, Given" as CSL-JSON splits it (BibTeX
    reads "A B (C D)" as given "A B (C", family "D)"), any other name braced whole so that
    BibTeX does not split it ("{Staff of the desk}")."""
    name = csl_name(author)
    if "family" in name:
        return f"{bibtex_escape(name['family'])}, {bibtex_escape(name['given'])}"
    return f"{{{bibtex_escape(name['literal'])}}}"


def bibtex_entry(doc: Document) -> str:
    """One source document as a BibTeX entry."""
    kind = BIBTEX_TYPES.get(doc.kind, "misc")
    fields: list[tuple[str, str]] = [("title", bibtex_escape(doc.title.ru or doc.title.en))]
    if doc.author:
        fields.append(("author", bibtex_name(doc.author)))
    if doc.outlet:
        fields.append(("journal" if kind == "article" else "publisher",
                       bibtex_escape(doc.outlet.name)))
    if doc.date:
        fields.append(("date", bibtex_escape(doc.date)))
        parts = doc.date.split("-")
        fields.append(("year", bibtex_escape(parts[0])))
        if len(parts) > 1:
            fields.append(("month", bibtex_escape(parts[1])))
    fields += [("language", "russian"), ("note", bibtex_escape(document_note(doc)))]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{bibtex_key(doc.id)},\n{body}\n}}\n"


def bibtex_text(corpus: Corpus, records: Sequence[Record]) -> str:
    """The documents `records` cite (or are) as BibTeX, one entry each."""
    return "\n".join(bibtex_entry(doc) for doc in cited_documents(corpus, records))


# --- RIS ------------------------------------------------------------------------------------

#: Document kind → RIS reference type.
RIS_TYPES = {"news_report": "NEWS", "analysis": "NEWS", "briefing": "RPRT",
             "social_post": "BLOG"}


def ris_value(text: str) -> str:
    """`text` as one RIS value: RIS has no escapes, and a value is one line, so every run
    of white space (line and paragraph separators too) becomes one space; a line that
    started "XX  - " could otherwise start a field or end the record."""
    return " ".join(text.split())


def ris_record(doc: Document) -> str:
    """One source document as a RIS record."""
    fields: list[tuple[str, str]] = [("TY", RIS_TYPES.get(doc.kind, "GEN")), ("ID", doc.id),
                                     ("TI", doc.title.ru or doc.title.en)]
    if doc.author:  # RIS names are "Family, Given" too
        name = csl_name(doc.author)
        fields.append(("AU", f"{name['family']}, {name['given']}" if "family" in name
                       else name["literal"]))
    if doc.outlet:
        fields.append(("T2", doc.outlet.name))
    if doc.date:
        parts = [*doc.date.split("-"), "", ""][:3]
        fields += [("PY", parts[0]), ("DA", "/".join(parts) + "/")]
    fields += [("LA", "ru"), ("N1", document_note(doc))]
    lines = [f"{tag}  - {ris_value(value)}" for tag, value in fields]
    return "\r\n".join([*lines, "ER  - ", ""])


def ris_text(corpus: Corpus, records: Sequence[Record]) -> str:
    """The documents `records` cite (or are) as RIS records (CRLF line ends, per the spec)."""
    return "\r\n".join(ris_record(doc) for doc in cited_documents(corpus, records))
