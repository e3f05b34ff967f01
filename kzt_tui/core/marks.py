"""Marks, tags and notes on records, kept in the user's file beside the data
(`marks.yaml` in the curated file's folder), not in the app's state: they travel with the
dataset and show in `git diff`. Read with the data's YAML reader and limits; written
atomically, only while the file is kzt-tui's (its first line says so).

```yaml
# kzt-tui marks: …
fig-kz-tm-trade-2024: {marked: true, tags: [trade, check], note: "Compare with 2023."}
```
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from kzt_tui.core import schema as S
from kzt_tui.core.atomic import write_atomic
from kzt_tui.core.curate.ownfile import OwnFileError, read_own
from kzt_tui.core.problems import DataError, Problem, shorten
from kzt_tui.core.shipped import refuse_shipped

if TYPE_CHECKING:
    from kzt_tui.core.corpus import Corpus

MARKS_NAME = "marks.yaml"
#: UTF-8's byte order mark, which Windows editors write at the start of a file.
_BOM = b"\xef\xbb\xbf"
HEADER = "# kzt-tui marks: record id → marked, tags, note. Written by kzt-tui; keep this line."
#: A marks file past this size is refused (it holds a line per record).
MAX_MARKS_BYTES = 16 * 1024 * 1024
_TAG = re.compile(r"[^\s,\[\]{}:#]{1,40}\Z")


@dataclass(frozen=True, slots=True)
class Mark:
    """What the user noted on one record."""

    marked: bool = False
    tags: tuple[str, ...] = ()
    note: str | None = None

    def empty(self) -> bool:
        return not self.marked and not self.tags and not self.note


def marks_path(data: Path) -> Path:
    """The marks file of the dataset whose curated file is `data`."""
    return data.parent / MARKS_NAME


def load_marks(path: Path) -> dict[str, Mark]:
    """The marks in `path` ({} when there is none); DataError with the place otherwise."""
    return parse_marks(path, _read(path))


def _read(path: Path) -> bytes | None:
    """The marks file's bytes (None when there is none); DataError when it is no regular
    file, too large or unreadable: not a link, FIFO, device or folder, it is data from
    anyone."""
    try:
        return read_own(path, MAX_MARKS_BYTES)
    except OwnFileError as exc:
        raise DataError([Problem(str(path), None, None, "",
                                 f"the marks file {exc.why}")]) from exc


def parse_marks(path: Path, raw: bytes | None) -> dict[str, Mark]:
    """The marks in `raw`, the bytes of `path` ({} for None); DataError with the place."""
    shown = str(path)
    if raw is None:
        return {}
    # Here, not at the top: without a marks file (the common case) the explorer's first
    # frame needs no YAML reader (tests/cli/test_lazy_imports.py).
    from kzt_tui.core.loading.yamlsafe import PMap, YamlError, parse

    try:
        top = parse(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DataError([Problem(shown, None, None, "", f"not UTF-8 (byte {exc.start})")]
                        ) from exc
    except YamlError as exc:
        pos = exc.pos
        raise DataError([Problem(shown, pos.line if pos else None, pos.col if pos else None,
                                 "", exc.message)]) from exc
    if top is None:
        return {}
    problems: list[Problem] = []

    def bad(where: object, path_: str, message: str, key: str | None = None) -> None:
        pos = getattr(where, "pos", None)
        if key is not None and isinstance(where, PMap):
            pos = where.key_pos.get(key, pos)
        problems.append(Problem(shown, pos.line if pos else None, pos.col if pos else None,
                                path_, message))

    if not isinstance(top, PMap):
        bad(top, "", "expected a mapping of record ids to marks")
        raise DataError(problems)
    out: dict[str, Mark] = {}
    for key, value in top.items():
        at = shorten(str(key))
        pos = top.key_pos.get(key)
        if not isinstance(key, str) or not S.ID_RE.fullmatch(key):
            problems.append(Problem(shown, pos.line if pos else None, pos.col if pos else None,
                                    at, "expected a record id"))
            continue
        if not isinstance(value, dict) or set(value) - {"marked", "tags", "note"}:
            bad(value if isinstance(value, PMap) else top, at,
                "expected {marked: true|false, tags: [...], note: \"...\"}")
            continue
        marked, tags, note = value.get("marked", False), value.get("tags", []), value.get("note")
        if not isinstance(marked, bool):
            bad(value, f"{at}.marked", "expected true or false", "marked")
        elif not isinstance(tags, list) or not all(isinstance(t, str) and _TAG.match(t)
                                                   for t in tags):
            bad(value, f"{at}.tags", "expected a list of tags (words without spaces)",
                "tags")
        elif note is not None and not isinstance(note, str):
            bad(value, f"{at}.note", "expected a string", "note")
        else:
            out[key] = Mark(marked, tuple(dict.fromkeys(tags)), note or None)
    if problems:
        raise DataError(problems)
    return out


#: A quoted YAML string (a "#" in it is text), and a comment: "#" at a line's start or after
#: a space. Block scalars are not told apart: a "#" line in one is taken for a comment,
#: which refuses a rewrite that would have been safe, never the other way.
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'')
_COMMENT = re.compile(r"(?:^|\s)#")


def hand_comment(text: str) -> int | None:
    """The line of the first comment below kzt-tui's header line, if any: a rewrite
    (render_marks) would drop it."""
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if _COMMENT.search(_QUOTED.sub('""', line)):
            return number
    return None


def render_marks(marks: dict[str, Mark]) -> str:
    """The marks file's text: the header, then one line per record, in id order."""
    from kzt_tui.core.curate.render import scalar

    lines = [HEADER]
    for record_id in sorted(marks):
        m = marks[record_id]
        if m.empty():
            continue
        parts = [f"marked: {'true' if m.marked else 'false'}"]
        if m.tags:
            parts.append("tags: [" + ", ".join(scalar(t) for t in m.tags) + "]")
        if m.note:
            parts.append(f"note: {scalar(m.note)}")
        lines.append(f"{record_id}: {{{', '.join(parts)}}}")
    return "\n".join(lines) + "\n"


