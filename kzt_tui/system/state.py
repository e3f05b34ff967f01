"""What the app remembers between runs (pane, selection, language), saved under XDG state.

Written atomically; a corrupt file is set aside (renamed) instead of stopping the app; a
read-only or missing home only means nothing is remembered. The file may be anything: it is
never waited on (a FIFO), read past MAX_BYTES, or trusted to nest shallowly.
"""

from __future__ import annotations

import json
import os
import stat
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from kzt_tui.core.atomic import write_atomic

#: A real state file is under 200 bytes; anything past this is not one.
MAX_BYTES = 64 * 1024


@dataclass
class SavedState:
    """The remembered position."""

    pane: str = "agreements"
    record: str | None = None
    cite: int = 0
    lang: str = "en"


def state_path() -> Path:
    """$XDG_STATE_HOME/kzt-tui/state.json (default ~/.local/state)."""
    base = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is invalid, ignore it
        base = os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "kzt-tui" / "state.json"


class _NotAFile(Exception):
    """The state path names a FIFO, device or folder: nothing to read or to move."""


def _read(path: Path) -> bytes:
    """The file's bytes; _NotAFile, or ValueError if it is too large to be a state."""
    # O_NONBLOCK: opening a FIFO for reading would wait for a writer forever. fstat on the
    # open file, not stat before it: the name could be swapped in between.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _NotAFile
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            chunk = os.read(fd, MAX_BYTES + 1 - size)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
        raise ValueError(f"too large: over {MAX_BYTES:,} bytes")
    finally:
        os.close(fd)


def _set_aside(path: Path) -> str:
    """Rename the file beside itself, never over an earlier one; where it went."""
    stamp = int(time.time())
    for n in range(100):
        aside = path.with_name(f"state.json.corrupt-{stamp}" + (f"-{n}" if n else ""))
        if aside.exists() or aside.is_symlink():
            continue
        try:
            path.replace(aside)
        except OSError:
            break
        return f"moved to {aside}"
    return "left in place"


def load_state(path: Path | None = None) -> tuple[SavedState, str | None]:
    """The saved state and a warning for the user (a corrupt file was set aside), if any."""
    path = path or state_path()
    try:
        raw = _read(path)  # decoded by json.loads: bad bytes are a corrupt file
    except OSError:
        return SavedState(), None
    except _NotAFile:  # not ours to move; the next save replaces the name atomically
        return SavedState(), f"saved state {path} is not a regular file; ignored"
    except ValueError as exc:
        return SavedState(), f"saved state was unreadable ({exc}); {_set_aside(path)}"
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        state = SavedState(
            pane=str(data.get("pane", "agreements")),
            record=data.get("record") if isinstance(data.get("record"), str) else None,
            cite=max(0, int(data.get("cite", 0))),
            lang="ru" if data.get("lang") == "ru" else "en",
        )
        return state, None
    # OverflowError: int(1e400); RecursionError: "[[[[…" nested deeper than json can parse
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        why = "nested too deeply" if isinstance(exc, RecursionError) else exc
        return SavedState(), f"saved state was unreadable ({why}); {_set_aside(path)}"


def save_state(state: SavedState, path: Path | None = None) -> str | None:
    """Write the state atomically; an error message instead of an exception on failure."""
    path = path or state_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(asdict(state)))
    except OSError as exc:
        return f"could not save state to {path}: {exc.strerror or exc}"
    return None
