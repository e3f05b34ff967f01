"""Curating in the app (issue #17): select a passage in the source, make a grounded record
of it through a prefilled form, cite it in a record, undo, dismiss, mark, add a source. On a
copy of a small dataset in tmp_path (tests/helpers.make_split), never the shipped data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static

from kzt_tui.app import KztApp, create_app
from kzt_tui.core.curate.store import HEADER
from kzt_tui.core.loading import check_dataset, load
from kzt_tui.dialogs.manual_copy import ManualCopyScreen
from kzt_tui.dialogs.record_form import RecordForm
from kzt_tui.screens.explorer import ExplorerScreen

from ..helpers import make_split

TARGET = Path("parts") / "kzt-tui.yaml"
SECOND = "Вторая строка: товарооборот $555,7 млн."
THIRD = "Третья строка: товарооборот $555,7 млн."


def _app(top: Path) -> KztApp:
    return create_app(load(top), data_path=top, clipboard_commands=[], remember=False)


def _files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _explorer(app: KztApp) -> ExplorerScreen:
    screen = app.get_screen("explorer")
    assert isinstance(screen, ExplorerScreen)
    return screen


def _header(app: KztApp) -> str:
    return str(_explorer(app).query_one("#source-header", Static).render())


def _notes(app: KztApp) -> list[str]:
    return [n.message for n in app._notifications]


async def _palette(pilot: Pilot[Any], app: KztApp, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause(0.5)
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    return [str(o.prompt).split("\n")[0] for o in palette.query_one("CommandList").options]


async def _run(pilot: Pilot[Any], app: KztApp, name: str) -> None:
    """Run the palette entry called `name` (the first hit must be it)."""
    names = await _palette(pilot, app, name.lower())
    assert names and names[0] == name, names
    await pilot.press("enter")
    await pilot.pause(0.3)


def _form(app: KztApp) -> RecordForm[Any]:
    form = app.screen
    assert isinstance(form, RecordForm), type(form)
    return form


async def _type(pilot: Pilot[Any], app: KztApp, values: dict[str, str]) -> None:
    """Type each value into its field, as the user does: focus it, clear it, type."""
    form = _form(app)
    for path, text in values.items():
        box = form._input(path)
        assert box is not None, path
        box.focus()
        await pilot.pause()
        box.value = ""
        await pilot.press(*text)
    await pilot.pause()


def _form_text(app: KztApp) -> dict[str, str]:
    """What the form shows: each field's label and its value."""
    form = _form(app)
    labels = [str(s.render()).rstrip(" *") for s in form.query(".form-label")]
    return dict(zip(labels, (i.value for i in form.query(Input)), strict=True))


async def _select(pilot: Pilot[Any], app: KztApp, sentences: int) -> None:
    """Documents pane, doc-a, then "Select sentence" `sentences` times (the next each time)."""
    await pilot.press("1")
    await pilot.pause()
    await pilot.press(*["V"] * sentences)
    await pilot.pause()


FIGURE = {"label.en": "Trade", "label.ru": "Товарооборот", "measure": "trade_turnover",
          "group": "kz-tm-trade", "scope": "Kazakhstan–Turkmenistan", "countries": "KZ, TM",
          "status": "actual", "citation.translation": "Second line: turnover $555.7m."}


