"""The shipped dataset is read-only: it lives inside the installed package, and a
reinstall or `pip install --upgrade` replaces that folder, so anything kzt-tui wrote there
(marks, records, sources, the undo journal) would be lost without a word.

One rule, asked by every writer of a dataset folder (core/marks.py, core/curate/store.py,
core/curate/sources.py) before anything is written: a path inside the package's own folder
is refused. A development checkout's data/ lies beside the package, not in it, and stays
writable: that is where curators work.
"""

from __future__ import annotations

from pathlib import Path

from kzt_tui.core import paths
from kzt_tui.core.i18n import N_

#: Why a write into the shipped dataset is refused, and what to do instead (one line).
READ_ONLY = N_("the shipped dataset lives inside the installed package and a reinstall "
               "would replace it: make your own copy with `kzt-tui copy-data DIR`, then "
               "open it with `kzt-tui --data DIR/data/curated.yaml`")


class ShippedError(PermissionError):
    """A write into the shipped dataset, refused before anything was written."""

    def __init__(self) -> None:
        super().__init__(READ_ONLY)

    def __str__(self) -> str:
        return str(self.args[0])


def is_shipped(path: Path, package: Path | None = None) -> bool:
    """Whether `path` lies inside `package` (default: kzt-tui's own installed folder)."""
    folder = (paths.package_dir() if package is None else package).resolve()
    return Path(path).resolve().is_relative_to(folder)


def refuse_shipped(path: Path) -> None:
    """ShippedError when `path` lies inside the installed package."""
    if is_shipped(path):
        raise ShippedError


class CopyError(Exception):
    """`kzt-tui copy-data` refused: one line with the place."""


class CopyRefused(CopyError):
    """The folder given is one copy-data will not write into (not empty, or not a folder):
    the user's choice to change, like `export --out` onto a file that exists (exit 2), not
    a copy that went wrong (a CopyError: exit 1)."""


#: Left out of a copy: what kzt-tui or Python leave beside the data, not the data.
_NOT_COPIED = ("__pycache__", ".*")


def not_shipped(data: Path | None) -> str | None:
    """Why copy-data does not copy the dataset `data` (None: the shipped one, which it
    copies): a dataset of the user's is writable already, and a copy of it is a copy of
    its folder, whose files only the user knows. Any file of the shipped dataset (a part
    opened with --data) is the shipped dataset: it is copied whole."""
    if data is None or Path(data).resolve() == paths.shipped_data().resolve() or (
            is_shipped(Path(data))):
        return None
    return (f"it copies the shipped dataset, not {data}: that one is yours and writable "
            "already (to have a second, copy its folder)")


def copy_shipped(target: Path, source: Path | None = None) -> Path:
    """Copy the shipped dataset's data/ and seeds/ (from `source`, default the shipped
    one) into the folder `target`, which must be new or empty; nothing is overwritten.
    The copied curated file, which `--data` opens."""
    import shutil

    source = paths.shipped_root() if source is None else source
    try:
        if target.exists() and (not target.is_dir() or any(target.iterdir())):
            what = "a folder that is not empty" if target.is_dir() else "not a folder"
            raise CopyRefused(f"{target} is {what}; nothing copied (give a new or empty "
                            "folder)")
        target.mkdir(parents=True, exist_ok=True)
        for part in ("data", "seeds"):
            shutil.copytree(source / part, target / part,
                            ignore=shutil.ignore_patterns(*_NOT_COPIED))
    except OSError as exc:
        raise CopyError(f"cannot copy into {target}: {exc.strerror or exc}") from exc
    return target / "data" / "curated.yaml"
