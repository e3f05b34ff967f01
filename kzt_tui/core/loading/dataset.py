"""A dataset made of files: the curated file and the files it includes, each checked on its
own (or taken from the cache), then ids and references checked across all of them.

A part's own checks (schema, grounding) depend only on its bytes, the code, and the
source texts of the documents it cites; the checks across files (unique ids, references
that resolve) are cheap and run on every load. So an unchanged part is never parsed
again: with 1,000 parts, editing one re-reads one.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kzt_tui.core.loading.cache import PartCache
from kzt_tui.core.loading.crossfile import (
    check_additions,
    check_links,
    check_units,
    clean_alone,
    sort_problems,
    still_grounded,
)
from kzt_tui.core.loading.files import (
    SPLIT_HINT,
    dataset_root,
    expand_includes,
    one_problem,
    read_data_bytes,
)
from kzt_tui.core.loading.gcpause import gc_paused
from kzt_tui.core.loading.merge import by_record, with_additions
from kzt_tui.core.loading.part import Part
from kzt_tui.core.model import SECTION_PREFIX, Dataset
from kzt_tui.core.problems import Cancelled, DataError, Problem

if TYPE_CHECKING:  # checkfile imports yaml: a load that finds every part cached needs none
    from kzt_tui.core.loading.checkfile import FileChecker

#: All data files of one dataset together; past this a load would need several GB (the
#: app holds 3–4 bytes per byte of YAML). 640 MiB: a thousand times the shipped data (the
#: scale bench/ measures, 548 MB once the statements had their Russian summaries) opens with
#: ~20 % to spare; 512 MiB had left 3 % over the data of its day.
MAX_DATASET_BYTES = 640 * 1024 * 1024
#: Bytes of data files the first view of a large dataset holds: ~0.1 s from the cache,
#: ~0.3 s from text (bench/RESULTS.md).
START_BUDGET = 1 << 20


@dataclass(frozen=True, slots=True)
class Summary:
    """What `check` reports of a sound dataset."""

    source: str
    files: int
    cached: int  # files whose checked part came from the cache
    counts: dict[str, tuple[int, int]]  # section → (records, citations)
    warmed: int = 0  # files checked by worker processes (workers.py) for this check


def load_dataset(path: Path, root: Path | None = None, cache: PartCache | None = None,
                 cancel: threading.Event | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Dataset:
    """The curated file at `path` and every file it includes, validated and grounded;
    DataError with every problem otherwise. Parts the cache holds are not read again.
    Setting `cancel` stops the load between two files (Cancelled); `progress(done, of)`
    hears how many of the dataset's files are done, as they are."""
    with gc_paused():
        return _dataset(_Load(path, root if root is not None else dataset_root(path), cache,
                              None, True, cancel, progress).run())[0]


def load(path: Path, root: Path | None = None) -> Dataset:
    """Read, validate and ground the curated file at `path` and every file it includes;
    DataError if anything is wrong. Nothing is taken from the cache."""
    return load_dataset(path, root, cache=None)


def load_cached(path: Path, root: Path | None = None, directory: Path | None = None,
                cancel: threading.Event | None = None,
                progress: Callable[[int, int], None] | None = None) -> Dataset:
    """What `load(path, root)` returns, taking unchanged parts from the cache.

    A dataset with parts from the cache carries no source texts for them; `Corpus.text`
    reads texts when needed. Raises DataError exactly as `load` does (an entry only ever
    holds a part that was clean).
    """
    return load_dataset(path, root, PartCache(directory), cancel, progress)