async def test_a_sentence_becomes_a_figure_cited_then_undone(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    before = _files(top.parent)
    app = _app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await _select(pilot, app, 2)
        assert f"selected {len(SECOND)} characters" in _header(app)
        await _run(pilot, app, "New figure from selection")
        shown = _form_text(app)
        assert (shown["value"], shown["scale"], shown["unit"], shown["qualifier"]) == (
            "555.7", "million", "USD", "exact")
        assert shown["id"].startswith("fig-vtoraya-stroka")
        assert f"«{SECOND}»" in str(_form(app).query_one("#form-quote", Static).render())
        await _type(pilot, app, FIGURE)
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        explorer = _explorer(app)
        assert app.screen is explorer
        assert explorer.pane.name == "figures"
        record = explorer.selection.record
        assert record is not None and record.id == shown["id"]
        assert explorer.fact_list.current_key == record.id
        assert any("parts/kzt-tui.yaml" in n and record.id in n for n in _notes(app))
        written = (top.parent / TARGET).read_text(encoding="utf-8")
        assert f'quote: "{SECOND}"' in written
        assert {p: b for p, b in _files(top.parent).items() if p in before} == before
        check_dataset(top)  # green: raises DataError otherwise
        assert explorer.source.text_view.selected is None  # the selection was used

        # the third line, as a second citation of the new figure
        await pilot.press("o")  # its document, at the passage
        await pilot.pause()
        await pilot.press("V")  # the sentence there; again: the next
        await pilot.pause()
        assert explorer.source.text_view.selected is not None
        await pilot.press("V")
        await pilot.pause()
        await _run(pilot, app, "Add citation to…")
        await pilot.press(*record.id)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert _form_text(app)["citation.occurrence"] == ""  # the quote is unique
        await _type(pilot, app, {"citation.translation": "Third line."})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        cited = load(top).figures[0]
        assert [c.quote for c in cited.citations] == [SECOND, THIRD]

        await pilot.press("ctrl+z")  # undo: the citation goes
        await pilot.pause(0.3)
        assert [c.quote for c in load(top).figures[0].citations] == [SECOND]
        assert any(n.startswith(f"Undone: cite {record.id}") for n in _notes(app))
        assert [c.quote for c in _explorer(app).corpus.get(record.id).citations] == [SECOND]


async def test_a_form_error_stays_in_the_form_in_place(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    before = _files(top.parent)
    app = _app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await _select(pilot, app, 2)
        await _run(pilot, app, "New person from selection")
        await pilot.press("ctrl+s")  # the required fields are empty
        await pilot.pause()
        error = _form(app).query_one("#form-error", Static)
        assert str(error.render()).startswith("name.en: required")
        assert app.focused is _form(app)._input("name.en")
        await _type(pilot, app, {"id": "per-one", "name.en": "A", "name.ru": "А",
                                 "role": "r", "citation.translation": "t"})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert isinstance(app.screen, RecordForm)  # still open
        assert "per-one already exists" in str(error.render())
        assert app.focused is _form(app)._input("id")
        await pilot.press("escape")  # cancel: nothing written
        await pilot.pause()
        assert _files(top.parent) == before


async def test_a_citation_of_a_hand_written_record_is_refused_with_its_yaml(
        tmp_path: Path) -> None:
    top = make_split(tmp_path)
    before = _files(top.parent)
    app = _app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await _select(pilot, app, 2)
        await _run(pilot, app, "Add citation to…")
        await pilot.press(*"per-one")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await _type(pilot, app, {"citation.translation": "t"})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert f'quote: "{SECOND}"' in app.clipboard  # the YAML to paste by hand
        if isinstance(app.screen, ManualCopyScreen):  # no clipboard tool: shown to copy
            await pilot.press("escape")
            await pilot.pause()
        error = str(_form(app).query_one("#form-error", Static).render())
        assert "per-one is in a file written by hand" in error and "YAML is copied" in error
        assert _files(top.parent) == before


async def test_keys_select_extend_and_shrink_and_esc_clears_without_changing_pane(
        tmp_path: Path) -> None:
    app = _app(make_split(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        explorer = _explorer(app)
        text = explorer.corpus.text("doc-a")

        def selected() -> str:
            span = explorer.source.text_view.selected
            return text[span[0]:span[1]] if span else ""

        await pilot.press("v")
        await pilot.pause()
        assert selected() == "Первая"
        await pilot.press("full_stop", "full_stop")
        assert selected() == "Первая строка [bold]текста[/]"
        await pilot.press("comma")
        assert selected() == "Первая строка"
        await pilot.press("right_parenthesis")
        assert selected() == "Первая строка [bold]текста[/]."
        await pilot.press("right_parenthesis")
        assert selected() == "Первая строка [bold]текста[/].\n" + SECOND
        await pilot.press("left_parenthesis")
        await pilot.pause()
        assert selected() == "Первая строка [bold]текста[/]."
        assert "selected 30 characters" in _header(app)
        await pilot.press("escape")
        await pilot.pause()
        assert selected() == ""
        assert "selected" not in _header(app)
        assert explorer.pane.name == "documents"
        await pilot.press("escape")  # nothing left to clear: still no other pane
        assert explorer.pane.name == "documents"


async def test_each_curating_action_is_in_the_palette_by_its_plain_name(
        tmp_path: Path) -> None:
    app = _app(make_split(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await _select(pilot, app, 1)
        for name in ("Select sentence", "Start selection", "Extend selection by word",
                     "Shrink selection by word", "Extend selection by sentence",
                     "Shrink selection by sentence", "New record from selection…",
                     "New figure from selection", "New agreement from selection",
                     "New statement from selection", "Add citation to…",
                     "Dismiss sentence", "Undo last write", "Mark", "Add note", "Tag",
                     "Add source…"):
            assert name in await _palette(pilot, app, name.lower()), name
            await pilot.press("escape")
            await pilot.pause()
        assert "New discrepancy from selection" not in await _palette(
            pilot, app, "new discrepancy from selection")  # it needs two sides


async def test_dismiss_a_sentence_with_a_reason(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    app = _app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await _select(pilot, app, 3)
        await pilot.press("D")
        await pilot.pause(0.3)
        await _type(pilot, app, {"citation.reason": "repetition",
                                 "citation.note": "as the second line"})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert [(d.citation.quote, d.citation.occurrence, d.reason)
                for d in load(top).dismissals] == [(THIRD, None, "repetition")]
        assert any(n.startswith("Dismissed → parts/kzt-tui.yaml") for n in _notes(app))


async def test_mark_shows_a_star_and_note_and_tag_go_to_marks_yaml(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    app = _app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")  # People
        await pilot.pause()
        explorer = _explorer(app)
        first = explorer.fact_list.rows[0]
        assert not first.cells[0].startswith("★")
        await pilot.press("m")
        await pilot.pause()
        assert explorer.fact_list.rows[0].cells[0].startswith("★ ")
        await pilot.press("M")
        await pilot.pause()
        await _type(pilot, app, {"note": "Check the role."})
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        await _type(pilot, app, {"tag": "check"})
        await pilot.press("enter", "enter")  # enter: to Save, enter on Save
        await pilot.pause()
        marks = (top.parent / "marks.yaml").read_text(encoding="utf-8").splitlines()
        assert marks[1] == (f'{first.key}: {{marked: true, tags: ["check"], '
                            'note: "Check the role."}')
        await pilot.press("m")  # again: unmarked, the note and tag stay
        await pilot.pause()
        assert not explorer.fact_list.rows[0].cells[0].startswith("★")


ARTICLE = (" date 2025-12-01 \n"
           "Казахстан и Туркменистан договорились о мосте через залив.\n"
           "Товарооборот в 2025 году превысил $600 млн.\n"
           "Президент Токаев посетил Ашхабад 24-25 ноября 2025 года.\n")


async def test_a_new_article_becomes_a_document_with_three_grounded_records(
        tmp_path: Path) -> None:
    """Issue #17's "done when": a text file of a new article, added from the app, becomes a
    document with three grounded records, with the keyboard alone; check is green and the
    file written reads as one written by hand."""
    top = make_split(tmp_path)
    before = _files(top.parent)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    app = _app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await _run(pilot, app, "Add source…")
        await pilot.press(*str(article), "ctrl+s")
        await pilot.pause(0.3)
        shown = _form_text(app)
        assert (shown["id"], shown["date"]) == ("doc-article", "2025-12-01")  # its date line
        assert shown["outlet.name"] == ""  # not in the text: asked, never guessed
        await _type(pilot, app, {
            "title.en": "Bridge and trade", "title.ru": "Мост и торговля",
            "outlet.name": "Test Wire", "outlet.evidence": "the file's name",
            "kind": "news_report", "reliability": "A test article."})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        explorer = _explorer(app)
        assert explorer.pane.name == "documents"
        assert explorer.fact_list.current_key == "doc-article"

        await pilot.press("V", "V")  # the date line, then the bridge sentence
        await _run(pilot, app, "New agreement from selection")
        await _type(pilot, app, {
            "id": "agr-bridge", "title.en": "Bridge across the bay",
            "title.ru": "Мост через залив", "kind": "agreement", "level": "interstate",
            "parties": "Kazakhstan, Turkmenistan", "countries": "KZ, TM",
            "status": "agreed", "topics": "transport",
            "citation.translation": "Kazakhstan and Turkmenistan agreed on a bridge "
                                    "across the bay."})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert explorer.pane.name == "agreements"

        await pilot.press("o", "V", "V")  # back in the text, the sentence after the passage
        await _run(pilot, app, "New figure from selection")
        assert _form_text(app)["value"] == "600"
        await _type(pilot, app, {
            "id": "fig-trade-2025", "label.en": "Trade in 2025", "label.ru": "Товарооборот",
            "measure": "trade_turnover", "group": "kz-tm-trade",
            "scope": "Kazakhstan and Turkmenistan", "countries": "KZ, TM", "status": "actual",
            "period.label": "2025",
            "citation.translation": "Trade in 2025 exceeded $600m."})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)

        await pilot.press("o", "V", "V")
        await _run(pilot, app, "New event from selection")
        assert (_form_text(app)["date"], _form_text(app)["date_end"]) == (
            "2025-11-24", "2025-11-25")
        await _type(pilot, app, {
            "id": "evt-visit", "title.en": "Tokayev in Ashgabat", "title.ru": "Визит Токаева",
            "kind": "visit", "place": "Ashgabat",
            "citation.translation": "President Tokayev visited Ashgabat on 24-25 "
                                    "November 2025."})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert explorer.pane.name == "timeline"
        assert explorer.selection.record is not None
        assert explorer.selection.record.id == "evt-visit"

    check_dataset(top)
    assert {p: b for p, b in _files(top.parent).items() if p in before} == before
    assert (top.parent / "texts" / "article.txt").read_bytes() == article.read_bytes()
    assert (top.parent / TARGET).read_text(encoding="utf-8") == HEADER + "\n" + WRITTEN


WRITTEN = """
documents:
  - id: doc-article
    file: "texts/article.txt"
    date: "2025-12-01"
    date_note: "From the text's leading date line (\\"date 2025-12-01\\")."
    title: {en: "Bridge and trade", ru: "Мост и торговля"}
    outlet: {name: "Test Wire", evidence: "the file's name"}
    kind: news_report
    reliability: "A test article."

agreements:
  - id: agr-bridge
    title: {en: "Bridge across the bay", ru: "Мост через залив"}
    kind: agreement
    level: interstate
    parties: ["Kazakhstan", "Turkmenistan"]
    countries: [KZ, TM]
    date: null
    status: agreed
    topics: [transport]
    citations:
      - doc: doc-article
        quote: "Казахстан и Туркменистан договорились о мосте через залив."
        translation: "Kazakhstan and Turkmenistan agreed on a bridge across the bay."

figures:
  - id: fig-trade-2025
    label: {en: "Trade in 2025", ru: "Товарооборот"}
    measure: trade_turnover
    group: kz-tm-trade
    scope: "Kazakhstan and Turkmenistan"
    countries: [KZ, TM]
    value: 600
    scale: million
    unit: USD
    qualifier: more_than
    status: actual
    period: {label: "2025", start: "2025", end: "2025"}
    citations:
      - doc: doc-article
        quote: "Товарооборот в 2025 году превысил $600 млн."
        translation: "Trade in 2025 exceeded $600m."

events:
  - id: evt-visit
    title: {en: "Tokayev in Ashgabat", ru: "Визит Токаева"}
    kind: visit
    date: "2025-11-24"
    date_end: "2025-11-25"
    place: "Ashgabat"
    citations:
      - doc: doc-article
        quote: "Президент Токаев посетил Ашхабад 24-25 ноября 2025 года."
        translation: "President Tokayev visited Ashgabat on 24-25 November 2025."
"""


async def test_fields_typed_in_one_burst_each_get_their_own_text(tmp_path: Path) -> None:
    """tab, enter and shift+tab move to the next field as the box reads them: the letters
    after them in the same burst (typed fast, pasted) go to that field."""
    app = _app(make_split(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _select(pilot, app, 2)
        await _run(pilot, app, "New figure from selection")
        keys = ["tab", *"ab", "tab", *"cd", "enter", *"ef", "shift+tab", "X"]
        for key in keys:  # as a terminal delivers a burst: all read before any is handled
            event = events.Key(key, {"tab": "\t", "enter": "\r"}.get(
                key, key if len(key) == 1 else None))
            event.set_sender(app)
            app._driver.send_message(event)  # type: ignore[union-attr]
        for _ in range(5):
            await pilot.pause()
        shown = _form_text(app)
        assert (shown["label.en"], shown["label.ru"], shown["measure"]) == ("ab", "X", "ef")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_of_the_figure_form(snap_compare, tmp_path: Path, size) -> None:
    async def form(pilot: Pilot[Any]) -> None:
        await _select(pilot, pilot.app, 2)  # type: ignore[arg-type]
        await pilot.app.screen.run_action("new_record('figures')")
        await pilot.pause(0.3)

    assert snap_compare(_app(make_split(tmp_path)), terminal_size=size, run_before=form)


def test_snapshot_of_a_selection_in_the_source(snap_compare, tmp_path: Path) -> None:
    async def selected(pilot: Pilot[Any]) -> None:
        await pilot.press("1", "tab", "tab", "v", "full_stop", "full_stop")
        await pilot.pause()

    assert snap_compare(_app(make_split(tmp_path)), terminal_size=(120, 40),
                        run_before=selected)
