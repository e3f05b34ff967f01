"""Exact results of a load over several files (core/loading/dataset.py): the order of its
parts, its limits at their boundary, its progress step by step, its first view."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kzt_tui.core.loading import dataset as D
from kzt_tui.core.loading.cache import PartCache
from kzt_tui.core.problems import Cancelled, DataError
from tests.helpers import make_split

#: The sizes of make_split's files: curated.yaml, parts/1.yaml, parts/2.yaml.
SIZES = (451, 188, 408)
COUNTS = {"documents": (2, 0), "agreements": (0, 0), "corridors": (0, 0), "figures": (0, 0),
          "people": (3, 3), "organisations": (0, 0), "events": (0, 0),
          "discrepancies": (0, 0), "statements": (0, 0)}


@pytest.fixture
def split(tmp_path: Path) -> Path:
    top = make_split(tmp_path)
    assert tuple(p.stat().st_size for p in (top, top.parent / "parts" / "1.yaml",
                                            top.parent / "parts" / "2.yaml")) == SIZES
    return top


def _problems(call: object) -> list[str]:
    with pytest.raises(DataError) as info:
        call()  # type: ignore[operator]
    return [str(p) for p in info.value.problems]


def test_a_dataset_holds_its_files_records_and_texts_in_order(split: Path) -> None:
    data = D.load(split)
    root = split.parent
    assert (data.source, data.root) == (str(split), str(root))
    assert data.files == (str(split), str(root / "parts/1.yaml"), str(root / "parts/2.yaml"))
    assert [p.id for p in data.people] == ["per-one", "per-two", "per-three"]
    assert [d.id for d in data.documents] == ["doc-a", "doc-b"]
    assert sorted(data.texts) == ["doc-a", "doc-b"]
    assert data.texts["doc-b"] == "Текст Б: вторая статья.\n"
    assert data.dismissals == () and data.figures == ()


def test_a_root_given_is_the_root_used(split: Path, tmp_path: Path) -> None:
    assert D.load(split, split.parent).root == str(split.parent)
    # a root the files are not under: the parts lead outside it, the texts are not there
    other = tmp_path / "elsewhere"
    outside = (f"{split}:2:11: include: include 'parts/*.yaml' leads outside the dataset "
               f"root {str(other)!r} (through a symbolic link)")
    assert _problems(lambda: D.load(split, other)) == [
        outside, outside,
        f"{split}:5:5: documents[0].file: source file 'texts/a.txt' does not exist (hint: "
        "check the document's `file` path (relative to the dataset root))"]


def test_progress_counts_steps_until_all_are_done(split: Path, tmp_path: Path) -> None:
    heard: list[tuple[int, int]] = []
    D.load_dataset(split, progress=lambda done, of: heard.append((done, of)))
    assert heard == [(2, 6), (3, 6), (3, 3)]  # no cache: each file is checked as read
    cache = PartCache(tmp_path / "cache")
    heard.clear()
    D.load_dataset(split, cache=cache, progress=lambda done, of: heard.append((done, of)))
    assert heard == [(1, 5), (3, 5), (5, 5)]  # two files the cache lacked: two steps each
    heard.clear()
    D.load_dataset(split, cache=cache, progress=lambda done, of: heard.append((done, of)))
    assert heard == [(2, 6), (3, 6), (3, 3)]


def test_check_counts_what_the_dataset_holds_and_what_came_from_the_cache(
        split: Path, tmp_path: Path) -> None:
    cache = PartCache(tmp_path / "cache")
    heard: list[tuple[int, int]] = []
    assert D.check_dataset(split, cache=cache, progress=lambda *a: heard.append(a)) == (
        D.Summary(str(split), 3, 0, COUNTS, 0))
    assert heard == [(1, 5), (3, 5), (5, 5)]
    assert D.check_dataset(split, cache=cache) == D.Summary(str(split), 3, 3, COUNTS, 0)
    assert D.check_dataset(split) == D.Summary(str(split), 3, 0, COUNTS, 0)
    assert D.check_dataset(split, split.parent) == D.Summary(str(split), 3, 0, COUNTS, 0)
    assert D.load_cached(split, directory=tmp_path / "cache") == D.load(split)


def test_the_datasets_bytes_are_bounded_all_files_together(
        split: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(D, "MAX_DATASET_BYTES", sum(SIZES))
    assert len(D.load(split).people) == 3
    monkeypatch.setattr(D, "MAX_DATASET_BYTES", sum(SIZES) - 1)
    assert _problems(lambda: D.load(split)) == [
        f"{split}: the dataset's files hold more than 1,046 bytes together (hint: split the "
        "data into smaller datasets, each opened with its own --data)"]


@pytest.mark.parametrize(("budget", "left_out"), [
    (0, 2), (SIZES[0], 2), (SIZES[0] + SIZES[1] - 1, 2), (sum(SIZES), 0), (1 << 20, 0)])
def test_a_first_view_holds_the_files_that_fit_its_budget(split: Path, budget: int,
                                                          left_out: int) -> None:
    data, left = D.load_start(split, budget=budget)
    assert left == left_out
    assert len(data.files) == 3 - left_out
    assert [p.id for p in data.people] == ["per-one", "per-two", "per-three"][: 3 - left_out]


@pytest.mark.parametrize("budget", [SIZES[0] + SIZES[1], sum(SIZES) - 1])
def test_a_first_view_that_does_not_stand_alone_is_a_first_view_error(split: Path,
                                                                      budget: int) -> None:
    # parts/1.yaml cites doc-b, which only parts/2.yaml defines
    with pytest.raises(D.FirstViewError) as info:
        D.load_start(split, budget=budget)
    (problem,) = info.value.problems
    assert problem.file == str(split.parent / "parts/1.yaml")
    assert problem.message == "unknown id 'doc-b'"


def test_a_broken_whole_dataset_is_a_data_error_not_a_first_view_error(split: Path) -> None:
    (split.parent / "parts" / "2.yaml").write_text("people: 5\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        D.load_start(split)
    assert type(info.value) is DataError


def test_a_cached_first_view_takes_the_whole_of_a_small_dataset(split: Path,
                                                                 tmp_path: Path) -> None:
    data, left = D.load_cached_start(split, directory=tmp_path / "cache")
    assert (left, len(data.files)) == (0, 3)
    data, left = D.load_cached_start(split, directory=tmp_path / "cache", budget=0)
    assert (left, len(data.files)) == (2, 1)


def test_a_top_file_that_is_not_a_mapping_ends_the_load(split: Path) -> None:
    split.write_text("- 1\n", encoding="utf-8")
    assert _problems(lambda: D.load(split)) == [
        f"{split}:1:1: expected a mapping of sections at the top level, got a list (hint: "
        "start from the layout in docs/DATA.md)"]


def test_problems_of_several_files_come_in_file_order(split: Path) -> None:
    (split.parent / "parts" / "2.yaml").write_text("people: 5\n", encoding="utf-8")
    (split.parent / "parts" / "1.yaml").write_bytes(b"\xff")
    found = _problems(lambda: D.load(split))
    assert found[:2] == [
        f"{split.parent / 'parts/1.yaml'}: not valid UTF-8 at byte offset 0 (byte 0xFF) "
        "(hint: save the file as UTF-8)",
        f"{split.parent / 'parts/2.yaml'}:1:1: people: expected a list, got the number 5"]


def test_an_included_folder_is_not_a_part(split: Path) -> None:
    (split.parent / "parts" / "1.yaml").unlink()
    (split.parent / "parts" / "1.yaml").mkdir()
    data = D.load(split)
    assert data.files == (str(split), str(split.parent / "parts/2.yaml"))
    assert [p.id for p in data.people] == ["per-one", "per-three"]


class _CancelAfter:
    """A cancel event that is set once it has been looked at `n` times."""

    def __init__(self, n: int) -> None:
        self.n = n

    def is_set(self) -> bool:
        self.n -= 1
        return self.n < 0


def test_a_cancelled_load_stops(split: Path, tmp_path: Path) -> None:
    event = threading.Event()
    event.set()
    with pytest.raises(Cancelled):
        D.load_dataset(split, cancel=event)
    D.load_dataset(split, cancel=threading.Event())  # not set: loads
    cache = PartCache(tmp_path / "cache")
    D.load_dataset(split, cache=cache)
    # a source changed: the parts that cite it are checked again, and a cancel between
    # two of them stops the load
    (split.parent / "texts" / "a.txt").write_text(
        (split.parent / "texts" / "a.txt").read_text(encoding="utf-8") + "\n",
        encoding="utf-8")
    with pytest.raises(Cancelled):
        D.load_dataset(split, cache=cache, cancel=_CancelAfter(3))  # type: ignore[arg-type]
    assert len(D.load_dataset(split, cache=cache,
                              cancel=_CancelAfter(100)).people) == 3  # type: ignore[arg-type]


def test_a_cached_part_whose_source_changed_is_checked_again(split: Path,
                                                             tmp_path: Path) -> None:
    cache = PartCache(tmp_path / "cache")
    D.load_dataset(split, cache=cache)
    (split.parent / "texts" / "b.txt").write_text("Другой текст.\n", encoding="utf-8")
    found = _problems(lambda: D.load_dataset(split, cache=cache))
    assert len(found) == 1
    assert found[0].startswith(f"{split.parent / 'parts/1.yaml'}:8:7: people[0].citations[0]"
                               ".quote: [doc-b] quote not found")


@pytest.mark.usefixtures("eager")
def test_the_workers_store_what_they_can_and_the_load_checks_the_rest(
        split: Path, tmp_path: Path) -> None:
    # parts/2.yaml stands alone: a worker stores it; parts/1.yaml cites doc-b, which no
    # file the workers were told of defines: it is checked here, after them
    heard: list[tuple[int, int]] = []
    assert D.check_dataset(split, cache=PartCache(tmp_path / "c"),
                           progress=lambda *a: heard.append(a)) == (
        D.Summary(str(split), 3, 0, COUNTS, 1))
    # the workers may tell the same step again while they run: what it reaches, in order
    assert sorted(set(heard)) == [(1, 5), (2, 5), (4, 5), (5, 5)] and heard == sorted(heard)
    data = D.load_dataset(split, cache=PartCache(tmp_path / "c2"))
    assert [p.id for p in data.people] == ["per-one", "per-two", "per-three"]
    assert sorted(data.texts) == ["doc-a", "doc-b"]
    assert D.check_dataset(split, cache=PartCache(tmp_path / "c")) == (
        D.Summary(str(split), 3, 3, COUNTS, 0))


def test_a_missing_source_of_a_cached_part_is_told_at_the_file_defining_it(
        split: Path, tmp_path: Path) -> None:
    cache = PartCache(tmp_path / "cache")
    D.load_dataset(split, cache=cache)
    (split.parent / "texts" / "b.txt").unlink()
    told = ("documents: source file 'texts/b.txt' does not exist (hint: check the "
            "document's `file` path (relative to the dataset root))")
    # parts/2.yaml defines doc-b; from the cache its line is not known
    assert _problems(lambda: D.load_dataset(split, cache=cache)) == [
        f"{split.parent / 'parts/2.yaml'}: {told}"]
    assert _problems(lambda: D.load_dataset(split)) == [
        f"{split.parent / 'parts/2.yaml'}:3:5: {told.replace('documents:', 'documents[0].file:')}"]


def test_a_part_too_large_to_read_is_told_and_the_rest_checked(
        split: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from kzt_tui.core.loading import files

    part = split.parent / "parts" / "2.yaml"
    part.write_text(part.read_text(encoding="utf-8") + "#" * 200 + "\n", encoding="utf-8")
    monkeypatch.setattr(files, "MAX_DATA_BYTES", 600)
    for cache in (None, PartCache(tmp_path / "cache")):
        assert _problems(lambda c=cache: D.load_dataset(split, cache=c)) == [
            f"{split.parent / 'parts/1.yaml'}:7:7: people[0].citations[0].doc: unknown id "
            "'doc-b' (hint: did you mean 'doc-a'?)",
            f"{part}: file is 609 bytes; the limit is 600 (hint: split the data into smaller "
            "datasets, each opened with its own --data)"]
