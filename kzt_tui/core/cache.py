"""A cache of the loaded, grounded dataset, keyed by the content of every file it came from.

`load_cached` gives what `load` gives. An entry is used only when the curated file and
every source text are byte-for-byte those a clean load saw, under the same kzt-tui version
and cache format; anything else (a stale, corrupt, foreign or unreadable entry, or a cache
folder that cannot be written) falls back to a full load, never to an error.

Entries are pickles. Unpickling runs code named by the file, so an entry is read only when
it lies in the user's own cache folder, is a regular file owned by the user and writable by
no one else, carries the expected header and key, and its payload matches the SHA-256
stored beside it. Anyone who can get past those checks can already write the user's files
(and their shell start-up files); the digest guards against truncated or damaged files.
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import hashlib
import io
import os
import pickle
import stat
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from kzt_tui import __version__
from kzt_tui.core import model
from kzt_tui.core.atomic import write_atomic_bytes
from kzt_tui.core.gcpause import gc_paused
from kzt_tui.core.grounding import normalise_newlines
from kzt_tui.core.model import Dataset
from kzt_tui.core.sources import (
    MAX_DATA_BYTES,
    MAX_SOURCE_BYTES,
    dataset_root,
    resolve_source,
)

#: Bump when the pickled records change shape.
CACHE_FORMAT = 2
_MAGIC = b"kzt-tui-cache\n"
_DIGEST = 32


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/kzt-tui, or ~/.cache/kzt-tui."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kzt-tui"


def _read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of `path` if it is a regular file of at most `limit` bytes, else None: a
    FIFO or a device could block or never end (load() then names the problem)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        data = handle.read(st.st_size + 1)
    return data if len(data) == st.st_size else None  # grew while read: not a hit


def _sha256(data: bytes | memoryview) -> bytes:
    return hashlib.sha256(data).digest()


def _file_key(path: Path, root: Path) -> str:
    """Which data file an entry belongs to (only its latest entry is kept)."""
    ident = f"{path.resolve()}\0{root.resolve()}".encode()
    return hashlib.sha256(ident).hexdigest()[:16]


#: The modules whose code decides what a loaded Dataset holds: an edit to any of them (a
#: new record field, a grounding fix) makes every entry stale, release or not.
_CODE = ("model.py", "load.py", "grounding.py", "sources.py", "schema.py", "yamlsafe.py",
         "cache.py")


def _code_digest() -> bytes:
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in _CODE:
        try:
            h.update(name.encode() + b"\0" + (here / name).read_bytes())
        except OSError:  # not a plain file (e.g. a zip import): version and format decide
            h.update(name.encode() + b"\0?")
    return h.digest()


def _content_key(data: bytes, path: Path, root: Path) -> bytes:
    """Everything except the sources that a loaded Dataset depends on."""
    h = hashlib.sha256()
    for part in (
        f"format={CACHE_FORMAT}",
        f"kzt-tui={__version__}",
        f"python={sys.version_info[:2]}",
        f"source={path}",
        f"root={root}",
    ):
        h.update(part.encode() + b"\0")
    h.update(_code_digest())
    h.update(data)
    return h.digest()


def _source_digests(dataset: Dataset, root: Path) -> list[tuple[str, bytes]] | None:
    """(file, SHA-256 of its bytes) of every source, or None if a source can no longer be
    read or is no longer the text the dataset was grounded in (it changed during the load)."""
    out = []
    for doc in dataset.documents:
        try:
            raw = _read_regular(resolve_source(root, doc.file), MAX_SOURCE_BYTES)
            if raw is None:
                return None
            now = normalise_newlines(raw.decode("utf-8"))
        except Exception:  # SourceError, OSError, UnicodeDecodeError: no entry then
            return None
        if now != dataset.texts.get(doc.id):
            return None
        out.append((doc.file, _sha256(raw)))
    return out


def _sources_match(digests: list[tuple[str, bytes]], root: Path) -> bool:
    for file, digest in digests:
        try:
            raw = _read_regular(resolve_source(root, file), MAX_SOURCE_BYTES)
        except Exception:  # moved, unreadable, now outside the root: not a hit
            return False
        if raw is None or _sha256(raw) != digest:
            return False
    return True


def _trusted(entry: Path) -> bool:
    """A regular file of ours that no one else can write."""
    try:
        st = entry.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or st.st_uid == getuid()


def _read(entry: Path, key: bytes, root: Path) -> Dataset | None:
    """The dataset stored in `entry` if it is sound and still matches every source."""
    if not _trusted(entry):
        return None
    blob = _read_regular(entry, 1 << 40)
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
        with gc_paused():
            digests, dataset = pickle.loads(payload)
    except Exception:  # damaged in a way the digest cannot see, or an older class layout
        return None
    if not isinstance(dataset, Dataset) or not _sources_match(digests, root):
        return None
    return dataset


def _dispatch_table() -> dict[type, Callable[[Any], Any]]:
    """Pickle each record as its constructor call: unpickles twice as fast as the
    field-by-field __setstate__ that frozen, slotted dataclasses get by default."""
    table: dict[type, Callable[[Any], Any]] = dict(copyreg.dispatch_table)
    for cls in vars(model).values():
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            continue
        fields = dataclasses.fields(cls)
        if all(f.init for f in fields):
            table[cls] = _constructor_reducer(cls, tuple(f.name for f in fields))
    return table


def _constructor_reducer(cls: type, names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    def reduce(obj: Any) -> tuple[Any, ...]:
        return cls, tuple(getattr(obj, name) for name in names)

    return reduce


def _store(directory: Path, name: str, key: bytes, digests: list[tuple[str, bytes]],
           dataset: Dataset) -> None:
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=5)
    pickler.dispatch_table = _dispatch_table()
    pickler.dump((digests, replace(dataset, texts={})))
    payload = out.getvalue()
    blob = b"".join((_MAGIC, key, _sha256(payload), payload))
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = directory / f"{name}.pickle"
    write_atomic_bytes(target, blob, durable=False)  # a lost entry is only rebuilt
    prefix = name.split("-", 1)[0] + "-"
    for old in directory.glob(prefix + "*.pickle"):  # older entries of the same file
        if old != target:
            old.unlink(missing_ok=True)


def load_cached(path: Path, root: Path | None = None, directory: Path | None = None) -> Dataset:
    """What `load(path, root)` returns, from the cache when its inputs are unchanged.

    The returned dataset carries no source texts; `Corpus.text` reads them when needed.
    Raises DataError exactly as `load` does (a cache entry only ever holds clean data).
    """
    directory = directory if directory is not None else cache_dir()
    real_root = root if root is not None else dataset_root(path)
    data = _read_regular(path, MAX_DATA_BYTES)
    if data is not None:
        key = _content_key(data, path, real_root)
        name = f"{_file_key(path, real_root)}-{key.hex()[:32]}"
        hit = _read(directory / f"{name}.pickle", key, real_root)
        if hit is not None:
            return hit
    # Imported only on a miss: a hit needs neither the validator nor yaml.
    from kzt_tui.core.load import load

    dataset = load(path, root)  # names the problem if the file could not be read
    unchanged = data is not None and _read_regular(path, MAX_DATA_BYTES) == data
    digests = _source_digests(dataset, real_root) if unchanged else None
    if data is not None and digests is not None:
        # No cache folder, read-only, full disk: the app works without a cache.
        with contextlib.suppress(OSError):
            _store(directory, name, key, digests, dataset)
    return dataset
