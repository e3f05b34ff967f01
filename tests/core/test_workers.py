"""Files the cache lacks are checked side by side in worker processes (core/loading/workers.py): the
result is exactly a serial check's, problems included, and a worker stores only parts that
are clean on their own."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bench.corpus import generate
from kzt_tui.core.loading import DataError, PartCache, check_dataset, load, load_cached
from kzt_tui.core.loading import workers as warm
from tests.helpers import make_split

SECTIONS = ("documents", "agreements", "corridors", "figures", "events", "people",
            "organisations", "discrepancies")


def same_records(a, b) -> None:
    for name in SECTIONS:
        assert getattr(a, name) == getattr(b, name), name


def entries(cache: Path) -> list[Path]:
    return sorted((cache / "parts").glob("*.pickle"))


def test_workers_store_the_parts_clean_on_their_own_and_the_load_checks_the_rest(
    tmp_path: Path, eager: None
) -> None:
    top = make_split(tmp_path)
    cache = tmp_path / "cache"
    got = check_dataset(top, cache=PartCache(cache))
    # parts/2.yaml cites doc-a of the curated file: a worker grounds and stores it.
    # parts/1.yaml cites doc-b, which only parts/2.yaml (another batch) defines: the load
    # grounds it itself.
    assert (got.files, got.cached, got.warmed) == (3, 0, 1)
    assert len(entries(cache)) == 3  # the load stored the other two
    loaded = load_cached(top, directory=cache)
    same_records(loaded, load(top))
    assert all(c.span is not None for p in loaded.people for c in p.citations)


def test_a_part_with_a_problem_is_not_stored_and_the_problems_are_a_serial_checks(
    tmp_path: Path, eager: None
) -> None:
    top = make_split(tmp_path)
    part = top.parent / "parts" / "2.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("Вторая строка", "Пятая строка"),
                    encoding="utf-8")
    with pytest.raises(DataError) as serial:
        load(top)
    cache = tmp_path / "cache"
    with pytest.raises(DataError) as parallel:
        check_dataset(top, cache=PartCache(cache))
    assert parallel.value.problems == serial.value.problems
    assert [p.file for p in parallel.value.problems] == [str(part)]
    assert entries(cache) == []  # nothing from a dataset with problems


def test_a_generated_corpus_checks_the_same_side_by_side(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    monkeypatch.setattr(warm, "MIN_FILES", 2)
    monkeypatch.setattr(warm, "MIN_BYTES", 0)
    monkeypatch.setattr(warm, "workers", lambda: 2)
    corpus = generate(6, tmp_path / "corpus").data
    cache = tmp_path / "cache"
    serial = check_dataset(corpus)
    parallel = check_dataset(corpus, cache=PartCache(cache))
    assert parallel.warmed == 5 and parallel.cached == 0  # every part but the curated file
    assert parallel.counts == serial.counts
    again = check_dataset(corpus, cache=PartCache(cache))
    assert (again.cached, again.warmed, again.counts) == (6, 0, serial.counts)
    same_records(load_cached(corpus, directory=cache), load(corpus))


def test_warming_stops_when_asked_and_stores_nothing(tmp_path: Path, eager: None) -> None:
    corpus = generate(4, tmp_path / "corpus").data
    jobs = sorted((corpus.parent / "parts").glob("*.yaml"))
    cancel = threading.Event()
    cancel.set()
    cache = tmp_path / "cache"
    warm.warm(cache, corpus.parent.parent, [(str(p), str(p)) for p in jobs],
              [p.stat().st_size for p in jobs], {}, cancel)
    assert entries(cache) == []


def test_workers_are_started_only_for_enough_missing_data(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    assert not warm.worth_it([1 << 20] * 100, cores=1)
    assert not warm.worth_it([1 << 20] * (warm.MIN_FILES - 1), cores=2)
    assert not warm.worth_it([100] * 1000, cores=2)  # many files, little to check
    assert warm.worth_it([1 << 20] * warm.MIN_FILES, cores=2)
    monkeypatch.setattr(warm, "BATCH_BYTES", 10)
    jobs = [(str(i), str(i)) for i in range(5)]
    cut = list(warm.batches(jobs, [4, 4, 4, 20, 1]))
    assert cut == [jobs[0:3], jobs[3:4], jobs[4:5]]  # in order, each about BATCH_BYTES


def test_no_workers_when_the_cache_cannot_be_written(tmp_path: Path, eager: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """They could not hand anything over: every file would be checked twice."""
    started: list[object] = []
    monkeypatch.setattr(warm, "warm", lambda *args: started.append(args))
    top = make_split(tmp_path)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    got = check_dataset(top, cache=PartCache(blocked))
    assert (got.files, got.warmed) == (3, 0)
    assert started == []
    writable = tmp_path / "cache"
    check_dataset(top, cache=PartCache(writable))
    assert len(started) == 1  # the same dataset with a usable folder does start them


@pytest.mark.parametrize("workers", [False, True])
def test_a_load_reports_how_many_files_are_done(tmp_path: Path, eager: None,
                                                monkeypatch: pytest.MonkeyPatch,
                                                workers: bool) -> None:
    if not workers:
        monkeypatch.setattr(warm, "workers", lambda: 1)
    corpus = generate(5, tmp_path / "corpus").data
    seen: list[tuple[int, int]] = []
    load_cached(corpus, directory=tmp_path / "cache", progress=lambda d, n: seen.append((d, n)))
    # the four parts the cache lacks are two steps each: checked, then taken
    assert seen[-1] == (9, 9)
    fractions = [d / n for d, n in seen]
    assert fractions == sorted(fractions)  # never backwards, though the total is found late
    assert fractions.count(1.0) == 1  # 100% only once it is all done, not while taking
    again: list[tuple[int, int]] = []
    load_cached(corpus, directory=tmp_path / "cache", progress=lambda d, n: again.append((d, n)))
    # one step per part, all from the cache; the total settles once the files are read
    assert again == [(2, 10), (3, 10), (4, 10), (5, 10), (5, 5)]


def test_the_load_takes_what_the_workers_stored_without_reading_the_files_again(
    tmp_path: Path, eager: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load keyed each file when it first read it; a worker's entry is found under that
    key, so no file is read (and hashed) a second time: 1000x is 241 MB."""
    from kzt_tui.core.loading import dataset

    corpus = generate(4, tmp_path / "corpus").data
    reads: list[str] = []
    real = dataset.read_data_bytes

    def counted(path: Path, shown: str) -> bytes:
        reads.append(shown)
        return real(path, shown)

    monkeypatch.setattr(dataset, "read_data_bytes", counted)
    got = check_dataset(corpus, cache=PartCache(tmp_path / "cache"))
    read = sorted(reads)
    assert got.warmed == 3 and got.counts == check_dataset(corpus).counts
    assert read == sorted(set(read)) and len(read) == 4, read


def test_a_file_changed_while_the_workers_ran_is_loaded_as_it_is_now(
    tmp_path: Path, eager: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker stores the bytes it read; the load asks for the bytes it read first. When
    they differ (the file was saved in between), the load checks the file itself."""
    top = make_split(tmp_path)
    part = top.parent / "parts" / "2.yaml"
    real = warm.warm

    def edit_then_warm(*args: object, **kwargs: object) -> None:
        part.write_text(part.read_text(encoding="utf-8").replace('role: "minister"',
                                                                   'role: "envoy"'),
                        encoding="utf-8")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(warm, "warm", edit_then_warm)
    cache = tmp_path / "cache"
    got = check_dataset(top, cache=PartCache(cache))
    assert got.warmed == 0  # nothing the workers stored was of the bytes first read
    loaded = load_cached(top, directory=cache)
    same_records(loaded, load(top))
    assert {p.id: p.role for p in loaded.people}["per-three"] == "envoy"
