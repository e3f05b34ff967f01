"""Atomic file writes: a temporary file in the target's folder, then one rename.

The one implementation that exports and the saved UI state share. A reader (or a crash)
sees the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path


class OverwriteError(FileExistsError):
    """The target exists and replacing it was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; not replaced (use --force to replace it)")
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])


class NotAFileError(OSError):
    """The target exists and is not a regular file; it is never replaced, even with force."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(f"{path} is {what}, not a regular file; not replaced")
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0])


def not_a_file(path: Path) -> str | None:
    """What `path` is ("a folder", "a device" …) if it exists and is not a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:  # not there, or not reachable: the write itself will say why
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):  # replacing it would drop the link; following it, write elsewhere
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "a special file"


def _temp_beside(path: Path) -> tuple[Path, int]:
    """A new, exclusively created temporary file next to `path`, and its descriptor."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            # 0o666 so the umask decides the final mode, as it would for a plain open().
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"could not create a temporary file beside {path}")


def _mode_of(path: Path) -> int | None:
    """The permissions of the regular file at `path`, if there is one."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_mode & 0o777 if stat.S_ISREG(st.st_mode) else None  # no setuid bits


def _write_temp(path: Path, data: bytes, durable: bool = True) -> Path:
    mode = _mode_of(path)
    tmp, fd = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:  # a rewrite keeps the file's permissions (0600 stays 0600)
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def write_atomic(path: Path, text: str) -> None:
    """Replace (or create) `path` with `text` as UTF-8, atomically; OSError on failure."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace (or create) `path` with `data`, atomically; OSError on failure.

    `durable=False` skips the fsync: for files whose loss costs only a rebuild (caches).
    """
    path = Path(path)
    tmp = _write_temp(path, data, durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_new(path: Path, text: str | bytes, *, force: bool = False) -> None:
    """Write `text` (UTF-8; bytes as they are) to `path` atomically; OverwriteError if it
    exists and not `force`.

    Without `force` the final step is a hard link, which fails if the name was taken in the
    meantime, so a file created by someone else between the check and the write is not
    clobbered either. Where hard links are not supported it falls back to check-then-rename.

    Only a regular file is replaced (NotAFileError otherwise): `--force` once turned
    /dev/full into a file. Should a pipe or device appear at `path` after this check, the
    rename replaces that name; it never writes into it or follows a link.
    """
    path = Path(path)
    what = not_a_file(path)
    if what is not None:
        raise NotAFileError(path, what)
    data = text.encode("utf-8") if isinstance(text, str) else text
    if force:
        write_atomic_bytes(path, data)
        return
    if path.exists() or path.is_symlink():
        raise OverwriteError(path)
    tmp = _write_temp(path, data)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise OverwriteError(path) from None
        except OSError:  # no hard links here (some network and FAT file systems)
            if os.path.lexists(path):
                raise OverwriteError(path) from None
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
