"""`python -m bench.profile_headless [PRESSES] [--profile N]`: what a cursor key costs kzt-tui
headless, end to end in one process (no terminal, no py-spy): the app over the shipped data
at 120×40 under Textual's Pilot, PRESSES `j`/`k` keys (default 200) moved on the Agreements
list, then the same on the detail and on the source text (the focus given to each), and
on the floor of `python -m bench` (an OptionList as long as the list; bench/floors.py).

Each key is pressed and the app let settle (its refresh timer run: the frame is composited,
headless, so nothing is written). Printed per view: CPU ms per key (time.process_time over
the keys, the pauses' sleeping excluded) and the wall median; with `--profile N` also
cProfile's N heaviest functions (cumulative) for each view. A figure to compare one
commit with another on the same machine, not a latency (bench/profile_key.py and
`python -m bench` measure that in a real terminal).
"""

from __future__ import annotations

import asyncio
import cProfile
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.pilot import Pilot

from bench import terminal
from bench.floors import ListFloor
from kzt_tui.app import create_app
from kzt_tui.core.loading import load
from kzt_tui.core.paths import shipped_data

SIZE = (120, 40)


def _keys(presses: int, rows: int) -> list[str]:
    return [key for key, _ in terminal.cursor_keys(presses, max(2, rows))]


async def _press(pilot: Pilot[object], keys: list[str], top: int
                 ) -> tuple[float, float, str]:
    """Press `keys`, each let settle: CPU ms per key, wall median ms, the profile's table."""
    walls: list[float] = []
    profile = cProfile.Profile() if top else None
    cpu = time.process_time()
    for key in keys:
        t = time.perf_counter()
        if profile is not None:
            profile.enable()
        await pilot.press(key)
        await pilot.pause()  # the refresh timer: the frame composited
        if profile is not None:
            profile.disable()
        walls.append(time.perf_counter() - t)
    cpu = time.process_time() - cpu
    table = ""
    if profile is not None:
        buf = io.StringIO()
        pstats.Stats(profile, stream=buf).sort_stats("cumulative").print_stats(top)
        table = buf.getvalue()
    return 1000 * cpu / len(keys), 1000 * statistics.median(walls), table


async def _floor(presses: int, rows: int) -> tuple[str, float, float, str]:
    app = ListFloor(rows)
    async with app.run_test(size=SIZE) as pilot:  # type: ignore[var-annotated]
        await pilot.pause(0.2)
        return ("floor (OptionList)", *await _press(pilot, _keys(presses, rows), 0))


async def _run(presses: int, top: int) -> list[tuple[str, float, float, str]]:
    from kzt_tui.screens.explorer import ExplorerScreen

    path = shipped_data()
    app = create_app(load(path), data_path=path, clipboard_commands=[])
    out: list[tuple[str, float, float, str]] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        screen = app.screen
        assert isinstance(screen, ExplorerScreen)
        views = [("list", screen.fact_list, len(screen.fact_list.rows)),
                 ("detail", screen.detail, 20),
                 ("source", screen.source.text_view, 40)]
        for name, view, rows in views:
            screen.set_focus(view)
            await pilot.pause(0.2)
            out.append((name, *await _press(pilot, _keys(presses, rows), top)))
        rows = len(screen.fact_list.rows)
    out.append(await _floor(presses, rows))
    return out


def main(argv: list[str]) -> int:
    """Press the keys; print ms per key per view (and the profiles)."""
    presses = int(argv[0]) if argv and argv[0].isdigit() else 200
    top = int(argv[argv.index("--profile") + 1]) if "--profile" in argv else 0
    with tempfile.TemporaryDirectory(prefix="kzt-headless-") as tmp:
        home = Path(tmp)
        os.environ.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                          XDG_STATE_HOME=str(home / "state"), XDG_CACHE_HOME=str(home / "cache"))
        results = asyncio.run(_run(presses, top))
    print(f"kzt-tui headless {SIZE[0]}x{SIZE[1]}, shipped data, {presses} j/k keys per view")
    print("| view | CPU ms/key | wall median ms/key |\n|---|---|---|")
    for name, cpu, wall, _ in results:
        print(f"| {name} | {cpu:.1f} | {wall:.1f} |")
    for name, _, _, table in results:
        if table:
            print(f"\n--- {name} ---\n{table}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
