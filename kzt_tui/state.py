"""What the app remembers between runs (pane, selection, language), saved under XDG state.

Written atomically; a corrupt file is set aside (renamed) instead of stopping the app; a
read-only or missing home only means nothing is remembered.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class SavedState:
    """The remembered position."""

    pane: str = "agreements"
    record: str | None = None
    cite: int = 0
    lang: str = "en"


def state_path() -> Path:
    """$XDG_STATE_HOME/kzt-tui/state.json (default ~/.local/state)."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    return Path(base) / "kzt-tui" / "state.json"


def load_state(path: Path | None = None) -> tuple[SavedState, str | None]:
    """The saved state and a warning for the user (a corrupt file was set aside), if any."""
    path = path or state_path()
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return SavedState(), None
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        state = SavedState(
            pane=str(data.get("pane", "agreements")),
            record=data.get("record") if isinstance(data.get("record"), str) else None,
            cite=int(data.get("cite", 0)),
            lang="ru" if data.get("lang") == "ru" else "en",
        )
        return state, None
    except (ValueError, TypeError) as exc:
        aside = path.with_name(f"state.json.corrupt-{int(time.time())}")
        try:
            path.replace(aside)
            where = f"moved to {aside}"
        except OSError:
            where = "left in place"
        return SavedState(), f"saved state was unreadable ({exc}); {where}"


def save_state(state: SavedState, path: Path | None = None) -> str | None:
    """Write the state atomically; an error message instead of an exception on failure."""
    path = path or state_path()
    tmp = path.with_name(f".state.json.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(asdict(state), handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        return f"could not save state to {path}: {exc.strerror or exc}"
    return None
