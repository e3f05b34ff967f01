"""Where the shipped dataset lives, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def package_dir() -> Path:
    """The folder of the installed kzt_tui package (core/shipped.py: nothing is written
    inside it)."""
    return _PACKAGE


def shipped_data() -> Path:
    """The curated file that ships with kzt-tui (inside the wheel, or the repository's)."""
    installed = _PACKAGE / "_dataset" / "data" / "curated.yaml"
    if installed.is_file():
        return installed
    return _PACKAGE.parent / "data" / "curated.yaml"


def shipped_root() -> Path:
    """The folder holding the shipped data/ and seeds/ (what `kzt-tui copy-data` copies)."""
    return shipped_data().parent.parent
