"""`kzt-tui` with no command: open the explorer and say how it ended."""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from kzt_tui.cli.output import EXIT_DATA, EXIT_OK, report
from kzt_tui.core.loading.gcpause import gc_paused
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.problems import DataError

if TYPE_CHECKING:
    from pathlib import Path

    from kzt_tui.app import KztApp
    from kzt_tui.core.loading.dataset import TopRead
    from kzt_tui.core.loading.workers import Prestart


def make_app(args: argparse.Namespace) -> KztApp | None:
    """The explorer app for `kzt-tui [--data …] [--root …]`, built as the command runs it
    (bench/ starts it through here too); None once the data's problems are reported.

    A dataset of many files opens on its first files, checked on their own, while the rest
    loads (see Session.loading)."""
    from kzt_tui.core.loading import FirstViewError, load_cached_start

    path = args.data or shipped_data()
    report_to = os.environ.get(START_REPORT)
    started, top = _prestart(path, args.root)
    stored: int | None = None
    # The cache's entries of the files a first start checks are written once its first
    # frame is on the screen (KztApp.finish_start), or at exit (run_app), not before it.
    later: list[Callable[[], None]] = []
    # The dataset, corpus and indexes are many objects that all live as long as the app:
    # build them with the collector paused, then freeze them so it never rescans them.
    with gc_paused():
        if started is not None:  # the app was imported while a worker checked the files
            stored = started.wait()
        try:
            dataset, left_out = load_cached_start(path, args.root, later=later, top=top)
        except FirstViewError:  # the first files do not stand alone: load the whole first
            from kzt_tui.cli.check import load_or_report  # the check command's module

            loaded, left_out = load_or_report(args, sys.stderr), 0
            if loaded is None:
                return None
            dataset = loaded
        except DataError as exc:
            report(exc.problems, sys.stderr)
            return None
        from kzt_tui.app import create_app

        if report_to:  # after the first frame, as the cache's writes
            later.append(functools.partial(_report_start, report_to, started is not None,
                                           stored))
        app = create_app(dataset, data_path=path, root=args.root, loading=left_out,
                         after_first_frame=later)
        gc.freeze()
    return app


#: The environment variable naming a file that a start appends one line to once its first
#: frame is drawn (bench/terminal.py sets it for its empty-cache starts): JSON, whether a
#: worker checked the first view (workers.prestart) and how many parts it stored (null:
#: none started, or it was stopped or died before it said).
START_REPORT = "KZT_TUI_START_REPORT"


def _report_start(to: str, worker: bool, stored: int | None) -> None:
    import json

    with contextlib.suppress(OSError), open(to, "a", encoding="utf-8") as out:
        out.write(json.dumps({"worker": worker, "stored": stored}) + "\n")


def _prestart(path: Path, root: Path | None) -> tuple[Prestart | None, TopRead | None]:
    """With an empty cache, the first view's files are checked by a worker process
    (workers.prestart) while this one imports the app (~165 ms), not one after the other;
    the load then takes them from the cache as a warm start does. Only when there is an
    import to overlap: not when the app is already imported (a second app in one process).

    Telling a warm start needs the curated file read, hashed and looked up in the cache, as
    the load does first: that read (dataset.read_top) is handed to the load, which neither
    reads nor hashes the file again (~0.8 ms on a warm start), so no order of the questions
    is cheaper. Asking idle_core first would import workers.py (and json, subprocess) before
    the first frame of every start; only a start that may start a worker imports it."""
    if "kzt_tui.app" in sys.modules:
        return None, None
    from kzt_tui.core.loading import PartCache
    from kzt_tui.core.loading.dataset import START_BUDGET, read_top
    from kzt_tui.core.loading.files import dataset_root

    cache = PartCache()
    root = root if root is not None else dataset_root(path)
    with gc_paused():  # a cached part's records: built once, as the load would
        try:
            top = read_top(path, root, cache)
        except DataError:  # the load says why
            return None, None
    if len(top.raw) > START_BUDGET:  # a large curated file: a worker could not be done in time
        return None, top
    if top.part is not None:
        return None, top  # a warm start: no worker, workers.py not imported
    from kzt_tui.core.loading.workers import prestart

    with gc_paused():
        started = prestart(cache, path, root, START_BUDGET)
        if started is not None:
            import kzt_tui.app  # noqa: F401  # what the worker's time overlaps
    return started, top


def exit_code(app: KztApp) -> int:
    """How `kzt-tui` exits once `app` has closed. SIGTERM, SIGHUP or SIGINT closes it as q
    does, terminal restored: 128 + the signal's number, as a shell reports it; a crash
    inside it is raised again here, for main to report (exit 70)."""
    app.stopping.set()  # however it closed: threads still loading stop at their next file
    app.finish_start()  # closed before its first frame had a moment: the cache's writes now
    if app.crashed is not None:  # a bug: main reports it in one line and exits 70
        raise app.crashed
    if app.closed_by is not None:
        return 128 + app.closed_by
    if app.load_problems:  # the rest of a large dataset had problems: the app closed
        report(app.load_problems, sys.stderr)
        return EXIT_DATA
    return EXIT_OK


def run_app(args: argparse.Namespace) -> int:
    """Open the explorer (make_app), run it, and say how it ended (exit_code)."""
    app = make_app(args)
    if app is None:
        return EXIT_DATA
    from kzt_tui.system import css_cache

    css_cache.install()  # the first screen's CSS as parsed by an earlier start
    app.run()
    return exit_code(app)
