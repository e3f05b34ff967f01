"""Command line: `kzt-tui` opens the explorer; `check` validates; `export` writes the data."""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import os
import signal
import sys
import traceback
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from kzt_tui import __version__
from kzt_tui.core.loading.gcpause import gc_paused
from kzt_tui.core.model import Dataset
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.problems import DataError, Problem
from kzt_tui.core.textnorm import inert, one_line, unsafe_count

if TYPE_CHECKING:
    from kzt_tui.app import KztApp
    from kzt_tui.core.loading import Summary

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
#: The reader of our output went away (`| head`): 128 + SIGPIPE, what a shell reports for
#: cat or grep then, so a pipeline under `set -o pipefail` sees a cut-short run as one.
EXIT_PIPE = 141
EXIT_INTERNAL = 70


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors are one line with a hint (exit 2), like data errors."""

    def error(self, message: str) -> NoReturn:
        hint = "" if "(hint:" in message else f" (hint: see `{self.prog} --help`)"
        # one_line: argparse echoes arguments raw ("unrecognized arguments: …"), and an
        # argument may come from a file name with escape sequences in it (a glob).
        self.exit(EXIT_USAGE, f"{self.prog}: error: {one_line(message)}{hint}\n")


def _stat_or_refuse(value: str, hint: str) -> None:
    """A usage error for a path the system refuses to look up (a name too long, a folder
    that may not be searched): Path.is_dir raises those, and argparse would not catch it."""
    try:
        os.stat(value)
    except (FileNotFoundError, NotADirectoryError):
        pass  # said below, as before
    except OSError as exc:
        raise argparse.ArgumentTypeError(
            f"cannot use {value!r}: {exc.strerror or exc} (hint: {hint})") from None
    except ValueError:  # a NUL in the path
        raise argparse.ArgumentTypeError(f"no such file: {value!r}") from None


def _data_file(value: str) -> Path:
    """--data: a path that exists and is a file; anything else is a usage error."""
    path = Path(value)
    _stat_or_refuse(value, "give the path of a curated YAML file")
    if path.is_dir():
        raise argparse.ArgumentTypeError(
            f"{value!r} is a folder (hint: give the curated YAML file inside it)")
    if not path.exists():
        raise argparse.ArgumentTypeError(
            f"no such file: {value!r} (hint: give the path of a curated YAML file)")
    return path


def _root_dir(value: str) -> Path:
    """--root: an existing folder."""
    path = Path(value)
    _stat_or_refuse(value, "the folder that document paths are relative to")
    if not path.is_dir():
        raise argparse.ArgumentTypeError(
            f"no such folder: {value!r} (hint: the folder that document paths are relative to)")
    return path


def _out_file(value: str) -> Path:
    """--out: a new file or a regular one; never a folder, device, pipe or symbolic link."""
    from kzt_tui.core.atomic import not_a_file

    path = Path(value)
    if os.path.basename(value) in {"", ".", ".."}:
        raise argparse.ArgumentTypeError(f"{value!r} names a folder (hint: give a file name)")
    what = not_a_file(path)
    if what is None:
        return path
    if what == "a symbolic link":
        hint = f"give the file it points to, {os.path.realpath(path)!r}, or a new name"
    elif what == "a folder":
        hint = "give a file name inside it"
    else:
        hint = (f"--out makes or replaces a regular file; to write into {what}, leave "
                "--out out and redirect: > PATH")
    raise argparse.ArgumentTypeError(f"{value!r} is {what}, not a regular file (hint: {hint})")


def _data_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data",
        metavar="PATH",
        type=_data_file,
        default=default,
        help="curated YAML file to open (default: the dataset shipped with kzt-tui)",
    )
    parser.add_argument(
        "--root",
        metavar="DIR",
        type=_root_dir,
        default=default,
        help="folder that document paths are relative to and confined to "
        "(default: the data file's folder, or its parent when that folder is called data)",
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="show Python tracebacks for unexpected errors",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of `kzt-tui`."""
    from kzt_tui.core.export import FORMAT_NAMES, or_list

    parser = _Parser(
        prog="kzt-tui",
        description="Explore source-grounded facts on Kazakhstan–Turkmenistan relations: "
        "documents, agreements, corridors and figures, each beside its verbatim source.",
        epilog="Run without a command to open the explorer. Exit codes: 0 ok, 1 data errors "
        "(or the output could not be written), 2 usage errors, 70 internal errors (a bug), "
        "141 the reader of the output went away (as with `| head`), 128+N the app was closed "
        "by signal N (143 SIGTERM, 129 SIGHUP, 130 SIGINT).",
    )
    parser.add_argument("--version", action="version", version=f"kzt-tui {__version__}")
    _data_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check",
        help="validate the curated file and ground every quote in its source",
        description="Validate the curated file: schema, ids, references, and that every "
        "quote is an exact substring of its source. Exit 0 when all is well, 1 otherwise.",
    )
    _data_options(check, suppress=True)
    check.add_argument(
        "--no-cache", action="store_true", dest="no_cache",
        help="check every file from its text, even those unchanged since they last passed "
        "(by default such a file is taken from the cache, keyed by its content, the code and "
        "the source texts it cites)",
    )
    check.add_argument(
        "--strict", action="store_true",
        help="also fail (exit 1) while any sentence of a source text is neither cited nor "
        "dismissed, one line per sentence with file:line (see `kzt-tui coverage`)",
    )
    coverage = commands.add_parser(
        "coverage",
        help="how many sentences of each source text are cited, dismissed, or neither",
        description="For each source text: its sentences, how many some record cites, how "
        "many are dismissed, and the rest listed with their line. A sentence counts when "
        "the spans cover at least half of it.",
    )
    _data_options(coverage, suppress=True)
    coverage.add_argument("--json", action="store_true", help="write the result as JSON")
    export = commands.add_parser(
        "export",
        help=f"write the data as {or_list(FORMAT_NAMES)}",
        description="Export the grounded data. Output goes to stdout unless --out is given; "
        "an existing file is only replaced with --force.",
    )
    _data_options(export, suppress=True)
    export.add_argument(
        "--format", required=True, choices=FORMAT_NAMES, dest="fmt"
    )
    export.add_argument("--section", metavar="NAME", help="only this section (e.g. agreements)")
    export.add_argument("--out", metavar="FILE", type=_out_file,
                        help="write to FILE (a new file, or a regular file with --force)")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument("--with-ids", action="store_true",
                        help="md: show record ids and source file paths (left out otherwise)")
    return parser


