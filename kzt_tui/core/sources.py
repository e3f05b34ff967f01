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


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of `path` if it is a regular file of at most `limit` bytes, else None: a
    FIFO or a device could block or never end (the loader then names the problem)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        data = handle.read(st.st_size + 1)
    return data if len(data) == st.st_size else None  # grew while read: not a hit


class SourceError(Exception):
    """A source file that cannot be used, with a hint."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def dataset_root(data_file: Path) -> Path:
    """The folder document paths are relative to: the YAML's folder, or its parent if `data`."""
    folder = data_file.resolve().parent
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
    real_root = root.resolve()
    path = (real_root / file).resolve()
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
        if not path.is_file():
            if path.exists():
                raise SourceError(f"source {shown_as!r} is not a regular file")
            raise SourceError(
                f"source file {shown_as!r} does not exist",
                "check the document's `file` path (relative to the dataset root)",
            )
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(
                f"source file {shown_as!r} is {size:,} bytes; the limit is "
                f"{MAX_SOURCE_BYTES:,}",
                "split the text into several documents",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read source {shown_as!r}: {exc.strerror or exc}") from None
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
