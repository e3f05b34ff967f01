"""What a second newcomer saw in the app (branch fresh2): a refused write is not followed by
a "Data reloaded" notice, the detail names the documents that state a record by title, and
the palette names the title column by its header."""

from __future__ import annotations

from pathlib import Path

from kzt_tui.widgets.detail_view import DrawnBlock, LinkKey, detail_blocks

from ..helpers import make_split
from .helpers import (
    curate_app,
    explorer_of,
    make,
    palette_entries,
    record_notifications,
    run_command,
    select_sentences,
    type_fields,
)

STATEMENT = {"summary.en": "Turnover", "kind": "description", "topics": "trade",
             "citation.translation": "Second line: turnover $555.7m."}


async def test_a_refused_write_is_not_taken_for_an_edit_by_live_reload(
        tmp_path: Path) -> None:
    """The store writes the record, loads, is refused and puts the file back: live reload
    saw two changes of the files and reloaded ("Data reloaded" under "not written")."""
    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(1.2)  # the first poll has noted the files
        calls = record_notifications(app)
        await select_sentences(pilot, app, 2)
        await run_command(pilot, app, "New statement from selection")
        await type_fields(pilot, app, {"speaker": "per-nobody", **STATEMENT})
        await pilot.press("ctrl+s")
        await pilot.pause(2.5)  # two polls of live reload
        assert app.screen is not explorer_of(app)  # the form stays, with its error
        titles = [str(c.get("title")) for c in calls]
        assert "Data reloaded" not in titles
        assert not any("Reload failed" in t for t in titles)
        # an edit of the user's afterwards is still noticed
        (top.parent / "parts" / "1.yaml").write_text(
            (top.parent / "parts" / "1.yaml").read_text("utf-8") + "\n", encoding="utf-8")
        await pilot.pause(2.5)
        assert "Data reloaded" in [str(c.get("title")) for c in calls]


def _stated_by(lang: str, record_id: str) -> str:
    app = make()
    corpus = app.session.corpus
    record = corpus.get(record_id)
    assert record is not None
    label = "Stated by" if lang == "en" else "Источники"
    texts = [str(b.body) for b in detail_blocks(corpus, record, lang)
             if b.gutter is not None and str(b.gutter).startswith(label)]
    assert len(texts) == 1
    return texts[0]


def test_stated_by_names_the_documents_by_title() -> None:
    app = make()
    corpus = app.session.corpus
    record = next(r for s in ("agreements", "figures") for r in corpus.section(s)
                  if len(corpus.documents_of(r)) >= 1)
    docs = corpus.documents_of(record)
    shown = _stated_by("en", record.id)
    for doc in docs:
        assert corpus.document(doc).label("en") in shown
        assert doc not in shown
    assert shown.endswith(f"({len(docs)} of {len(corpus.section('documents'))} sources)")
    shown_ru = _stated_by("ru", record.id)
    assert all(corpus.document(doc).label("ru") in shown_ru for doc in docs)


async def test_the_palette_names_the_title_column_by_what_it_is() -> None:
    """The figures' title column and their measure column: "measure label" and "measure
    code" ("Facet by measures" beside "Facet by measure" read as one)."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        names = await palette_entries(pilot, app, "sort by measure")
        assert "Sort by measure label" in names and "Sort by measure code" in names
        assert not any(n in names for n in ("Sort by title", "Sort by measures",
                                            "Sort by measure"))
        await pilot.press("escape")
        await pilot.pause()
        facets = await palette_entries(pilot, app, "facet by measure")
        assert "Facet by measure label" in facets and "Facet by measure code" in facets


async def test_a_copy_without_a_clipboard_tool_says_why_in_russian() -> None:
    """The notice was Russian up to the reason: "… только через OSC 52: no clipboard tool
    found."."""
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("L")
        await pilot.pause()
        calls = record_notifications(app)
        await pilot.press("y")
        await pilot.pause(0.5)
        said = [str(c["message"]) for c in calls if "OSC 52" in str(c["message"])]
        assert said and said[0].endswith(  # the reason, then the key for the by-hand view
            "только через OSC 52: не найдена программа системного буфера обмена. ^y "
            "покажет текст, чтобы выделить его вручную.")


def test_a_figures_detail_words_values_in_russian_in_its_chart_and_left_out_list() -> None:
    """The list, the palette and the detail's Value said "более $26 млрд"; the chart's bars
    and "Not charted with it" still said "$363.6m"."""
    import re

    from kzt_tui.core.corpus import Corpus
    from kzt_tui.core.loading import load
    from kzt_tui.core.paths import shipped_data

    corpus = Corpus(load(shipped_data()))
    english_scale = re.compile(r"\$\d[\d.,]*(m|bn)\b")
    charted = left_out = 0
    for figure in corpus.section("figures"):
        en = "\n".join(str(b.body) for b in detail_blocks(corpus, figure, "en"))
        # the values the app words (links, left-out figures, bars); notes are data
        ru = "\n".join(str(b.body) for b in detail_blocks(corpus, figure, "ru")
                       if isinstance(b, DrawnBlock) or (isinstance(b.key, LinkKey)
                       and b.key.target.startswith("fig-")))
        charted += "Chart:" in en
        left_out += "Not charted with it" in en
        assert not english_scale.search(ru), (figure.id, english_scale.search(ru))
    assert charted and left_out  # both parts were drawn somewhere
    trade = corpus.get("fig-kz-tm-trade-2024")
    assert trade is not None
    ru = "\n".join(str(b.body) for b in detail_blocks(corpus, trade, "ru"))
    assert "$363,6 млн" in ru and "более $0,5 млрд" in ru