def load_or_report(args: argparse.Namespace, out: TextIO) -> Dataset | None:
    """Load the dataset named by `args` (unchanged files from the cache), or print every
    problem and return None."""
    from kzt_tui.core.loading import load_cached

    try:
        return load_cached(args.data or shipped_data(), args.root)
    except DataError as exc:
        report(exc.problems, out)
        return None


def report(problems: Sequence[Problem], out: TextIO | None) -> None:
    """Every problem on a line of its own, then how many."""
    lines = [*map(str, problems), f"✗ {len(problems)} problem(s); nothing was changed."]
    emit("\n".join(lines) + "\n", out)


class OutputFailed(Exception):
    """Writing to stdout or stderr failed (a closed pipe, a full disk); `error` says why."""

    def __init__(self, stream: TextIO | None, error: OSError) -> None:
        super().__init__(str(error))
        self.stream, self.error = stream, error


#: Characters per write: at most 8 KiB of UTF-8, no more than the stream's buffer.
_CHUNK = 2048


def emit(text: str, stream: TextIO | None) -> None:
    """Write and flush `text`; OutputFailed if the stream refuses it."""
    if stream is None:  # started with it closed (`>&-`): Python makes it None
        raise OutputFailed(None, OSError(errno.EBADF, "it is closed"))
    try:
        # In pieces: one large write that the kernel cut short as the reader left was
        # reported as complete (CPython 3.11), so `| head -c1` passed for success.
        for start in range(0, len(text), _CHUNK):
            stream.write(text[start:start + _CHUNK])
        stream.flush()
    except OSError as exc:
        raise OutputFailed(stream, exc) from exc
    except UnicodeEncodeError as exc:  # a legacy locale, or PYTHONIOENCODING, lacks a letter
        char = exc.object[exc.start]
        why = (f"its encoding, {exc.encoding}, has no U+{ord(char):04X} "
               f"{unicodedata.name(char, 'character')} (hint: set PYTHONIOENCODING=utf-8, or "
               "use --out FILE)")
        raise OutputFailed(stream, OSError(errno.EILSEQ, why)) from exc


