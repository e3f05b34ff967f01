"""The undo journal beside the data (`.kzt-tui-journal.json` in the curated file's folder):
for each of the last writes, the file, its bytes before (none: it was created), a digest
of what was written and the files the write created besides (add-source's text), so undo
restores exactly and refuses when a file changed since. The journal is data from someone
else too (ownfile): a journal that cannot be read is refused, never silently restarted."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kzt_tui.core.atomic import write_atomic, write_atomic_bytes
from kzt_tui.core.curate.ownfile import OwnFileError, no_links, read_own

JOURNAL_NAME = ".kzt-tui-journal.json"
#: Writes remembered; older ones cannot be undone.
KEEP = 20
#: A journal larger than this is not read (it is ours, and small; a huge one is not).
MAX_JOURNAL_BYTES = 32 * 1024 * 1024


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One write: `file` relative to the journal's folder, `before` (None: created)."""

    file: str
    before: bytes | None
    after: str  # sha256 of the bytes written
    what: str
    when: float
    #: Files the write created besides `file` (relative to the dataset root), each with
    #: the sha256 of its bytes: undo removes them.
    created: tuple[tuple[str, str], ...] = ()


class JournalError(Exception):
    """The journal cannot be read or undo cannot be done; the message says why."""


class Journal:
    """The journal of the dataset whose curated file is in `folder`."""

    def __init__(self, folder: Path, root: Path | None = None) -> None:
        self.folder = folder
        self.root = root if root is not None else folder
        self.path = folder / JOURNAL_NAME

    def entries(self) -> list[Entry]:
        """The remembered writes, oldest first; JournalError if the file cannot be read."""
        try:
            raw = read_own(self.path, MAX_JOURNAL_BYTES)
        except OwnFileError as exc:
            raise JournalError(f"the undo journal: {exc}") from exc
        if raw is None:
            return []
        try:
            items = json.loads(raw.decode("utf-8"))["entries"]
            return [Entry(str(e["file"]),
                          None if e["before"] is None else base64.b64decode(e["before"]),
                          str(e["after"]), str(e["what"]), float(e["when"]),
                          tuple((str(f), str(d)) for f, d in e.get("created") or ()))
                    for e in items]
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            why = "nested too deeply" if isinstance(exc, RecursionError) else exc
            raise JournalError(f"{self.path} is not a kzt-tui journal ({why}); move it "
                               "aside to start a new one") from None

    def _save(self, entries: list[Entry]) -> None:
        items = [{"file": e.file,
                  "before": None if e.before is None else base64.b64encode(e.before).decode(),
                  "after": e.after, "what": e.what, "when": e.when,
                  **({"created": [list(c) for c in e.created]} if e.created else {})}
                 for e in entries[-KEEP:]]
        try:
            no_links(self.root, self.path)
        except OwnFileError as exc:
            raise JournalError(f"the undo journal: {exc}") from exc
        while True:  # the oldest writes are forgotten first, so that it can be read again
            text = json.dumps({"format": "kzt-tui-journal", "version": 1, "entries": items},
                              ensure_ascii=False, indent=1)
            if len(text.encode("utf-8")) <= MAX_JOURNAL_BYTES or len(items) <= 1:
                break
            items = items[1:]
        if len(text.encode("utf-8")) > MAX_JOURNAL_BYTES:
            raise JournalError(f"the write would make {self.path} larger than "
                               f"{MAX_JOURNAL_BYTES >> 20} MiB (the file is too large to "
                               "keep its undo)")
        write_atomic(self.path, text)

    def name(self, file: Path, base: Path | None = None) -> str:
        """`file` as an entry names it: relative to the journal's folder (`base`: to that
        folder); JournalError when it is not inside it."""
        base = base if base is not None else self.folder
        try:
            return Path(os.path.realpath(file)).relative_to(os.path.realpath(base)).as_posix()
        except ValueError:
            raise JournalError(f"{file} is not inside {base}; kzt-tui writes only there"
                               ) from None

    def record(self, file: Path, before: bytes | None, after: bytes, what: str,
               created: tuple[tuple[Path, bytes], ...] = ()) -> None:
        """Remember a write of `after` to `file` (inside the journal's folder) that also
        created `created` (inside the dataset root); JournalError when the journal
        cannot be read or saved (the caller then undoes the write)."""
        entries = self.entries()
        made = tuple((self.name(p, self.root), digest(data)) for p, data in created)
        entries.append(Entry(self.name(file), before, digest(after), what, time.time(), made))
        self._save(entries)

    def _inside(self, file: str, base: Path | None = None) -> Path:
        """`file` of an entry, which must lead to a file inside the journal's folder
        (`base`: that folder) and through no symbolic link: the journal sits in the
        dataset, and a dataset may come from anyone."""
        base = base if base is not None else self.folder
        pure = PurePosixPath(file)
        target = base / pure
        real = Path(os.path.realpath(target))
        if (pure.is_absolute() or ".." in pure.parts or "\\" in file
                or not real.is_relative_to(os.path.realpath(base))):
            raise JournalError(f"the journal names {file!r}, outside the dataset; not undone")
        try:
            no_links(self.root, target)
        except OwnFileError as exc:
            raise JournalError(f"{exc}; not undone") from exc
        return target

    def _now(self, target: Path) -> bytes | None:
        try:
            return read_own(target, MAX_JOURNAL_BYTES)
        except OwnFileError as exc:
            raise JournalError(f"{exc}; not undone") from exc

    def undo(self, owned: Callable[[bytes], bool]) -> Entry:
        """Restore the file of the last write as it was before it, and remove the files it
        created; the entry undone. JournalError when there is none, a file changed since it
        was written, or it (or what it would become) is not `owned` (a file kzt-tui
        writes); then nothing is changed."""
        entries = self.entries()
        if not entries:
            raise JournalError("nothing to undo: kzt-tui has not written to this dataset")
        last = entries[-1]
        target = self._inside(last.file)
        now = self._now(target)
        if now is None or digest(now) != last.after:
            raise JournalError(f"{last.file} changed since kzt-tui wrote it ({last.what}); "
                               "not undone, so that edit is not lost")
        if not (owned(now) and (last.before is None or owned(last.before))):
            raise JournalError(f"{last.file} is not a file kzt-tui writes; not undone")
        made = [(self._inside(name, self.root), name, sha) for name, sha in last.created]
        for path, name, sha in made:
            data = self._now(path)
            if data is not None and digest(data) != sha:
                raise JournalError(f"{name} changed since kzt-tui wrote it ({last.what}); "
                                   "not undone, so that edit is not lost")
        if last.before is None:
            target.unlink()
        else:
            write_atomic_bytes(target, last.before)
        for path, _, _ in made:
            path.unlink(missing_ok=True)
        self._save(entries[:-1])
        return last
