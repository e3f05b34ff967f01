"""The explorer's CSS kept parsed between starts (system/css_cache.py): a start from the
file parses nothing and draws the same screen, cell for cell, as one that parsed it all; a
file that is missing, damaged or another Textual's is not used; a theme with other
variables is parsed anew. Each case runs in a fresh interpreter: installing changes how
every Textual stylesheet of the process parses."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from kzt_tui.system.css_cache import MAX_SOURCES, CssCache, header, read

from ..helpers import REPO

UI_FIXTURE = REPO / "tests" / "fixtures" / "ui" / "curated.yaml"

#: The explorer over the UI fixture, headless at 120x40, with the cache at PATH installed
#: or not (CACHE): at its first frame, the screen as an SVG (what the snapshot tests
#: compare), then how many sources this process parsed and whether the file was written.
_FIRST_FRAME = """
import sys
from pathlib import Path
from kzt_tui.system import css_cache
cache = css_cache.install(sys.argv[2]) if sys.argv[1] == "cache" else None
from kzt_tui.app import create_app
from kzt_tui.core.loading import load

app = create_app(load(Path(sys.argv[3])), remember=False)
shot = []

async def first_frame(pilot):
    async def take():
        await pilot.pause()
        shot.append(app.export_screenshot(title="x"))
        app.exit()
    app.call_after_refresh(lambda: app.run_worker(take()))

app.run(headless=True, size=(120, 40), auto_pilot=first_frame)
print(shot[0])
print("parsed", cache.parsed if cache else -1, cache.save(force=True) if cache else None)
"""


def _run(code: str, tmp: Path, *args: str) -> str:
    env = {**os.environ, "HOME": str(tmp), "XDG_STATE_HOME": str(tmp / "state"),
           "XDG_CONFIG_HOME": str(tmp / "config"), "XDG_CACHE_HOME": str(tmp / "cache")}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, check=True, timeout=120, cwd=REPO, env=env).stdout


def _first_frame(tmp: Path, path: Path | None) -> tuple[str, list[str]]:
    out = _run(_FIRST_FRAME, tmp, "cache" if path else "plain", str(path), str(UI_FIXTURE))
    screen, _, tail = out.rstrip("\n").rpartition("\n")
    return screen, tail.split()


def test_a_start_from_the_file_parses_nothing_and_draws_the_same_cells(
        tmp_path: Path) -> None:
    path = tmp_path / "css.pickle"
    plain, told = _first_frame(tmp_path, None)
    assert told == ["parsed", "-1", "None"] and "<svg" in plain
    first, told = _first_frame(tmp_path, path)  # parses every source and keeps them
    assert told[:2] == ["parsed", told[1]] and int(told[1]) > 10 and told[2] == "True"
    assert len(read(str(path))) == int(told[1])
    again, told = _first_frame(tmp_path, path)
    assert told == ["parsed", "0", "False"]  # nothing parsed, so nothing written
    assert first == plain and again == plain


def test_another_theme_s_variables_are_parsed_anew(tmp_path: Path) -> None:
    path = tmp_path / "css.pickle"
    parse = """
import sys
from kzt_tui.system import css_cache
cache = css_cache.install(sys.argv[1])
from textual.css.stylesheet import Stylesheet
sheet = Stylesheet(variables={"accent": sys.argv[2]})
sheet.add_source("Static { color: $accent; }", ("test", "Static"))
sheet.parse()
print(cache.parsed, sheet.css.replace(" ", "").replace(chr(10), ""))
cache.save(force=True)
"""
    assert _run(parse, tmp_path, str(path), "red").split() == ["1", "Static{color:#FF0000;}"]
    assert _run(parse, tmp_path, str(path), "red").split() == ["0", "Static{color:#FF0000;}"]
    assert _run(parse, tmp_path, str(path), "blue").split() == ["1", "Static{color:#0000FF;}"]
    assert [key[-1] for key in read(str(path))] == [(("accent", "blue"),)]  # the start's


def test_only_the_start_s_theme_is_written(tmp_path: Path) -> None:
    # themes tried in the palette are parsed (and kept for this run), not written: every
    # start reads the whole file
    path = tmp_path / "css.pickle"
    assert _run(f"""
from kzt_tui.system import css_cache
cache = css_cache.install({str(path)!r})
from textual.css.stylesheet import Stylesheet
for colour in ("red", "blue", "red", "green"):
    sheet = Stylesheet(variables={{"accent": colour}})
    sheet.add_source("Static {{ color: $accent; }}", ("test", "Static"))
    sheet.parse()
