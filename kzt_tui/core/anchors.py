"""The anchors of the last good check, and the suggestions `kzt-tui check` adds to a
"quote not found" problem from them.

After a check that passes, kzt-tui keeps for every citation the characters before and
after its quote and its offset, with each document's file, in its cache (a file per
dataset under $XDG_CACHE_HOME/kzt-tui/anchors/). It is derived data: rebuilt by any check
that passes, never part of the dataset and never needed (without it the quote alone is
looked for). A check that fails leaves it as it was, so the context is that of the text
before the edit that broke the quotes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from kzt_tui.core.atomic import write_atomic_bytes
from kzt_tui.core.problems import Problem
from kzt_tui.core.reanchor import CONTEXT, Anchor, TookTooLong, reanchor

_MAX_ANCHORS_BYTES = 64 * 1024 * 1024
#: Problems a check looks for a suggestion for (each costs a read and a fuzzy search).
MAX_SUGGESTED = 20
#: Seconds the search for one suggestion may take, and all of them together: a crafted
#: text and quote can make a fuzzy search quadratic (core/reanchor.py).
PER_SUGGESTION = 1.0
TOTAL_SUGGESTIONS = 5.0
TOO_LONG = "no suggestion (took too long)"
#: Past this many citations a passing check keeps no anchors: keeping them loads every
#: part and reads every text again, which would double the time of a large check.
MAX_ANCHORED = 50_000


def anchor_key(doc: str, quote: str, occurrence: int | None) -> str:
    """The key of a citation's anchor: its document, occurrence and quote (hashed)."""
    digest = hashlib.sha256(quote.encode("utf-8")).hexdigest()[:24]
    return f"{doc}|{occurrence or 1}|{digest}"


class AnchorStore:
    """The anchors of the last good check of one dataset, in kzt-tui's cache."""

    def __init__(self, top: Path, directory: Path | None = None) -> None:
        from kzt_tui.core.loading.cache import cache_dir

        name = hashlib.sha256(os.path.realpath(top).encode("utf-8", "surrogateescape"))
        self.path = (directory or cache_dir()) / "anchors" / f"{name.hexdigest()[:32]}.json"

    def exists(self) -> bool:
        return self.path.is_file()

    def load(self) -> tuple[dict[str, str], dict[str, Anchor]]:
        """The documents' files and the anchors; empty when there are none (or the file is
        not one kzt-tui wrote: it is only a cache)."""
        from kzt_tui.core.loading.cache import trusted
        from kzt_tui.core.loading.files import NotRegularError, TooLargeError, read_bounded

        if not trusted(self.path):  # someone else's file in the cache folder: not ours
            return {}, {}
        try:
            data: Any = json.loads(read_bounded(self.path, _MAX_ANCHORS_BYTES, follow=False))
            docs = {str(k): str(v) for k, v in data["docs"].items()}
            anchors = {str(k): Anchor(str(v[0]), str(v[1]), int(v[2]))
                       for k, v in data["anchors"].items()}
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError,
                RecursionError, NotRegularError, TooLargeError):
            return {}, {}
        return docs, anchors

    def save(self, docs: dict[str, str], cites: list[tuple[str, str, int | None, int, int]],
             texts: dict[str, str]) -> None:
        """Keep, for each citation (doc, quote, occurrence, start, end), its context in
        `texts`; a cache that cannot be written is skipped."""
        anchors = {}
        for doc, quote, occurrence, start, end in cites:
            text = texts.get(doc)
            if text is not None:
                anchors[anchor_key(doc, quote, occurrence)] = [
                    text[max(0, start - CONTEXT):start], text[end:end + CONTEXT], start]
        data = json.dumps({"docs": docs, "anchors": anchors}, ensure_ascii=False)
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic_bytes(self.path, data.encode("utf-8"), durable=False)


