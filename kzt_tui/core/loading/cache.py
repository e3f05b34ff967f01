"""A cache of checked parts of a dataset, each keyed by the content it came from.

`dataset.load_cached` gives what `load` gives. A data file's entry is used only when the file is
byte-for-byte the one a clean check saw, under the same kzt-tui code, cache format, path
and dataset root, and every source text its citations were grounded in is still
byte-for-byte the same (dataset.load_dataset checks that, and the ids and references
across files, on every load). Anything else (a stale, corrupt, foreign or unreadable
entry, or a cache folder that cannot be written) falls back to checking the file, never
to an error.

Entries are pickles read by an unpickler that can name no callable but the constructors of
kzt-tui's own frozen records (`_RecordUnpickler`): a forged entry can at worst hold wrong
records, never run code. Each record is then checked to be of its section's type. An entry
is read only when it lies in the user's own cache folder, is a regular file owned by the
user and writable by no one else, carries the expected header and key, and its payload
matches the SHA-256 stored beside it (truncated or damaged files). Why pickle and not JSON
or marshal: the README's "Security" section has the numbers.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import functools
import hashlib
import io
import operator
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kzt_tui import __version__
from kzt_tui.core import model
from kzt_tui.core.atomic import write_atomic_bytes
from kzt_tui.core.loading.files import read_regular
from kzt_tui.core.loading.part import Part

#: Bump when the pickled records change shape.
CACHE_FORMAT = 4
_MAGIC = b"kzt-tui-part\n"
_DIGEST = 32
#: A temporary file of an entry this old (seconds) is a writer's that was killed mid-write
#: (a start's worker stopped at its limit, or ended with its start): swept at the next
#: listing. A live writer's is younger: an entry is written in well under a second.
STALE_TEMP = 600


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/kzt-tui, or ~/.cache/kzt-tui."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kzt-tui"


def _sha256(data: bytes | memoryview) -> bytes:
    return hashlib.sha256(data).digest()


def _file_key(file: str, real_root: str) -> str:
    """Which data file an entry belongs to (only its latest entry is kept)."""
    # realpath: Path.resolve raises RuntimeError on a link loop; surrogateescape: a file
    # name need not be UTF-8 (b'\xff.yaml' is '\udcff.yaml' here)
    ident = f"{os.path.realpath(file)}\0{real_root}".encode("utf-8", "surrogateescape")
    return hashlib.sha256(ident).hexdigest()[:16]


#: The modules whose code decides what a loaded Dataset holds: an edit to any of them (a
#: new record field, a grounding fix) makes every entry stale, release or not.
#: Paths under core/; every module of core/loading/ is one (tests/core/test_cache.py).
_CODE = ("model.py", "grounding.py", "schema.py", "problems.py", "loading/yamlsafe.py",
         "loading/part.py", "loading/files.py", "loading/context.py", "loading/validate.py",
         "loading/checkfile.py", "loading/crossfile.py", "loading/dataset.py", "loading/cache.py",
         "loading/workers.py", "loading/values.py", "loading/additions.py",
         "loading/merge.py")


@functools.cache  # once per process: the code does not change under a running load
def _code_digest() -> bytes:
    h = hashlib.sha256()
    here = Path(__file__).parent.parent  # core/
    for name in _CODE:
        try:
            h.update(name.encode() + b"\0" + (here / name).read_bytes())
        except OSError:  # not a plain file (e.g. a zip import): version and format decide
            h.update(name.encode() + b"\0?")
    return h.digest()


def _content_key(data: bytes, file: str, root: Path) -> bytes:
    """Everything a checked part depends on except the source texts (see Part.grounded_in)."""
    h = hashlib.sha256()
    for part in (
        f"format={CACHE_FORMAT}",
        f"kzt-tui={__version__}",
        f"python={sys.version_info[:2]}",
        f"source={file}",
        f"root={root}",
    ):
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    h.update(_code_digest())
    h.update(data)
    return h.digest()


def trusted(entry: Path) -> bool:
    """A regular file of ours that no one else can write."""
    try:
        st = entry.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid == getuid()


def _stored_classes() -> list[type]:
    """The classes an entry holds instances of: the records and their parts, and Part."""
    return [cls for cls in [*vars(model).values(), Part]
            if isinstance(cls, type) and dataclasses.is_dataclass(cls)
            and all(f.init for f in dataclasses.fields(cls))]


def _dispatch_table() -> dict[type, Callable[[Any], Any]]:
    """Pickle each record as its constructor call: unpickles twice as fast as the
    field-by-field __setstate__ that frozen, slotted dataclasses get by default."""
    table: dict[type, Callable[[Any], Any]] = dict(copyreg.dispatch_table)
    for cls in _stored_classes():
        table[cls] = _constructor_reducer(cls, tuple(f.name for f in dataclasses.fields(cls)))
    return table


class _RecordUnpickler(pickle.Unpickler):
    """An unpickler that can find no global but the stored classes: no other callable (no
    `os.system`, no `builtins.eval`) can be named, so none can be called."""

    allowed = {(cls.__module__, cls.__qualname__): cls for cls in _stored_classes()}

    def find_class(self, module: str, name: str) -> Any:
        cls = self.allowed.get((module, name))
        if cls is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not a stored class")
        return cls


def _unpickle(data: memoryview) -> Any:
    return _RecordUnpickler(io.BytesIO(data)).load()


#: The record type of each section, in model.SECTION_PREFIX order (a Part's sections):
#: the table's, not Dataset's annotations evaluated at every start (tests/core/test_cache.py
#: pins that the two agree).
_SECTION_TYPES = tuple(s.record_type for s in model.SECTIONS)


def _well_formed(sections: object) -> bool:
    """Whether `sections` is a tuple per section of records of that section's type."""
    return (type(sections) is tuple and len(sections) == len(_SECTION_TYPES)
            and all(type(records) is tuple and all(type(r) is cls for r in records)
                    for records, cls in zip(sections, _SECTION_TYPES, strict=True)))