print(cache.parsed, len(cache.rules), cache.save(force=True))
""", tmp_path).split() == ["1", "3", "True"]
    assert [key[-1] for key in read(str(path))] == [(("accent", "red"),)]


def test_rules_with_errors_are_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "css.pickle"
    assert _run(f"""
from kzt_tui.system import css_cache
cache = css_cache.install({str(path)!r})
from textual.css.stylesheet import Stylesheet, StylesheetParseError
sheet = Stylesheet()
sheet.add_source("Static {{ colour: red; }}", ("test", "Static"))
try:
    sheet.parse()
except StylesheetParseError:
    print("error", cache.parsed, cache.save(force=True))
""", tmp_path).split() == ["error", "0", "False"]
    assert not path.exists()


def test_nothing_is_written_under_dontwritebytecode_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "css.pickle"
    code = f"""
from kzt_tui.system import css_cache
cache = css_cache.install({str(path)!r})
from textual.css.stylesheet import Stylesheet
sheet = Stylesheet()
sheet.add_source("Static {{ color: red; }}", ("test", "Static"))
sheet.parse()
print(cache.parsed, css_cache.save())
"""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120, cwd=REPO, env=env).stdout.split()
    assert out == ["1", "False"] and not path.exists()
    env.pop("PYTHONDONTWRITEBYTECODE")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120, cwd=REPO, env=env).stdout.split()
    assert out == ["1", "True"] and len(read(str(path))) == 1


def test_a_missing_damaged_or_foreign_file_is_not_used(tmp_path: Path) -> None:
    path = tmp_path / "css.pickle"
    assert read(str(path)) == {}  # missing
    key = ("Static { color: red; }", ("test", "Static"), False, 0, "", ())
    from textual.css.model import RuleSet

    rules = {key: [RuleSet(selector_set=[], is_default_rules=True)]}
    path.write_bytes(header() + pickle.dumps(rules))
    assert read(str(path)) == rules  # (what a sound file holds is read back)
    path.write_bytes(header() + pickle.dumps({key: [None]}))
    assert read(str(path)) == {}  # rules that are no rules (once: every start stopped)
    path.write_bytes(header() + pickle.dumps({key: ["not rules"]}))
    assert read(str(path)) == {}
    path.write_bytes(header() + b"\x00garbage")
    assert read(str(path)) == {}  # damaged
    path.write_bytes(header().replace(b"parsed css", b"parsed CSS") + pickle.dumps(rules))
    assert read(str(path)) == {}  # another's
    path.write_bytes(header() + pickle.dumps(["not", "a", "dict"]))
    assert read(str(path)) == {}  # another shape


def test_build_writes_what_the_explorer_s_first_screen_parses(tmp_path: Path) -> None:
    path = tmp_path / "css.pickle"
    built = _run(f"from kzt_tui.system import css_cache; print(css_cache.build("
                 f"{str(path)!r}))", tmp_path).split()
    assert built == [str(len(read(str(path))))] and int(built[0]) > 10
    _screen, told = _first_frame(tmp_path, path)
    assert told == ["parsed", "0", "False"]


def test_a_file_that_cannot_be_written_leaves_the_start_as_it_was(tmp_path: Path) -> None:
    key = ("Static { color: red; }", ("test", "Static"), False, 0, "", ())
    unpicklable = CssCache(str(tmp_path / "a.pickle"))
    assert unpicklable.get(key) is None
    unpicklable.put(key, [lambda: None])  # a value pickle cannot write
    assert unpicklable.save(force=True) is False and not (tmp_path / "a.pickle").exists()
    (tmp_path / "a-file").write_text("")  # a folder that cannot be made, even by root
    blocked = CssCache(str(tmp_path / "a-file" / "b.pickle"))
    assert blocked.get(key) is None
    blocked.put(key, [])
    assert blocked.save(force=True) is False
    full = CssCache(str(tmp_path / "c.pickle"))
    for n in range(MAX_SOURCES + 1):
        assert full.get((f"css {n}", *key[1:])) is None
        full.put((f"css {n}", *key[1:]), [])
    assert full.save(force=True) is False and not (tmp_path / "c.pickle").exists()
    full.rules.popitem()
    assert full.save(force=True) is True and len(read(str(tmp_path / "c.pickle"))) == MAX_SOURCES
