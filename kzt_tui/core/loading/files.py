"""Finding and reading source texts safely: confined to the dataset root, size-limited."""

from __future__ import annotations

import fnmatch
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from kzt_tui.core.grounding import normalise_newlines
from kzt_tui.core.loading.part import Part
from kzt_tui.core.problems import DataError, Problem, shorten

#: A curated file larger than this is refused before it is parsed (by the loader, and by
#: the cache, which must not import the loader: it imports yaml). `kzt-tui check` peaks at
#: ~11 bytes of RSS per byte of YAML on the bench corpus (bench/corpus.py: 25 MB → 290 MB,
#: 126 MB → 1.4 GB, 253 MB → 2.8 GB; the text as str, the parsed values, the records), so
#: the limit bounds `check` near 1.5 GB and leaves room for what the app adds (widgets,
#: search index). Files of nothing but empty lists or mappings cost more per byte; they are
#: bounded by yamlsafe.MAX_VALUES, and the problems they cause by problems.MAX_PROBLEMS.
MAX_DATA_BYTES = 128 * 1024 * 1024
#: A source text larger than this is refused rather than read into memory.
MAX_SOURCE_BYTES = 16 * 1024 * 1024
SPLIT_HINT = "split the data into smaller datasets, each opened with its own --data"
#: Files and folders the `include` patterns of one load may look through, all patterns
#: together: a real dataset has a few thousand; a pattern such as `**/*.yaml` over a huge
#: tree would otherwise take minutes, and so would 2,000 patterns over 50,000 files each
#: (when the budget was per pattern: 2 min).
MAX_INCLUDE_ENTRIES = 200_000
#: Include patterns a top file may list, and files its includes may name (each is read,
#: checked and cached: 50,000 parts of `documents: []` took 10 s and 50,000 cache
#: entries). A real split dataset has tens of patterns and hundreds of parts.
MAX_INCLUDE_PATTERNS = 1_000
MAX_INCLUDED_FILES = 10_000
_MAGIC = re.compile("[*?[]")


class NotRegularError(Exception):
    """A path that names something other than a regular file (a folder, a FIFO, a device)."""

    def __init__(self, folder: bool) -> None:
        super().__init__("is a folder" if folder else "is not a regular file")
        self.folder = folder


class TooLargeError(Exception):
    """A file larger than the limit it was read with; `grew`: only while it was read (so
    `size` is not its whole size)."""

    def __init__(self, size: int, grew: bool = False) -> None:
        super().__init__(f"{size:,} bytes")
        self.size = size
        self.grew = grew


