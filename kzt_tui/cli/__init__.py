"""The `kzt-tui` command: parse, run one command (cli/check, coverage, export, explorer),
report how it ended. What each prints goes through cli/output.py."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Any

from kzt_tui.cli.explorer import exit_code, make_app, run_app
from kzt_tui.cli.output import (
    EXIT_DATA,
    EXIT_INTERNAL,
    EXIT_USAGE,
    OutputFailed,
    emit,
    flush_or_silence,
    output_failed,
    say,
)
from kzt_tui.cli.parser import build_parser, parse_args
from kzt_tui.system import start_gc

__all__ = ["EXIT_DATA", "build_parser", "exit_code", "main", "make_app"]

#: Each command and what runs it, as module and function of kzt_tui.cli (its options are
#: in cli/parser.py); no command opens the explorer (cli/explorer.py). A command's module
#: is imported when it runs: the explorer's first frame does not wait for them (~20 ms).
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "run_check"),
    "export": ("export", "run_export"),
    "coverage": ("coverage", "run_coverage"),
    "schema": ("schema", "run_schema"),
    "add-source": ("add_source", "run_add_source"),
    "mark": ("mark", "run_mark"),
    "undo": ("undo", "run_undo"),
    "cite": ("cite", "run_cite"),
    "copy-data": ("copy_data", "run_copy_data"),
}


def command_handler(command: str | None) -> Callable[[argparse.Namespace], int]:
    """What runs `command` (None or unknown: the explorer)."""
    if command not in COMMANDS:
        return run_app
    module, name = COMMANDS[command]
    handler: Callable[[argparse.Namespace], int] = getattr(
        import_module(f"kzt_tui.cli.{module}"), name)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `kzt-tui` command; returns the exit code."""
    try:
        args = parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors: already printed
        flush_or_silence(sys.stdout)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler = command_handler(args.command)
    if handler is not run_app:  # the explorer's goes on after its first frame
        start_gc.resume()
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
        return output_failed(name, exc)
    except Exception as exc:  # a bug, not bad input: say so plainly, trace only on request
        if args.debug:
            traceback.print_exc()
        else:
            with contextlib.suppress(OutputFailed):
                say(f"kzt-tui: internal error: {type(exc).__name__}: {exc} "
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
