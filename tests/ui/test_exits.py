"""How the app ends on a signal or a crash, run on a real pseudo-terminal: it neither hangs
nor loses its place, leaves the terminal as it found it, and says what happened in one line
with an exit code scripts can tell apart."""

from __future__ import annotations

import re
import signal
import time
from pathlib import Path

import pytest

from kzt_tui.system.state import state_path

from .helpers import RESTORE, Terminal, wait_for

# --- signals ---------------------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_closes_the_app_and_restores_the_terminal(tmp_path: Path, sig: int) -> None:
    with Terminal(tmp_path) as term:
        term.read_until(b"palette")
        time.sleep(0.3)
        start = time.monotonic()
        term.proc.send_signal(sig)
        status = term.wait()
        assert time.monotonic() - start < 5
    assert status == 128 + sig
    assert state_path().exists()  # closed as q closes it: the place is remembered
    tail = term.output[term.output.rindex(b"palette"):]
    for sequence in RESTORE:
        assert sequence in tail, sequence


# --- a crash ---------------------------------------------------------------------------

#: A bug planted in the app: the search key raises.
BUG = ("import kzt_tui.screens.explorer as explorer\n"
       "def broken(self):\n"
       "    raise LookupError('planted bug')\n"
       "explorer.ExplorerScreen.action_search = broken")


def test_a_crash_exits_70_with_one_line_and_the_terminal_restored(tmp_path: Path) -> None:
    with Terminal(tmp_path, patch=BUG) as term:
        term.read_until(b"palette")
        term.write(b"s")
        status = term.wait()
    assert status == 70
    after = term.output[term.output.rindex(b"\x1b[?1049l"):]
    for sequence in RESTORE:
        assert sequence in term.output[term.output.rindex(b"palette"):], sequence
    printed = re.sub(r"\x1b\[[?>0-9;$]*[a-zA-Z]", "", after.decode()).strip()
    assert printed == ("kzt-tui: internal error: LookupError: planted bug "
                       "(run again with --debug for the traceback)")
    assert b"Traceback" not in after and b"locals" not in after


def test_a_crash_with_debug_shows_the_traceback(tmp_path: Path) -> None:
    with Terminal(tmp_path, "--debug", patch=BUG) as term:
        term.read_until(b"palette")
        term.write(b"s")
        status = term.wait()
    assert status == 70
    after = term.output[term.output.rindex(b"\x1b[?1049l"):].decode()
    assert "Traceback (most recent call last)" in after
    assert "in broken" in after and "LookupError: planted bug" in after


async def test_a_crash_in_a_worker_thread_is_reported_as_what_it_was(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kzt_tui.system.clipboard as clipboard

    def broken(*_args: object, **_kwargs: object) -> None:
        raise LookupError("planted bug")

    monkeypatch.setattr(clipboard, "system_copy", broken)
    app = make_app()
    with pytest.raises(Exception):  # noqa: B017 - run_test re-raises what Textual saw
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("Y")
            await wait_for(pilot, lambda: not app.is_running, seconds=10)
    assert isinstance(app.crashed, LookupError)
