"""Checking the data files the cache lacks in worker processes, one per core.

A first check of a dataset of many files parses and grounds every file: ~40 ms of one core
per 240 KB file, so ~40 s for 1,000 files. The files are independent enough to check side
by side: each worker checks a batch of files with the documents known so far (those of
the curated file and of the cached parts) and stores, as the cache's entry, every part
that came out clean on its own. The load that asked for it then takes those parts from the
cache like any other entry, checking on use that each was grounded in the same documents
and texts, and checks whatever a worker left out (a file with problems, or one citing a
document of another batch) itself, in order, with the usual messages. So a worker can
only save time: it never decides whether the dataset is sound.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator
from pathlib import Path

#: Worth starting workers for only when this much is missing from the cache: a worker costs
#: ~0.2 s to start (a fresh interpreter importing the loader).
MIN_FILES = 8
MIN_BYTES = 4 << 20
#: Bytes of data files per batch: small enough to share the work out evenly and to stop
#: soon when the app closes, large enough that a batch's documents mostly cite their own.
BATCH_BYTES = 4 << 20

Job = tuple[str, str]  # (path, shown name) of a data file


def workers() -> int:
    """Worker processes for a load: one per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def worth_it(sizes: list[int], cores: int) -> bool:
    """Whether files of `sizes` bytes, missing from the cache, are worth the workers."""
    return cores > 1 and len(sizes) >= MIN_FILES and sum(sizes) >= MIN_BYTES


def batches(jobs: list[Job], sizes: list[int]) -> Iterator[list[Job]]:
    """`jobs` in order, cut into batches of about BATCH_BYTES."""
    batch: list[Job] = []
    total = 0
    for job, size in zip(jobs, sizes, strict=True):
        batch.append(job)
        total += size
        if total >= BATCH_BYTES:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


def warm(base: Path, root: Path, jobs: list[Job], sizes: list[int],
         docs: dict[str, tuple[str, str]], cancel: threading.Event | None = None) -> None:
    """Check `jobs` (files missing from the cache under `base`) in worker processes,
    storing every part that is clean on its own. `docs`: document id → (source file, data
    file that defines it) for the documents already known. Gives up quietly on any failure
    of the workers themselves: the caller checks whatever is still missing."""
    cores = workers()
    if not worth_it(sizes, cores):
        return
    context = multiprocessing.get_context("spawn")  # no fork of a threaded process (the app)
    work = [(str(base), str(root), batch, docs)
            for batch in batches(jobs, sizes)]
    try:
        pool = context.Pool(min(cores, len(work)), initializer=_quiet)
    except OSError:
        return
    try:
        results = pool.imap_unordered(_check_batch, work)
        for _ in work:
            while True:
                if cancel is not None and cancel.is_set():
                    return  # the pool is terminated below: the caller stops too
                try:
                    results.next(timeout=0.1)
                    break
                except multiprocessing.TimeoutError:
                    continue
    except Exception:  # a worker that died or could not start: the caller checks the rest
        return
    finally:
        pool.terminate()
        pool.join()


def _quiet() -> None:
    """A worker writes nothing to the terminal the app is drawing on, not even a crash."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)


def _check_batch(args: tuple[str, str, list[Job], dict[str, tuple[str, str]]]) -> int:
    """In a worker: check a batch of files and store each clean part; how many stored."""
    from kzt_tui.core.cache import PartCache
    from kzt_tui.core.load import Shared, check_file, ground_deferred, with_dependencies
    from kzt_tui.core.model import all_citations
    from kzt_tui.core.parts import decode_data, read_data_bytes
    from kzt_tui.core.problems import DataError

    base, root_name, jobs, docs = args
    root = Path(root_name)
    cache = PartCache(Path(base))
    shared = Shared(root)
    for doc_id, (file, defined_in) in docs.items():
        shared.doc_files[doc_id] = file
        shared.doc_pos[doc_id] = (defined_in, "documents", None)
    checked = []
    for path, shown in jobs:
        try:
            raw = read_data_bytes(Path(path), shown)
            text = decode_data(raw, shown)
        except DataError:
            continue  # the load that follows reports it
        part, ctx = check_file(text, shown, shared, top=False)
        if part is not None:
            checked.append((cache.key(shown, root, raw), part, ctx))
    grounded = [(key, ground_deferred(shared, part, ctx)) for key, part, ctx in checked]
    if shared.unlisted:  # too many problems to say which files are clean
        return 0
    troubled = {problem.file for problem in shared.problems}
    stored = 0
    for key, part in grounded:
        if part.file in troubled or any(
            c.span is None for records in part.sections or () for r in records
            for c in all_citations(r)
        ):
            continue  # has problems, or cites a document of another batch: left to the load
        cache.put(key, part.file, root, with_dependencies(shared, part))
        stored += 1
    return stored
