"""What each entry point of a load over several files passes on (core/loading/dataset.py):
the root, the cache folder, cancel and progress of load_cached, load_start and check; that
a check reads no records from the cache; the workers' hand-over counted step by step; and
the files that change under a load, each told with the others still checked."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from kzt_tui.core.loading import dataset as D
from kzt_tui.core.loading import workers as warm
from kzt_tui.core.loading.cache import PartCache
from kzt_tui.core.loading.part import Part
from kzt_tui.core.problems import Cancelled, DataError
from tests.helpers import make_split


@pytest.fixture
def split(tmp_path: Path) -> Path:
    return make_split(tmp_path)


def _problems(call: object, kind: type[DataError] = DataError) -> list[str]:
    with pytest.raises(DataError) as info:
        call()  # type: ignore[operator]
    assert type(info.value) is kind
    return [str(p) for p in info.value.problems]


def _entries(folder: Path) -> int:
    return len(list((folder / "parts").glob("*.pickle")))


def _outside(split: Path, other: Path) -> list[str]:
    outside = (f"{split}:2:11: include: include 'parts/*.yaml' leads outside the dataset "
               f"root {str(other)!r} (through a symbolic link)")
    return [outside, outside,
            f"{split}:5:5: documents[0].file: source file 'texts/a.txt' does not exist (hint: "
            "check the document's `file` path (relative to the dataset root))"]


def test_every_entry_point_uses_the_root_given(split: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    want = _outside(split, other)
    assert _problems(lambda: D.check_dataset(split, other)) == want
    assert _problems(lambda: D.load_cached(split, other, tmp_path / "c")) == want
    assert _problems(lambda: D.load_start(split, other)) == want
    assert _problems(lambda: D.load_cached_start(split, other, tmp_path / "c")) == want


def test_the_cached_entry_points_use_the_folder_given(split: Path, tmp_path: Path) -> None:
    assert [p.id for p in D.load_cached(split, directory=tmp_path / "a").people] == [
        "per-one", "per-two", "per-three"]
    assert _entries(tmp_path / "a") == 3
    data, left_out = D.load_cached_start(split, directory=tmp_path / "b")
    assert (len(data.people), left_out, _entries(tmp_path / "b")) == (3, 0, 3)
    D.load_start(split, cache=PartCache(tmp_path / "s"))
    assert _entries(tmp_path / "s") == 3


def test_load_cached_hears_progress_and_cancel(split: Path, tmp_path: Path) -> None:
    heard: list[tuple[int, int]] = []
    D.load_cached(split, directory=tmp_path / "c", progress=lambda *a: heard.append(a))
    assert heard == [(1, 5), (3, 5), (5, 5)]  # two parts checked here: two steps each
    heard.clear()
    D.load_cached(split, directory=tmp_path / "c", progress=lambda *a: heard.append(a))
    assert heard == [(2, 6), (3, 6), (3, 3)]  # from the cache: a step each
    heard.clear()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        D.load_cached(split, directory=tmp_path / "c", cancel=cancel,
                      progress=lambda *a: heard.append(a))
    assert heard == []


def test_an_unreadable_curated_file_is_told_by_its_name(tmp_path: Path) -> None:
    gone = tmp_path / "gone.yaml"
    assert _problems(lambda: D.load(gone)) == [f"{gone}: file not found (hint: check the "
                                               "--data path)"]


def test_a_whole_datasets_problems_are_a_data_error_not_a_first_view_error(
        split: Path, tmp_path: Path) -> None:
    part = split.parent / "parts" / "2.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("Вторая строка", "Пятая строка"),
                    encoding="utf-8")
    assert len(_problems(lambda: D.load(split))) == 1
    assert len(_problems(lambda: D.load_cached(split, directory=tmp_path / "c"))) == 1


def test_dismissals_are_in_the_dataset(split: Path) -> None:
    part = split.parent / "parts" / "2.yaml"
    part.write_text(part.read_text(encoding="utf-8") + "dismissals:\n  - doc: doc-b\n"
                    "    quote: \"Текст Б\"\n    reason: caption\n", encoding="utf-8")
    (dis,) = D.load(split).dismissals
    assert (dis.citation.doc, dis.citation.path, dis.reason) == ("doc-b", "dismissals[0]",
                                                                 "caption")
    assert dis.citation.span is not None and dis.citation.span.start == 0


def test_a_file_that_cannot_be_measured_counts_as_empty_in_the_first_view(
        tmp_path: Path) -> None:
    there = tmp_path / "a.yaml"
    there.write_bytes(b"x" * 10)
    files = [there, tmp_path / "gone.yaml", there]
    assert D._first_files(files, 20) == files
    assert D._first_files(files, 19) == files[:2]


def test_a_failed_check_makes_no_cache_folder(tmp_path: Path) -> None:
    top = tmp_path / "curated.yaml"
    top.write_text("schema_version: 1\nzzz: 1\n", encoding="utf-8")
    _problems(lambda: D.check_dataset(top, cache=PartCache(tmp_path / "c")))
    assert not (tmp_path / "c").exists()


class Spy(PartCache):
    """A cache that notes whether each get asked for the records."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.asked: list[bool] = []

    def get(self, key: bytes, file: str, root: Path, records: bool = True) -> Part | None:
        self.asked.append(records)
        return super().get(key, file, root, records)


