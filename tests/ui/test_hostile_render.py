"""Hostile text in a source, in YAML strings, in file names and in markup-like record names,
checked on what the app writes to the terminal: escape sequences, C0/C1 controls and bidi
overrides are shown as visible symbols, never emitted; markup-like brackets stay literal;
highlights land on the right characters; figures at the edge of the float range draw."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from kzt_tui.app import KztApp
from kzt_tui.core.compare import Bar
from kzt_tui.core.loading import load
from kzt_tui.core.textnorm import displayable, inert
from kzt_tui.dialogs.help import HelpScreen
from kzt_tui.dialogs.manual_copy import ManualCopyScreen
from kzt_tui.dialogs.search import SearchScreen
from kzt_tui.widgets.fact_list import FactList
from kzt_tui.widgets.source_view import SourceText
from kzt_tui.widgets.visuals import bar_chart

from ..conftest import FIXTURES, MINI
from .conftest import Seen
from .helpers import (
    assert_inert,
    make,
    record_notifications,
    state_file,
    terminal_output,
    toasts,
    visible_text,
    wait_for,
)

#: In a source text: OSC 52 (clipboard write), BEL, a screen clear, CSI as C1, NEL, DCS, NUL,
#: DEL, bidi overrides and isolates, markup-like brackets, an OSC title ended by ST.
SOURCE_PAYLOAD = (
    "\x1b]52;c;UFdO\x07 \x1b[2J \x9b31m \x85 \x90x \x00\x7f \u202eRLO\u202c \u2066LRI\u2069 "
    "\u202aLRE\u202c [bold]b[/] [/] [0] \x1b]0;title\x1b\\"
)
#: In YAML strings (written with escapes, as YAML requires): the same kinds of thing.
YAML_PAYLOAD = "\x1b]52;c;WUFNTA==\x07\x9b2J\x1b[31m\u202e\u2067[b]Y[/b] [/]\x85"
SHOWN_SOURCE = displayable(SOURCE_PAYLOAD)
SHOWN_YAML = displayable(YAML_PAYLOAD)

def q(text: str) -> str:
    """`text` as a YAML double-quoted scalar (every non-ASCII character escaped)."""
    return json.dumps(text, ensure_ascii=True)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The UI fixture with payloads in a source text, in a quote of it, and in YAML strings."""
    target = tmp_path / "hostile"
    shutil.copytree(FIXTURES / "ui", target)
    two = target / "texts" / "two.txt"
    two.write_text(two.read_text(encoding="utf-8") + f"Злой абзац: {SOURCE_PAYLOAD} — хвост.\n",
                   encoding="utf-8")
    path = target / "curated.yaml"
    y = path.read_text(encoding="utf-8")
    edits = [
        ('title: {en: "Trade [red]notes[/red]", ru: "Заметки о торговле"}',
         f"title: {{en: {q('Trade ' + YAML_PAYLOAD)}, ru: {q('Заметки ' + YAML_PAYLOAD)}}}"),
        ("outlet: null\n    kind: social_post",
         f"outlet: {{name: {q('Outlet ' + YAML_PAYLOAD)}, evidence: {q(YAML_PAYLOAD)}}}\n"
         f"    author: {q('Author ' + YAML_PAYLOAD)}\n    kind: social_post"),
        ('title: {en: "Bridge agreement"', f"title: {{en: {q('Bridge ' + YAML_PAYLOAD)}"),
        ("{name: Garabogaz,", f"{{name: {q('Garabogaz ' + YAML_PAYLOAD)},"),
        ('label: {en: "Companies with Turkmen capital"',
         f"label: {{en: {q('Companies ' + YAML_PAYLOAD)}"),
        ('    translation: "About 140 companies work in Kazakhstan."',
         '    translation: "About 140 companies work in Kazakhstan."\n'
         f"      - doc: doc-two\n        quote: {q(SOURCE_PAYLOAD)}\n"
         f"        translation: {q('Translation ' + YAML_PAYLOAD)}\n"
         f"        note: {q('Note ' + YAML_PAYLOAD)}"),
        ('claim: "Exceeded half a billion"', f"claim: {q('Claim ' + YAML_PAYLOAD)}"),
        ('description: "One text gives', f"description: {q(YAML_PAYLOAD)}\n    notes: \"One text"),
        ("    place: null\n", f"    place: {q('Place ' + YAML_PAYLOAD)}\n"),
    ]
    for old, new in edits:
        assert y.count(old) == 1, old
        y = y.replace(old, new)
    path.write_text(y, encoding="utf-8")
    return path


