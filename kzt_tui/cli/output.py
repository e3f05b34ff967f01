"""What the commands print: every line through emit (flushed, in pieces, one failure
reported once), the exit codes, and inert status lines."""

from __future__ import annotations

import errno
import os
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from kzt_tui.core.problems import Problem
from kzt_tui.core.textnorm import inert, one_line, unsafe_count

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
#: The reader of our output went away (`| head`): 128 + SIGPIPE, what a shell reports for
#: cat or grep then, so a pipeline under `set -o pipefail` sees a cut-short run as one.
EXIT_PIPE = 141
EXIT_INTERNAL = 70


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


def why_not(path: Path, exc: OSError) -> str:
    """Why `path` could not be written, naming the folder at fault when it is the folder."""
    for parent in reversed(path.parents):  # outermost first: the first that is wrong
        if parent.is_dir():
            continue
        if not parent.exists():
            return f"the folder {parent} does not exist"
        return f"{parent} is not a folder"
    return exc.strerror or str(exc)


def say(line: str) -> None:
    """A status line on stderr, inert: it may hold a file name or a value from the data."""
    emit(one_line(line) + "\n", sys.stderr)


def for_stdout(text: str) -> str:
    """An export as stdout may carry it: exact to a pipe or file, inert to a terminal.

    A pipe or a redirect gets the data byte for byte (it is evidence; a tool reads it). A
    terminal would obey the escape sequences a hostile dataset holds (set the clipboard,
    the title, clear the screen), so there they are shown, one character for one.
    """
    if sys.stdout is None or not sys.stdout.isatty():
        return text
    count = unsafe_count(text)
    if count:
        say(f"kzt-tui export: {count:,} control or bidi character(s) in the data made "
             "visible (␛, ⍰) for the terminal; --out FILE or a pipe keeps them exact")
    return inert(text)


def output_failed(name: str, exc: OutputFailed) -> int:
    """A closed pipe ends quietly (EXIT_PIPE); any other write failure is one line, exit 1."""
    silence(exc.stream)
    if isinstance(exc.error, BrokenPipeError):
        return EXIT_PIPE
    if exc.stream is not sys.stderr:
        try:
            say(f"{name}: cannot write the output: {exc.error.strerror or exc.error}")
        except OutputFailed as again:  # stderr is no better (`>/dev/full 2>&1`)
            silence(again.stream)
    return EXIT_DATA


def flush_or_silence(stream: TextIO | None) -> None:
    try:
        if stream is not None:
            stream.flush()
    except OSError:
        silence(stream)


def silence(stream: TextIO | None) -> None:
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
