"""The undo journal beside the data (`.kzt-tui-journal.json` in the curated file's folder):
for each of the last writes, the file, its bytes before (none: it was created), a digest
of what was written and the files the write created besides (add-source's text), so undo
restores exactly and refuses when a file changed since. The journal is data from someone
else too (ownfile): a journal file that cannot be read (a link, a FIFO, too large) is
refused, never silently restarted.

A journal sits in the dataset, so it travels with it: one shipped inside a dataset (or
left in a copy of one) could name hand-written files for undo to remove or rewrite. So
each journal is sealed with a key of this user's (in $XDG_STATE_HOME/kzt-tui, made on the
first write) over its entries and the real path of its folder: undo acts only on a
journal kzt-tui wrote for this user in this very folder, and ignores any other, saying
so (a file there that is no journal at all is ignored the same way: kzt-tui cannot tell
it is its own). The journal stays beside the data (not in the state folder) so that it moves and is
backed up with the files it can restore, and its limits stay those of the dataset's."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kzt_tui.core.atomic import write_atomic, write_atomic_bytes
from kzt_tui.core.curate.ownfile import OwnFileError, no_links, read_own

JOURNAL_NAME = ".kzt-tui-journal.json"
#: Writes remembered; older ones cannot be undone.
KEEP = 20
#: A journal larger than this is not read (it is ours, and small; a huge one is not).
MAX_JOURNAL_BYTES = 32 * 1024 * 1024
#: Seconds a write or undo waits for another kzt-tui's on the same dataset to end.
LOCK_WAIT = 10.0


#: Suffixes of the files a dataset's data is written in: a write's `created` files are
#: source texts and pages (add-source), never one of these, so undo never removes one.
DATA_SUFFIXES = (".yaml", ".yml", ".json")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def key_path() -> Path:
    """$XDG_STATE_HOME/kzt-tui/journal.key (default ~/.local/state): this user's key that
    seals the journals kzt-tui writes."""
    base = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is invalid, ignore it
        base = os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "kzt-tui" / "journal.key"


def _key(create: bool) -> bytes | None:
    """This user's journal key; made (private to the user) when `create` and there is
    none yet; None when there is none. JournalError, naming the key, when the file there
    is no key kzt-tui made (a link, a FIFO, a folder, other bytes) or it cannot be made."""
    path = key_path()
    if path.parent.exists() and not path.parent.is_dir():
        raise JournalError(f"{path.parent} is not a folder; kzt-tui keeps its journal key "
                           "in it (move it aside)")
    try:
        raw = read_own(path, 1024)
    except OwnFileError:  # a link, a folder, a FIFO, too large, unreadable
        raise JournalError(f"{path} is not a kzt-tui journal key; move it aside (kzt-tui "
                           "makes a new one)") from None
    if raw is not None:
        if re.fullmatch(rb"[0-9a-f]{64}", raw.strip()):
            return raw.strip()
        raise JournalError(f"{path} is not a kzt-tui journal key; move it aside (kzt-tui "
                           "makes a new one)")
    if not create:
        return None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise JournalError(f"cannot make {path.parent} for the journal key: "
                           f"{exc.strerror or exc}") from None
    key = secrets.token_hex(32).encode("ascii")
    try:  # O_EXCL: two kzt-tui writing at once keep the first one's key
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        again = _key(create=False)
        if again is None:  # made and removed again in between
            raise JournalError(f"{path} came and went while kzt-tui made it; try again"
                               ) from None
        return again
    except OSError as exc:
        raise JournalError(f"cannot make {path}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "wb") as handle:
        handle.write(key + b"\n")
    return key


def seal(folder: Path, items: object, key: bytes | None = None) -> str:
    """The seal of a journal's `items` (as its JSON holds them) kept in `folder`, with
    `key` (default: this user's, made if there is none yet)."""
    if key is None:
        key = _key(create=True)
        assert key is not None
    body = json.dumps([os.path.realpath(folder), items], sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, body.encode("utf-8"), hashlib.sha256).hexdigest()


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
        #: Why the journal in the folder was ignored (not sealed by this user's key for
        #: this folder), once `entries` has read it; None when it was not.
        self.ignored: str | None = None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Held by one kzt-tui write or undo of this dataset at a time: an advisory lock
        on the journal's folder (two undos at once both said "undone" and took back one
        write; a write racing an undo could lose its entry). JournalError when another
        holds it past LOCK_WAIT seconds. No lock where the system has no flock."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        try:
            fd = os.open(self.folder, os.O_RDONLY)
        except OSError as exc:
            raise JournalError(f"cannot lock {self.folder}: {exc.strerror or exc}") from None
        try:
            waited = time.monotonic() + LOCK_WAIT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > waited:
                        raise JournalError("another kzt-tui is writing to this dataset; "
                                           "try again when it is done") from None
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)

    def entries(self) -> list[Entry]:
        """The remembered writes, oldest first; JournalError if the file cannot be read.
        A journal not sealed for this user and folder has none (`ignored` says why)."""
        self.ignored = None
        try:
            raw = read_own(self.path, MAX_JOURNAL_BYTES)
        except OwnFileError as exc:
            raise JournalError(f"the undo journal: {exc}") from exc
        if raw is None:
            return []
        key = _key(create=False)
        if key is None or not self._sealed(raw, key):
            self.ignored = (f"{self.path} was not written by kzt-tui for you in this "
                            "folder (shipped with the dataset, or copied); ignored")
            return []
        items = json.loads(raw.decode("utf-8"))["entries"]
        try:
            return [Entry(str(e["file"]),
                          None if e["before"] is None else base64.b64decode(e["before"]),
                          str(e["after"]), str(e["what"]), float(e["when"]),
                          tuple((str(f), str(d)) for f, d in e.get("created") or ()))
                    for e in items]
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            why = "nested too deeply" if isinstance(exc, RecursionError) else exc
            raise JournalError(f"{self.path} is not a kzt-tui journal ({why}); move it "
                               "aside to start a new one") from None

    def _sealed(self, raw: bytes, key: bytes) -> bool:
        """Whether `raw` is a journal (a mapping with entries) sealed with `key` for this
        folder; anything else, JSON or not, is not (it is ignored, not refused: kzt-tui
        cannot tell it wrote it, and a shipped one must not block the user's writes)."""
        try:
            data = json.loads(raw.decode("utf-8"))
            if not isinstance(data, dict) or "entries" not in data:
                return False
            sealed = data.get("seal")
            return isinstance(sealed, str) and hmac.compare_digest(
                sealed.encode("utf-8"), seal(self.folder, data["entries"], key).encode())
        except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deeply
            return False

    def save(self, entries: list[Entry]) -> None:
        """Write `entries` (the last KEEP) as the journal, sealed with this user's key;
        JournalError or OSError when it cannot be."""
        items = [{"file": e.file,
                  "before": None if e.before is None else base64.b64encode(e.before).decode(),
                  "after": e.after, "what": e.what, "when": e.when,
                  **({"created": [list(c) for c in e.created]} if e.created else {})}
                 for e in entries[-KEEP:]]
        try:
            no_links(self.root, self.path)
        except OwnFileError as exc:
            raise JournalError(f"the undo journal: {exc}") from exc
        key = _key(create=True)
        while True:  # the oldest writes are forgotten first, so that it can be read again
            text = json.dumps({"format": "kzt-tui-journal", "version": 1, "entries": items,
                               "seal": seal(self.folder, items, key)},
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
        created `created` (inside the dataset root), before the write is made (a process
        killed between the two leaves an entry undo can take back, or sees was never
        made); JournalError when the journal cannot be read or saved (the caller then
        writes nothing)."""
        entries = self.entries()
        made = tuple((self.name(p, self.root), digest(data)) for p, data in created)
        entries.append(Entry(self.name(file), before, digest(after), what, time.time(), made))
        self.save(entries)

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

    def forget(self, file: Path, after: bytes) -> None:
        """Drop the last entry if it is the write of `after` to `file`: recorded ahead of
        a write that was then taken back (the dataset did not load, or it was cut short)."""
        entries = self.entries()
        if entries and (entries[-1].file, entries[-1].after) == (self.name(file),
                                                                 digest(after)):
            self.save(entries[:-1])

    def _never_made(self, entry: Entry) -> bool:
        """Whether nothing of `entry`'s write is there: its file as it was before it and
        none of the files it creates (the process ended between the journal's write,
        which comes first, and the data's)."""
        return self._now(self._inside(entry.file)) == entry.before and all(
            self._now(self._inside(name, self.root)) is None for name, _ in entry.created)

    def undo(self, owned: Callable[[bytes], bool], keep: tuple[Path, ...] = ()) -> Entry:
        """Restore the file of the last write as it was before it, and remove the files it
        created; the entry undone. JournalError when there is none, a file changed since it
        was written, it (or what it would become) is not `owned` (a file kzt-tui
        writes), or a file to remove is a data file (by its suffix, the written file, or
        one of `keep`: the curated file); then nothing is changed."""
        entries = self.entries()
        while entries and self._never_made(entries[-1]):
            entries.pop()  # written ahead of a write that never happened (killed before it)
            self.save(entries)
        if not entries:
            raise JournalError(f"nothing to undo: {self.ignored}" if self.ignored else
                               "nothing to undo: kzt-tui has not written to this dataset")
        last = entries[-1]
        target = self._inside(last.file)
        now = self._now(target)
        if now is None or digest(now) != last.after:
            raise JournalError(f"{last.file} changed since kzt-tui wrote it ({last.what}); "
                               "not undone, so that edit is not lost")
        if not (owned(now) and (last.before is None or owned(last.before))):
            raise JournalError(f"{last.file} is not a file kzt-tui writes; not undone")
        made = [(self._inside(name, self.root), name, sha) for name, sha in last.created]
        for path, name, _ in made:  # a seal is a defence; this is one more
            if (path.suffix.lower() in DATA_SUFFIXES
                    or os.path.realpath(path) in (os.path.realpath(target),
                                                  *(os.path.realpath(p) for p in keep))):
                raise JournalError(f"the journal would remove {name}, a data file; not "
                                   "undone")
        for path, name, sha in made:
            data = self._now(path)
            if data is not None and digest(data) != sha:
                raise JournalError(f"{name} changed since kzt-tui wrote it ({last.what}); "
                                   "not undone, so that edit is not lost")
        # The journal first: when it cannot be saved (a read-only folder), nothing is
        # undone; said after the files were put back, "not undone" was untrue, and the
        # next undo skipped the entry.
        self.save(entries[:-1])
        try:
            if last.before is None:
                target.unlink()
            else:
                write_atomic_bytes(target, last.before)
            for path, _, _ in made:
                path.unlink(missing_ok=True)
        except BaseException:
            with contextlib.suppress(JournalError, OSError):
                self.save(entries)  # remembered again: undo can be tried again
            raise
        return last