def remember(top: Path, root: Path, directory: Path | None = None) -> None:
    """Keep the anchors of the dataset at `top`, which has just passed its check."""
    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.loading import load_cached
    from kzt_tui.core.model import SECTION_PREFIX, all_citations
    from kzt_tui.core.problems import DataError

    try:
        dataset = load_cached(top, root, directory)
    except (DataError, OSError):  # changed since its check: the next check remembers
        return
    corpus = Corpus(dataset)
    cites = [(c.doc, c.quote, c.occurrence, c.span.start, c.span.end)
             for name in SECTION_PREFIX for r in dataset.section(name)
             for c in all_citations(r) if c.span is not None]
    texts = {d.id: corpus.text(d.id, keep=False) for d in dataset.documents}
    AnchorStore(top, directory).save({d.id: d.file for d in dataset.documents}, cites, texts)


def suggest(problems: list[Problem], top: Path, root: Path,
            directory: Path | None = None) -> list[Problem]:
    """`problems`, each "quote not found" of the first MAX_SUGGESTED with the passage that
    is probably the quote now added to its message."""
    docs, anchors = AnchorStore(top, directory).load()
    parsed: dict[str, Any] = {}
    out, tried = [], 0
    until = time.monotonic() + TOTAL_SUGGESTIONS
    for problem in problems:
        if (tried < MAX_SUGGESTED and problem.path.endswith(".quote")
                and "quote not found" in problem.message):
            tried += 1
            extra = None
            deadline = min(time.monotonic() + PER_SUGGESTION, until)
            with contextlib.suppress(OSError, ValueError):  # a suggestion is a bonus
                try:
                    if time.monotonic() >= until:
                        raise TookTooLong
                    extra = _suggestion(problem, parsed, docs, anchors, root, deadline)
                except TookTooLong:
                    extra = TOO_LONG
            if extra:
                problem = replace(problem, message=f"{problem.message}; {extra}")
        out.append(problem)
    return out


def _suggestion(problem: Problem, parsed: dict[str, Any], docs: dict[str, str],
                anchors: dict[str, Anchor], root: Path, deadline: float) -> str | None:
    from kzt_tui.core.grounding import LineIndex
    from kzt_tui.core.loading.files import SourceError, read_source, resolve_source

    cite = _citation_at(problem, parsed)
    if cite is None or cite.get("doc") not in docs:
        return None
    doc, quote, occurrence = cite["doc"], cite.get("quote"), cite.get("occurrence")
    if not isinstance(quote, str) or not isinstance(occurrence, int | None):
        return None
    try:
        text = read_source(resolve_source(root, docs[doc]), docs[doc])
    except SourceError:
        return None
    anchor = anchors.get(anchor_key(doc, quote, occurrence))
    got = reanchor(text, quote, anchor, deadline)
    if got is None:
        return ("no passage alike enough to suggest (deleted?)" if anchor else None)
    passage = text[got.start:got.end]
    shown = passage if len(passage) <= 120 else passage[:119] + "…"
    how = {"exact": "the same words", "context": "its old context",
           "fuzzy": "a close match" + (" near its old place" if anchor else "")}[got.how]
    return (f"suggested passage at line {LineIndex(text).line_of(got.start)}, "
            f"{got.similarity:.0%} alike, found by {how}: «{shown}»")


def _citation_at(problem: Problem, parsed: dict[str, Any]) -> dict[str, Any] | None:
    """The citation mapping at the problem's field path (`figures[0].citations[1].quote`),
    read again from its file (the problem does not carry it)."""
    import re

    from kzt_tui.core.loading.files import MAX_DATA_BYTES, read_bounded
    from kzt_tui.core.loading.yamlsafe import YamlError, parse

    if problem.file not in parsed:
        try:
            parsed[problem.file] = parse(read_bounded(problem.file, MAX_DATA_BYTES)
                                         .decode("utf-8"))
        except (OSError, UnicodeDecodeError, YamlError):
            parsed[problem.file] = None
    node: Any = parsed[problem.file]
    for name, index in re.findall(r"([A-Za-z_]+)(?:\[(\d+)\])?", problem.path)[:-1]:
        node = node.get(name) if isinstance(node, dict) else None
        if index:
            node = node[int(index)] if isinstance(node, list) and int(index) < len(node) \
                else None
    return node if isinstance(node, dict) else None
