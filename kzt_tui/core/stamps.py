"""How a dataset's files stand (size and mtime), to notice an edit cheaply (live reload)."""

from __future__ import annotations

import os
from pathlib import Path

from kzt_tui.core.loading.files import dataset_root
from kzt_tui.core.model import Dataset

#: Per file: (mtime in ns, size), or None when it cannot be read.
Stamp = tuple[tuple[int, int] | None, ...]


class FileStamps:
    """The stamp of a dataset's data files, their folders and its sources."""

    def __init__(self, data_path: Path | None, root: Path | None) -> None:
        self.data_path = data_path
        self.root = root
        self._watching: tuple[Dataset | None, list[str]] = (None, [])

    def of(self, dataset: Dataset) -> Stamp:
        """Size and mtime of the data files and sources, to notice edits cheaply (at 1,000x
        that is 6,000 files a second: paths are made once per dataset, then only stat)."""
        if self._watching[0] is not dataset:
            assert self.data_path is not None
            root = self.root if self.root is not None else dataset_root(self.data_path)
            paths = list(dataset.files or (str(self.data_path),))
            # a folder's mtime changes when a file is added to it (a new part to include)
            paths += sorted({os.path.dirname(f) for f in paths[1:]})
            paths += [os.path.join(root, doc.file) for doc in dataset.documents]
            self._watching = (dataset, paths)
        stamps: list[tuple[int, int] | None] = []
        for path in self._watching[1]:
            try:
                st = os.stat(path)
                stamps.append((st.st_mtime_ns, st.st_size))
            except OSError:
                stamps.append(None)
        return tuple(stamps)
