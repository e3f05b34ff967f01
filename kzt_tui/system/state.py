"""What the app remembers between runs (pane, selection, language, what each pane showed:
filter, selection, scroll place and whatever else navigation.PaneState holds, the search
history), saved under XDG state.

Written atomically; a corrupt file is set aside (renamed) instead of stopping the app; a
read-only or missing home only means nothing is remembered. The file may be anything: it is
never waited on (a FIFO), read past MAX_BYTES, or trusted to nest shallowly.
"""

from __future__ import annotations

import json
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzt_tui.core.atomic import write_atomic
from kzt_tui.navigation import QUERY_LIMIT, SEARCH_HISTORY_LIMIT, PaneState
from kzt_tui.panes import PANE_BY_NAME
from kzt_tui.system.typed_json import decode, encode

#: A real state file is a few KiB (50 queries of up to 200 characters, a filter a pane);
#: anything past this is not one.
MAX_BYTES = 64 * 1024


@dataclass
class SavedState:
    """The remembered position."""

    pane: str = "agreements"
    record: str | None = None
    cite: int = 0
    lang: str = "en"
    #: What each pane showed, by pane name (PaneState, written and read field by field).
    panes: dict[str, PaneState] = field(default_factory=dict)
    #: Search queries, oldest first.
    searches: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The state as JSON values."""
        return {"pane": self.pane, "record": self.record, "cite": self.cite,
                "lang": self.lang, "panes": {k: encode(v) for k, v in self.panes.items()},
                "searches": self.searches}


def _panes(value: object) -> dict[str, PaneState]:
    """The pane states of a file, each field taken only if it has its type; panes that no
    longer exist are dropped."""
    if not isinstance(value, dict):
        return {}
    return {name: decode(PaneState, data) for name, data in value.items()
            if name in PANE_BY_NAME and isinstance(data, dict)}


def _searches(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    queries = [q[:QUERY_LIMIT] for q in value if isinstance(q, str) and q.strip()]
    return queries[-SEARCH_HISTORY_LIMIT:]


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
            panes=_panes(data.get("panes")),
            searches=_searches(data.get("searches")),
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
        write_atomic(path, json.dumps(state.to_json()))
    except OSError as exc:
        return f"could not save state to {path}: {exc.strerror or exc}"
    return None
