"""The start's worker (workers.prestart, Prestart, idle_core, dataset.start_worker) in this process,
so that each line of it is seen (tests/cli/test_start_worker.py runs whole starts)."""

from __future__ import annotations

import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from kzt_tui.core.loading import DataError, PartCache, load
from kzt_tui.core.loading import workers as warm
from kzt_tui.core.loading.dataset import start_worker
from kzt_tui.core.loading.files import dataset_root
from tests.helpers import make_split, person


def test_the_start_limit() -> None:
    assert warm.START_LIMIT == 3.0


@pytest.mark.parametrize(("cores", "load", "idle"), [
    (2, 0.0, True), (2, 1.0, True), (2, 1.01, False), (1, 0.0, False), (4, 3.0, True),
    (4, 3.5, False), (3, 0.0, True)])
def test_idle_core(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cores: int, load: float,
                   idle: bool) -> None:
    monkeypatch.setattr(warm, "CPU_MAX", str(tmp_path / "none"))  # no quota, whatever the host
    monkeypatch.setattr(warm, "workers", lambda: cores)
    monkeypatch.setattr(warm.os, "getloadavg", lambda: (load, 9.0, 9.0))
    assert warm.idle_core() is idle


def test_idle_core_without_getloadavg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path
                                      ) -> None:
    monkeypatch.setattr(warm, "CPU_MAX", str(tmp_path / "none"))
    monkeypatch.setattr(warm, "workers", lambda: 2)
    monkeypatch.delattr(warm.os, "getloadavg")
    assert warm.idle_core()


@pytest.mark.parametrize(("cpu_max", "cores"), [
    (None, 4.0),  # no cgroup v2 file: the cores it may run on
    ("max 100000\n", 4.0),  # no quota
    ("200000 100000\n", 2.0),  # a container's 2 cores of the host's 4
    ("150000 100000\n", 1.5),
    ("800000 100000\n", 4.0),  # a quota past the cores it may run on: those
    ("400000 100000\n", 4.0),
    ("garbage\n", 4.0), ("100000 0\n", 4.0), ("", 4.0), ("x 100000\n", 4.0),
    ("200000 100000 1\n", 4.0),  # not the two fields of cpu.max
    ("\uff12\uff10\uff10\uff10\uff10\uff10 100000\n", 4.0)])  # full-width digits: not ASCII
def test_usable_cores_take_the_cgroup_quota(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            cpu_max: str | None, cores: float) -> None:
    path = tmp_path / "cpu.max"
    if cpu_max is not None:
        path.write_text(cpu_max, encoding="utf-8")
    monkeypatch.setattr(warm, "CPU_MAX", str(path))
    monkeypatch.setattr(warm, "workers", lambda: 4)
    assert warm.usable_cores() == cores


def test_the_cgroup_quota_file() -> None:
    assert warm.CPU_MAX == "/sys/fs/cgroup/cpu.max"


@pytest.mark.parametrize(("cpu_max", "load", "idle"), [
    ("200000 100000\n", 1.0, True), ("200000 100000\n", 1.01, False),
    ("150000 100000\n", 0.5, True), ("150000 100000\n", 0.51, False),
    ("100000 100000\n", 0.0, False),  # one core's quota of the 8 it may run on: no worker
    ("max 100000\n", 6.5, True)])
def test_idle_core_counts_the_quota_s_cores(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            cpu_max: str, load: float, idle: bool) -> None:
    (tmp_path / "cpu.max").write_text(cpu_max, encoding="ascii")
    monkeypatch.setattr(warm, "CPU_MAX", str(tmp_path / "cpu.max"))
    monkeypatch.setattr(warm, "workers", lambda: 8)
    monkeypatch.setattr(warm.os, "getloadavg", lambda: (load, 0.0, 0.0))
    assert warm.idle_core() is idle


def test_idle_core_without_getloadavg_on_a_quota_of_a_core_and_a_half(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "cpu.max").write_text("150000 100000\n", encoding="ascii")
    monkeypatch.setattr(warm, "CPU_MAX", str(tmp_path / "cpu.max"))
    monkeypatch.setattr(warm, "workers", lambda: 8)
    monkeypatch.delattr(warm.os, "getloadavg")
    assert warm.idle_core()  # nothing known busy: 1.5 cores leave one