class Marks:
    """The marks of one dataset: read, changed one record at a time, written back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.marks = load_marks(path)

    def get(self, record_id: str) -> Mark:
        return self.marks.get(record_id, Mark())

    def marked(self, tag: str | None = None) -> list[str]:
        """Ids of the marked records (with `tag`: the records tagged so, marked or not)."""
        if tag is not None:
            return [i for i, m in sorted(self.marks.items()) if tag in m.tags]
        return [i for i, m in sorted(self.marks.items()) if m.marked]

    def mark(self, record_id: str) -> None:
        self._set(record_id, marked=True)

    def unmark(self, record_id: str) -> None:
        self._set(record_id, marked=False)

    def tag(self, record_id: str, tag: str) -> None:
        if not _TAG.match(tag):
            raise ValueError(f"{tag!r} is not a tag: a word of up to 40 characters, "
                             "without spaces, commas, brackets, colons or #")
        self._set(record_id, tags=tuple(dict.fromkeys((*self.get(record_id).tags, tag))))

    def untag(self, record_id: str, tag: str) -> None:
        self._set(record_id, tags=tuple(t for t in self.get(record_id).tags if t != tag))

    def note(self, record_id: str, text: str | None) -> None:
        self._set(record_id, note=text.strip() if text and text.strip() else None)

    def _set(self, record_id: str, **change: object) -> None:
        if not S.ID_RE.fullmatch(record_id):
            raise ValueError(f"{shorten(record_id)!r} is not a record id")
        refuse_shipped(self.path)  # before anything is read to be rewritten
        raw = _read(self.path)  # once: the bytes checked are those parsed and rewritten
        self._check_owned(raw)
        self.marks = parse_marks(self.path, raw)  # as it is now: an edit since is kept
        self.marks[record_id] = replace(self.get(record_id), **change)  # type: ignore[arg-type]
        write_atomic(self.path, render_marks(self.marks))

    def _check_owned(self, head: bytes | None) -> None:
        """PermissionError unless `head` (the file's bytes) is kzt-tui's to rewrite: its
        header first, after the BOM a Windows editor adds when it saves (the rewrite drops
        it, as the reader does)."""
        if head is not None and not head.removeprefix(_BOM).startswith(
                (HEADER + "\n").encode("utf-8")):
            raise PermissionError(f"{self.path} was not written by kzt-tui; it is never "
                                  "rewritten (move it aside, or edit it by hand)")
        line = hand_comment(head.decode("utf-8", "replace")) if head is not None else None
        if line is not None:
            raise PermissionError(f"{self.path}:{line}: a comment written by hand; a rewrite "
                                  "keeps the marks, not comments, so the file is not "
                                  "rewritten (move the comment into a note, or edit the file "
                                  "by hand)")


# --- the marks a list reads (core/columns.py: marked, tags) --------------------------------

#: Per corpus: the marks file's (mtime, size) when last read, its marks, and why it could
#: not be read (None: it was).
_READ: WeakKeyDictionary[
    Corpus, tuple[tuple[int, int] | None, dict[str, Mark], Problem | None]] = (
    WeakKeyDictionary())


def refresh_marks(corpus: Corpus) -> dict[str, Mark]:
    """The marks beside `corpus`'s data, read again when the file changed since (one stat):
    a list calls it once before it filters, sorts or counts. None when there is no file or
    it cannot be read (`marks_problem` says why)."""
    path = marks_path(Path(corpus.dataset.source))
    try:
        st = os.stat(path)
        stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
    except (OSError, ValueError):
        stamp = None
    seen = _READ.get(corpus)
    if seen is not None and seen[0] == stamp:
        return seen[1]
    problem = None
    try:
        got = load_marks(path) if stamp is not None else {}
    except DataError as exc:
        got, problem = {}, exc.problems[0]
    _READ[corpus] = (stamp, got, problem)
    return got


def marks_problem(corpus: Corpus) -> Problem | None:
    """Why the marks beside `corpus`'s data could not be read when last read (read now if
    never); None when they were, or there are none."""
    seen = _READ.get(corpus)
    if seen is None:
        refresh_marks(corpus)
        seen = _READ[corpus]
    return seen[2]


def marks_of(corpus: Corpus) -> dict[str, Mark]:
    """The marks as last read for `corpus` (read now if never): what a column shows."""
    seen = _READ.get(corpus)
    return seen[1] if seen is not None else refresh_marks(corpus)