def _constructor_reducer(cls: type, names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    # one attrgetter reads every field in C (a generator of getattr per field was ~1/4 of
    # a worker's pickling). With one name it would give the value, not a 1-tuple: every
    # stored class has two fields or more (a 1-field one fails test_cache's round trips)
    fields = operator.attrgetter(*names)

    def reduce(obj: Any) -> tuple[Any, ...]:
        return cls, fields(obj)

    return reduce


class PartCache:
    """Checked parts under `directory` (default: cache_dir()/parts); only the latest entry
    of each data file is kept."""

    def __init__(self, directory: Path | None = None) -> None:
        self.base = directory if directory is not None else cache_dir()
        self.directory = self.base / "parts"
        self._table: dict[type, Callable[[Any], Any]] | None = None
        self._listing: dict[str, list[str]] | None = None
        self._roots: dict[Path, str] = {}  # resolved once, not once per file of the dataset

    def _name(self, file: str, root: Path, key: bytes) -> str:
        real_root = self._roots.get(root)
        if real_root is None:
            real_root = self._roots[root] = os.path.realpath(root)
        return f"{_file_key(file, real_root)}-{key.hex()[:32]}"

    def key(self, file: str, root: Path, raw: bytes) -> bytes:
        """What the entry of `file` with bytes `raw` is stored under."""
        return _content_key(raw, file, root)

    def get(self, key: bytes, file: str, root: Path, records: bool = True) -> Part | None:
        """The checked part of `file` stored under `key`, if an entry holds one; without
        its records (sections None) unless `records`: they are most of the entry."""
        entry = self.directory / f"{self._name(file, root, key)}.pickle"
        if not trusted(entry):
            return None
        blob = read_regular(entry, 1 << 40)
        if blob is None:
            return None
        head = len(_MAGIC)
        if blob[:head] != _MAGIC or blob[head : head + _DIGEST] != key:
            return None
        digest = blob[head + _DIGEST : head + 2 * _DIGEST]
        payload = memoryview(blob)[head + 2 * _DIGEST :]
        if _sha256(payload) != digest:
            return None
        try:
            split = int.from_bytes(payload[:8], "big")
            part = _unpickle(payload[8 : 8 + split])
            if not (type(part) is Part and part.file == file):
                return None
            if records:
                sections = _unpickle(payload[8 + split :])
                if not _well_formed(sections):
                    return None
                part = dataclasses.replace(part, sections=sections)
        except Exception:  # damaged in a way the digest cannot see, or an older layout
            return None
        return part

    def put(self, key: bytes, file: str, root: Path, part: Part) -> None:
        """Keep `part` for `file` under `key`; a folder that cannot be written is no
        error: the app works without a cache."""
        with contextlib.suppress(OSError):
            self._put(key, file, root, part)

    @staticmethod
    def _sweep(temp: Path) -> None:
        """Remove `temp`, a killed writer's leftover, once it is STALE_TEMP old."""
        with contextlib.suppress(OSError):
            if time.time() - temp.lstat().st_mtime > STALE_TEMP:
                temp.unlink()

    def _put(self, key: bytes, file: str, root: Path, part: Part) -> None:
        name = self._name(file, root, key)
        if self._table is None:
            self._table = _dispatch_table()
        # The summary first, then the records: `check` reads only the first.
        head, body = io.BytesIO(), io.BytesIO()
        for out, value in ((head, dataclasses.replace(part, sections=None)),
                           (body, part.sections)):
            pickler = pickle.Pickler(out, protocol=5)
            pickler.dispatch_table = self._table
            pickler.dump(value)
        payload = len(head.getbuffer()).to_bytes(8, "big") + head.getvalue() + body.getvalue()
        blob = b"".join((_MAGIC, key, _sha256(payload), payload))
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        target = self.directory / f"{name}.pickle"
        write_atomic_bytes(target, blob, durable=False)  # a lost entry is only rebuilt
        if self._listing is None:  # one listing per load, not one per entry written
            self._listing = {}
            for old in os.listdir(self.directory):
                if old.startswith(".") and old.endswith(".tmp"):
                    self._sweep(self.directory / old)
                    continue
                self._listing.setdefault(old.split("-", 1)[0], []).append(old)
        prefix = name.split("-", 1)[0]
        for old in self._listing.pop(prefix, []):  # older entries of the same file
            if old != target.name and old.endswith(".pickle"):
                (self.directory / old).unlink(missing_ok=True)
        self._listing[prefix] = [target.name]
