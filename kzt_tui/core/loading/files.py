"""Finding and reading source texts safely: confined to the dataset root, size-limited."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path, PurePosixPath, PureWindowsPath

from kzt_tui.core.grounding import normalise_newlines

#: A curated file larger than this is refused before it is parsed (by the loader, and by
#: the cache, which must not import the loader: it imports yaml). `kzt-tui check` peaks at
#: ~11 bytes of RSS per byte of YAML on the bench corpus (bench/corpus.py: 25 MB → 290 MB,
#: 126 MB → 1.4 GB, 253 MB → 2.8 GB; the text as str, the parsed values, the records), so
#: the limit bounds `check` near 1.5 GB and leaves room for what the app adds (widgets,
#: search index). Files of nothing but empty lists or mappings cost more per byte; they are
#: bounded by yamlsafe.MAX_VALUES, and the problems they cause by load.MAX_PROBLEMS.
MAX_DATA_BYTES = 128 * 1024 * 1024
#: A source text larger than this is refused rather than read into memory.
MAX_SOURCE_BYTES = 16 * 1024 * 1024


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


def read_bounded(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file at `path`, read through one descriptor (so what was
    checked is what is read): OSError if it cannot be opened or read, NotRegularError for a
    folder, FIFO or device (a FIFO would block, /dev/zero never end), TooLargeError past
    `limit` bytes, even if it grew after it was looked at."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
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
            f"document path {file!r} is absolute",
            "write it relative to the dataset root",
        )
    if ".." in posix.parts or ".." in windows.parts:
        raise SourceError(
            f"document path {file!r} contains '..'",
            "source files must live under the dataset root",
        )
    real_root = Path(os.path.realpath(root))
    path = Path(os.path.realpath(real_root / file))  # a loop is told when the file is read
    if not path.is_relative_to(real_root):
        raise SourceError(
            f"document path {file!r} leads outside the dataset root {str(real_root)!r} "
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
    if not text.strip():
        raise SourceError(f"source file {shown_as!r} is empty")
    return text, hashlib.sha256(raw).hexdigest()
