"""A first start's cache entries written after its first frame (load_start's `later`): the
load gives what it gives without it, writes nothing until the caller runs what it put off,
and then every entry it would have written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kzt_tui.core.loading import DataError, PartCache, check_dataset, load, load_cached_start


def _entries(directory: Path) -> list[str]:
    parts = PartCache(directory).directory
    return sorted(p.name for p in parts.iterdir()) if parts.is_dir() else []


def _cached(split: Path, directory: Path) -> int:
    """How many of the dataset's files a check takes from the cache under `directory`."""
    return check_dataset(split, cache=PartCache(directory)).cached


def test_the_entries_wait_for_the_caller(split: Path, tmp_path: Path) -> None:
    later: list[Callable[[], None]] = []
    dataset, left_out = load_cached_start(split, directory=tmp_path / "c", later=later)
    assert (dataset, left_out) == (load(split), 0)
    assert _entries(tmp_path / "c") == [] and len(later) == 1  # one call writes them all
    later.pop()()
    assert len(_entries(tmp_path / "c")) == 3
    assert _cached(split, tmp_path / "c") == 3  # entries the next load takes
    # the same entries as a load that writes them at once
    load_cached_start(split, directory=tmp_path / "now")
    assert _entries(tmp_path / "c") == _entries(tmp_path / "now")


def test_without_later_the_entries_are_written_at_once(split: Path, tmp_path: Path) -> None:
    load_cached_start(split, directory=tmp_path / "c")
    assert _cached(split, tmp_path / "c") == 3


def test_a_start_from_the_cache_puts_nothing_off(split: Path, tmp_path: Path) -> None:
    load_cached_start(split, directory=tmp_path / "c")
    later: list[Callable[[], None]] = []
    load_cached_start(split, directory=tmp_path / "c", later=later)
    assert later == []


def test_only_the_files_checked_are_put_off(split: Path, tmp_path: Path) -> None:
    load_cached_start(split, directory=tmp_path / "c")
    part = split.parent / "parts" / "2.yaml"
    part.write_text(part.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    before = _entries(tmp_path / "c")
    later: list[Callable[[], None]] = []
    load_cached_start(split, directory=tmp_path / "c", later=later)
    assert _entries(tmp_path / "c") == before and len(later) == 1
    later.pop()()
    after = _entries(tmp_path / "c")
    assert len(after) == 3 and len(set(after) - set(before)) == 1  # 2.yaml's new entry
    assert _cached(split, tmp_path / "c") == 3


def test_a_dataset_with_problems_puts_off_nothing(split: Path, tmp_path: Path) -> None:
    part = split.parent / "parts" / "1.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("вторая статья", "третья статья"),
                    encoding="utf-8")
    later: list[Callable[[], None]] = []
    with pytest.raises(DataError):
        load_cached_start(split, directory=tmp_path / "c", later=later)
    assert later == [] and _entries(tmp_path / "c") == []
