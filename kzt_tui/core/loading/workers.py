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

import contextlib
import gc
import json
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from kzt_tui.core.loading.cache import PartCache
from kzt_tui.core.loading.crossfile import clean_alone
from kzt_tui.core.loading.files import read_data_bytes
from kzt_tui.core.loading.gcpause import gc_paused
from kzt_tui.core.problems import DataError

#: Worth starting workers for only when this much is missing from the cache: a worker costs
#: ~0.2 s to start (a fresh interpreter importing the loader).
MIN_FILES = 8
MIN_BYTES = 4 << 20
#: Bytes of data files per batch: small enough to share the work out evenly and to stop
#: soon when the app closes, large enough that a batch's documents mostly cite their own.
BATCH_BYTES = 4 << 20
#: Seconds a start waits for its worker (see `prestart`) before it checks the files itself:
#: the shipped data's first view takes a worker ~0.15 s, a 1 MB first view ~0.4 s.
START_LIMIT = 3.0

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


#: The start worker's entry (prestart): dataset.start_worker, named here, not imported
#: (dataset imports this module).
START_ENTRY = "kzt_tui.core.loading.dataset:start_worker"


def worker_command(entry: str = "kzt_tui.core.loading.workers:main") -> list[str]:
    """The command line of a worker process that runs `entry` ("module:function").

    `python -m` would put the working directory first on `sys.path`, and that directory is
    often the dataset's folder: a `kzt_tui/` (or `json.py`, `sitecustomize.py`) of its own
    there would be imported instead of ours. So the worker is isolated (`-I`: neither the
    working directory, PYTHONPATH, PYTHONSTARTUP nor the user's site folder is read) and
    told explicitly where this kzt_tui lives; it takes dataclasses' code from the file kept
    beside kzt_tui's byte code, as `kzt-tui` does (system/code_cache.py: ~12 ms of its
    imports), and writes none. It keeps the working directory, so relative
    paths, which are part of the cache's keys, mean what they mean here."""
    home = str(Path(__file__).resolve().parents[3])  # the folder that holds kzt_tui/
    module, function = entry.split(":")
    code = (f"import sys; sys.path.insert(0, {home!r}); "
            "from kzt_tui.system import code_cache; code_cache.install(); "
            f"from {module} import {function}; {function}()")
    return [sys.executable, "-I", "-c", code]


#: The CPU quota of this process's cgroup (cgroup v2, as a container sees its own):
#: "QUOTA PERIOD" in microseconds, or "max PERIOD" for none.
CPU_MAX = "/sys/fs/cgroup/cpu.max"


def usable_cores() -> float:
    """Cores this process may use: those it may run on (`workers`), fewer if its cgroup's
    quota (CPU_MAX) allows less, as a container's often does (2 cores' quota on a 64-core
    host: 2.0, not 64). ~10 µs: one small read, or none where there is no such file."""
    cores = float(workers())
    try:
        with open(CPU_MAX, encoding="ascii") as f:
            quota, period = f.read().split()
        cores = min(cores, int(quota) / int(period))
    except (OSError, ValueError, ZeroDivisionError):  # no such file, "max PERIOD" (no
        pass  # quota), or not two whole numbers of ASCII digits: no quota known
    return cores


def idle_core() -> bool:
    """Whether a core is left for a start's worker (`prestart`): more than one core this
    process may use (`usable_cores`), and the last minute's load average leaves at least
    one of them idle. On a busy machine the worker takes its ~150 ms of CPU from the start
    itself: 2 cores at load 1.7-2.7, first paint with an empty cache 1.65x/1.64x/1.91x the
    floor without it, 1.61x/2.06x/2.04x with it (bench/RESULTS.md).

    The load average is the whole machine's (a container sees its host's): against the
    cores of a container's quota it can only overstate how busy they are, so a worker is
    at worst not started, never started where it slows the start down."""
    cores = usable_cores()
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # not known here: the cores alone decide
        busy = 0.0
    return cores > 1 and cores - busy >= 1