def check_dataset(path: Path, root: Path | None = None, cache: PartCache | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Summary:
    """Check the dataset as load_dataset does, and count what it holds: a part the cache
    holds is neither parsed nor unpickled, only its ids, references and counts are read.
    `progress(done, of)` hears how many steps are done, as load_dataset's does."""
    with gc_paused():
        got = _Load(path, root if root is not None else dataset_root(path), cache, None,
                    False, progress=progress).run()
    counts = {
        name: (sum(p.counts[i][0] for p in got.parts), sum(p.counts[i][1] for p in got.parts))
        for i, name in enumerate(SECTION_PREFIX)
    }
    return Summary(str(path), len(got.parts), got.cached - got.warmed, counts, got.warmed)


class FirstViewError(DataError):
    """The first files of a dataset do not stand on their own (or have problems): the
    whole must be loaded to say which."""


@dataclass(frozen=True, slots=True)
class TopRead:
    """The curated file as read before its load (`read_top`): its name as shown, the
    dataset's root, its bytes, their cache key, and the part the cache held under that key
    (None: none). A load of the same file under the same root (`load_start`'s `top`) takes
    these instead of reading, hashing and looking it up again."""

    shown: str
    root: Path
    raw: bytes
    key: bytes
    part: Part | None


def read_top(path: Path, root: Path, cache: PartCache) -> TopRead:
    """The curated file at `path` read as a load reads it (read_data_bytes: its size limit,
    a regular file; DataError otherwise) and looked up in `cache`: cli/explorer reads it so
    to tell a warm start from an empty cache, and hands it to the load."""
    shown = str(path)
    raw = read_data_bytes(path, shown)
    key = cache.key(shown, root, raw)
    return TopRead(shown, root, raw, key, cache.get(key, shown, root))


def load_start(path: Path, root: Path | None = None, cache: PartCache | None = None,
               budget: int = START_BUDGET, later: list[Callable[[], None]] | None = None,
               top: TopRead | None = None) -> tuple[Dataset, int]:
    """A first view of a large dataset: the curated file and the files it includes up to
    about `budget` bytes, checked as a dataset of their own (so a reference to a later file
    is a problem here: DataError, and the caller loads the whole instead), and how many
    included files that view leaves out (0: it is the whole dataset).

    With `later`, the cache entries of the files checked here are not written now: a call
    that writes them is appended to `later`, for the caller to make once it has shown the
    view (the app's first frame does not wait for the ~8 ms of pickling; see cli/explorer).
    With `top` (read_top of this file, root and cache, a moment ago), the curated file is
    not read again: its bytes, key and cached part are those; a `top` of another file or
    root is not used."""
    with gc_paused():
        return _dataset(_Load(path, root if root is not None else dataset_root(path), cache,
                              budget, True, later=later, top=top).run())


def load_cached_start(path: Path, root: Path | None = None, directory: Path | None = None,
                      budget: int = START_BUDGET, later: list[Callable[[], None]] | None = None,
                      top: TopRead | None = None) -> tuple[Dataset, int]:
    """`load_start` through the cache: a first view of a large dataset, and how many of
    its files that view leaves out."""
    return load_start(path, root, PartCache(directory), budget, later, top)


def start_worker() -> None:
    """A start's worker (workers.prestart): one setup line in; the first view `load_start`
    would load checked, and every part of it that is clean on its own stored in the cache
    (all of them, when the view is sound), as `warm`'s workers store theirs; a line back
    with how many parts it stored (Prestart.wait reads it). The start's own load then
    takes those from the cache and checks only the others, with the usual messages."""
    import json
    import sys

    setup = json.loads(sys.stdin.readline())
    if "limit" in setup:  # started by a start (prestart), not called in process
        end_with_the_start(float(setup["limit"]))
    root = Path(setup["root"])
    load = _Load(Path(setup["start"]), root, PartCache(Path(setup["base"])),
                 int(setup["budget"]), True, keep_clean=True)
    with gc_paused(), contextlib.suppress(DataError):
        load.run()
    sys.stdout.write(f"{load.stored}\n")
    sys.stdout.flush()


def end_with_the_start(limit: float) -> None:
    """A start's worker ends with the start that waits for it, never an orphan checking
    on for nobody: when its stdin ends (the start holds it open until it has waited; it
    ends when the start quits, is killed or loses its terminal — the worker, in a session
    of its own, gets none of the terminal's signals), or `limit` seconds (rounded up) and
    one more after it began, by SIGALRM's default action, whatever it is doing then."""
    import math
    import os
    import signal
    import threading

    signal.alarm(math.ceil(limit) + 1)

    def watch() -> None:
        while os.read(0, 4096):
            pass
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _cut(files: list[Path], budget: int | None) -> tuple[list[Path], int]:
    if budget is None:
        return files, 0
    first = _first_files(files, budget)
    return first, len(files) - len(first)


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
    added = by_record(a for p in got.parts for a in p.additions)
    sections = {
        name: with_additions(tuple(r for p in got.parts for r in (p.sections or ())[i]), added)
        for i, name in enumerate(SECTION_PREFIX)
    }
    dismissals = tuple(d for p in got.parts for d in p.dismissals)
    return Dataset(source=got.source, root=str(got.root), texts=got.texts,
                   files=tuple(got.files), dismissals=dismissals, **sections), got.left_out  # type: ignore[arg-type]


def _store(cache: PartCache, root: Path, entries: list[tuple[bytes, str, Part]]) -> None:
    """Write the checked parts `entries` ((key, file, part)) into `cache`: each entry is
    written whole or not at all (PartCache.put), so a start that ends before or while this
    runs leaves a cache that only lacks entries."""
    for key, file, part in entries:
        cache.put(key, file, root, part)


class _Load:
    """One load of a dataset, in four passes over its files: the curated file and its
    includes read and taken from the cache where it has them; the rest checked by the
    workers (or here); cached parts whose texts changed checked again; then the checks
    across files. A file the cache lacks is checked after the others are known."""

    def __init__(self, path: Path, root: Path, cache: PartCache | None, budget: int | None,
                 records: bool, cancel: threading.Event | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 later: list[Callable[[], None]] | None = None,
                 keep_clean: bool = False, top: TopRead | None = None) -> None:
        self.path, self.root, self.cache, self.budget = path, root, cache, budget
        #: The curated file already read (read_top), if it is this load's
        self.top = top if (top is not None and cache is not None and top.shown == str(path)
                           and top.root == root) else None
        self.records, self.cancel, self.progress = records, cancel, progress
        self.later = later  # where the cache's writes go to be made later, if anywhere
        #: Whether a load with problems still stores the parts clean on their own (a
        #: start's worker does: the start checks only the others again).
        self.keep_clean = keep_clean
        self.stored = 0  # parts this load has had written into the cache
        self.shown = str(path)
        self.checker: FileChecker | None = None  # made when a file is checked from text
        self.problems: list[Problem] = []  # of reading files and of the checks across them
        self.keys: list[bytes | None] = []  # each file's cache key (its bytes are not kept)
        self.files: list[Path] = []
        self.shown_files: list[str] = []
        self.parts: list[Part | None] = []
        self.warmed = 0
        # Progress in steps: a file the cache has is one step; one it lacks is two, checked
        # (by a worker) and then taken. Until the first pass has found which files the
        # cache lacks, every file counts as two, so the fraction only ever grows.
        self.done = 1  # steps done (the curated file is)
        self.steps = 0

    def run(self) -> _Loaded:
        known = self.top
        # unreadable: the load ends here
        top_raw = known.raw if known else read_data_bytes(self.path, self.shown)
        top = self._take(0, self.shown, top_raw, known=known)
        if top is None:  # not a curated mapping at all: nothing more can be said
            assert self.checker is not None
            raise DataError(sort_problems(self.checker.shared, [], [self.shown]))
        files = [self.path, *expand_includes(self.path, top, self.root, self.problems)]
        self.files, left_out = _cut(files, self.budget)
        self.shown_files = [str(f) for f in self.files]
        self.parts = [top]
        self.steps = 2 * len(self.files)
        size = len(top_raw)
        del top_raw
        missing, sizes = self._read_includes(size)
        self.steps = len(self.files) + len(missing)
        self._advance(0)
        if missing and self.cache is not None:
            self._warm(self.cache, missing, sizes)
        pending = self._check_stale()
        present = [p for p in self.parts if p is not None]
        check_links(present, self.problems)
        check_units(present, self.problems)
        if any(p.additions for p in present):
            present = self._with_added_to(present)
            check_additions(present, self.problems)
        shared = self.checker.shared if self.checker else None
        if self.problems or (shared and (shared.problems or shared.unlisted)):
            if self.keep_clean and shared and not shared.unlisted:
                troubled = {p.file for p in (*shared.problems, *self.problems)}
                self._write([i for i in pending if clean_alone(self._part(i), troubled)])
            error = FirstViewError if left_out else DataError
            raise error(sort_problems(shared, self.problems, self.shown_files))
        self._write(pending)
        texts = dict(shared.texts) if shared else {}
        return _Loaded(self.shown, self.root, present, self.shown_files, texts, left_out,
                       len(present) - len(pending), self.warmed)

    def _with_added_to(self, present: list[Part]) -> list[Part]:
        """`present` with the records of the parts (only summaries, for check) that hold
        a record a file adds citations to: check_additions compares with their citations."""
        added = {record_id for part in present for record_id, _ in part.additions}
        for index, part in enumerate(self.parts):
            key = self.keys[index] if index < len(self.keys) else None
            if (part is None or part.sections is not None or self.cache is None or key is None
                    or not any(i[0] in added for i in part.ids)):
                continue
            full = self.cache.get(key, self.shown_files[index], self.root, True)
            if full is not None:
                self.parts[index] = full
        return [p for p in self.parts if p is not None]

    def _part(self, index: int) -> Part:
        part = self.parts[index]
        assert part is not None  # checked from its text: it has its part
        return part

    def _write(self, indexes: list[int]) -> None:
        """Have the parts of files `indexes`, checked from their text, written into the
        cache: now, or once the caller has shown them (`later`); `stored` counts them."""
        if self.cache is None or not indexes:
            return
        entries = []
        for index in indexes:
            key = self.keys[index]
            assert key is not None
            entries.append((key, self.shown_files[index], self._part(index)))
        store = functools.partial(_store, self.cache, self.root, entries)
        self.stored = len(entries)
        if self.later is None:
            store()
        else:
            self.later.append(store)

    def _advance(self, n: int) -> None:
        self.done = min(self.done + n, self.steps)
        if self.progress is not None:
            self.progress(self.done, self.steps)

    def _read(self, index: int) -> bytes | None:
        """The bytes of file `index`, or None with the problem noted."""
        try:
            return read_data_bytes(self.files[index], self.shown_files[index])
        except DataError as exc:
            self.problems.extend(exc.problems)
            return None

    def _take(self, index: int, file: str, raw: bytes, *, check: bool = True,
              known: TopRead | None = None) -> Part | None:
        """The part of `file` from the cache, or checked from `raw` (unless not `check`:
        then None, and the file is checked later). `known`: its key, and the cache's part
        if it had one when it was read."""
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled
        if known is not None:
            key: bytes | None = known.key
        else:
            key = self.cache.key(file, self.root, raw) if self.cache else None
        if index < len(self.keys):
            self.keys[index] = key
        else:
            self.keys.append(key)
        hit = known.part if known is not None else None
        if hit is None and self.cache and key:  # (a worker may have stored it since)
            hit = self.cache.get(key, file, self.root, self.records)
        if hit is not None or not check:
            return hit
        return self._checker().check(index, file, raw, top=index == 0)

    def _checker(self) -> FileChecker:
        if self.checker is None:
            from kzt_tui.core.loading.checkfile import FileChecker  # imports yaml

            self.checker = FileChecker(self.root)
        return self.checker

    def _read_includes(self, total: int) -> tuple[list[int], list[int]]:
        """Read the included files, taking each from the cache if it has it (checking it
        now if there is no cache); the indexes and sizes of those it lacks."""
        missing: list[int] = []
        sizes: list[int] = []
        for index in range(1, len(self.files)):
            raw = self._read(index)
            if raw is None:
                self.keys.append(None)
                self.parts.append(None)
                continue
            total += len(raw)
            if total > MAX_DATASET_BYTES:
                raise one_problem(self.shown, f"the dataset's files hold more than "
                                  f"{MAX_DATASET_BYTES:,} bytes together", SPLIT_HINT)
            part = self._take(index, self.shown_files[index], raw, check=self.cache is None)
            if part is None and self.cache is not None:
                missing.append(index)
                sizes.append(len(raw))
            else:
                self._advance(1)
            self.parts.append(part)
        return missing, sizes

    def _warm(self, cache: PartCache, missing: list[int], sizes: list[int]) -> None:
        """Have the workers store the missing files' parts, then take each from the cache,
        or check it here if they did not."""
        known: dict[str, tuple[str, str]] = {}
        for part in self.parts:
            if part is not None:
                for doc_id, doc_file in part.docs:
                    known.setdefault(doc_id, (doc_file, part.file))
        # Here, not at the top: a start that finds its files in the cache starts no worker
        from kzt_tui.core.loading import workers

        workers.warm_cache(cache, self.root, [(str(self.files[i]), self.shown_files[i])
                                              for i in missing],
                           sizes, known, self.cancel, self._advance)  # counts parts stored
        for index in missing:
            # The key of the bytes read in the first pass: a worker's entry for those
            # bytes is taken without reading and hashing the file again (1000x: 241 MB);
            # a file changed since is read and checked as it is now.
            key = self.keys[index]
            assert key is not None  # a missing file was read: it has its key
            part = cache.get(key, self.shown_files[index], self.root, self.records)
            if part is not None:
                self.warmed += 1
                self._advance(1)  # taken
            else:
                raw = self._read(index)
                if raw is None:  # gone since it was read a moment ago
                    continue
                part = self._take(index, self.shown_files[index], raw)
                self._advance(2)  # checked and taken
            self.parts[index] = part

    def _check_stale(self) -> list[int]:
        """Check again the cached parts whose documents no longer have the texts they were
        grounded in, then finish every part checked from text; their indexes."""
        checker = self.checker
        fresh = {i for i, *_ in checker.pending} if checker else set()
        # Documents of the cached parts, for grounding the parts checked from their text:
        # id → (source file, the data file that defines it, where its problems are told)
        cached_docs: dict[str, tuple[str, str]] = {}
        for index, part in enumerate(self.parts):
            if part is not None and index not in fresh:
                for doc_id, doc_file in part.docs:
                    cached_docs.setdefault(doc_id, (doc_file, part.file))
        doc_files = {**{doc_id: file for doc_id, (file, _) in cached_docs.items()},
                     **(checker.shared.doc_files if checker else {})}
        # texts the parts checked from text were grounded in are already hashed
        memo: dict[str, str | None] = {
            checker.shared.doc_files[doc]: digest
            for doc, digest in checker.shared.digests.items() if digest
        } if checker else {}
        stale = [i for i, part in enumerate(self.parts) if part is not None and i not in fresh
                 and not still_grounded(part, doc_files, self.root, memo)]
        if stale:
            checker = self._checker()
        if not checker:
            return []
        checker.seed(cached_docs)
        for index in stale:
            if self.cancel is not None and self.cancel.is_set():
                raise Cancelled
            raw = self._read(index)
            if raw is None:  # gone since it was read a moment ago
                self.parts[index] = None
                continue
            assert self.cache is not None  # a stale part came from the cache
            self.keys[index] = self.cache.key(self.shown_files[index], self.root, raw)
            self.parts[index] = checker.check(index, self.shown_files[index], raw,
                                              top=index == 0)
        for index, part in checker.finish():
            self.parts[index] = part
        return [index for index, *_ in checker.pending]