def test_payloads_load_as_data(hostile: Path) -> None:
    ds = load(hostile)
    fig = next(f for f in ds.figures if f.id == "fig-companies")
    cite = fig.citations[1]
    assert cite.quote == SOURCE_PAYLOAD
    assert cite.span is not None
    assert ds.texts["doc-two"][cite.span.start : cite.span.end] == SOURCE_PAYLOAD
    assert ds.documents[1].title.en == "Trade " + YAML_PAYLOAD


@pytest.mark.parametrize("size", [(160, 70), (80, 24)])
async def test_every_pane_record_and_passage_reaches_the_terminal_inert(
    hostile: Path, size: tuple[int, int]
) -> None:
    app = make(hostile)
    seen: list[str] = []
    async with app.run_test(size=size) as pilot:
        for key in "12345678":
            await pilot.press(key, "g")
            rows = len(app.explorer.query_one(FactList).rows)
            for _ in range(rows):
                for _ in range(max(1, len(app.explorer.selection.cites))):
                    await pilot.pause()
                    out = terminal_output(app)
                    assert_inert(out)
                    seen.append(visible_text(out))
                    await pilot.press("right_square_bracket")
                await pilot.press("j")
    if size[1] < 70:
        return  # small screens clip some fields; what they show was checked above
    shown = "\n".join(seen)
    assert SHOWN_SOURCE.split(" ")[0] in shown  # ␛]52;c;UFdO␇ from the source text
    assert "␛]52;c;WUFNTA==␇⍰2J␛[31m⍰⍰[b]Y[/b] [/]" in shown  # from YAML strings, literally
    for label in ("Trade ␛]52", "Заметки ␛]52", "Outlet ␛]52", "Bridge ␛]52", "Garabogaz ␛]52",
                  "Companies ␛]52", "Translation ␛]52", "Note ␛]52", "Claim ␛]52", "Place ␛]52"):
        assert label in shown, label


def _sgr_runs(out: str) -> list[tuple[str, str]]:
    """(SGR parameters in force, text) for every run of text the terminal would print."""
    runs: list[tuple[str, str]] = []
    sgr = ""
    for match in re.finditer(r"\x1b\[([0-9;]*)m|\x1b\[\d+;\d+H|([^\x1b]+)", out):
        if match.group(2) is not None:
            runs.append((sgr, match.group(2)))
        elif match.group(0).endswith("m"):
            sgr = match.group(1)
    return runs


@pytest.mark.parametrize("size", [(120, 40), (200, 50)])
async def test_highlight_lands_exactly_on_the_hostile_passage(hostile: Path,
                                                             size: tuple[int, int]) -> None:
    app = make(hostile)
    async with app.run_test(size=size) as pilot:
        await pilot.press("4", "j", "right_square_bracket")  # fig-companies, passage 2
        await pilot.pause()
        cite = app.explorer.selection.citation
        assert cite is not None and cite.quote == SOURCE_PAYLOAD
        source = app.explorer.query_one(SourceText)
        assert source.doc_id == "doc-two" and source.strong == cite.span
        out = terminal_output(app)
        assert_inert(out)
        runs = _sgr_runs(out)
        strong = next(sgr for sgr, text in runs if text.startswith("␛]52;c;UFdO"))
        highlighted = "".join(text for sgr, text in runs if sgr == strong)
        assert highlighted == SHOWN_SOURCE  # every character, wrapped or not, and no more
        # the characters just outside the span are printed, in another style
        before = next(i for i, (_, text) in enumerate(runs) if text.startswith("␛]52;c;UFdO"))
        assert runs[before - 1][1].endswith("Злой абзац: ") and runs[before - 1][0] != strong
        last = max(i for i, (sgr, _) in enumerate(runs) if sgr == strong)
        assert runs[last + 1][1].startswith(" — хвост.") and runs[last + 1][0] != strong