def read_bounded(path: Path | str, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of the regular file at `path`, read through one descriptor (so what was
    checked is what is read): OSError if it cannot be opened or read, NotRegularError for a
    folder, FIFO or device (a FIFO would block, /dev/zero never end), TooLargeError past
    `limit` bytes, even if it grew after it was looked at. Not `follow`: a symbolic link
    at `path` is an OSError (ELOOP), never read through."""
    nofollow = 0 if follow else getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | nofollow)
    try:
        st = os.fstat(fd)  # before fdopen, which raises IsADirectoryError for a folder
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularError(stat.S_ISDIR(st.st_mode))
        if st.st_size > limit:
            raise TooLargeError(st.st_size)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        # read(n) allocates n bytes up front: ask for the size fstat gave, and read on only
        # if the file grew since
        data = handle.read(st.st_size + 1)
        if len(data) > st.st_size:
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:
        raise TooLargeError(len(data), grew=True)
    return data


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of `path` if it is a regular file of at most `limit` bytes, else None (the
    loader then names the problem)."""
    try:
        return read_bounded(path, limit)
    except (OSError, ValueError, NotRegularError, TooLargeError):
        return None


class SourceError(Exception):
    """A source file that cannot be used, with a hint."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def dataset_root(data_file: Path) -> Path:
    """The folder document paths are relative to: the YAML's folder, or its parent if `data`."""
    # realpath, not Path.resolve: that raises RuntimeError on a symlink loop (3.11); the
    # loop is then told when the file is read
    folder = Path(os.path.realpath(data_file)).parent
    return folder.parent if folder.name == "data" else folder


def resolve_source(root: Path, file: str) -> Path:
    """The real path of `file` under `root`, or SourceError if it would leave the root."""
    if not file or "\x00" in file:
        raise SourceError("document path is empty or contains a NUL character")
    posix, windows = PurePosixPath(file), PureWindowsPath(file)
    if posix.is_absolute() or windows.is_absolute() or windows.drive:
        raise SourceError(
            f"document path {shorten(file)!r} is absolute",
            "write it relative to the dataset root",
        )
    if ".." in windows.parts:  # which splits at "/" as well as at "\\"
        raise SourceError(
            f"document path {shorten(file)!r} contains '..'",
            "source files must live under the dataset root",
        )
    real_root = Path(os.path.realpath(root))
    path = Path(os.path.realpath(real_root / file))  # a loop is told when the file is read
    if not path.is_relative_to(real_root):
        raise SourceError(
            f"document path {shorten(file)!r} leads outside the dataset root {str(real_root)!r} "
            "(through a symbolic link)",
            "copy the file into the dataset's folder",
        )
    return path


def read_source(path: Path, shown_as: str) -> str:
    """Read a source text as UTF-8 (BOM dropped, newlines normalised) or raise SourceError."""
    return read_source_digest(path, shown_as)[0]


def read_source_digest(path: Path, shown_as: str) -> tuple[str, str]:
    """`read_source`, and the SHA-256 (hex) of the file's bytes as read."""
    try:
        raw = read_bounded(path, MAX_SOURCE_BYTES)
    except (FileNotFoundError, NotADirectoryError):
        raise SourceError(
            f"source file {shown_as!r} does not exist",
            "check the document's `file` path (relative to the dataset root)",
        ) from None
    except NotRegularError:
        raise SourceError(f"source {shown_as!r} is not a regular file") from None
    except TooLargeError as exc:
        raise SourceError(
            f"source file {shown_as!r} is {exc.size:,} bytes; the limit is "
            f"{MAX_SOURCE_BYTES:,}",
            "split the text into several documents",
        ) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise SourceError(f"cannot read source {shown_as!r}: {reason}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"source file {shown_as!r} is not valid UTF-8 at byte offset {exc.start} "
            f"(byte 0x{raw[exc.start]:02X})",
            "convert it to UTF-8, e.g. iconv -f cp1251 -t utf-8",
        ) from None
    text = normalise_newlines(text)  # first: a file holding only a BOM is empty too
    if not text or text.isspace():  # not strip(): a copy of the whole text to test it
        raise SourceError(f"source file {shown_as!r} is empty")
    return text, hashlib.sha256(raw).hexdigest()


def read_data_bytes(path: Path, shown: str) -> bytes:
    """The bytes of the data file at `path`, or DataError naming why they cannot be used."""
    try:
        raw = read_bounded(path, MAX_DATA_BYTES)
    except (FileNotFoundError, NotADirectoryError):
        raise DataError([Problem(shown, None, None, "", "file not found",
                                 "check the --data path")]) from None
    except NotRegularError as exc:
        if exc.folder:
            raise one_problem(shown, "is a folder, not a curated YAML file") from None
        raise one_problem(shown, "is not a regular file (a device or a pipe?)",  # would never end
                   "give the path of a curated YAML file") from None
    except TooLargeError as exc:
        if exc.grew:
            raise one_problem(shown, f"file is larger than the limit of {MAX_DATA_BYTES:,} bytes"
                       ) from None
        raise one_problem(shown, f"file is {exc.size:,} bytes; the limit is {MAX_DATA_BYTES:,}",
                   SPLIT_HINT) from None
    except (OSError, ValueError) as exc:  # a link loop, a name too long, EACCES, EIO …
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise one_problem(shown, f"cannot read: {reason}") from None
    return raw


def decode_data(raw: bytes, shown: str) -> str:
    """The text of a data file's bytes, or DataError (not UTF-8, empty)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise one_problem(shown, f"not valid UTF-8 at byte offset {exc.start} "
                   f"(byte 0x{raw[exc.start]:02X})", "save the file as UTF-8") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():  # not strip(): a copy of the whole text to test it
        raise one_problem(shown, "file is empty", "a curated file starts with `schema_version: 1`")
    return text


def one_problem(shown: str, message: str, hint: str | None = None) -> DataError:
    return DataError([Problem(shown, None, None, "", message, hint)])


class IncludeTooBroad(Exception):
    """An include pattern that looks through more than MAX_INCLUDE_ENTRIES entries."""


@dataclass
class Matches:
    """What an include pattern matched."""

    files: list[str]  # sorted, as glob.glob would give them
    skipped_links: int = 0  # symbolic links to folders a wildcard did not follow
    entries: int = 0  # files and folders looked through


def _is_dir(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def match_include(base: str, pattern: str, limit: int | None = None) -> Matches:
    """The files under folder `base` that `pattern` (glob syntax, `**` for any number of
    folders) matches, as glob.glob(recursive=True) finds them, but without following a
    symbolic link to a folder where a wildcard or `**` would descend: `parts/a -> .` makes
    glob walk forever. A folder named literally is followed (a pattern is not a loop).
    IncludeTooBroad past `limit` entries (MAX_INCLUDE_ENTRIES if None)."""
    if limit is None:
        limit = MAX_INCLUDE_ENTRIES
    parts = [p for p in pattern.split("/") if p not in ("", ".")]
    found: set[str] = set()
    out = Matches([])
    if pattern.endswith("/"):  # matches folders only
        return out
    seen: set[tuple[str, int]] = set()  # `**/**` reaches a folder many ways: walk it once
    todo = [(base, 0)] if parts else []
    entries = 0
    while todo:
        folder, index = todo.pop()
        if (folder, index) in seen:
            continue
        seen.add((folder, index))
        entries += 1
        if entries > limit:
            raise IncludeTooBroad
        part, last = parts[index], index == len(parts) - 1
        if not _MAGIC.search(part):
            path = f"{folder}/{part}"
            if last:
                found.add(path)
            elif _is_dir(path):
                todo.append((path, index + 1))
            continue
        if part == "**" and not last:
            todo.append((folder, index + 1))  # ** may stand for no folder at all
        try:
            with os.scandir(folder) as listing:
                names = [(e.name, e.is_dir(follow_symlinks=False), e.is_symlink())
                         for e in listing]
        except (OSError, ValueError):  # gone, not a folder, not readable: nothing matches
            continue
        entries += len(names)
        if entries > limit:
            raise IncludeTooBroad
        for name, is_dir, is_link in names:
            if name.startswith(".") and not part.startswith("."):  # as glob: hidden
                continue
            path = f"{folder}/{name}"
            if part == "**":
                if is_dir:
                    todo.append((path, index))
                elif is_link and _is_dir(path):
                    out.skipped_links += 1
                elif last:
                    found.add(path)
            elif fnmatch.fnmatch(name, part):
                if last:
                    found.add(path)
                elif is_dir:
                    todo.append((path, index + 1))
                elif is_link and _is_dir(path):
                    out.skipped_links += 1
    out.files = sorted(found)
    out.entries = entries
    return out


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):  # a link loop, a name too long: not a file to include
        return False


def expand_includes(top: Path, part: Part, root: Path, problems: list[Problem]
                    ) -> list[Path]:
    """The files `part` (the top file) includes, in order, each once; a pattern that is
    unsafe or matches nothing is a problem at its line. The patterns share one budget of
    entries looked through (MAX_INCLUDE_ENTRIES), of patterns and of files included: past
    one, a problem at the pattern that crossed it, and the patterns after it are not
    looked at."""
    # realpath, not Path.resolve: that raises RuntimeError on a symlink loop (3.11)
    base = os.path.dirname(os.path.realpath(top))
    real_root = Path(os.path.realpath(root))
    seen = {Path(os.path.realpath(top))}
    out: list[Path] = []
    spent = 0  # entries the patterns so far looked through
    done: set[str] = set()  # a pattern listed again adds nothing
    for pattern, line, col in part.includes:
        def bad(message: str, hint: str | None = None, line: int | None = line,
                col: int | None = col) -> None:
            problems.append(Problem(part.file, line, col, "include", message, hint))

        if pattern in done:
            continue
        if len(done) == MAX_INCLUDE_PATTERNS:
            bad(f"more than {MAX_INCLUDE_PATTERNS:,} include patterns",
                "name the folder of the parts, e.g. parts/*.yaml")
            break
        done.add(pattern)
        pure = PurePosixPath(pattern)
        if pure.is_absolute() or ".." in pure.parts or "\\" in pattern or "\x00" in pattern:
            bad(f"include {shorten(pattern)!r} must be a relative path inside the dataset, "
                "without '..'", "e.g. parts/*.yaml, relative to this file")
            continue
        try:
            matches = match_include(base, pattern, MAX_INCLUDE_ENTRIES - spent)
        except IncludeTooBroad:
            bad(f"include {shorten(pattern)!r} looks through more than "
                f"{MAX_INCLUDE_ENTRIES:,} files and folders"
                + (" with the patterns before it" if spent else ""),
                "name the folder of the parts, e.g. parts/*.yaml")
            break
        spent += matches.entries
        files = [m for m in matches.files if _regular(m)]
        if not files:
            hint = "check the path: it is relative to this file's folder"
            if matches.skipped_links:
                hint = ("symbolic links to folders are not followed by * or **; name the "
                        "linked folder itself, e.g. parts/linked/*.yaml")
            bad(f"include {shorten(pattern)!r} matches no file", hint)
            continue
        for file in files:
            real = Path(os.path.realpath(file))
            if not real.is_relative_to(real_root):
                bad(f"include {shorten(pattern)!r} leads outside the dataset root "
                    f"{str(real_root)!r} (through a symbolic link)")
                continue
            if real not in seen:
                if len(out) == MAX_INCLUDED_FILES:
                    bad(f"include {shorten(pattern)!r} brings the files included past "
                        f"{MAX_INCLUDED_FILES:,}", SPLIT_HINT)
                    return out
                seen.add(real)
                out.append(Path(file))
    return out