class Prestart:
    """A worker checking a start's first view into the cache (`prestart`), while the
    process that started it imports the app."""

    def __init__(self, proc: subprocess.Popen[str], deadline: float) -> None:
        self.proc, self.deadline = proc, deadline

    def wait(self) -> int | None:
        """Wait for the worker to end, at most until START_LIMIT after its start; then it is
        stopped. What it stored is in the cache; the load that follows takes it from there
        and checks whatever it left out (or all of it, if it died or stored nothing).
        How many parts it stored, as its line says (None: stopped, or died without one)."""
        proc = self.proc
        stored = None
        try:
            # it reads nothing more, and its one line fits a pipe's buffer: nothing to feed
            proc.wait(timeout=max(0.0, self.deadline - time.monotonic()))
            assert proc.stdout is not None
            # it has ended: its line (or nothing) is all there is to read, at once
            stored = int(proc.stdout.readline())
        except (subprocess.TimeoutExpired, ValueError, OSError):
            pass
        finally:
            _stop(proc)
        return stored


def prestart(cache: PartCache, path: Path, root: Path, budget: int) -> Prestart | None:
    """A worker started to check, into `cache`, the first view a start loads
    (dataset.load_start of `path` under `root`, `budget` bytes), if a core is idle
    (`idle_core`); the caller starts one only when the cache lacks the curated file (an
    empty cache: a first start, or a new kzt-tui). None without an idle core, or when the
    cache's folder cannot be written or no worker could start.

    The worker only fills the cache, as `warm`'s do: it is started like them (isolated,
    no terminal: pipes and DEVNULL), reads what a load would read, inside `root`, and
    stores only parts that came out clean. The load that follows decides everything."""
    if not idle_core():
        return None
    try:
        cache.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    if not os.access(cache.directory, os.W_OK):
        return None
    setup = json.dumps({"base": str(cache.base), "root": str(root), "docs": {},
                        "start": str(path), "budget": budget, "limit": START_LIMIT})
    try:
        proc = subprocess.Popen(
            worker_command(START_ENTRY), stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
            start_new_session=True,
        )
    except (OSError, ValueError):
        return None
    started = Prestart(proc, time.monotonic() + START_LIMIT)
    try:
        assert proc.stdin is not None
        proc.stdin.write(setup + "\n")
        # the setup is all it gets; its stdin stays open until `wait` (or this process's
        # end, however it comes): the worker ends when it ends (dataset.end_with_the_start)
        proc.stdin.flush()
    except (OSError, ValueError):
        started.wait()  # died at once: stopped and collected
        return None
    return started


def warm_cache(cache: PartCache, root: Path, jobs: list[Job], sizes: list[int],
               docs: dict[str, tuple[str, str]], cancel: threading.Event | None,
               done: Callable[[int], None] | None = None) -> None:
    """`warm` into `cache`, if its folder can be written: the workers hand their parts
    over through it."""
    try:
        cache.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return
    if os.access(cache.directory, os.W_OK):
        warm(cache.base, root, jobs, sizes, docs, cancel, done)


def warm(base: Path, root: Path, jobs: list[Job], sizes: list[int],
         docs: dict[str, tuple[str, str]], cancel: threading.Event | None = None,
         done: Callable[[int], None] | None = None) -> None:
    """Check `jobs` (files missing from the cache under `base`) in worker processes,
    storing every part that is clean on its own. `docs`: document id → (source file, data
    file that defines it) for the documents already known. Gives up quietly on any failure
    of the workers themselves: the caller checks whatever is still missing. `done(n)`:
    a worker stored n more parts.

    Workers are plain subprocesses (`worker_command`) fed a batch at a time
    through a pipe, not multiprocessing's: that needs a real stderr to start its helper
    process, which the app (Textual captures stderr) does not have, and a worker must never
    write to the terminal the app draws on."""
    cores = workers()
    if not worth_it(sizes, cores) or (cancel is not None and cancel.is_set()):
        return
    work = list(batches(jobs, sizes))
    setup = json.dumps({"base": str(base), "root": str(root), "docs": docs})
    procs: list[subprocess.Popen[str]] = []
    try:
        for _ in range(min(cores, len(work))):
            proc = subprocess.Popen(
                worker_command(), stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
                start_new_session=True,  # not killed with the app's terminal signals first
            )
            procs.append(proc)
            assert proc.stdin is not None
            proc.stdin.write(setup + "\n")
        _feed(procs, work, cancel, done)
    except (OSError, ValueError):  # a worker that could not start or died: the caller
        pass  # checks what is still missing
    finally:
        for proc in procs:
            _stop(proc)


