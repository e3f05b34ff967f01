"""What the checks of one load carry: the state its files share (the document table,
source texts, problems) and the file being checked; grounding a citation in its text."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kzt_tui.core.grounding import Grounded, GroundingBudget, LineIndex, Ungrounded, ground
from kzt_tui.core.loading.files import SourceError, read_source_digest, resolve_source
from kzt_tui.core.model import Citation
from kzt_tui.core.problems import MAX_PROBLEMS, Problem

if TYPE_CHECKING:  # a type only: a load that finds every part in the cache imports no yaml
    from kzt_tui.core.loading.yamlsafe import Pos

#: Source texts a load keeps in memory at once (see Shared.texts).
KEEP_TEXTS = 256

BAD: Any = object()


class Shared:
    """What the files of one load share: the document table, source texts, problems."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.unlisted = 0
        self.doc_files: dict[str, str] = {}  # document id → its source file
        self.doc_pos: dict[str, tuple[str, str, Pos | None]] = {}  # → data file, path, pos
        #: The texts read last (at most KEEP_TEXTS: 1,000 parts cite 5,000 texts, and
        #: each part mostly its own); an older one is read again if a citation needs it.
        self.texts: dict[str, str] = {}
        self.failed: set[str] = set()  # documents whose source could not be used (told)
        self.digests: dict[str, str] = {}  # document id → SHA-256 of its source's bytes
        self.lines: dict[str, LineIndex] = {}
        #: The grounding work this load may still do, all its citations together.
        self.budget = GroundingBudget()
        #: (doc, quote, occurrence) → its result: a citation repeated through YAML aliases
        #: (`- *c`, thousands of times) is grounded once.
        self.grounded: dict[tuple[str, str, int | None], Grounded | Ungrounded] = {}

    def err(self, file: str, path: str, pos: Pos | None, message: str,
            hint: str | None = None) -> Any:
        if len(self.problems) >= MAX_PROBLEMS:
            self.unlisted += 1
            return BAD
        self.problems.append(
            Problem(file, pos.line if pos else None, pos.col if pos else None, path, message,
                    hint)
        )
        return BAD

    def text_of(self, doc: str) -> str | None:
        """The text of document `doc`, read once; None (error already told) if unusable."""
        text = self.texts.get(doc)
        if text is None and doc not in self.failed:
            data_file, path, pos = self.doc_pos[doc]
            file = self.doc_files[doc]
            try:
                text, self.digests[doc] = read_source_digest(resolve_source(self.root, file),
                                                             file)
            except SourceError as exc:
                self.err(data_file, path, pos, exc.message, exc.hint)
                self.failed.add(doc)
                return None
            self.texts[doc] = text
            if len(self.texts) > KEEP_TEXTS:
                oldest = next(iter(self.texts))
                del self.texts[oldest]
                self.lines.pop(oldest, None)
        return text


@dataclass
class Ctx:
    """One data file being checked: its problems go to `shared`, its ids and references
    are kept for the checks across files."""

    file: str
    shared: Shared
    ids: list[tuple[str, str, Pos | None]] = field(default_factory=list)
    refs: list[tuple[str, Pos | None, str, tuple[str, ...]]] = field(default_factory=list)
    #: (group, unit, path, position of `unit`) of every valid figure: one group, one unit.
    units: list[tuple[str, str, str, Pos | None]] = field(default_factory=list)
    #: Citations of documents not known yet (defined in a later file): grounded at the end.
    deferred: list[tuple[str, int, str, Pos | None]] = field(default_factory=list)
    section: str = ""
    index: int = 0  # of the record being built in `section`

    def err(self, path: str, pos: Pos | None, message: str, hint: str | None = None) -> Any:
        return self.shared.err(self.file, path, pos, message, hint)



def quote_span(shared: Shared, file: str, doc: str, quote: str, occurrence: int | None,
               path: str, quote_pos: Pos | None) -> Any:
    """Where the citation at `path` (of `quote`, the `occurrence`th, in document `doc`)
    stands in its text: a Span; None if the text cannot be used (that is told at the
    document); BAD (the problem told) if the quote is not in it."""
    key = (doc, quote, occurrence)
    result = shared.grounded.get(key)
    if result is None:
        text = shared.text_of(doc)
        if text is None:
            return None
        lines = shared.lines.get(doc)
        if lines is None:  # once per document, not once per citation
            lines = shared.lines[doc] = LineIndex(text)
        # past MAX_PROBLEMS the problem is only counted: no need to explain it (each
        # explanation is a few passes over a text of up to 16 MB)
        result = shared.grounded[key] = ground(
            text, quote, occurrence, lines,
            explain=len(shared.problems) < MAX_PROBLEMS, budget=shared.budget)
    if isinstance(result, Grounded):
        return result.span
    return shared.err(file, f"{path}.quote", quote_pos, f"[{doc}] {result.message}",
                      result.hint)


def ground_citation(shared: Shared, file: str, cite: Citation, quote_pos: Pos | None) -> Any:
    """`cite` with its span, or BAD (the problem told) if its quote is not in the text."""
    span = quote_span(shared, file, cite.doc, cite.quote, cite.occurrence, cite.path,
                      quote_pos)
    if span is None or span is BAD:
        return cite if span is None else BAD
    return cite.with_span(span)