def summary(got: Summary) -> list[str]:
    """Per-section counts of records and grounded citations."""
    lines = [f"  {name:<14} {records:>5}   {cites:>5} citations"
             for name, (records, cites) in got.counts.items()]
    total = sum(cites for _, cites in got.counts.values())
    docs = got.counts["documents"][0]
    if got.files > 1:
        side = f"; {got.warmed:,} checked side by side in worker processes" if got.warmed else ""
        lines.append(f"  in {got.files:,} files ({got.cached:,} unchanged since they last "
                     f"passed, taken from the cache{side})")
    lines.append(f"✓ {total} citations grounded verbatim in {docs} source texts.")
    return lines


def run_check(args: argparse.Namespace) -> int:
    """`kzt-tui check`."""
    from kzt_tui.core.loading import PartCache, check_dataset

    try:
        got = check_dataset(args.data or shipped_data(), args.root,
                            None if args.no_cache else PartCache())
    except DataError as exc:
        report(exc.problems, sys.stdout)
        return EXIT_DATA
    emit("\n".join([one_line(f"{got.source}: OK"), *summary(got)]) + "\n", sys.stdout)
    if not args.strict:
        return EXIT_OK
    dataset = load_or_report(args, sys.stdout)
    if dataset is None:
        return EXIT_DATA
    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.coverage import coverage
    from kzt_tui.core.sentences import MAX_SENTENCES

    lines, count = [], 0
    for c in coverage(Corpus(dataset)):
        count += len(c.unaccounted)
        lines += [one_line(f"{c.file}:{s.line}: unaccounted sentence: {_start(s.text)}")
                  for s in c.unaccounted[:LISTED]]
        if len(c.unaccounted) > LISTED:
            lines.append(one_line(f"{c.file}: … and {len(c.unaccounted) - LISTED:,} more"))
        if c.partial:
            count += 1
            lines.append(one_line(f"{c.file}: more than {MAX_SENTENCES:,} sentences; only "
                                  "the first were counted"))
    if lines:
        lines.append(f"✗ --strict: {count:,} sentence(s) neither cited nor dismissed.")
        emit("\n".join(lines) + "\n", sys.stdout)
        return EXIT_DATA
    emit("✓ --strict: every sentence is cited or dismissed.\n", sys.stdout)
    return EXIT_OK


#: Unaccounted sentences listed per text; the rest are counted ("… and N more").
LISTED = 1000


def _start(text: str, width: int = 60) -> str:
    """The start of a sentence, cut at `width` characters."""
    return text if len(text) <= width else text[:width - 1] + "…"