def _in_process(stored: list[int]) -> Any:
    """warm_cache done here, by the worker's own batch check: both parts in one batch."""
    def fake(cache: PartCache, root: Path, jobs: list[warm.Job], sizes: list[int],
             docs: dict[str, tuple[str, str]], cancel: threading.Event | None,
             done: Any = None) -> None:
        stored.append(warm._check_batch(cache.base, root, jobs, docs))
        done(stored[-1])
    return fake


def test_check_reads_no_records_and_counts_each_warmed_part(
        split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stored: list[int] = []
    monkeypatch.setattr(warm, "warm_cache", _in_process(stored))
    heard: list[tuple[int, int]] = []
    cache = Spy(tmp_path / "c")
    got = D.check_dataset(split, cache=cache, progress=lambda *a: heard.append(a))
    assert stored == [2]
    assert (got.files, got.cached, got.warmed) == (3, 0, 2)
    # the curated file checked; two parts missing (two steps each); both stored, then taken
    assert heard == [(1, 5), (3, 5), (4, 5), (5, 5)]
    assert cache.asked == [False] * 5  # the curated file, two misses, two taken
    cache = Spy(tmp_path / "c")
    assert D.check_dataset(split, cache=cache).cached == 3
    assert cache.asked == [False] * 3


def test_the_load_hands_its_cancel_to_the_workers(split: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[object] = []
    monkeypatch.setattr(warm, "warm_cache", lambda *args: asked.append(args[5]))
    cancel = threading.Event()
    D.load_cached(split, directory=tmp_path / "c", cancel=cancel)
    assert asked == [cancel]


def _quote_gone(part: Path) -> None:
    part.write_text(part.read_text(encoding="utf-8").replace("Вторая строка", "Пятая строка"),
                    encoding="utf-8")


def test_a_part_gone_after_the_workers_is_told_and_the_next_still_checked(
        split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one, two = split.parent / "parts" / "1.yaml", split.parent / "parts" / "2.yaml"
    _quote_gone(two)
    monkeypatch.setattr(warm, "warm_cache", lambda *args: one.unlink())
    found = _problems(lambda: D.load_cached(split, directory=tmp_path / "c"))
    assert [f.split(" [")[0] for f in found] == [
        f"{one}: file not found (hint: check the --data path)",
        f"{two}:17:7: people[0].citations[0].quote:"]


def test_a_stale_part_gone_before_its_recheck_is_told_and_the_next_still_checked(
        split: Path, tmp_path: Path) -> None:
    root = split.parent
    one, two = root / "parts" / "1.yaml", root / "parts" / "2.yaml"
    D.load_cached(split, directory=tmp_path / "c")
    # every cached part is stale now: a.txt lost the line parts/2.yaml quotes
    (root / "texts" / "a.txt").write_text("Первая строка.\n", encoding="utf-8")
    (root / "texts" / "b.txt").write_text("Текст Б: вторая статья. Ещё.\n", encoding="utf-8")

    def progress(done: int, steps: int) -> None:
        if done == steps:  # every file read, none checked again yet
            one.unlink(missing_ok=True)

    found = _problems(lambda: D.load_cached(split, directory=tmp_path / "c", progress=progress))
    assert [f.split(" [")[0] for f in found] == [
        f"{one}: file not found (hint: check the --data path)",
        f"{two}:17:7: people[0].citations[0].quote:"]


def test_a_stale_part_checked_again_is_stored_under_its_own_key(split: Path,
                                                                tmp_path: Path) -> None:
    D.load_cached(split, directory=tmp_path / "c")
    (split.parent / "texts" / "b.txt").write_text("Текст Б: вторая статья. Ещё.\n",
                                                  encoding="utf-8")
    # the part citing b.txt and the top file defining its document are checked again
    assert D.check_dataset(split, cache=PartCache(tmp_path / "c")).cached == 1
    assert D.check_dataset(split, cache=PartCache(tmp_path / "c")).cached == 3


def test_an_unreadable_part_first_does_not_stop_the_reading_of_the_next(
        split: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.loading import files

    one, two = split.parent / "parts" / "1.yaml", split.parent / "parts" / "2.yaml"
    one.write_text(one.read_text(encoding="utf-8") + "#" * 500 + "\n", encoding="utf-8")
    _quote_gone(two)
    monkeypatch.setattr(files, "MAX_DATA_BYTES", 600)
    found = _problems(lambda: D.load(split))
    assert [f.split(" [")[0] for f in found] == [
        f"{one}: file is 689 bytes; the limit is 600 (hint: split the data into smaller "
        "datasets, each opened with its own --data)",
        f"{two}:17:7: people[0].citations[0].quote:"]
