"""The explorer's start imports only what its first frame needs: the other commands'
modules and the record forms are imported when asked for (bench/RESULTS.md, first paint);
and what the first frame of a start from the cache has imported and composed is pinned."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kzt_tui.cli import COMMANDS, command_handler, make_app, run_app
from kzt_tui.cli.parser import parse_args

from ..helpers import REPO

#: Imported by a command or a form, never before the explorer's first frame.
DEFERRED = ("kzt_tui.cli.export", "kzt_tui.cli.cite", "kzt_tui.cli.coverage",
            "kzt_tui.cli.mark", "kzt_tui.cli.undo", "kzt_tui.cli.schema",
            "kzt_tui.cli.add_source", "kzt_tui.core.curate.form",
            "kzt_tui.core.curate.store", "kzt_tui.core.ruparse",
            # the filter language (with the first filter typed), the marks file's reader
            # and writer (only when there is a marks file), the compare view, sqlite3 (an
            # export to SQLite), the loader's worker processes (a cache miss of many files)
            "kzt_tui.core.query", "kzt_tui.core.curate.render", "kzt_tui.screens.compare",
            "sqlite3", "kzt_tui.core.loading.workers")

#: Not imported before the first frame of a start whose data is all in the cache: the
#: YAML reader (a cache hit never parses YAML), search and its dialog (built when `s` is
#: pressed), the dialogs, and Textual's widgets that only dialogs use.
NOT_IN_FIRST_FRAME = (*DEFERRED, "yaml", "kzt_tui.core.loading.yamlsafe",
                      "kzt_tui.core.loading.checkfile", "kzt_tui.core.search",
                      # charts and routes: with the first figure or corridor shown
                      "kzt_tui.core.compare", "kzt_tui.widgets.visuals", "calendar",
                      "kzt_tui.dialogs.search", "kzt_tui.dialogs.export",
                      "kzt_tui.dialogs.help", "kzt_tui.dialogs.facet", "kzt_tui.dialogs.topics",
                      "kzt_tui.dialogs.record_form", "kzt_tui.dialogs.manual_copy",
                      "textual.widgets._data_table", "textual.widgets._markdown",
                      # the boxes hidden at first, mounted when first shown (on_demand.py)
                      "kzt_tui.widgets.sides_view", "kzt_tui.widgets.safe_input",
                      # the export formats: with the export dialog or command (the plain
                      # start's parser does not name them: cli/parser.py parse_args)
                      "kzt_tui.core.export",
                      # the palette's providers (with ctrl+p: Textual's lazy providers),
                      # the trail and the snippets it took "…" from (with the first way
                      # back), the coverage of the texts (with the first u), the check
                      # command's module (a start whose first files do not stand alone)
                      "kzt_tui.commands", "kzt_tui.dialogs.choose", "kzt_tui.widgets.trail",
                      "kzt_tui.core.snippets", "kzt_tui.core.ranking",
                      "kzt_tui.core.wordforms", "kzt_tui.core.coverage", "kzt_tui.cli.check",
                      # a passage's sentences (with the first copy of whole sentences)
                      # and a selection in the source (with the first curating key)
                      "kzt_tui.core.sentences", "kzt_tui.core.selection")

#: Runs `kzt-tui --data DATA` as the CLI does (parse_args, make_app), headless at 120x40,
#: and prints, at its first frame with the list filled, every imported module and then
#: "widgets:" and each widget of the explorer, by type.
_FIRST_FRAME = """
import sys
from kzt_tui.cli import exit_code, make_app
from kzt_tui.cli.parser import parse_args

app = make_app(parse_args(sys.argv[1:]))

def first_frame():
    if app.screen is not app.get_screen("explorer") or not app.explorer.fact_list.rows:
        app.set_timer(0.01, first_frame)
        return
    mods = sorted(sys.modules)
    widgets = [type(w).__name__ for w in app.screen.walk_children()]
    print("\\n".join([*mods, "widgets:", *widgets]))
    app.exit()

async def autopilot(pilot):
    app.call_after_refresh(first_frame)

app.run(headless=True, size=(120, 40), auto_pilot=autopilot)
exit_code(app)  # as the CLI ends (run_app): what the start put off is done by then
"""


def _first_frame(data: Path) -> tuple[list[str], list[str]]:
    """The modules imported and the explorer's widgets at the first frame over `data`."""
    out = subprocess.run([sys.executable, "-c", _FIRST_FRAME, "--data", str(data)],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    lines = out.splitlines()
    cut = lines.index("widgets:")
    return lines[:cut], lines[cut + 1:]


@pytest.fixture(scope="module")
def first_frame(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], list[str]]:
    """The shipped dataset's first frame, started from a filled cache (a second start)."""
    home = tmp_path_factory.mktemp("home")
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_STATE_HOME": str(home / "state"), "XDG_CACHE_HOME": str(home / "cache")}
    with pytest.MonkeyPatch.context() as mp:
        for name, value in env.items():
            mp.setenv(name, value)
        data = REPO / "data" / "curated.yaml"
        _first_frame(data)  # fills the cache
        return _first_frame(data)


def test_the_explorer_start_leaves_commands_and_forms_unimported() -> None:
    # What `python -m kzt_tui` imports before it builds the app (cli, then the app).
    out = subprocess.run(
        [sys.executable, "-c",
         "import sys, kzt_tui.cli, kzt_tui.app; print('\\n'.join(sorted(sys.modules)))"],
        capture_output=True, text=True, check=True).stdout.split()
    assert "kzt_tui.app" in out and "kzt_tui.screens.explorer" in out
    assert [m for m in DEFERRED if m in out] == []


def test_a_start_whose_first_files_do_not_stand_alone_loads_the_whole(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # make_app's fallback, which imports the check command's loader only then
    from kzt_tui.core import loading
    from kzt_tui.core.loading import FirstViewError

    def not_alone(path: Path, root: Path | None = None, **kwargs: object) -> None:
        raise FirstViewError([])

    monkeypatch.setattr(loading, "load_cached_start", not_alone)
    app = make_app(parse_args(["--data", str(REPO / "data" / "curated.yaml")]))
    assert app is not None and app.session.loading == 0
    assert len(app.session.dataset.agreements) > 0


def test_every_command_finds_its_function() -> None:
    for name, (module, function) in COMMANDS.items():
        handler = command_handler(name)
        assert handler is not run_app and handler.__name__ == function, name
        assert handler.__module__ == f"kzt_tui.cli.{module}", name
    assert command_handler(None) is run_app


def test_a_start_from_the_cache_imports_nothing_its_first_frame_does_not_show(
        first_frame: tuple[list[str], list[str]]) -> None:
    modules, _widgets = first_frame
    assert "kzt_tui.screens.explorer" in modules and "kzt_tui.core.loading.cache" in modules
    assert [m for m in NOT_IN_FIRST_FRAME if m in modules] == []


def test_the_first_frame_composes_only_what_it_shows(
        first_frame: tuple[list[str], list[str]]) -> None:
    # A discrepancy's sides, the filter box, the trail and "too small" are mounted when
    # first shown (screens/on_demand.py; tests/ui/test_compare_views.py), the source's
    # legend when the text is first read (tests/ui/test_reading.py); the rest is what the
    # frame shows.
    _modules, widgets = first_frame
    assert sorted(widgets) == sorted([
        "ToastRack", "Tooltip", "PaneTabs", "Horizontal", "Vertical", "FactList",
        "DetailView", "SourcePanel", "SourceHeader", "SourceText", "KeyBar"])
