"""A dataset made of files: the curated file and the files it includes, each checked on its
own (or taken from the cache), then ids and references checked across all of them.

A part's own checks (schema, grounding) depend only on its bytes, the code, and the
source texts of the documents it cites; the checks across files (unique ids, references
that resolve) are cheap and run on every load. So an unchanged part is never parsed
again: with 1,000 parts, editing one re-reads one.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kzt_tui.core.loading.context import Ctx, Shared
from kzt_tui.core.loading.files import (
    MAX_SOURCE_BYTES,
    SPLIT_HINT,
    SourceError,
    dataset_root,
    decode_data,
    expand_includes,
    one_problem,
    read_data_bytes,
    read_regular,
    resolve_source,
)
from kzt_tui.core.loading.gcpause import gc_paused
from kzt_tui.core.loading.part import Part
from kzt_tui.core.model import PREFIX_SECTION, SECTION_PREFIX, Dataset
from kzt_tui.core.problems import MAX_PROBLEMS, Cancelled, DataError, Problem

#: All data files of one dataset together; past this a load would need several GB.
MAX_DATASET_BYTES = 512 * 1024 * 1024
#: Unknown ids for which a close match is looked for (renaming a document cited 5,000
#: times must not cost 5,000 scans of every id).
_GUESSES = 50


@dataclass(frozen=True, slots=True)
class Summary:
    """What `check` reports of a sound dataset."""

    source: str
    files: int
    cached: int  # files whose checked part came from the cache
    counts: dict[str, tuple[int, int]]  # section → (records, citations)
    warmed: int = 0  # files checked by worker processes (workers.py) for this check


class PartStore(Protocol):
    """Where checked parts are kept between runs (core.cache.PartCache)."""

    def key(self, file: str, root: Path, raw: bytes) -> bytes:
        """What an entry for `file` with bytes `raw` is stored under."""

    def get(self, key: bytes, file: str, root: Path, records: bool = True) -> Part | None:
        """The part stored under `key`, if any (without its records unless `records`)."""

    def put(self, key: bytes, file: str, root: Path, part: Part) -> None:
        """Store `part` under `key`."""

    def warm(self, root: Path, jobs: list[tuple[str, str]], sizes: list[int],
             docs: dict[str, tuple[str, str]], cancel: threading.Event | None,
             done: Callable[[int], None] | None = None) -> None:
        """Store the parts of `jobs` ((path, shown name) of files it lacks, `sizes` bytes)
        that are clean on their own, checked side by side; may do nothing. `docs`: id →
        (source file, data file) of the documents known so far; `done(n)`: n more parts
        were stored."""


def _source_digest(root: Path, file: str, memo: dict[str, str | None]) -> str | None:
    """SHA-256 hex of a source file's bytes, or None if it cannot be read."""
    if file not in memo:
        try:
            raw = read_regular(resolve_source(root, file), MAX_SOURCE_BYTES)
        except SourceError:  # now outside the root: the part is checked again, which says why
            raw = None
        memo[file] = hashlib.sha256(raw).hexdigest() if raw is not None else None
    return memo[file]


def _still_grounded(part: Part, doc_files: dict[str, str], root: Path,
                    memo: dict[str, str | None]) -> bool:
    return all(
        doc_files.get(doc) == file and _source_digest(root, file, memo) == digest
        for doc, file, digest in part.grounded_in
    )