def run_coverage(args: argparse.Namespace) -> int:
    """`kzt-tui coverage`."""
    import json

    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.coverage import coverage
    from kzt_tui.core.sentences import MAX_SENTENCES

    dataset = load_or_report(args, sys.stderr)
    if dataset is None:
        return EXIT_DATA
    got = coverage(Corpus(dataset))
    if args.json:
        data = [{"doc": c.doc, "file": c.file, "sentences": c.total, "cited": c.cited,
                 "dismissed": c.dismissed, "unaccounted": len(c.unaccounted),
                 "accounted_share": round(c.accounted_share, 4), "partial": c.partial,
                 "unaccounted_sentences": [{"line": s.line, "start": s.start, "end": s.end,
                                            "text": s.text}
                                           for s in c.unaccounted[:LISTED]]}
                for c in got]
        emit(_for_stdout(json.dumps({"documents": data}, ensure_ascii=False, indent=2)
                         + "\n"), sys.stdout)
        return EXIT_OK
    lines = []
    for c in got:
        lines.append(one_line(f"{c.doc} ({c.file}): {c.total} sentences, {c.cited} cited, "
                              f"{c.dismissed} dismissed, {len(c.unaccounted)} unaccounted "
                              f"({c.accounted_share:.0%} accounted)"
                              + (f"; only the first {MAX_SENTENCES:,} sentences counted"
                                 if c.partial else "")))
        lines += [one_line(f"  line {s.line}: {_start(s.text)}")
                  for s in c.unaccounted[:LISTED]]
        if len(c.unaccounted) > LISTED:
            lines.append(f"  … and {len(c.unaccounted) - LISTED:,} more")
    emit("\n".join(lines) + "\n", sys.stdout)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """`kzt-tui export`."""
    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.export import ExportError, export_data

    dataset = load_or_report(args, sys.stderr)
    if dataset is None:
        return EXIT_DATA
    try:
        text = export_data(Corpus(dataset), args.fmt, args.section, with_ids=args.with_ids)
        if isinstance(text, bytes) and args.out is None:
            raise ExportError(f"{args.fmt} is a binary file, not for stdout: give --out FILE")
    except ExportError as exc:
        _say(f"kzt-tui export: {exc}")
        return EXIT_USAGE
    if isinstance(text, str) and args.out is None:
        emit(_for_stdout(text), sys.stdout)
        return EXIT_OK
    from kzt_tui.core.atomic import NotAFileError, OverwriteError, write_new

    try:
        write_new(args.out, text, force=args.force)
    except (OverwriteError, NotAFileError) as exc:
        _say(f"kzt-tui export: {exc}")
        return EXIT_USAGE
    except OSError as exc:
        _say(f"kzt-tui export: cannot write {args.out}: {_why_not(args.out, exc)}")
        return EXIT_DATA
    size = len(text) if isinstance(text, bytes) else len(text.encode())
    _say(f"wrote {size:,} bytes to {args.out}")
    return EXIT_OK


def _why_not(path: Path, exc: OSError) -> str:
    """Why `path` could not be written, naming the folder at fault when it is the folder."""
    for parent in reversed(path.parents):  # outermost first: the first that is wrong
        if parent.is_dir():
            continue
        if not parent.exists():
            return f"the folder {parent} does not exist"
        return f"{parent} is not a folder"
    return exc.strerror or str(exc)


def _say(line: str) -> None:
    """A status line on stderr, inert: it may hold a file name or a value from the data."""
    emit(one_line(line) + "\n", sys.stderr)


def _for_stdout(text: str) -> str:
    """An export as stdout may carry it: exact to a pipe or file, inert to a terminal.

    A pipe or a redirect gets the data byte for byte (it is evidence; a tool reads it). A
    terminal would obey the escape sequences a hostile dataset holds (set the clipboard,
    the title, clear the screen), so there they are shown, one character for one.
    """
    if sys.stdout is None or not sys.stdout.isatty():
        return text
    count = unsafe_count(text)
    if count:
        _say(f"kzt-tui export: {count:,} control or bidi character(s) in the data made "
             "visible (␛, ⍰) for the terminal; --out FILE or a pipe keeps them exact")
    return inert(text)