async def test_search_screen_shows_hostile_hits_inert(hostile: Path) -> None:
    app = make(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen.query_one("#search-input", Input).value = "Злой абзац"
        await pilot.pause()
        assert screen.hits
        out = terminal_output(app)
        assert_inert(out)
        assert "␛]52;c;UFdO␇" in visible_text(out)
        screen.query_one("#search-input", Input).value = "Trade"
        await pilot.pause()
        out = terminal_output(app)
        assert_inert(out)
        assert "Trade ␛]52;c;WUFNTA==␇" in visible_text(out)
        screen.query_one("#search-input", Input).value = "Злой абзац"
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        source = app.explorer.query_one(SourceText)
        assert source.doc_id == "doc-two" and source.strong is not None
        text = app.session.corpus.text("doc-two")
        assert text[source.strong.start : source.strong.end] == "Злой"  # the first term
        assert_inert(terminal_output(app))


async def test_help_and_command_palette_over_hostile_data_are_inert(hostile: Path) -> None:
    app = make(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "j")  # doc-two behind the dialogs
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_inert(terminal_output(app))
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"Trade")
        hit = "document: undated · Trade ␛]52;c;WUFNTA==␇⍰2J␛[31m⍰⍰[b]Y[/b] [/]"
        await wait_for(pilot, lambda: hit in visible_text(terminal_output(app)))
        assert_inert(terminal_output(app))


async def test_manual_copy_dialog_shows_the_hostile_passage_inert(hostile: Path) -> None:
    app = make(hostile, clipboard=[["no-such-clipboard-tool-xyz"]])
    async with app.run_test(size=(120, 40)) as pilot:
        told = record_notifications(app)
        await pilot.press("4", "j", "right_square_bracket", "Y")
        await wait_for(pilot, lambda: bool(told))
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: isinstance(app.screen, ManualCopyScreen))
        await pilot.pause()
        area = app.screen.query_one("#manual-copy-text")
        assert area.text == SHOWN_SOURCE  # type: ignore[attr-defined]
        # Copied inert too: pasted into a shell, an ESC could end a bracketed paste.
        assert app.clipboard == inert(SOURCE_PAYLOAD)
        assert "\x1b" not in app.clipboard and "\u202e" not in app.clipboard
        out = terminal_output(app)
        assert_inert(out)
        assert "␛]52;c;UFdO␇ ␛[2J" in visible_text(out)


async def test_reload_problem_toast_is_inert(hostile: Path) -> None:
    app = make(hostile)
    seen = Seen()
    async with app.run_test(size=(120, 40), notifications=True, message_hook=seen) as pilot:
        await pilot.pause()
        y = hostile.read_text(encoding="utf-8")
        hostile.write_text(y.replace("    status: signed", f"    {q('st' + YAML_PAYLOAD)}: x"),
                           encoding="utf-8")
        await wait_for(pilot, lambda: bool(seen.problems))
        await pilot.pause(0.2)
        out = terminal_output(app)
        assert_inert(out)
        assert "unknown field" in visible_text(out)
        assert "agreements[0].st␛]52;c;WUFNTA==␇" in visible_text(out)


async def test_bom_and_crlf_source_highlight_lands_on_the_quote(tmp_path: Path) -> None:
    target = tmp_path / "crlf"
    shutil.copytree(FIXTURES / "ui", target)
    one = target / "texts" / "one.txt"
    one.write_bytes(b"\xef\xbb\xbf" + one.read_bytes().replace(b"\n", b"\r\n"))
    app = make(target / "curated.yaml")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # agr-bridge, passage 1 (line 3 of one.txt)
        cite = app.explorer.selection.citation
        assert cite is not None and cite.span is not None and cite.span.line_start == 3
        out = terminal_output(app)
        assert_inert(out)
        runs = _sgr_runs(out)
        quote = "Стороны договорились о мосте через залив."
        strong = next(sgr for sgr, text in runs if text.startswith(quote))
        assert "".join(text for sgr, text in runs if sgr == strong) == quote
        assert "3 │ " in visible_text(out)  # the BOM did not shift the line numbers