def check_links(parts: list[Part], problems: list[Problem]) -> None:
    """Ids unique across every file; every reference names an id of the right kind."""
    first: dict[str, tuple[str, str]] = {}  # id → (file, path) where it is first used
    for part in parts:
        for record_id, path, line, col in part.ids:
            if record_id in first:
                file, where = first[record_id]
                at = where if file == part.file else f"{file}: {where}"
                problems.append(Problem(part.file, line, col, f"{path}.id",
                                        f"duplicate id {record_id!r} (first used at {at})",
                                        "ids are unique across the whole dataset"))
            else:
                first[record_id] = (part.file, path)
    import difflib

    names: list[str] | None = None
    guesses = 0
    for part in parts:
        for path, line, col, target, prefixes in part.refs:
            if target not in first:
                hint = None
                if guesses < _GUESSES:  # each guess scans every id: 236,000 at 1000x
                    guesses += 1
                    names = names if names is not None else list(first)
                    close = difflib.get_close_matches(target, names, n=1)
                    hint = f"did you mean {close[0]!r}?" if close else None
                problems.append(Problem(part.file, line, col, path, f"unknown id {target!r}",
                                        hint))
            elif target.split("-", 1)[0] not in prefixes:
                wanted = " or ".join(PREFIX_SECTION[p] for p in prefixes)
                problems.append(Problem(part.file, line, col, path,
                                        f"{target!r} is not one of the {wanted}"))


