"""A start with an empty cache checks its first view in a worker process while it imports
the app (workers.prestart, cli/explorer.make_app), and gives what the in-process load gives:
the same dataset, the same problems; a worker that fails or hangs changes nothing but time.

Each start runs in a fresh interpreter, as `kzt-tui` does: the worker pays only while the
app is still to be imported, so make_app starts none once it is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kzt_tui.cli import make_app
from kzt_tui.cli.parser import parse_args
from kzt_tui.core.loading import workers

from ..helpers import REPO, make_split

#: make_app in a fresh process, the workers patched as argv[1] says; prints, as JSON, whether
#: an app was made, the cache's entries right after (before the app's first frame, where a
#: start without a worker writes them), and whether the dataset equals `load`'s, section by
#: section, files and dismissals.
_START = """
import json, os, sys, time
from pathlib import Path
from kzt_tui.core.loading import workers

mode, data, pids = sys.argv[1], sys.argv[2], sys.argv[3]
real = workers.worker_command(workers.START_ENTRY)
workers.workers = lambda: 1 if mode == "one" else 2
workers.CPU_MAX = "/nonexistent/cpu.max"  # the cores are the mocked ones
os.getloadavg = lambda: ({"busy": 1.01, "half": 1.0}.get(mode, 0.3), 0.0, 0.0)
if mode == "slow":  # the real worker, a second late
    workers.worker_command = lambda entry: [*real[:3], "import time; time.sleep(1); " + real[3]]
elif mode in ("worker", "one", "busy", "half"):  # the real worker, noting its pid first
    workers.worker_command = lambda entry: [*real[:3], (
        f"import os; open({pids!r}, 'a').write(f'{{os.getpid()}}\\\\n'); " + real[3])]
elif mode == "fails":
    workers.worker_command = lambda entry: [sys.executable, "-c", "import sys; sys.exit(1)"]
elif mode == "hangs":
    workers.START_LIMIT = 0.5
    workers.worker_command = lambda entry: [sys.executable, "-c", "import time; time.sleep(60)"]

from kzt_tui.cli import make_app
from kzt_tui.cli.parser import parse_args
from kzt_tui.core.loading import DataError, load
from kzt_tui.core.model import SECTION_PREFIX

began = time.monotonic()
app = make_app(parse_args(["--data", data]))
took = time.monotonic() - began
parts = Path(os.environ["XDG_CACHE_HOME"]) / "kzt-tui" / "parts"
out = {"app": app is not None, "took": took,
       "entries": len(os.listdir(parts)) if parts.is_dir() else 0}
if app is not None:
    got, want = app.session.dataset, load(Path(data))
    out["same"] = all(getattr(got, n) == getattr(want, n)
                      for n in (*SECTION_PREFIX, "files", "dismissals", "source", "root"))
    out["records"] = sum(len(getattr(got, n)) for n in SECTION_PREFIX)
    report = Path(os.environ["KZT_TUI_START_REPORT"])
    out["reported_early"] = report.exists()  # before the first frame: never
    app.finish_start()  # what the first frame runs
    out["report"] = [json.loads(line) for line in report.read_text().splitlines()]
