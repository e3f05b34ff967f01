"""The new-record form as it opens: what the passage says is filled in (the countries it
names), the fields the section requires say so, a passage a record already cites is named
with a way to cite in that record instead, and the first line keeps the document id."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Static

from ..helpers import MINI
from .helpers import curate_app, form_values, record_form, run_command, type_fields

FOURTH = "Четвёртая строка: Туркменистан поставил в Казахстан товаров на $12 млн."


def _copy(tmp_path: Path, doc: str = "doc-a") -> Path:
    """MINI (agreement agr-one: parties Kazakhstan and Turkmenistan, KZ and TM) with a
    fourth line in doc-a that names both countries in Russian, cited by no record."""
    root = tmp_path / "ds"
    shutil.copytree(MINI, root)
    text = root / "texts" / "a.txt"
    text.write_text(text.read_text(encoding="utf-8") + FOURTH + "\n", encoding="utf-8")
    top = root / "curated.yaml"  # and a file of its own for what kzt-tui writes
    top.write_text(top.read_text(encoding="utf-8").replace(
        "schema_version: 1\n", 'schema_version: 1\ninclude: ["parts/*.yaml"]\n', 1)
        .replace("doc-a", doc), encoding="utf-8")
    (root / "parts").mkdir()
    (root / "parts" / "0.yaml").write_text("people: []\n", encoding="utf-8")
    return top


async def _open_form(pilot, app, sentence: int, section: str = "figure") -> None:
    await pilot.press("1")
    await pilot.pause()
    await pilot.press(*["V"] * sentence)
    await pilot.pause()
    await run_command(pilot, app, f"New {section} from selection")


def _placeholders(app) -> dict[str, str]:
    form = record_form(app)
    labels = [str(s.render()).rstrip(" *") for s in form.query(".form-label")]
    return dict(zip(labels, (str(i.placeholder) for i in form.query(Input)), strict=True))


async def test_a_new_figure_names_the_countries_and_its_required_fields_at_once(
        tmp_path: Path) -> None:
    app = curate_app(_copy(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_form(pilot, app, 4)
        shown = form_values(app)
        assert shown["countries"] == "TM, KZ"  # in the order the sentence names them
        assert shown["value"] == "12"
        hints = _placeholders(app)
        for required in ("label.en", "label.ru", "measure", "group", "scope",
                         "citation.translation"):
            assert (shown[required], hints[required]) == ("", "required"), required
        assert hints["notes"] == "" and hints["citation.note"] == ""  # optional: nothing
        assert hints["scale"].startswith("one | thousand")  # its values, as before


def _notice(app) -> str | None:
    found = record_form(app).query("#form-notice")
    return str(found.first().render()) if found else None


@pytest.mark.parametrize(("sentences", "section", "cited_by"), [
    (3, "figure", "fig-trade"),  # "Третья строка: товарооборот $555,7 млн."
    (2, "corridor", "cor-road"),  # "Вторая строка: …": its first words a corridor's quote
    (3, "event", None),  # no event cites it
    (2, "figure", None),  # the figure's words, where the figure does not cite them
])
async def test_a_passage_a_record_of_the_kind_cites_is_named_in_the_form(
        tmp_path: Path, sentences: int, section: str, cited_by: str | None) -> None:
    app = curate_app(_copy(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_form(pilot, app, sentences, section)
        form = record_form(app)
        if cited_by is None:
            assert _notice(app) is None and not form.query("#form-instead")
            return
        label = app.session.corpus.get(cited_by).label("en")
        assert _notice(app) == f"Already cited by {cited_by}: {label}"
        assert str(form.query_one("#form-instead", Button).label) == f"Cite in {cited_by}"
        assert form.query("#form-save")  # a warning, not a refusal


async def test_cite_in_the_record_that_cites_it_instead(tmp_path: Path) -> None:
    top = _copy(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_form(pilot, app, 3)
        await pilot.click("#form-instead")
        await pilot.pause(0.3)
        title = str(record_form(app).query_one("#form-title", Static).render())
        assert title == "Cite in fig-trade · doc-a"  # "Add citation to…"'s own form
        await type_fields(pilot, app, {"citation.translation": "Third line."})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        cited = app.session.corpus.get("fig-trade").citations
        assert "Third line." in [c.translation for c in cited]
        assert len(app.session.corpus.dataset.figures) == 1  # no new figure


LONG_DOC = "doc-a-" + "-".join(["joint-statement"] * 4)  # 69 characters


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_first_line_keeps_the_document_id_whole(tmp_path: Path, size) -> None:
    app = curate_app(_copy(tmp_path, LONG_DOC))
    async with app.run_test(size=size) as pilot:
        await _open_form(pilot, app, 3, "organisation")
        head = record_form(app).query_one("#form-title", Static)
        line = str(head.render())
        assert line.endswith(f" · {LONG_DOC}")  # the id whole, at the end
        assert len(line) == (head.size.width if size[0] == 80 else len(line))
        title = line.removesuffix(f" · {LONG_DOC}")
        if size[0] == 80:  # 76 cells: the title gives way
            assert title.endswith("…") and "New organisation".startswith(title[:-1])
        else:
            assert title == "New organisation"
        assert LONG_DOC not in str(record_form(app).query_one("#form-quote", Static).render())


def test_the_head_line_cuts_the_title_never_the_id() -> None:
    from kzt_tui.dialogs.record_form import head_line

    assert str(head_line("New figure", "doc-a", 40)) == "New figure · doc-a"
    assert str(head_line("New figure", "doc-a", 18)) == "New figure · doc-a"  # just fits
    assert str(head_line("New figure", "doc-a", 17)) == "New figu… · doc-a"
    assert str(head_line("New figure", "doc-a", 9)) == " · doc-a"  # the id, even alone
    assert str(head_line("Add source: x.txt", "", 10)) == "Add sourc…"  # no passage: no id
    spans = head_line("New figure", "doc-a", 40).spans  # the title bold, the id not
    assert [(s.start, s.end, s.style) for s in spans] == [(0, 10, "bold")]


async def test_the_cite_in_picker_puts_a_label_that_starts_with_the_words_first(
        tmp_path: Path) -> None:
    """The agreement comes first in the list and holds "trade"; the figure's label starts
    with it: the figure first, then the agreement."""
    top = _copy(tmp_path)
    top.write_text(top.read_text(encoding="utf-8").replace(
        'en: "One agreement"', 'en: "Grain trade agreement"'), encoding="utf-8")
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("V")
        await pilot.pause()
        await run_command(pilot, app, "Add citation to…")
        await pilot.press(*"trade")
        await pilot.pause(0.5)
        palette = app.screen
        shown = [str(o.prompt).split("\n")[0]
                 for o in palette.query_one("CommandList").options]
        assert shown[0].startswith("figure: ") and shown[0].endswith("Trade")
        assert shown[1].startswith("agreement: Grain trade agreement")


CITE_IN_ITS = "Cite in the record that already cites this"


async def test_the_palette_cites_in_the_record_that_cites_the_selection(
        tmp_path: Path) -> None:
    """The form's "Cite in <id>" has its palette row, offered while a record cites the
    selection, and it opens the same citation form; with nothing cited, no row."""
    from .helpers import palette_entries

    top = _copy(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.press(*["V"] * 4)  # FOURTH: no record cites it
        await pilot.pause()
        assert CITE_IN_ITS not in await palette_entries(pilot, app, "cite in the record")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # the selection goes: nothing selected, nothing offered
        await pilot.pause()
        assert CITE_IN_ITS not in await palette_entries(pilot, app, "cite in the record")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press(*["V"] * 3)  # "Третья строка", fig-trade cites it
        await pilot.pause()
        await run_command(pilot, app, CITE_IN_ITS, "cite in the record")
        title = str(record_form(app).query_one("#form-title", Static).render())
        assert title == "Cite in fig-trade · doc-a"
        await type_fields(pilot, app, {"citation.translation": "Third line."})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert "Third line." in [c.translation
                                 for c in app.session.corpus.get("fig-trade").citations]


async def test_a_key_typed_in_the_prefilled_id_adds_to_it(tmp_path: Path) -> None:
    """The form opens in its id box, filled with a suggestion: a key typed there goes after
    it (the whole value was selected, and the first key replaced it: `X` left `X`)."""
    app = curate_app(_copy(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_form(pilot, app, 3, "event")
        box = app.focused
        assert isinstance(box, Input)
        suggested = box.value
        assert suggested and box.cursor_position == len(suggested)
        await pilot.press("X")
        await pilot.pause()
        assert box.value == suggested + "X"
