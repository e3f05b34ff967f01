"""The explorer's start imports only what its first frame needs: the other commands'
modules and the record forms are imported when asked for (bench/RESULTS.md, first paint)."""

from __future__ import annotations

import subprocess
import sys

from kzt_tui.cli import COMMANDS, command_handler, run_app

#: Imported by a command or a form, never before the explorer's first frame.
DEFERRED = ("kzt_tui.cli.export", "kzt_tui.cli.cite", "kzt_tui.cli.coverage",
            "kzt_tui.cli.mark", "kzt_tui.cli.undo", "kzt_tui.cli.schema",
            "kzt_tui.cli.add_source", "kzt_tui.core.curate.form",
            "kzt_tui.core.curate.store", "kzt_tui.core.ruparse")


def test_the_explorer_start_leaves_commands_and_forms_unimported() -> None:
    # What `python -m kzt_tui` imports before it builds the app (cli, then the app).
    out = subprocess.run(
        [sys.executable, "-c",
         "import sys, kzt_tui.cli, kzt_tui.app; print('\\n'.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True).stdout.split()
    assert "kzt_tui.app" in out and "kzt_tui.screens.explorer" in out
    assert [m for m in DEFERRED if m in out] == []


def test_every_command_finds_its_function() -> None:
    for name, (module, function) in COMMANDS.items():
        handler = command_handler(name)
        assert handler is not run_app and handler.__name__ == function, name
        assert handler.__module__ == f"kzt_tui.cli.{module}", name
    assert command_handler(None) is run_app
