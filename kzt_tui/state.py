"""What the app remembers between runs (pane, selection, language), saved under XDG state.

Written atomically; a corrupt file is set aside (renamed) instead of stopping the app; a
read-only or missing home only means nothing is remembered.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from kzt_tui.core.atomic import write_atomic


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
        raw = path.read_bytes()  # decoded by json.loads: bad bytes are a corrupt file
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
    except (ValueError, TypeError, OverflowError) as exc:  # OverflowError: int(1e400)
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(asdict(state)))
    except OSError as exc:
        return f"could not save state to {path}: {exc.strerror or exc}"
    return None