def _stop(proc: subprocess.Popen[str]) -> None:
    """A worker stopped if still at work, collected, and its pipes closed come what may."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    for pipe in (proc.stdin, proc.stdout):
        if pipe is not None:
            with contextlib.suppress(OSError):
                pipe.close()


def _feed(procs: list[subprocess.Popen[str]], work: list[list[Job]],
          cancel: threading.Event | None, done: Callable[[int], None] | None) -> None:
    """Give each worker a batch, and another each time it reports one done."""
    pending = iter(work)
    busy: dict[int, subprocess.Popen[str]] = {}

    def give(proc: subprocess.Popen[str]) -> None:
        batch = next(pending, None)
        assert proc.stdin is not None and proc.stdout is not None
        if batch is None:
            proc.stdin.close()  # no more: the worker exits
            return
        proc.stdin.write(json.dumps(batch) + "\n")
        proc.stdin.flush()
        busy[proc.stdout.fileno()] = proc

    for proc in procs:
        give(proc)
    while busy:
        if cancel is not None and cancel.is_set():
            return
        ready, _, _ = select.select(list(busy), [], [], 0.1)
        for fd in ready:
            proc = busy.pop(fd)
            assert proc.stdout is not None
            line = proc.stdout.readline()
            if not line:  # the worker died: the caller checks its batch
                continue
            if done is not None:
                done(int(line))
            give(proc)


def main() -> None:
    """A worker: the setup line, then a batch per line; a line back per batch done.

    The cyclic garbage collector is off while a batch is checked (it rescans every object
    a batch builds, ~20% of a worker's time) and run once after it; what was imported
    before the first batch is frozen, so that collection looks only at the batch's
    leftovers."""
    setup = json.loads(sys.stdin.readline())
    docs = {k: (v[0], v[1]) for k, v in setup["docs"].items()}
    from kzt_tui.core.loading import checkfile  # noqa: F401  # imported before the freeze

    gc.collect()
    gc.freeze()
    for line in sys.stdin:
        batch = [(path, shown) for path, shown in json.loads(line)]
        with gc_paused():
            stored = _check_batch(Path(setup["base"]), Path(setup["root"]), batch, docs)
        gc.collect()
        sys.stdout.write(f"{stored}\n")
        sys.stdout.flush()


def _check_batch(base: Path, root: Path, jobs: list[Job], docs: dict[str, tuple[str, str]]
                 ) -> int:
    """In a worker: check a batch of files and store each clean part; how many stored."""
    from kzt_tui.core.loading.checkfile import FileChecker  # imports yaml: the worker parses

    cache = PartCache(base)
    checker = FileChecker(root)
    checker.seed(docs)
    keys: dict[int, bytes] = {}
    for index, (path, shown) in enumerate(jobs):
        try:
            raw = read_data_bytes(Path(path), shown)
        except DataError:
            continue  # the load that follows reports it
        if checker.check(index, shown, raw, top=False) is not None:
            keys[index] = cache.key(shown, root, raw)
    checked = checker.finish()
    if checker.shared.unlisted:  # too many problems to say which files are clean
        return 0
    troubled = {problem.file for problem in checker.shared.problems}
    stored = 0
    for index, part in checked:
        if not clean_alone(part, troubled):
            continue  # has problems, or cites a document of another batch: left to the load
        cache.put(keys[index], part.file, root, part)
        stored += 1
    return stored


if __name__ == "__main__":
    main()
