"""The live reload's stamps (core/stamps.py): the data file, then its sources, each
as (mtime in ns, size), None for one that cannot be read; a change of either is seen."""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

from kzt_tui.core.loading import load
from kzt_tui.core.stamps import FileStamps

UI = Path(__file__).resolve().parent.parent / "fixtures" / "ui"


def _stamp(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return (st.st_mtime_ns, st.st_size)


def test_the_data_file_then_each_source_and_a_change_is_seen(tmp_path: Path) -> None:
    shutil.copytree(UI, tmp_path / "ui")
    data = tmp_path / "ui" / "curated.yaml"
    dataset = load(data)
    stamps = FileStamps(data, None)
    sources = [tmp_path / "ui" / doc.file for doc in dataset.documents]
    assert len(sources) >= 2
    assert stamps.of(dataset) == (_stamp(data), *map(_stamp, sources))
    sources[0].write_text(sources[0].read_text(encoding="utf-8") + "x", encoding="utf-8")
    sources[1].unlink()
    now = stamps.of(dataset)
    assert now[1] == _stamp(sources[0])
    assert now[2] is None
    assert len(now) == 1 + len(sources)


def test_the_root_given_is_where_the_sources_are(tmp_path: Path) -> None:
    dataset = load(UI / "curated.yaml")
    stamps = FileStamps(UI / "curated.yaml", tmp_path)  # no sources there
    assert stamps.of(dataset) == (_stamp(UI / "curated.yaml"),) + (None,) * len(
        dataset.documents)


def test_a_split_dataset_stamps_each_file_each_part_folder_then_the_sources(
        split: Path) -> None:
    """curated.yaml, parts/1.yaml, parts/2.yaml, then the folder parts/ (a part added to it
    changes its mtime), then texts/a.txt and texts/b.txt."""
    root = split.parent
    (root / "early").mkdir()  # the first part in a folder of its own
    (root / "parts" / "1.yaml").rename(root / "early" / "1.yaml")
    split.write_text(split.read_text(encoding="utf-8").replace(
        'include: ["parts/*.yaml"]', 'include: ["early/1.yaml", "parts/*.yaml"]'),
        encoding="utf-8")
    dataset = load(split)
    assert dataset.files == (str(split), str(root / "early" / "1.yaml"),
                             str(root / "parts" / "2.yaml"))
    expected = [split, root / "early" / "1.yaml", root / "parts" / "2.yaml",
                root / "early", root / "parts", root / "texts" / "a.txt",
                root / "texts" / "b.txt"]
    assert FileStamps(split, None).of(dataset) == tuple(map(_stamp, expected))


def test_a_dataset_that_names_no_files_is_stamped_by_its_data_path(tmp_path: Path) -> None:
    dataset = replace(load(UI / "curated.yaml"), files=())
    stamps = FileStamps(UI / "curated.yaml", tmp_path)
    assert stamps.of(dataset) == (_stamp(UI / "curated.yaml"),) + (None,) * len(
        dataset.documents)