def make_app(args: argparse.Namespace) -> KztApp | None:
    """The explorer app for `kzt-tui [--data …] [--root …]`, built as the command runs it
    (bench/ starts it through here too); None once the data's problems are reported.

    A dataset of many files opens on its first files, checked on their own, while the rest
    loads (see Session.loading)."""
    from kzt_tui.core.loading import FirstViewError, load_cached_start

    path = args.data or shipped_data()
    # The dataset, corpus and indexes are many objects that all live as long as the app:
    # build them with the collector paused, then freeze them so it never rescans them.
    with gc_paused():
        try:
            dataset, left_out = load_cached_start(path, args.root)
        except FirstViewError:  # the first files do not stand alone: load the whole first
            loaded, left_out = load_or_report(args, sys.stderr), 0
            if loaded is None:
                return None
            dataset = loaded
        except DataError as exc:
            report(exc.problems, sys.stderr)
            return None
        from kzt_tui.app import create_app

        app = create_app(dataset, data_path=path, root=args.root, loading=left_out)
        gc.freeze()
    return app


def exit_code(app: KztApp) -> int:
    """How `kzt-tui` exits once `app` has closed. SIGTERM, SIGHUP or SIGINT closes it as q
    does, terminal restored: 128 + the signal's number, as a shell reports it; a crash
    inside it is raised again here, for main to report (exit 70)."""
    app.stopping.set()  # however it closed: threads still loading stop at their next file
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
    app.run()
    return exit_code(app)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `kzt-tui` command; returns the exit code."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: already printed
        _flush_or_silence(sys.stdout)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler = {"check": run_check, "export": run_export,
               "coverage": run_coverage}.get(args.command, run_app)
    name = f"kzt-tui {args.command}" if args.command else "kzt-tui"
    # The app closes itself on these signals; check and export are ended by an exception
    # instead of at once, so what they were writing (a temporary file beside --out, a cache
    # entry, worker processes) is cleaned up on the way out.
    previous = {} if handler is run_app else _raise_on_signals()
    try:
        code = handler(args)
        emit("", sys.stdout if sys.stdout is not None else sys.stderr)
        return code
    except KeyboardInterrupt:
        return 130
    except Terminated as exc:
        return 128 + exc.signum
    except OutputFailed as exc:
        return _output_failed(name, exc)
    except Exception as exc:  # a bug, not bad input: say so plainly, trace only on request
        if args.debug:
            traceback.print_exc()
        else:
            with contextlib.suppress(OutputFailed):
                _say(f"kzt-tui: internal error: {type(exc).__name__}: {exc} "
                     "(run again with --debug for the traceback)")
        return EXIT_INTERNAL
    finally:
        for signum, before in previous.items():
            signal.signal(signum, before)


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived: unwind (cleaning up as for ctrl+c), exit 128 + signum."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminate(signum: int, frame: object) -> None:
    raise Terminated(signum)


def _raise_on_signals() -> dict[int, Any]:
    """Make SIGTERM and SIGHUP raise Terminated; the handlers they had before."""
    previous = {}
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            with contextlib.suppress(ValueError):  # not the main thread: leave them be
                previous[signum] = signal.signal(signum, _terminate)
    return previous


def _output_failed(name: str, exc: OutputFailed) -> int:
    """A closed pipe ends quietly (EXIT_PIPE); any other write failure is one line, exit 1."""
    _silence(exc.stream)
    if isinstance(exc.error, BrokenPipeError):
        return EXIT_PIPE
    if exc.stream is not sys.stderr:
        try:
            _say(f"{name}: cannot write the output: {exc.error.strerror or exc.error}")
        except OutputFailed as again:  # stderr is no better (`>/dev/full 2>&1`)
            _silence(again.stream)
    return EXIT_DATA


def _flush_or_silence(stream: TextIO | None) -> None:
    try:
        if stream is not None:
            stream.flush()
    except OSError:
        _silence(stream)


def _silence(stream: TextIO | None) -> None:
    """Point a failed stream at /dev/null, so what it still buffers is dropped at exit
    instead of failing again there ("Exception ignored … BrokenPipeError", exit 120)."""
    if stream is None:
        return
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # not a real file (a test's capture): nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
