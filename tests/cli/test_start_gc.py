"""The collector during the program's start (system/start_gc.py): paused by the entry point
until the explorer's first frame or a command's run, then on again with the start's
objects frozen; untouched for an app built any other way. Each case runs in a fresh
interpreter: freezing objects would change the test process's own collector."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..helpers import REPO


def _run(code: str, home: Path) -> list[str]:
    env = {**os.environ, "HOME": str(home), "XDG_STATE_HOME": str(home / "state"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True,
                         text=True, check=True, timeout=120, cwd=REPO, env=env).stdout
    return out.split()


def test_resume_turns_the_collector_on_once_and_freezes_what_was_built(tmp_path: Path) -> None:
    assert _run("""
import gc
from kzt_tui.system import start_gc
start_gc.pause()
print(gc.isenabled(), gc.get_freeze_count() == 0)
start_gc.resume()
print(gc.isenabled(), gc.get_freeze_count() > 0)
gc.disable()
start_gc.resume()  # the second time: nothing paused any more, so nothing to undo
print(gc.isenabled())
""", tmp_path) == ["False", "True", "True", "True", "False"]


def test_resume_without_pause_leaves_the_collector_as_it_was(tmp_path: Path) -> None:
    assert _run("""
import gc
from kzt_tui.system import start_gc
gc.disable()
start_gc.resume()
print(gc.isenabled(), gc.get_freeze_count())
""", tmp_path) == ["False", "0"]


def test_the_entry_point_runs_a_command_with_the_collector_on(tmp_path: Path) -> None:
    # `kzt-tui check` through the entry point; the command sees the collector on (its own
    # pauses, core/loading/gcpause.py, need it on to restore it).
    assert _run("""
import gc, sys
import kzt_tui.cli.check as check
check.run_check = lambda args: print("check", gc.isenabled()) or 0
from kzt_tui.__main__ import start
sys.argv = ["kzt-tui", "check"]
print("before", gc.isenabled())
code = start()
print("exit", code)
""", tmp_path) == ["before", "True", "check", "True", "exit", "0"]


def test_the_explorer_collects_again_from_its_first_frame(tmp_path: Path) -> None:
    # Paused as the entry point pauses it: still off while the explorer is composed, on
    # once its first frame is drawn.
    assert _run(f"""
import gc, sys
from kzt_tui.system import start_gc
start_gc.pause()
from kzt_tui.cli import build_parser, make_app
app = make_app(build_parser().parse_args(["--data", {str(REPO / "data" / "curated.yaml")!r}]))
print("built", gc.isenabled())
from kzt_tui.screens.explorer import ExplorerScreen
compose = ExplorerScreen.compose

def composing(screen):
    print("composing", gc.isenabled())
    return compose(screen)

ExplorerScreen.compose = composing

def first_frame():
    if app.screen is not app.get_screen("explorer") or not app.explorer.fact_list.rows:
        app.set_timer(0.01, first_frame)
        return
    print("drawn", gc.isenabled(), gc.get_freeze_count() > 0)
    app.exit()

async def autopilot(pilot):
    app.call_after_refresh(first_frame)

app.run(headless=True, size=(120, 40), auto_pilot=autopilot)
""", tmp_path) == ["built", "False", "composing", "False", "drawn", "True", "True"]


def test_the_entry_point_pauses_the_collector_before_the_command_line_is_imported(
        tmp_path: Path) -> None:
    assert _run("""
import gc, sys
from kzt_tui.__main__ import start
print("cli imported", "kzt_tui.cli" in sys.modules)
import kzt_tui.cli as cli
cli.main = lambda: print("main", gc.isenabled()) or 3
print("exit", start())
""", tmp_path) == ["cli", "imported", "False", "main", "False", "exit", "3"]