print(json.dumps(out))
"""


def _start(mode: str, data: Path, tmp_path: Path) -> tuple[dict[str, object], str, list[str]]:
    """(what _START printed, its stderr, the worker pids noted) for a start in `mode`."""
    pids = tmp_path / f"pids-{mode}"
    report = tmp_path / f"report-{mode}"
    report.unlink(missing_ok=True)  # this start's line alone
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / f"cache-{mode}"),
           "KZT_TUI_START_REPORT": str(report),
           "XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", _START, mode, str(data), str(pids)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
                          check=True)
    noted = pids.read_text().split() if pids.exists() else []
    return json.loads(done.stdout), done.stderr, noted


SHIPPED = REPO / "data" / "curated.yaml"


def test_an_empty_cache_start_has_a_worker_fill_the_cache_with_the_same_dataset(
        tmp_path: Path) -> None:
    got, err, pids = _start("worker", SHIPPED, tmp_path)
    assert err == ""
    assert len(pids) == 1 and int(pids[0]) != os.getpid()
    assert got["app"] and got["same"] and got["records"] > 100
    assert got["entries"] == 6  # the shipped files, stored by the worker, not after the frame
    assert got["report"] == [{"worker": True, "stored": 6}] and not got["reported_early"]


def test_one_core_starts_no_worker_and_gives_the_same_dataset(tmp_path: Path) -> None:
    got, err, pids = _start("one", SHIPPED, tmp_path)
    assert err == "" and pids == []
    assert got["app"] and got["same"] and got["records"] > 100
    assert got["entries"] == 0  # the start's own writes wait for its first frame
    assert got["report"] == [{"worker": False, "stored": None}] and not got["reported_early"]


def test_the_start_waits_for_a_worker_still_at_work(tmp_path: Path) -> None:
    got, err, _ = _start("slow", SHIPPED, tmp_path)
    assert err == ""
    assert got["app"] and got["same"] and got["entries"] == 6
    assert float(str(got["took"])) >= 1
    assert got["report"] == [{"worker": True, "stored": 6}]


@pytest.mark.parametrize("mode", ["fails", "hangs"])
def test_a_worker_that_fails_leaves_the_load_to_the_start(tmp_path: Path, mode: str) -> None:
    got, err, _ = _start(mode, SHIPPED, tmp_path)
    assert err == ""
    assert got["app"] and got["same"] and got["records"] > 100
    assert got["entries"] == 0
    assert got["report"] == [{"worker": True, "stored": None}]  # it said nothing
    if mode == "hangs":  # stopped at its limit, not waited for
        assert 0.5 <= float(str(got["took"])) < 10


def test_a_dataset_with_a_problem_shows_the_same_problem_with_a_worker(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    part = top.parent / "parts" / "1.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("вторая статья", "третья статья"),
                    encoding="utf-8")
    with_worker, err_worker, pids = _start("worker", top, tmp_path)
    alone, err_alone, _ = _start("one", top, tmp_path)
    assert len(pids) == 1  # the worker ran, and stored the two files clean on their own
    assert with_worker == {**alone, "took": with_worker["took"], "entries": 2}
    assert not with_worker["app"] and alone["entries"] == 0
    assert "parts/1.yaml:8:7: people[0].citations[0]" in err_worker
    assert err_worker == err_alone
    # the next start finds the curated file cached: no worker, the other clean file taken
    # from the cache, the same problem in the same place
    again, err_again, pids = _start("worker", top, tmp_path)
    assert len(pids) == 1 and err_again == err_alone
    assert again == {**with_worker, "took": again["took"]}


def test_a_sound_small_dataset_is_stored_by_the_worker(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    got, err, pids = _start("worker", top, tmp_path)
    assert err == "" and len(pids) == 1
    assert got == {**got, "app": True, "same": True, "records": 5, "entries": 3}


def test_a_warm_cache_starts_no_worker(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    _start("worker", top, tmp_path)  # fills cache-worker
    again, err, pids = _start("worker", top, tmp_path)
    assert err == "" and len(pids) == 1  # still the first start's alone
    assert again["app"] and again["same"] and again["entries"] == 3
    assert again["report"] == [{"worker": False, "stored": None}]


def test_no_worker_once_the_app_is_imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    import kzt_tui.app  # noqa: F401  # nothing left to overlap the worker with

    started: list[object] = []
    monkeypatch.setattr(workers, "prestart", lambda *a: started.append(a))
    app = make_app(parse_args(["--data", str(make_split(tmp_path))]))
    assert app is not None and started == []


@pytest.mark.parametrize(("mode", "workers_run"), [("half", 1), ("busy", 0)])
def test_a_worker_only_where_a_core_is_idle(tmp_path: Path, mode: str, workers_run: int
                                            ) -> None:
    # 2 cores: a load average of 1.0 leaves one idle, 1.01 does not
    top = make_split(tmp_path)
    got, err, pids = _start(mode, top, tmp_path)
    assert err == "" and len(pids) == workers_run
    assert got["app"] and got["same"] and got["entries"] == 3 * workers_run


def test_idle_core_without_a_load_average(monkeypatch: pytest.MonkeyPatch) -> None:
    def unknown() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(workers, "CPU_MAX", "/nonexistent/cpu.max")
    monkeypatch.setattr(workers, "workers", lambda: 2)
    monkeypatch.setattr(workers.os, "getloadavg", unknown)
    assert workers.idle_core()
    monkeypatch.setattr(workers, "workers", lambda: 1)
    assert not workers.idle_core()


def test_a_changed_curated_file_starts_a_worker_again(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    _start("worker", top, tmp_path)
    with top.open("a", encoding="utf-8") as out:
        out.write("# edited\n")
    again, err, pids = _start("worker", top, tmp_path)
    assert err == "" and len(pids) == 2
    assert again["app"] and again["same"] and again["entries"] == 3


@pytest.mark.parametrize(("extra", "workers_run"), [(0, 1), (1, 0)])
def test_no_worker_for_a_curated_file_past_the_start_budget(
        tmp_path: Path, extra: int, workers_run: int) -> None:
    # a worker could not check a large curated file in its time: the start would wait for
    # it (START_LIMIT) and then check it all again itself
    from kzt_tui.core.loading.dataset import START_BUDGET

    top = make_split(tmp_path)
    raw = top.read_bytes()
    pad = START_BUDGET + extra - len(raw)
    lines = [b"#" + b"x" * 998 + b"\n"] * (pad // 1000)
    rest = pad - 1000 * len(lines)
    top.write_bytes(raw + b"".join(lines) + (b"#" + b"x" * (rest - 2) + b"\n" if rest else b""))
    assert len(top.read_bytes()) == START_BUDGET + extra
    got, err, pids = _start("worker", top, tmp_path)
    assert err == "" and len(pids) == workers_run
    assert got["app"]  # on its first view: the curated file alone fills the budget
