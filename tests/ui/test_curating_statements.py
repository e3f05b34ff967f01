"""A newcomer's statements from the app (branch fresh): a statement in the text's own voice
can be made from the form, and a problem the load finds puts the focus on its field. On a
copy of a small dataset in tmp_path (tests/helpers.make_split)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from kzt_tui.core.loading import check_dataset, load
from kzt_tui.dialogs.record_form import RecordForm

from ..helpers import make_split
from .helpers import (
    curate_app,
    explorer_of,
    form_values,
    record_form,
    run_command,
    select_sentences,
    type_fields,
)

STATEMENT = {"summary.en": "Turnover", "kind": "description", "topics": "trade",
             "citation.translation": "Second line: turnover $555.7m."}


async def test_a_statement_in_the_texts_own_voice_is_made_from_the_form(
        tmp_path: Path) -> None:
    """Most statements are the text's own voice (no speaker): the form offers `voice`, and
    without it such a statement could not be written at all."""
    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 2)
        await run_command(pilot, app, "New statement from selection")
        assert "voice" in form_values(app)
        await type_fields(pilot, app, {**STATEMENT, "speaker": "", "voice": "author"})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert app.screen is explorer_of(app)  # written, the form closed
        statement = load(top).statements[0]
        assert (statement.speaker, statement.voice) == (None, "author")
        check_dataset(top)


async def test_a_problem_the_load_finds_puts_the_focus_on_its_field(tmp_path: Path) -> None:
    """An unknown speaker is found only when the dataset is loaded with the record: the
    error names `statements[0].speaker`, and the focus goes to that field, so what the user
    types next mends it (before, it went on into the field last typed in)."""
    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 2)
        await run_command(pilot, app, "New statement from selection")
        # the speaker first: the field typed in last is another one
        await type_fields(pilot, app, {"speaker": "per-nobody", **STATEMENT})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        form = record_form(app)
        error = str(form.query_one("#form-error", Static).render())
        assert "statements[0].speaker" in error and "per-nobody" in error
        await pilot.press("ctrl+u", *"per-one")  # clear the focused field, type anew
        await pilot.pause()
        shown = form_values(app)
        assert shown["speaker"] == "per-one"
        assert shown["citation.translation"] == STATEMENT["citation.translation"]
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, RecordForm)
        assert load(top).statements[0].speaker == "per-one"


async def test_at_80_columns_the_footer_offers_what_to_do_with_a_selection(
        tmp_path: Path) -> None:
    """New record, cite and dismiss were at the end of the source's footer, cut off at 80
    columns: a newcomer who selected a sentence saw no way on. While a passage is selected
    they come first; without one they are not shown (the palette still lists them)."""
    from kzt_tui.widgets.key_bar import KeyBar

    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(80, 24)) as pilot:
        await select_sentences(pilot, app, 1)
        footer = explorer_of(app).query_one(KeyBar)
        shown = str(footer.render())
        assert shown.startswith(" a New record  A Cite in…  D Dismiss"), shown
        await pilot.press("escape")  # the selection goes
        await pilot.pause()
        shown = str(footer.render())
        assert "New record" not in shown and "Dismiss" not in shown
        assert "y Copy" in shown


async def test_enter_in_the_last_field_saves_as_the_add_source_path_needs(
        tmp_path: Path) -> None:
    """Add source asks for one thing, the file: enter after the path went on to the Save
    button and seemed to do nothing. Enter in a form's last field saves."""
    top = make_split(tmp_path)
    article = tmp_path / "article.txt"
    article.write_text("Ашхабад, 3 декабря 2025 года. Текст.\n", encoding="utf-8")
    app = curate_app(top)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_command(pilot, app, "Add source…")
        await pilot.press(*str(article), "enter")
        await pilot.pause(0.3)
        title = str(record_form(app).query_one("#form-title", Static).render())
        assert title == "Add source: article.txt"  # the document's form, next
        assert form_values(app)["id"] == "doc-article"


async def test_at_80_columns_the_form_lists_every_value_of_the_focused_field(
        tmp_path: Path) -> None:
    """A field's choices were only its placeholder, cut at the box's width: at 80 columns a
    statement's kinds stopped at "commitment |". Under the fields, the focused one's values
    are listed whole."""
    from kzt_tui.core import schema as S

    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(80, 24)) as pilot:
        await select_sentences(pilot, app, 2)
        await run_command(pilot, app, "New statement from selection")
        form = record_form(app)
        hint = form.query_one("#form-hint", Static)
        box = form._input("kind")
        assert box is not None
        box.focus()
        await pilot.pause()
        assert str(hint.render()) == "one of: " + ", ".join(S.STATEMENT_KINDS)
        assert hint.region.height >= 1  # on screen
        box = form._input("summary.en")
        assert box is not None
        box.focus()  # free text: no list
        await pilot.pause()
        assert not hint.display


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_a_long_list_of_values_is_read_whole_and_the_form_still_fits(
        tmp_path: Path, size: tuple[int, int]) -> None:
    """A statement's topics (38 values) took five rows at 80 columns and the line under the
    fields showed two, cut at "science, …": every value is on screen now, with the focused
    field, the other fields around it and Save."""
    import re

    from kzt_tui.core import schema as S

    from .helpers import terminal_output, visible_text

    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=size) as pilot:
        await select_sentences(pilot, app, 2)
        await run_command(pilot, app, "New statement from selection")
        form = record_form(app)
        box = form._input("topics")
        assert box is not None
        box.focus()
        await pilot.pause(0.2)
        screen = visible_text(terminal_output(app))
        shown = set(re.findall(r"[a-z_]+", screen.split("one of:", 1)[1]))
        assert set(S.TOPICS) <= shown, set(S.TOPICS) - shown
        assert "Save" in screen and "Cancel" in screen
        assert box.region.height == 1 and form.query_one("#form-save").region.height == 1
        labels = [str(s.render()).rstrip(" *") for s in form.query(".form-label")
                  if s.region.height]
        assert "topics" in labels and len(labels) >= 3
