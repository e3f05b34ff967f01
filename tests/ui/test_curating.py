"""Curating in the app (issue #17): select a passage in the source, make a grounded record
of it through a prefilled form, cite it in a record, undo, dismiss, mark. On a copy of a
small dataset in tmp_path (tests/helpers.make_split), never the shipped data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.widgets import Static

from kzt_tui.core.loading import check_dataset, load
from kzt_tui.dialogs.record_form import RecordForm

from ..helpers import make_split
from .helpers import (
    curate_app,
    explorer_of,
    files_of,
    form_values,
    notifications,
    palette_entries,
    record_form,
    run_command,
    select_sentences,
    source_header,
    terminal_output,
    type_fields,
    visible_text,
)

TARGET = Path("parts") / "kzt-tui.yaml"
SECOND = "Вторая строка: товарооборот $555,7 млн."
THIRD = "Третья строка: товарооборот $555,7 млн."


FIGURE = {"label.en": "Trade", "label.ru": "Товарооборот", "measure": "trade_turnover",
          "group": "kz-tm-trade", "scope": "Kazakhstan–Turkmenistan", "countries": "KZ, TM",
          "status": "actual", "citation.translation": "Second line: turnover $555.7m."}


async def test_a_sentence_becomes_a_figure_cited_then_undone(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    before = files_of(top.parent)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 2)
        assert f"selected {len(SECOND)} characters" in source_header(app)
        await run_command(pilot, app, "New figure from selection")
        shown = form_values(app)
        assert (shown["value"], shown["scale"], shown["unit"], shown["qualifier"]) == (
            "555.7", "million", "USD", "exact")
        assert shown["id"].startswith("fig-vtoraya-stroka")
        assert f"«{SECOND}»" in str(record_form(app).query_one("#form-quote", Static).render())
        await type_fields(pilot, app, FIGURE)
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        explorer = explorer_of(app)
        assert app.screen is explorer
        assert explorer.pane.name == "figures"
        record = explorer.selection.record
        assert record is not None and record.id == shown["id"]
        assert explorer.fact_list.current_key == record.id
        assert any("parts/kzt-tui.yaml" in n and record.id in n for n in notifications(app))
        written = (top.parent / TARGET).read_text(encoding="utf-8")
        assert f'quote: "{SECOND}"' in written
        assert {p: b for p, b in files_of(top.parent).items() if p in before} == before
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
        await run_command(pilot, app, "Add citation to…")
        await pilot.press(*record.id)
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert form_values(app)["citation.occurrence"] == ""  # the quote is unique
        await type_fields(pilot, app, {"citation.translation": "Third line."})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        cited = load(top).figures[0]
        assert [c.quote for c in cited.citations] == [SECOND, THIRD]

        await pilot.press("ctrl+z")  # undo: the citation goes
        await pilot.pause(0.3)
        assert [c.quote for c in load(top).figures[0].citations] == [SECOND]
        assert any(n.startswith(f"Undone: cite {record.id}") for n in notifications(app))
        assert [c.quote for c in explorer_of(app).corpus.get(record.id).citations] == [SECOND]


async def test_a_form_error_stays_in_the_form_in_place(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    before = files_of(top.parent)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 2)
        await run_command(pilot, app, "New person from selection")
        await pilot.press("ctrl+s")  # the required fields are empty
        await pilot.pause()
        error = record_form(app).query_one("#form-error", Static)
        assert str(error.render()).startswith("name.en: required")
        assert app.focused is record_form(app)._input("name.en")
        await type_fields(pilot, app, {"id": "per-one", "name.en": "A", "name.ru": "А",
                                 "role": "r", "citation.translation": "t"})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert isinstance(app.screen, RecordForm)  # still open
        assert "per-one already exists" in str(error.render())
        assert app.focused is record_form(app)._input("id")
        await pilot.press("escape")  # cancel: nothing written
        await pilot.pause()
        assert files_of(top.parent) == before


async def _cite_in(pilot: Any, app: Any, record_id: str) -> None:
    await run_command(pilot, app, "Add citation to…")
    await pilot.press(*record_id)
    await pilot.pause(0.5)
    await pilot.press("enter")
    await pilot.pause(0.3)


async def test_a_citation_of_a_hand_written_record_goes_to_kzt_tui_s_part(
        tmp_path: Path) -> None:
    """per-one is in curated.yaml, written by hand (as every record of a copy-data copy):
    the citation is written to kzt-tui's part; citing the same passage again is refused
    before a form asks for its translation."""
    top = make_split(tmp_path)
    before = files_of(top.parent)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 2)
        await _cite_in(pilot, app, "per-one")
        await type_fields(pilot, app, {"citation.translation": "t"})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        explorer = explorer_of(app)
        assert app.screen is explorer
        assert "Cited in per-one → parts/kzt-tui.yaml" in notifications(app)
        (person,) = [p for p in load(top).people if p.id == "per-one"]
        assert [c.quote for c in person.citations] == ["Первая строка", SECOND]
        assert [c.quote for c in explorer.corpus.get("per-one").citations] == [
            "Первая строка", SECOND]
        assert {p: b for p, b in files_of(top.parent).items() if p in before} == before

        await select_sentences(pilot, app, 2)
        await _cite_in(pilot, app, "per-one")
        assert app.screen is explorer  # no form: nothing to type for nothing
        assert "per-one already cites that passage of doc-a (line 2)" in notifications(app)


async def test_a_refused_save_closes_the_form_and_the_next_keys_reach_the_explorer(
        tmp_path: Path) -> None:
    """A refusal no field can mend (here the undo journal turned unreadable while the
    form was open) closes the form with the reason in a toast: the keys typed next (V)
    select the next sentence, as in the explorer, instead of filling a field."""
    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 2)
        explorer = explorer_of(app)
        selected = explorer.source.text_view.selected
        await _cite_in(pilot, app, "per-two")
        assert isinstance(app.screen, RecordForm)
        (top.parent / ".kzt-tui-journal.json").mkdir()  # a folder: refused, not ignored
        await type_fields(pilot, app, {"citation.translation": "t"})
        before = files_of(top.parent)
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert app.screen is explorer
        assert any("is a folder, not a regular file" in n for n in notifications(app))
        assert files_of(top.parent) == before
        assert explorer.source.text_view.selected == selected  # kept, to try again
        await pilot.press("V")
        await pilot.pause()
        third = explorer.source.text_view.selected
        assert third is not None and third != selected
        text = explorer.corpus.text("doc-a")
        assert text[third[0]:third[1]] == THIRD


async def test_keys_select_extend_and_shrink_and_esc_clears_without_changing_pane(
        tmp_path: Path) -> None:
    app = curate_app(make_split(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        explorer = explorer_of(app)
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
        assert "selected 30 characters" in source_header(app)
        await pilot.press("escape")
        await pilot.pause()
        assert selected() == ""
        assert "selected" not in source_header(app)
        assert explorer.pane.name == "documents"
        await pilot.press("escape")  # nothing left to clear: still no other pane
        assert explorer.pane.name == "documents"


async def test_each_curating_action_is_in_the_palette_by_its_plain_name(
        tmp_path: Path) -> None:
    app = curate_app(make_split(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 1)
        for name in ("Select sentence", "Start selection", "Extend selection by word",
                     "Shrink selection by word", "Extend selection by sentence",
                     "Shrink selection by sentence", "New record from selection…",
                     "New figure from selection", "New agreement from selection",
                     "New statement from selection", "Add citation to…",
                     "Dismiss sentence", "Undo last write", "Mark", "Add note", "Tag",
                     "Add source…"):
            assert name in await palette_entries(pilot, app, name.lower()), name
            await pilot.press("escape")
            await pilot.pause()
        assert "New discrepancy from selection" not in await palette_entries(
            pilot, app, "new discrepancy from selection")  # it needs two sides


async def test_dismiss_a_sentence_with_a_reason(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 3)
        await pilot.press("D")
        await pilot.pause(0.3)
        await type_fields(pilot, app, {"citation.reason": "repetition",
                                 "citation.note": "as the second line"})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert [(d.citation.quote, d.citation.occurrence, d.reason)
                for d in load(top).dismissals] == [(THIRD, None, "repetition")]
        assert any(n.startswith("Dismissed → parts/kzt-tui.yaml") for n in notifications(app))


async def test_the_dismiss_form_names_its_fields_in_plain_words(tmp_path: Path) -> None:
    app = curate_app(make_split(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 3)
        await pilot.press("D")
        await pilot.pause(0.3)
        assert list(form_values(app)) == ["which occurrence", "why not a fact", "note"]
        assert "citation." not in visible_text(terminal_output(app))
        await pilot.press("ctrl+s")  # no reason: the error names it as the label does
        await pilot.pause(0.3)
        error = str(record_form(app).query_one("#form-error", Static).render())
        assert error == "why not a fact: required: fill it in"
        await pilot.press("escape", "L", "D")  # and in Russian
        await pilot.pause(0.3)
        assert list(form_values(app)) == ["какое вхождение", "почему не факт", "заметка"]


async def test_mark_shows_a_star_and_note_and_tag_go_to_marks_yaml(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")  # People
        await pilot.pause()
        explorer = explorer_of(app)
        first = explorer.fact_list.rows[0]
        assert not first.cells[0].startswith("★")
        await pilot.press("m")
        await pilot.pause()
        assert explorer.fact_list.rows[0].cells[0].startswith("★ ")
        await pilot.press("M")
        await pilot.pause()
        await type_fields(pilot, app, {"note": "Check the role."})
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        await type_fields(pilot, app, {"tag": "check"})
        await pilot.press("enter", "enter")  # enter: to Save, enter on Save
        await pilot.pause()
        marks = (top.parent / "marks.yaml").read_text(encoding="utf-8").splitlines()
        assert marks[1] == (f'{first.key}: {{marked: true, tags: ["check"], '
                            'note: "Check the role."}')
        await pilot.press("m")  # again: unmarked, the note and tag stay
        await pilot.pause()
        assert not explorer.fact_list.rows[0].cells[0].startswith("★")


async def test_fields_typed_in_one_burst_each_get_their_own_text(tmp_path: Path) -> None:
    """tab, enter and shift+tab move to the next field as the box reads them: the letters
    after them in the same burst (typed fast, pasted) go to that field."""
    app = curate_app(make_split(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await select_sentences(pilot, app, 2)
        await run_command(pilot, app, "New figure from selection")
        keys = ["tab", *"ab", "tab", *"cd", "enter", *"ef", "shift+tab", "X"]
        for key in keys:  # as a terminal delivers a burst: all read before any is handled
            event = events.Key(key, {"tab": "\t", "enter": "\r"}.get(
                key, key if len(key) == 1 else None))
            event.set_sender(app)
            app._driver.send_message(event)  # type: ignore[union-attr]
        for _ in range(5):
            await pilot.pause()
        shown = form_values(app)
        # shift+tab back to a filled box puts the cursor at its end: "X" adds to "cd"
        assert (shown["label.en"], shown["label.ru"], shown["measure"]) == ("ab", "cdX", "ef")


async def test_marks_and_tags_are_read_by_the_filter_and_a_facet(tmp_path: Path) -> None:
    """`m` and `T`, then `marked:yes`, `tag:check` in the filter box and "Facet by tags"
    from the palette: the list and the facet follow marks.yaml as it is now."""
    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")  # People
        await pilot.pause()
        explorer = explorer_of(app)
        people = [explorer.fact_list.rows.key(i) for i in range(len(explorer.fact_list.rows))]
        assert len(people) == 3
        await pilot.press("m", "down", "T")
        await pilot.pause()
        await type_fields(pilot, app, {"tag": "check"})
        await pilot.press("ctrl+s")
        await pilot.pause()

        async def shown(query: str) -> list[str]:
            await pilot.press("slash", *query, "enter")
            await pilot.pause()
            rows = explorer.fact_list.rows
            got = [rows.key(i) for i in range(len(rows))]
            await pilot.press("slash", "escape")
            await pilot.pause()
            return got

        assert await shown("marked:yes") == [people[0]]
        assert await shown("tag:check") == [people[1]]
        assert await shown("marked:no") == people[1:]
        await run_command(pilot, app, "Facet by tags")
        screen = visible_text(terminal_output(app))
        assert "Facet by tags: 2 values in 3 records" in screen
        inside = [line.split("│")[-2].split() for line in screen.splitlines()
                  if line.count("│") >= 2]  # the dialog's rows, inside its border
        assert [row for row in inside if row[:1] in (["(none)"], ["check"])] == [
            ["(none)", "2", "67%"], ["check", "1", "33%"]]
        await pilot.press("down", "enter")
        await pilot.pause()
        rows = explorer.fact_list.rows
        assert [rows.key(i) for i in range(len(rows))] == [people[1]]
        await pilot.press("m")  # the tagged one marked too: the filter reads it at once
        await pilot.pause()
        assert await shown("marked:yes tag:check") == [people[1]]


async def test_ctrl_z_ignores_a_journal_shipped_with_the_dataset(tmp_path: Path) -> None:
    """A journal the user's kzt-tui did not seal (here one naming the curated file as a
    file its last write created) undoes nothing: ctrl+z says it was ignored."""
    import hashlib
    import json

    top = make_split(tmp_path)
    own = top.parent / "parts" / "kzt-tui.yaml"
    own.write_text("# kzt-tui: written by kzt-tui; it appends here. Edit freely; keep this "
                   "first line.\npeople: []\n", encoding="utf-8")
    entry = {"file": "parts/kzt-tui.yaml", "before": None,
             "after": hashlib.sha256(own.read_bytes()).hexdigest(), "what": "x", "when": 0,
             "created": [["curated.yaml", hashlib.sha256(top.read_bytes()).hexdigest()]]}
    (top.parent / ".kzt-tui-journal.json").write_text(json.dumps({"entries": [entry]}),
                                                      encoding="utf-8")
    before = files_of(top.parent)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+z")
        await pilot.pause(0.3)
        assert any("was not written by kzt-tui for you in this folder" in n
                   for n in notifications(app)), notifications(app)
    assert files_of(top.parent) == before
