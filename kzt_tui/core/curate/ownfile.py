"""kzt-tui's own files in a dataset (its part file, the undo journal, marks.yaml) are data
from someone else too: read only when a regular file of bounded size, never through a
symbolic link; written only where neither the file nor a folder on the way to it from the
dataset root is a symbolic link (following one writes elsewhere; replacing one drops it)."""

from __future__ import annotations

import os
from pathlib import Path

from kzt_tui.core.atomic import not_a_file
from kzt_tui.core.loading.files import NotRegularError, TooLargeError, read_bounded


class OwnFileError(OSError):
    """A file or folder kzt-tui will not read or write; `why` it is not, after its name."""

    def __init__(self, path: Path | str, why: str) -> None:
        super().__init__(f"{path} {why}")
        self.why = why

    def __str__(self) -> str:
        return str(self.args[0])


def read_own(path: Path, limit: int) -> bytes | None:
    """The bytes of the file at `path`, None when there is none; OwnFileError when it is a
    symbolic link, a folder, a FIFO or a device, is larger than `limit`, or unreadable."""
    what = not_a_file(path)
    if what is not None:  # looked at before it is opened: a device is never opened
        raise OwnFileError(path, f"is {what}, not a regular file; kzt-tui reads and "
                           "writes only a regular file there (move it aside)")
    try:
        return read_bounded(path, limit, follow=False)
    except FileNotFoundError:
        return None
    except TooLargeError as exc:
        raise OwnFileError(path, f"is larger than {limit // (1 << 20)} MiB "
                           f"({exc.size:,} bytes); kzt-tui does not read it (move it "
                           "aside)") from None
    except NotRegularError:  # it became one since it was looked at
        raise OwnFileError(path, "is not a regular file; kzt-tui reads and writes only "
                           "a regular file there (move it aside)") from None
    except OSError as exc:  # ELOOP: it became a symbolic link since; EACCES …
        raise OwnFileError(path, f"cannot be read: {exc.strerror or exc}") from None


def no_links(root: Path, path: Path) -> None:
    """OwnFileError when `path`, or a folder between the dataset root and it, is a
    symbolic link, or when it is not under the root. The root itself may be reached
    through a link (a folder the user linked into their home is theirs)."""
    real_root = os.path.realpath(root)
    at = os.path.abspath(path)
    while True:
        if os.path.realpath(at) == real_root and not (
                os.path.islink(at) and os.path.realpath(os.path.dirname(at)) == real_root):
            return  # the root (a link in it back to itself is not)
        if os.path.islink(at):
            raise OwnFileError(at, "is a symbolic link; kzt-tui does not write through "
                               "one (it would write elsewhere, or replace the link)")
        parent = os.path.dirname(at)
        if parent == at:
            raise OwnFileError(path, f"is not inside the dataset root {root}; kzt-tui "
                               "writes only inside it")
        at = parent