async def test_export_dialog_names_the_hostile_item_inert(hostile: Path) -> None:
    """The dialog's "Current item: …" choice is the record's title: drawn raw, its OSC 52
    set the clipboard and its OSC 0 the terminal's title on every repaint."""
    from kzt_tui.dialogs.export import ExportScreen

    app = make(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "j", "e")  # doc-two, titled with the payload
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        await pilot.pause()
        out = terminal_output(app)
        assert_inert(out)
        assert "Current item: Trade ␛]52;c;WUFNTA==␇" in visible_text(out)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_hostile_text_never_reaches_the_terminal(make_app, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("4", "j")  # fig-companies cites doc-two, which holds the payloads
        await pilot.press("1", "j")  # the document itself, all of its text on screen
        await pilot.pause()
        source = app.screen.query_one(SourceText)
        assert source.doc_id == "doc-two"
        out = terminal_output(app)
        assert "\x1b]" not in out  # no OSC (clipboard write, title…)
        assert "\x07" not in out
        assert "\x1b[2J" not in out
        assert "\u202e" not in out and "\u202c" not in out
        assert "␛]52;c;SGVsbG8=␇" in out  # shown, made visible
        # markup-like brackets in titles and texts are literal
        assert "[red]notes[/red]" in out or "Заметки о торговле" in out


async def test_markup_brackets_display_literally(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")  # timeline: evt-talks quote contains [bold]…[/]
        await pilot.pause()
        out = terminal_output(app)
        assert "[bold]прошли[/]" in out


def _ui_copy_in(folder: Path) -> Path:
    """The UI fixture copied into `folder` (a hostile name); returns its curated.yaml."""
    shutil.copytree(FIXTURES / "ui", folder)
    return folder / "curated.yaml"


async def _edit_until_reloaded(pilot: Any, app: KztApp, data: Path) -> None:
    """Edit the data file and wait for the app's note that it reloaded it."""
    await pilot.pause()
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("Trade plan", "Trade plan (edited)"), encoding="utf-8")
    await wait_for(pilot, lambda: any("Reloaded" in t for t in toasts(app)), seconds=10)


@pytest.mark.parametrize("folder", ["ds[b]x", "ds[@click=app.quit]x", "a[/b]"])
async def test_the_data_file_name_in_the_reload_note_is_text_not_markup(
    tmp_path: Path, folder: str
) -> None:
    data = _ui_copy_in(tmp_path / folder)
    app = make(data)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _edit_until_reloaded(pilot, app, data)
        assert any(f"Reloaded {data}" in t for t in toasts(app))
        assert app.is_running


async def test_a_missing_record_named_with_markup_is_reported_as_text(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        app.explorer.jump_to("[b]no-such[/i]")
        await pilot.pause()
        assert any("No record '[b]no-such[/i]'" in t for t in toasts(app))


#: A folder name that writes the clipboard (OSC 52), rings, clears the screen, reverses text.
HOSTILE_NAME = "ds\x1b]52;c;WUFNTA==\x07\x1b[2J\u202ex\x9b31m"


async def test_a_hostile_data_path_in_the_reload_note_reaches_the_terminal_inert(
    tmp_path: Path
) -> None:
    data = _ui_copy_in(tmp_path / HOSTILE_NAME)
    app = make(data)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _edit_until_reloaded(pilot, app, data)
        await pilot.pause(0.2)
        out = terminal_output(app)
        assert_inert(out)
        assert "ds␛]52;c;WUFNTA==␇" in visible_text(out)


async def test_a_hostile_state_path_in_the_start_warning_reaches_the_terminal_inert(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / HOSTILE_NAME))
    state_file(b"{broken")
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause(0.2)
        assert any("saved state was unreadable" in t for t in toasts(app))
        assert_inert(terminal_output(app))


@pytest.mark.parametrize("values", [
    (-1e-300, -1e300), (5e-324, -1e308), (-5.0, -10.0), (1e308, -1e308), (0.0, -1.0),
])
def test_a_bar_chart_of_extreme_values_draws_within_its_width(values: tuple[float, float]
                                                              ) -> None:
    figure = load(MINI / "curated.yaml").figures[0]
    bars = [Bar(dataclasses.replace(figure, value=v), v, i == 0) for i, v in enumerate(values)]
    for width in (10, 40, 200):
        lines = bar_chart(bars, "en", width)
        for line in lines[1:-2:2]:  # the bars, not the labels nor the axis
            assert line.plain.count("█") <= width