def load_dataset(path: Path, root: Path | None = None, cache: PartStore | None = None,
                 cancel: threading.Event | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Dataset:
    """The curated file at `path` and every file it includes, validated and grounded;
    DataError with every problem otherwise. Parts the cache holds are not read again.
    Setting `cancel` stops the load between two files (Cancelled); `progress(done, of)`
    hears how many of the dataset's files are done, as they are."""
    with gc_paused():
        return _dataset(_load(path, root if root is not None else dataset_root(path), cache,
                              None, True, cancel, progress))[0]


def load(path: Path, root: Path | None = None) -> Dataset:
    """Read, validate and ground the curated file at `path` and every file it includes;
    DataError if anything is wrong. Nothing is taken from the cache."""
    return load_dataset(path, root, cache=None)


def check_dataset(path: Path, root: Path | None = None, cache: PartStore | None = None
                  ) -> Summary:
    """Check the dataset as load_dataset does, and count what it holds: a part the cache
    holds is neither parsed nor unpickled, only its ids, references and counts are read."""
    with gc_paused():
        got = _load(path, root if root is not None else dataset_root(path), cache, None,
                    False)
    counts = {
        name: (sum(p.counts[i][0] for p in got.parts), sum(p.counts[i][1] for p in got.parts))
        for i, name in enumerate(SECTION_PREFIX)
    }
    return Summary(str(path), len(got.parts), got.cached - got.warmed, counts, got.warmed)


class FirstViewError(DataError):
    """The first files of a dataset do not stand on their own (or have problems): the
    whole must be loaded to say which."""


def load_start(path: Path, root: Path | None = None, cache: PartStore | None = None,
               budget: int = 1 << 20) -> tuple[Dataset, int]:
    """A first view of a large dataset: the curated file and the files it includes up to
    about `budget` bytes, checked as a dataset of their own (so a reference to a later file
    is a problem here: DataError, and the caller loads the whole instead), and how many
    included files that view leaves out (0: it is the whole dataset)."""
    with gc_paused():
        return _dataset(_load(path, root if root is not None else dataset_root(path), cache,
                              budget, True))


def _cut(files: list[Path], budget: int | None) -> tuple[list[Path], int]:
    if budget is None:
        return files, 0
    first = _first_files(files, budget)
    return first, len(files) - len(first)


class _Loader:
    """The files of one load that are checked from their text (not found in the cache)."""

    def __init__(self, root: Path) -> None:
        self.shared = Shared(root)
        self.pending: list[tuple[int, Part, Ctx]] = []

    def seed(self, shown: str, docs: dict[str, str]) -> None:
        """Make the documents of cached parts known (where they are: `shown`, no line)."""
        for doc_id, file in docs.items():
            if doc_id not in self.shared.doc_files:
                self.shared.doc_files[doc_id] = file
                self.shared.doc_pos[doc_id] = (shown, "documents", None)

    def check(self, index: int, shown: str, raw: bytes, *, top: bool) -> Part | None:
        from kzt_tui.core.loading.checkfile import check_file  # imports yaml: only if parsed

        try:
            text = decode_data(raw, shown)
        except DataError as exc:
            self.shared.problems.extend(exc.problems)
            return None
        part, ctx = check_file(text, shown, self.shared, top=top)
        if part is not None:
            self.pending.append((index, part, ctx))
        return part


def _first_files(files: list[Path], budget: int) -> list[Path]:
    """The curated file and the included files after it that fit in `budget` bytes."""
    total = 0
    for count, file in enumerate(files):
        with contextlib.suppress(OSError):
            total += file.stat().st_size
        if count and total > budget:
            return files[:count]
    return files


@dataclass
class _Loaded:
    source: str
    root: Path
    parts: list[Part]
    files: list[str]
    texts: dict[str, str]
    left_out: int
    cached: int  # parts taken from the cache, those the workers just stored included
    warmed: int  # parts the workers stored during this load


def _dataset(got: _Loaded) -> tuple[Dataset, int]:
    sections = {
        name: tuple(r for p in got.parts for r in (p.sections or ())[i])
        for i, name in enumerate(SECTION_PREFIX)
    }
    return Dataset(source=got.source, root=str(got.root), texts=got.texts,
                   files=tuple(got.files), **sections), got.left_out  # type: ignore[arg-type]


def _load(path: Path, root: Path, cache: PartStore | None, budget: int | None,
          records: bool, cancel: threading.Event | None = None,
          progress: Callable[[int, int], None] | None = None) -> _Loaded:
    shown = str(path)
    top_raw = read_data_bytes(path, shown)  # a top file that cannot be read ends the load
    loader: _Loader | None = None
    problems: list[Problem] = []  # of reading files and of the checks across them
    keys: list[bytes | None] = []  # each file's cache key (its bytes are not kept)

    def take(index: int, file: str, raw: bytes, *, check: bool = True) -> Part | None:
        """The part of `file` from the cache, or checked from `raw` (unless not `check`:
        then None, and the file is checked later)."""
        nonlocal loader
        if cancel is not None and cancel.is_set():
            raise Cancelled
        key = cache.key(file, root, raw) if cache else None
        if index < len(keys):
            keys[index] = key
        else:
            keys.append(key)
        hit = cache.get(key, file, root, records) if cache and key else None
        if hit is not None or not check:
            return hit
        loader = loader or _Loader(root)
        return loader.check(index, file, raw, top=index == 0)

    top = take(0, shown, top_raw)
    if top is None:  # not a curated mapping at all: nothing more can be said
        assert loader is not None
        raise DataError(_sorted(loader.shared, [], [shown]))
    files = [path, *expand_includes(path, top, root, problems)]
    files, left_out = _cut(files, budget)
    shown_files = [str(f) for f in files]
    parts: list[Part | None] = [top]
    total = len(top_raw)
    del top_raw
    missing: list[int] = []  # files the cache lacks: checked after the others are known
    warmed = 0
    # Progress in steps: a file the cache has is one step; one it lacks is two, checked
    # (by a worker) and then taken. Until the first pass has found which files the cache
    # lacks, every file counts as two, so the fraction only ever grows.
    done = 1  # steps done (the curated file is)
    steps = 2 * len(files)

    def advance(n: int) -> None:
        nonlocal done
        done = min(done + n, steps)
        if progress is not None:
            progress(done, steps)

    sizes: list[int] = []
    for index, file in enumerate(files[1:], start=1):
        try:
            raw = read_data_bytes(file, shown_files[index])
        except DataError as exc:
            problems.extend(exc.problems)
            keys.append(None)
            parts.append(None)
            continue
        total += len(raw)
        if total > MAX_DATASET_BYTES:
            raise one_problem(shown, f"the dataset's files hold more than {MAX_DATASET_BYTES:,} "
                       "bytes together", SPLIT_HINT)
        part = take(index, shown_files[index], raw, check=cache is None)
        if part is None and cache is not None:
            missing.append(index)
            sizes.append(len(raw))
        else:
            advance(1)
        parts.append(part)
    steps = len(files) + len(missing)
    advance(0)
    if missing and cache is not None:
        known: dict[str, tuple[str, str]] = {}
        for part in parts:
            if part is not None:
                for doc_id, doc_file in part.docs:
                    known.setdefault(doc_id, (doc_file, part.file))
        cache.warm(root, [(str(files[i]), shown_files[i]) for i in missing], sizes, known,
                   cancel, advance)  # counts the parts the workers stored
        for index in missing:  # from the entries the workers stored, or checked here
            try:
                raw = read_data_bytes(files[index], shown_files[index])
            except DataError as exc:  # gone since it was read a moment ago
                problems.extend(exc.problems)
                continue
            part = take(index, shown_files[index], raw, check=False)
            if part is not None:
                warmed += 1
                advance(1)  # taken
            else:
                part = take(index, shown_files[index], raw)
                advance(2)  # checked and taken
            parts[index] = part

    # Documents of the cached parts, for grounding the parts checked from their text.
    fresh = {i for i, *_ in loader.pending} if loader else set()
    cached_docs: dict[str, str] = {}
    for index, part in enumerate(parts):
        if part is not None and index not in fresh:
            for doc_id, doc_file in part.docs:
                cached_docs.setdefault(doc_id, doc_file)
    doc_files = {**cached_docs, **(loader.shared.doc_files if loader else {})}
    # A cached part stays only while its documents still have the texts it was grounded
    # in; otherwise it is checked again from its text.
    # texts the parts checked from text were grounded in are already hashed
    memo: dict[str, str | None] = {
        loader.shared.doc_files[doc]: digest for doc, digest in loader.shared.digests.items()
        if digest
    } if loader else {}
    stale = [i for i, part in enumerate(parts) if part is not None and i not in fresh
             and not _still_grounded(part, doc_files, root, memo)]
    if stale:
        loader = loader or _Loader(root)
    if loader:
        loader.seed(shown, cached_docs)
        for index in stale:
            if cancel is not None and cancel.is_set():
                raise Cancelled
            try:
                raw = read_data_bytes(files[index], shown_files[index])
            except DataError as exc:  # gone since it was read a moment ago
                problems.extend(exc.problems)
                parts[index] = None
                continue
            keys[index] = cache.key(shown_files[index], root, raw) if cache else None
            parts[index] = loader.check(index, shown_files[index], raw, top=index == 0)
        from kzt_tui.core.loading.checkfile import ground_deferred, with_dependencies

        for index, part, ctx in loader.pending:
            parts[index] = with_dependencies(loader.shared, ground_deferred(
                loader.shared, part, ctx))
    present = [p for p in parts if p is not None]
    check_links(present, problems)
    if problems or (loader and (loader.shared.problems or loader.shared.unlisted)):
        error = FirstViewError if left_out else DataError
        raise error(_sorted(loader.shared if loader else None, problems, shown_files))
    if loader and cache:
        for index, *_ in loader.pending:
            part, key = parts[index], keys[index]
            assert part is not None and key is not None
            cache.put(key, shown_files[index], root, part)
    texts = dict(loader.shared.texts) if loader else {}
    return _Loaded(shown, root, present, shown_files, texts, left_out,
                   len(present) - len(loader.pending if loader else ()), warmed)


def _sorted(shared: Shared | None, problems: list[Problem], files: list[str]
            ) -> list[Problem]:
    """Every problem, in file order (the order the files are read) then line order."""
    every = [*(shared.problems if shared else []), *problems]
    order = {f: i for i, f in enumerate(files)}
    every.sort(key=lambda p: (order.get(p.file, -1), p.file, p.line or 0, p.col or 0))
    unlisted = (shared.unlisted if shared else 0) + max(0, len(every) - MAX_PROBLEMS)
    every = every[:MAX_PROBLEMS]
    if unlisted:
        every.append(Problem(files[0], None, None, "", f"… and {unlisted:,} more "
                             "problem(s) not listed", "fix the ones above first"))
    return every
