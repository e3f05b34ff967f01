"""A Markdown briefing that reads on its own; text from the data is escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kzt_tui import __version__
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import fields as describe_fields
from kzt_tui.core.export.common import by_section, dataset_name, location
from kzt_tui.core.model import (
    SECTION_BY_NAME,
    Citation,
    Discrepancy,
    Record,
)
from kzt_tui.core.textnorm import inert

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


def _md_reference(corpus: Corpus, cite: Citation) -> str:
    parts = corpus.reference_parts(cite, md_escape)
    return ", ".join([*parts, _md_code(location(corpus, cite))])


def _md_passage(corpus: Corpus, cite: Citation) -> list[str]:
    out = [_md_block_quote(cite.quote), ">", f"> *English:* {md_escape(cite.translation)}", ""]
    if cite.note:
        out += [f"Why: {md_escape(cite.note)}  "]
    out += [f"Source: {_md_reference(corpus, cite)}", ""]
    return out


def _md_record(corpus: Corpus, record: Record) -> list[str]:
    out = [f"### {md_escape(record.label('en'))}", "", f"`{record.id}`", ""]
    heading = record.label("en")
    out += [
        f"- **{label}:** {md_escape(value)}"
        for label, value in describe_fields(record)
        # the heading already says it; a discrepancy's sides follow with their passages
        if not (label in {"Title", "Name"} and value == heading)
        and not (isinstance(record, Discrepancy) and label.startswith("Side "))
    ]
    links = corpus.links(record.id)
    if links:
        related = "; ".join(
            f"{link.relation} {md_escape(target.label('en'))} (`{target.id}`)"
            for link in links
            if (target := corpus.get(link.target)) is not None
        )
        out.append(f"- **Related:** {related}")
    out.append("")
    if isinstance(record, Discrepancy):
        for i, side in enumerate(record.sides, 1):
            out += [f"**Side {i}:** {md_escape(side.claim)}", ""]
            for cite in side.citations:
                out += _md_passage(corpus, cite)
    else:
        for cite in record.citations:
            out += _md_passage(corpus, cite)
    return out


def markdown(corpus: Corpus, records: Sequence[Record], title: str,
             sections: Sequence[str]) -> str:
    """A briefing that reads on its own: a heading per section, each fact in plain words,
    its passages quoted with translation and reference."""
    grouped = by_section(records)
    out = [
        f"# Kazakhstan–Turkmenistan relations: {md_escape(title)}",
        "",
        f"Source-grounded facts from {_md_code(dataset_name(corpus))}, exported by kzt-tui "
        f"{__version__}. Every quote is verbatim from its source text; the line numbers "
        "point into that file.",
        "",
    ]
    for name in sections:
        items = grouped.get(name, [])
        out += [f"## {SECTION_BY_NAME[name].title} ({len(items)})", ""]
        if not items:
            out += ["*None.*", ""]
        for record in items:
            out += _md_record(corpus, record)
    # A briefing is for reading, and Markdown has no escape for a control character: show
    # them (␛, ⍰) rather than pass them to a terminal or a renderer that reorders bidi text.
    return inert("\n".join(out).rstrip("\n") + "\n")

