"""The undo journal beside the data (`.kzt-tui-journal.json` in the curated file's folder):
for each of the last writes, the file, its bytes before (none: it was created) and a digest
of what was written, so undo restores exactly and refuses when the file changed since."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kzt_tui.core.atomic import write_atomic
from kzt_tui.core.loading.files import read_bounded

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


class JournalError(Exception):
    """The journal cannot be read or undo cannot be done; the message says why."""


class Journal:
    """The journal of the dataset whose curated file is in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / JOURNAL_NAME

    def entries(self) -> list[Entry]:
        """The remembered writes, oldest first; JournalError if the file is unreadable."""
        try:
            raw = read_bounded(self.path, MAX_JOURNAL_BYTES)
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise JournalError(f"cannot read {self.path}: {exc}") from exc
        try:
            items = json.loads(raw.decode("utf-8"))["entries"]
            return [Entry(str(e["file"]),
                          None if e["before"] is None else base64.b64decode(e["before"]),
                          str(e["after"]), str(e["what"]), float(e["when"])) for e in items]
        except (ValueError, KeyError, TypeError) as exc:
            raise JournalError(f"{self.path} is not a kzt-tui journal ({exc}); move it "
                               "aside to start a new one") from exc

    def _save(self, entries: list[Entry]) -> None:
        items = [{"file": e.file,
                  "before": None if e.before is None else base64.b64encode(e.before).decode(),
                  "after": e.after, "what": e.what, "when": e.when} for e in entries[-KEEP:]]
        write_atomic(self.path, json.dumps({"format": "kzt-tui-journal", "version": 1,
                                            "entries": items}, ensure_ascii=False, indent=1))

    def record(self, file: Path, before: bytes | None, after: bytes, what: str) -> None:
        """Remember a write of `after` to `file` (inside the journal's folder)."""
        try:
            entries = self.entries()
        except JournalError:
            entries = []  # a broken journal loses its old entries, never the new write
        rel = file.resolve().relative_to(self.folder.resolve()).as_posix()
        entries.append(Entry(rel, before, digest(after), what, time.time()))
        self._save(entries)

    def _inside(self, file: str) -> Path:
        """`file` of an entry, which must lead to a file inside the journal's folder: the
        journal sits in the dataset, and a dataset may come from anyone."""
        pure = PurePosixPath(file)
        target = self.folder / pure
        real = Path(os.path.realpath(target))
        if (pure.is_absolute() or ".." in pure.parts or "\\" in file
                or not real.is_relative_to(os.path.realpath(self.folder))):
            raise JournalError(f"the journal names {file!r}, outside the dataset; not undone")
        return target

    def undo(self, owned: Callable[[bytes], bool]) -> Entry:
        """Restore the file of the last write as it was before it; the entry undone.
        JournalError when there is none, the file changed since it was written, or it (or
        what it would become) is not `owned` (a file kzt-tui writes)."""
        from kzt_tui.core.atomic import write_atomic_bytes

        entries = self.entries()
        if not entries:
            raise JournalError("nothing to undo: kzt-tui has not written to this dataset")
        last = entries[-1]
        target = self._inside(last.file)
        try:
            now = read_bounded(target, MAX_JOURNAL_BYTES)
        except FileNotFoundError:
            now = None
        except OSError as exc:
            raise JournalError(f"cannot read {target}: {exc}") from exc
        if now is None or digest(now) != last.after:
            raise JournalError(f"{last.file} changed since kzt-tui wrote it ({last.what}); "
                               "not undone, so that edit is not lost")
        if not (owned(now) and (last.before is None or owned(last.before))):
            raise JournalError(f"{last.file} is not a file kzt-tui writes; not undone")
        if last.before is None:
            target.unlink()
        else:
            write_atomic_bytes(target, last.before)
        self._save(entries[:-1])
        return last