class _Proc:
    """A stand-in for the worker's Popen: what prestart wrote, and how it was ended."""

    def __init__(self, fail_write: bool = False) -> None:
        self.stdin = io.StringIO()
        self.stdout = io.StringIO()
        self.fail_write = fail_write
        self.killed = False
        self.waited: list[float | None] = []
        self.written = ""
        if fail_write:
            def broken(text: str) -> int:
                raise BrokenPipeError

            self.stdin.write = broken  # type: ignore[method-assign]
        else:  # what reached the worker: what was flushed (prestart keeps stdin open)
            def flush() -> None:
                self.written = self.stdin.getvalue()

            self.stdin.flush = flush  # type: ignore[method-assign]

    def poll(self) -> int | None:
        return -9 if self.killed else None

    def kill(self) -> None:
        self.killed = True

    def wait(self, timeout: float | None = None) -> int:
        self.waited.append(timeout)
        if not self.killed and timeout is not None:
            raise subprocess.TimeoutExpired("worker", timeout)
        return 0


@pytest.fixture
def started(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """prestart's Popen replaced: its arguments and the stand-in it returned."""
    seen: dict[str, Any] = {}
    monkeypatch.setattr(warm, "idle_core", lambda: True)

    def popen(command: list[str], **kwargs: Any) -> _Proc:
        seen["command"], seen["kwargs"] = command, kwargs
        seen["proc"] = _Proc(seen.get("fail_write", False))
        return seen["proc"]

    monkeypatch.setattr(warm.subprocess, "Popen", popen)
    return seen


def test_prestart_starts_a_worker_with_the_setup(tmp_path: Path, started: dict[str, Any]
                                                 ) -> None:
    top = make_split(tmp_path)
    root = dataset_root(top)
    cache = PartCache(tmp_path / "c")
    (tmp_path / "c" / "parts").mkdir(parents=True, mode=0o700)  # a cache used before
    before = time.monotonic()
    got = warm.prestart(cache, top, root, 12345)
    assert got is not None and got.proc is started["proc"]
    assert before + warm.START_LIMIT <= got.deadline <= time.monotonic() + warm.START_LIMIT
    assert started["command"] == warm.worker_command(warm.START_ENTRY)
    assert started["kwargs"] == {
        "stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.DEVNULL,
        "text": True, "encoding": "utf-8", "start_new_session": True}
    assert started["proc"].written == json.dumps(
        {"base": str(tmp_path / "c"), "root": str(root), "docs": {}, "start": str(top),
         "budget": 12345, "limit": warm.START_LIMIT}) + "\n"
    assert not started["proc"].stdin.closed  # the worker ends when it ends, not now
    assert stat.S_IMODE((tmp_path / "c" / "parts").stat().st_mode) == 0o700


def test_prestart_makes_a_private_cache_folder(tmp_path: Path, started: dict[str, Any]
                                               ) -> None:
    top = make_split(tmp_path)
    assert warm.prestart(PartCache(tmp_path / "c"), top, dataset_root(top), 1) is not None
    assert stat.S_IMODE((tmp_path / "c" / "parts").stat().st_mode) == 0o700


def test_prestart_starts_nothing_without_an_idle_core(tmp_path: Path, started: dict[str, Any],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warm, "idle_core", lambda: False)
    top = make_split(tmp_path)
    assert warm.prestart(PartCache(tmp_path / "c"), top, dataset_root(top), 1) is None
    assert started == {}


def test_prestart_starts_nothing_where_the_cache_cannot_be_written(
        tmp_path: Path, started: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    top = make_split(tmp_path)
    (tmp_path / "file").write_text("")
    assert warm.prestart(PartCache(tmp_path / "file"), top, dataset_root(top), 1) is None
    monkeypatch.setattr(warm.os, "access", lambda path, mode: mode != os.W_OK)
    assert warm.prestart(PartCache(tmp_path / "c"), top, dataset_root(top), 1) is None
    assert started == {}


def test_prestart_without_a_worker_that_could_start(tmp_path: Path, started: dict[str, Any],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot(command: list[str], **kwargs: Any) -> None:
        raise OSError("no such interpreter")

    monkeypatch.setattr(warm.subprocess, "Popen", cannot)
    top = make_split(tmp_path)
    assert warm.prestart(PartCache(tmp_path / "c"), top, dataset_root(top), 1) is None


def test_a_worker_dead_before_its_setup_is_stopped(tmp_path: Path, started: dict[str, Any]
                                                   ) -> None:
    started["fail_write"] = True
    top = make_split(tmp_path)
    assert warm.prestart(PartCache(tmp_path / "c"), top, dataset_root(top), 1) is None
    assert started["proc"].killed


def test_wait_waits_until_the_deadline_then_stops_the_worker() -> None:
    proc = _Proc()
    warm.Prestart(proc, time.monotonic() + 2.0).wait()  # type: ignore[arg-type]
    first = proc.waited[0]
    assert first is not None and 1.9 < first <= 2.0
    assert proc.killed and proc.waited[1:] == [None]
    assert proc.stdout.closed
    late = _Proc()
    warm.Prestart(late, time.monotonic() - 5).wait()  # type: ignore[arg-type]
    assert late.waited[0] == 0.0 and late.killed


@pytest.mark.parametrize("says", ["", "print('no count')", "import os; os.close(1)"])
def test_wait_of_a_worker_that_ended_without_a_count(says: str) -> None:
    proc = subprocess.Popen([sys.executable, "-c", says], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdin is not None
    proc.stdin.close()
    assert warm.Prestart(proc, time.monotonic() + 30).wait() is None
    assert proc.returncode == 0


def test_wait_of_a_worker_stopped_at_the_limit_has_no_count() -> None:
    proc = _Proc()
    proc.stdout.write("5\n")  # not read: a worker still at work is stopped, not believed
    proc.stdout.seek(0)
    assert warm.Prestart(proc, time.monotonic()).wait() is None  # type: ignore[arg-type]
    assert proc.killed


def test_wait_of_a_worker_whose_pipe_fails_has_no_count() -> None:
    class Ended(_Proc):
        def wait(self, timeout: float | None = None) -> int:
            self.waited.append(timeout)
            return 0

    proc = Ended()

    def broken() -> str:
        raise OSError("EIO")

    proc.stdout.readline = broken  # type: ignore[method-assign]
    assert warm.Prestart(proc, time.monotonic() + 5).wait() is None  # type: ignore[arg-type]


def test_wait_closes_the_pipes_come_what_may() -> None:
    proc = _Proc()

    def refused() -> None:
        raise OSError("closed twice")

    proc.stdout.close = refused  # type: ignore[method-assign]
    warm.Prestart(proc, time.monotonic()).wait()  # type: ignore[arg-type]
    assert proc.killed and proc.stdin.closed


def test_wait_leaves_a_worker_that_ended_alone(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "print(6)"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdin is not None
    proc.stdin.close()
    assert warm.Prestart(proc, time.monotonic() + 30).wait() == 6  # the count it wrote
    assert proc.returncode == 0  # ended on its own, not killed (-9)
    assert proc.stdout is not None and proc.stdout.closed


def _run_start(setup: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> str:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(setup) + "\n"))
    monkeypatch.setattr(sys, "stdout", out)
    start_worker()
    return out.getvalue()


def test_the_start_entry_is_the_dataset_s_start_worker() -> None:
    command = warm.worker_command(warm.START_ENTRY)
    assert command[:3] == [sys.executable, "-I", "-c"]
    assert command[3].endswith(
        "from kzt_tui.core.loading.dataset import start_worker; start_worker()")


def test_the_start_worker_stores_a_sound_first_view(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    top = make_split(tmp_path)
    root = dataset_root(top)
    setup = {"base": str(tmp_path / "c"), "root": str(root), "docs": {}, "start": str(top),
             "budget": 1 << 20}
    assert _run_start(setup, monkeypatch) == "3\n"
    cache = PartCache(tmp_path / "c")
    for file in load(top).files:
        got = cache.get(cache.key(file, root, Path(file).read_bytes()), file, root)
        assert got is not None and got.file == file


def test_the_start_worker_loads_only_the_budget(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    top = make_split(tmp_path)
    setup = {"base": str(tmp_path / "c"), "root": str(dataset_root(top)), "docs": {},
             "start": str(top), "budget": 1}
    # the curated file alone (it stands alone: its person cites its own doc-a)
    assert _run_start(setup, monkeypatch) == "1\n"
    assert len(list((tmp_path / "c").glob("parts/*"))) == 1


def _stored(cache: PartCache, top: Path) -> list[str]:
    """The files of `top`'s dataset whose part `cache` holds, by their bytes now."""
    root = dataset_root(top)
    files = [top, *sorted((top.parent / "parts").glob("*.yaml"))]
    return [f.name for f in files
            if cache.get(cache.key(str(f), root, f.read_bytes()), str(f), root) is not None]


def _setup(tmp_path: Path, top: Path) -> dict[str, Any]:
    return {"base": str(tmp_path / "c"), "root": str(dataset_root(top)), "docs": {},
            "start": str(top), "budget": 1 << 20}


def test_the_start_worker_stores_the_clean_parts_of_a_dataset_with_a_problem(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = make_split(tmp_path)
    part = top.parent / "parts" / "1.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("вторая статья", "третья"),
                    encoding="utf-8")
    with pytest.raises(DataError):
        load(top)
    assert _run_start(_setup(tmp_path, top), monkeypatch) == "2\n"
    assert _stored(PartCache(tmp_path / "c"), top) == ["curated.yaml", "2.yaml"]
    # a start with those parts cached: only the file with the problem is checked again
    assert _run_start(_setup(tmp_path, top), monkeypatch) == "0\n"


def test_the_start_worker_stores_no_file_a_check_across_files_faults(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = make_split(tmp_path)
    part = top.parent / "parts" / "2.yaml"  # per-one again: an id the curated file has
    part.write_text(part.read_text(encoding="utf-8").replace("per-three", "per-one"),
                    encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load(top)
    assert {p.file for p in raised.value.problems} == {str(part)}
    assert _run_start(_setup(tmp_path, top), monkeypatch) == "2\n"
    assert _stored(PartCache(tmp_path / "c"), top) == ["curated.yaml", "1.yaml"]


def test_the_start_worker_stores_nothing_past_the_problems_it_can_list(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.problems import MAX_PROBLEMS

    top = make_split(tmp_path)
    part = top.parent / "parts" / "1.yaml"  # more bad citations than are listed
    part.write_text("people:\n" + "".join(person(f"per-x{n}", "doc-b", "нет такой")
                                          for n in range(MAX_PROBLEMS + 1)), encoding="utf-8")
    assert _run_start(_setup(tmp_path, top), monkeypatch) == "0\n"
    assert list((tmp_path / "c").glob("parts/*")) == []


def test_the_start_worker_keys_its_parts_by_the_root_it_is_given(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = make_split(tmp_path)
    link = tmp_path / "link"
    link.symlink_to(top.parent)  # the same folder under another name: other keys
    setup = {"base": str(tmp_path / "c"), "root": str(link), "docs": {}, "start": str(top),
             "budget": 1 << 20}
    assert _run_start(setup, monkeypatch) == "3\n"
    cache = PartCache(tmp_path / "c")
    for file in load(top).files:
        raw = Path(file).read_bytes()
        assert cache.get(cache.key(file, link, raw), file, link) is not None
        assert cache.get(cache.key(file, top.parent, raw), file, top.parent) is None


#: The real start worker in a process of its own, its load held up for 30 s, as a worker still
#: at work when the start that waits for it goes.
_HELD_UP = ("import time; from kzt_tui.core.loading import dataset; "
            "dataset.read_data_bytes = lambda *a, **k: time.sleep(30); "
            "dataset.start_worker()")


def _held_up_worker(tmp_path: Path, limit: float) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", _HELD_UP], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdin is not None
    proc.stdin.write(json.dumps({"base": str(tmp_path / "c"), "root": str(tmp_path),
                                 "docs": {}, "start": str(tmp_path / "x.yaml"),
                                 "budget": 1, "limit": limit}) + "\n")
    proc.stdin.flush()
    return proc


def test_a_start_worker_ends_when_its_start_does(tmp_path: Path) -> None:
    proc = _held_up_worker(tmp_path, limit=20)
    began = time.monotonic()
    assert proc.stdin is not None
    proc.stdin.close()  # what the start's end (quit, kill, terminal gone) does to its pipe
    assert proc.wait(timeout=10) == 0
    assert time.monotonic() - began < 5  # not its 30 s of load, nor its 21 s limit


def test_a_start_worker_ends_at_its_own_limit(tmp_path: Path) -> None:
    proc = _held_up_worker(tmp_path, limit=0.5)  # stdin left open: only the limit ends it
    began = time.monotonic()
    try:
        assert proc.wait(timeout=15) == -signal.SIGALRM
    finally:
        if proc.poll() is None:
            proc.kill()
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    assert 1 <= time.monotonic() - began < 6  # ceil(0.5) + 1 = 2 s after it read its setup


def _renamed(top: Path) -> None:
    top.write_text(top.read_text(encoding="utf-8").replace('{en: "per-one"', '{en: "renamed"'),
                   encoding="utf-8")


def _first_name(dataset: Any) -> str:
    return str(dataset.people[0].name.en)


def test_a_start_s_load_takes_the_curated_file_as_read_top_read_it(tmp_path: Path) -> None:
    from kzt_tui.core.loading.dataset import load_start, read_top

    top = make_split(tmp_path)
    root, cache = dataset_root(top), PartCache(tmp_path / "c")
    read = read_top(top, root, cache)
    assert (read.shown, read.root, read.raw, read.part) == (str(top), root, top.read_bytes(),
                                                           None)
    assert read.key == cache.key(str(top), root, top.read_bytes())
    _renamed(top)  # after it was read: the load does not read it again
    got, _ = load_start(top, root, cache, top=read)
    assert _first_name(got) == "per-one"
    assert _first_name(load_start(top, root, cache)[0]) == "renamed"  # read now
    # a read of another root, of another file, or for a load without a cache: not used
    link = tmp_path / "link"
    link.symlink_to(top.parent)  # the same folder under another name: another root
    assert _first_name(load_start(top, link, cache, top=read)[0]) == "renamed"
    other = top.parent / "again.yaml"
    other.write_bytes(top.read_bytes())
    assert _first_name(load_start(other, root, cache, top=read)[0]) == "renamed"
    assert _first_name(load_start(top, root, None, top=read)[0]) == "renamed"


def test_a_start_s_load_takes_the_cached_part_read_top_found(tmp_path: Path) -> None:
    from collections.abc import Callable

    from kzt_tui.core.loading.dataset import load_start, read_top

    top = make_split(tmp_path)
    root, cache = dataset_root(top), PartCache(tmp_path / "c")
    load_start(top, root, cache)  # every file's entry stored
    read = read_top(top, root, cache)
    assert read.part is not None and read.part.file == str(top)
    assert read.part.sections is not None  # with its records: the load needs them
    for entry in (tmp_path / "c" / "parts").iterdir():
        entry.unlink()
    later: list[Callable[[], None]] = []
    got, _ = load_start(top, root, cache, later=later, top=read)
    assert got == load(top)
    # the two other files checked from their text, the curated file's part was the read's
    assert len(later) == 1
    later[0]()
    assert len(list((tmp_path / "c" / "parts").iterdir())) == 2


def test_a_start_s_load_looks_again_for_a_part_stored_since_the_read(tmp_path: Path) -> None:
    from collections.abc import Callable

    from kzt_tui.core.loading.dataset import load_start, read_top

    top = make_split(tmp_path)
    root, cache = dataset_root(top), PartCache(tmp_path / "c")
    read = read_top(top, root, cache)  # an empty cache: no part
    load_start(top, root, cache)  # what the worker does meanwhile
    later: list[Callable[[], None]] = []
    got, _ = load_start(top, root, cache, later=later, top=read)
    assert got == load(top) and later == []  # every part from the cache: nothing to write


def test_load_cached_start_passes_the_read_on(tmp_path: Path) -> None:
    from kzt_tui.core.loading import load_cached_start
    from kzt_tui.core.loading.dataset import read_top

    top = make_split(tmp_path)
    root = dataset_root(top)
    read = read_top(top, root, PartCache(tmp_path / "c"))
    _renamed(top)
    got, _ = load_cached_start(top, root, tmp_path / "c", top=read)
    assert _first_name(got) == "per-one"


def test_read_top_of_a_file_that_cannot_be_read_names_it(tmp_path: Path) -> None:
    from kzt_tui.core.loading.dataset import read_top

    missing = tmp_path / "none.yaml"
    with pytest.raises(DataError) as raised:
        read_top(missing, tmp_path, PartCache(tmp_path / "c"))
    assert [p.file for p in raised.value.problems] == [str(missing)]
