"""The check workers (core/loading/workers.py) piece by piece, fast: how many, when, the
batches' cuts at their boundaries, what a batch stores, and the worker's line protocol."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from kzt_tui.core.loading import PartCache, check_dataset
from kzt_tui.core.loading import workers as warm
from tests.helpers import make_split

Args = tuple[Any, ...]


def test_the_limits() -> None:
    assert (warm.MIN_FILES, warm.MIN_BYTES, warm.BATCH_BYTES) == (8, 4 << 20, 4 << 20)


def test_one_worker_per_usable_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warm.os, "sched_getaffinity", lambda pid: {0, 2, 5}, raising=False)
    monkeypatch.setattr(warm.os, "cpu_count", lambda: 16)
    assert warm.workers() == 3

    def refused(pid: int) -> set[int]:
        raise OSError("no affinity here")

    monkeypatch.setattr(warm.os, "sched_getaffinity", refused)
    assert warm.workers() == 16
    monkeypatch.delattr(warm.os, "sched_getaffinity")  # not on Linux
    assert warm.workers() == 16
    monkeypatch.setattr(warm.os, "cpu_count", lambda: None)
    assert warm.workers() == 1


def test_worth_it_at_each_limit() -> None:
    files, size = warm.MIN_FILES, warm.MIN_BYTES // warm.MIN_FILES
    assert warm.worth_it([size] * files, 2)
    assert not warm.worth_it([size] * files, 1)
    assert not warm.worth_it([size] * (files - 2) + [size * 3], 2)  # enough bytes, 7 files
    assert not warm.worth_it([size] * (files - 1) + [size - 1], 2)  # 8 files, a byte short
    assert warm.worth_it([size] * (files - 1) + [size + 1], 2)


def test_batches_cut_at_batch_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warm, "BATCH_BYTES", 10)
    jobs = [(str(i), f"shown {i}") for i in range(4)]
    assert list(warm.batches(jobs[:1], [10])) == [jobs[:1]]
    assert list(warm.batches(jobs[:2], [9, 1])) == [jobs[:2]]
    assert list(warm.batches(jobs[:3], [9, 1, 1])) == [jobs[:2], jobs[2:3]]
    assert list(warm.batches(jobs, [10, 9, 2, 3])) == [jobs[:1], jobs[1:3], jobs[3:]]
    assert list(warm.batches(jobs[:1], [9])) == [jobs[:1]]
    assert list(warm.batches([], [])) == []
    with pytest.raises(ValueError):
        list(warm.batches(jobs, [1, 2]))


def test_the_worker_command_is_isolated_and_names_this_kzt_tui() -> None:
    command = warm.worker_command()
    home = str(Path(warm.__file__).resolve().parents[3])
    assert command == [sys.executable, "-I", "-c",
                       f"import sys; sys.path.insert(0, {home!r}); "
                       "from kzt_tui.system import code_cache; code_cache.install(); "
                       "from kzt_tui.core.loading.workers import main; main()"]


@pytest.fixture
def captured(tmp_path: Path) -> tuple[Path, Args]:
    """What a load of the split dataset asks the workers for: (root, warm's arguments)."""
    asked: list[Args] = []
    top = make_split(tmp_path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(warm, "MIN_FILES", 1)
        patch.setattr(warm, "MIN_BYTES", 0)
        patch.setattr(warm, "workers", lambda: 2)
        patch.setattr(warm, "warm", lambda *args: asked.append(args))
        check_dataset(top, cache=PartCache(tmp_path / "cache"))
    assert len(asked) == 1
    return top.parent, asked[0]


def test_warm_cache_hands_the_load_over(captured: tuple[Path, Args], tmp_path: Path) -> None:
    root, (base, got_root, jobs, sizes, docs, cancel, done) = captured
    assert base == tmp_path / "cache" and got_root == root
    assert [(Path(path), shown) for path, shown in jobs] == [
        (root / "parts" / name, str(root / "parts" / name)) for name in ("1.yaml", "2.yaml")]
    assert sizes == [Path(path).stat().st_size for path, _ in jobs]
    assert sorted(docs) == ["doc-a"]
    assert cancel is None
    assert callable(done)


def test_warm_cache_starts_nothing_it_could_not_hand_over(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    asked: list[Args] = []
    monkeypatch.setattr(warm, "warm", lambda *args: asked.append(args))
    blocked = tmp_path / "blocked"
    blocked.write_text("", encoding="utf-8")
    warm.warm_cache(PartCache(blocked), tmp_path, [], [], {}, None)
    assert asked == []
    monkeypatch.setattr(warm.os, "access", lambda path, mode: False)
    warm.warm_cache(PartCache(tmp_path / "c"), tmp_path, [], [], {}, None)
    assert asked == []
    assert (tmp_path / "c" / "parts").is_dir()
    monkeypatch.undo()
    monkeypatch.setattr(warm, "warm", lambda *args: asked.append(args))
    cancel = threading.Event()
    warm.warm_cache(PartCache(tmp_path / "c"), tmp_path, [("a", "b")], [1], {"d": ("x", "y")},
                    cancel, print)
    assert asked == [(tmp_path / "c", tmp_path, [("a", "b")], [1], {"d": ("x", "y")},
                      cancel, print)]


def test_a_batch_stores_the_parts_clean_on_their_own(captured: tuple[Path, Args],
                                                     tmp_path: Path) -> None:
    root, (_, _, jobs, _, docs, _, _) = captured
    one, two = jobs
    base = tmp_path / "w"
    # parts/1.yaml cites doc-b, which parts/2.yaml defines: alone, it is left to the load
    assert warm._check_batch(base, root, [one, two], docs) == 2
    assert len(list((base / "parts").iterdir())) == 2
    assert warm._check_batch(tmp_path / "w1", root, [one], docs) == 0
    assert not (tmp_path / "w1" / "parts").exists()
    assert warm._check_batch(tmp_path / "w2", root, [two], docs) == 1
    gone = (str(root / "parts" / "gone.yaml"), "parts/gone.yaml")
    assert warm._check_batch(tmp_path / "w3", root, [gone, two], docs) == 1
    assert warm._check_batch(tmp_path / "w4", root, [two, gone], docs) == 1


def test_a_batch_with_a_problem_stores_none_of_that_file(captured: tuple[Path, Args],
                                                        tmp_path: Path) -> None:
    root, (_, _, jobs, _, docs, _, _) = captured
    two = Path(jobs[1][0])
    two.write_text(two.read_text(encoding="utf-8").replace("Вторая строка", "Пятая строка"),
                   encoding="utf-8")
    assert warm._check_batch(tmp_path / "w", root, [jobs[1]], docs) == 0
    assert not (tmp_path / "w" / "parts").exists() or not any((tmp_path / "w" / "parts").iterdir())


def test_the_worker_answers_a_line_per_batch(captured: tuple[Path, Args], tmp_path: Path
                                             ) -> None:
    root, (_, _, jobs, _, docs, _, _) = captured
    setup = json.dumps({"base": str(tmp_path / "w"), "root": str(root), "docs": docs})
    batches = [json.dumps([jobs[1]]), json.dumps([jobs[0]]), json.dumps(jobs)]
    # the test's own working directory (every path here is absolute): under mutmut, a
    # worker started elsewhere cannot find mutmut's settings to record what it ran
    got = subprocess.run(warm.worker_command(), input="\n".join([setup, *batches]) + "\n",
                         capture_output=True, text=True, timeout=120, check=False)
    assert (got.returncode, got.stdout, got.stderr) == (0, "1\n0\n2\n", "")
    assert len(list((tmp_path / "w" / "parts").iterdir())) == 2  # one entry per file


def test_warm_starts_one_worker_per_batch_up_to_the_cores(captured: tuple[Path, Args],
                                                          tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    root, (_, _, jobs, sizes, docs, _, _) = captured
    real = subprocess.Popen
    started: list[dict[str, Any]] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        started.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(warm.subprocess, "Popen", spy)
    monkeypatch.setattr(warm, "MIN_FILES", 1)
    monkeypatch.setattr(warm, "MIN_BYTES", 0)
    monkeypatch.setattr(warm, "BATCH_BYTES", 1)
    monkeypatch.setattr(warm, "workers", lambda: 3)
    stored: list[int] = []
    warm.warm(tmp_path / "w", root, jobs, sizes, docs, None, stored.append)
    assert len(started) == 2  # two batches, three cores
    assert started[0]["stderr"] == subprocess.DEVNULL and started[0]["start_new_session"]
    assert sorted(stored) == [0, 1]
    started.clear()
    monkeypatch.setattr(warm, "workers", lambda: 1)  # one core: not worth it
    warm.warm(tmp_path / "w5", root, jobs, sizes, docs)
    assert started == [] and not (tmp_path / "w5").exists()
    monkeypatch.setattr(warm, "workers", lambda: 2)
    cancel = threading.Event()
    cancel.set()
    warm.warm(tmp_path / "w6", root, jobs, sizes, docs, cancel)
    assert started == []


def test_a_worker_that_cannot_start_is_no_error(captured: tuple[Path, Args], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root, (_, _, jobs, sizes, docs, _, _) = captured

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise OSError("no fork")

    monkeypatch.setattr(warm.subprocess, "Popen", broken)
    monkeypatch.setattr(warm, "MIN_FILES", 1)
    monkeypatch.setattr(warm, "MIN_BYTES", 0)
    monkeypatch.setattr(warm, "workers", lambda: 2)
    warm.warm(tmp_path / "w", root, jobs, sizes, docs)
    assert not (tmp_path / "w").exists()


def test_no_worker_outlives_warm(captured: tuple[Path, Args], tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root, (_, _, jobs, sizes, docs, _, _) = captured
    real = subprocess.Popen
    procs: list[Any] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        procs.append(real(*args, **kwargs))
        return procs[-1]

    monkeypatch.setattr(warm.subprocess, "Popen", spy)
    monkeypatch.setattr(warm, "MIN_FILES", 1)
    monkeypatch.setattr(warm, "MIN_BYTES", 0)
    monkeypatch.setattr(warm, "BATCH_BYTES", 1)
    monkeypatch.setattr(warm, "workers", lambda: 2)
    cancel = threading.Event()
    warm.warm(tmp_path / "w", root, jobs, sizes, docs, cancel, lambda n: cancel.set())
    assert len(procs) == 2
    assert all(p.returncode is not None and p.stdin.closed and p.stdout.closed for p in procs)


def test_a_stored_part_is_found_under_the_loads_own_key(captured: tuple[Path, Args],
                                                         tmp_path: Path) -> None:
    """The entry a worker stores is the one the load then asks for: keyed by the file's
    shown name, the root and its bytes."""
    root, (_, _, jobs, _, docs, _, _) = captured
    path, shown = jobs[1]
    assert warm._check_batch(tmp_path / "w", root, [jobs[1]], docs) == 1
    store = PartCache(tmp_path / "w")
    key = store.key(shown, root, Path(path).read_bytes())
    got = store.get(key, shown, root)
    assert got is not None and got.file == shown
    assert got.sections is not None
    assert [[r.id for r in rs] for rs in got.sections if rs] == [["doc-b"], ["per-three"]]


def test_a_file_with_problems_first_does_not_stop_the_batch(captured: tuple[Path, Args],
                                                           tmp_path: Path) -> None:
    root, (_, _, jobs, _, docs, _, _) = captured
    bad = root / "parts" / "0.yaml"
    bad.write_text("zzz: 1\n", encoding="utf-8")
    assert warm._check_batch(tmp_path / "w", root, [(str(bad), str(bad)), jobs[1]], docs) == 1


def test_too_many_problems_to_list_stores_nothing(captured: tuple[Path, Args],
                                                  tmp_path: Path) -> None:
    """Past MAX_PROBLEMS (1,000) the problems are only counted, so which files are clean
    cannot be said: not even the clean one is stored."""
    root, (_, _, jobs, _, docs, _, _) = captured
    bad = root / "parts" / "0.yaml"
    bad.write_text("".join(f"zzz{i}: 1\n" for i in range(1001)), encoding="utf-8")
    assert warm._check_batch(tmp_path / "w", root, [(str(bad), str(bad)), jobs[1]], docs) == 0
    assert not (tmp_path / "w" / "parts").exists()
    bad.write_text("".join(f"zzz{i}: 1\n" for i in range(1000)), encoding="utf-8")  # all listed
    assert warm._check_batch(tmp_path / "w2", root, [(str(bad), str(bad)), jobs[1]], docs) == 1


def test_the_worker_main_in_process(captured: tuple[Path, Args], tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """main() as a worker runs it (here, so that each line of it is seen): the setup line,
    a batch per line, a count back per batch."""
    root, (_, _, jobs, _, docs, _, _) = captured
    setup = json.dumps({"base": str(tmp_path / "w"), "root": str(root), "docs": docs})
    lines = [setup, json.dumps([jobs[1]]), json.dumps([jobs[0]]), json.dumps(jobs)]
    out = io.StringIO()
    monkeypatch.setattr(warm.sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    monkeypatch.setattr(warm.sys, "stdout", out)
    monkeypatch.setattr(warm.gc, "freeze", lambda: None)  # not this test process's objects
    warm.main()
    assert out.getvalue() == "1\n0\n2\n"
    store = PartCache(tmp_path / "w")
    for path, shown in jobs:
        got = store.get(store.key(shown, root, Path(path).read_bytes()), shown, root)
        assert got is not None and got.file == shown


def test_warm_cache_makes_a_private_folder(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warm, "warm", lambda *args: None)
    warm.warm_cache(PartCache(tmp_path / "c"), tmp_path, [], [], {}, None)
    assert stat.S_IMODE((tmp_path / "c" / "parts").stat().st_mode) == 0o700


def test_cancel_stops_the_feed_while_the_workers_are_busy(tmp_path: Path) -> None:
    """A worker that never answers does not hold up a cancelled load: the feed looks at
    `cancel` at least every 0.1 s."""
    read, write = os.pipe()
    try:
        with open(read, encoding="utf-8") as stdout, open(os.devnull, "w") as stdin:
            class Silent:  # a worker busy for ever
                def __init__(self) -> None:
                    self.stdin, self.stdout = stdin, stdout

            cancel = threading.Event()
            threading.Timer(0.05, cancel.set).start()
            start = time.monotonic()
            warm._feed([Silent()], [[("a", "b")]], cancel, None)  # type: ignore[list-item]
            assert time.monotonic() - start < 0.9
    finally:
        os.close(write)


def test_cancel_reaches_the_feed(captured: tuple[Path, Args], tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Three batches, two workers, cancelled at the first batch done: the third batch is
    never given out (two answers at most, when both came in together)."""
    root, (_, _, jobs, _, docs, _, _) = captured
    monkeypatch.setattr(warm, "MIN_FILES", 1)
    monkeypatch.setattr(warm, "MIN_BYTES", 0)
    monkeypatch.setattr(warm, "BATCH_BYTES", 1)
    monkeypatch.setattr(warm, "workers", lambda: 2)
    cancel = threading.Event()
    stored: list[int] = []

    def done(n: int) -> None:
        stored.append(n)
        cancel.set()

    warm.warm(tmp_path / "w", root, [jobs[1]] * 3, [1, 1, 1], docs, cancel, done)
    assert stored in ([1], [1, 1])


def test_a_worker_started_before_one_that_could_not_is_stopped_quietly(
        captured: tuple[Path, Args], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first worker holds its setup line unsent when the second cannot start: closing
    its pipe after it is killed fails (a broken pipe), which is no error either."""
    root, (_, _, jobs, sizes, docs, _, _) = captured
    real = subprocess.Popen
    procs: list[Any] = []

    def second_fails(*args: Any, **kwargs: Any) -> Any:
        if procs:
            raise OSError("no fork")
        procs.append(real(*args, **kwargs))
        return procs[-1]

    monkeypatch.setattr(warm.subprocess, "Popen", second_fails)
    monkeypatch.setattr(warm, "MIN_FILES", 1)
    monkeypatch.setattr(warm, "MIN_BYTES", 0)
    monkeypatch.setattr(warm, "BATCH_BYTES", 1)
    monkeypatch.setattr(warm, "workers", lambda: 2)
    warm.warm(tmp_path / "w", root, jobs, sizes, docs)
    assert len(procs) == 1 and procs[0].returncode is not None and procs[0].stdin.closed
