"""Curating from a new article to a grounded dataset (issue #17's "done when"), and what the
curating form and a selection look like. On a copy of a small dataset in tmp_path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from kzt_tui.core.curate.store import HEADER
from kzt_tui.core.loading import check_dataset, load

from ..helpers import make_split
from .helpers import (
    curate_app,
    explorer_of,
    files_of,
    form_values,
    run_command,
    select_sentences,
    terminal_output,
    type_fields,
    visible_text,
)

TARGET = Path("parts") / "kzt-tui.yaml"


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
    before = files_of(top.parent)
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_command(pilot, app, "Add source…")
        await pilot.press(*str(article), "ctrl+s")
        await pilot.pause(0.3)
        shown = form_values(app)
        assert (shown["id"], shown["date"]) == ("doc-article", "2025-12-01")  # its date line
        assert shown["outlet.name"] == ""  # not in the text: asked, never guessed
        await type_fields(pilot, app, {
            "title.en": "Bridge and trade", "title.ru": "Мост и торговля",
            "outlet.name": "Test Wire", "outlet.evidence": "the file's name",
            "kind": "news_report", "reliability": "A test article."})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        explorer = explorer_of(app)
        assert explorer.pane.name == "documents"
        assert explorer.fact_list.current_key == "doc-article"

        await pilot.press("V", "V")  # the date line, then the bridge sentence
        await run_command(pilot, app, "New agreement from selection")
        await type_fields(pilot, app, {
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
        await run_command(pilot, app, "New figure from selection")
        assert form_values(app)["value"] == "600"
        await type_fields(pilot, app, {
            "id": "fig-trade-2025", "label.en": "Trade in 2025", "label.ru": "Товарооборот",
            "measure": "trade_turnover", "group": "kz-tm-trade",
            "scope": "Kazakhstan and Turkmenistan", "countries": "KZ, TM", "status": "actual",
            "period.label": "2025",
            "citation.translation": "Trade in 2025 exceeded $600m."})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)

        await pilot.press("o", "V", "V")
        await run_command(pilot, app, "New event from selection")
        assert (form_values(app)["date"], form_values(app)["date_end"]) == (
            "2025-11-24", "2025-11-25")
        await type_fields(pilot, app, {
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
    assert {p: b for p, b in files_of(top.parent).items() if p in before} == before
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


async def test_add_source_reads_an_english_dateline(tmp_path: Path) -> None:
    """An English text's dateline gives the date as a Russian one does (it gave none)."""
    top = make_split(tmp_path)
    news = tmp_path / "news.txt"
    news.write_text("ASTANA, Dec. 4, 2025 — Kazakhstan and Turkmenistan agreed to carry "
                    "more grain.\n", encoding="utf-8")
    app = curate_app(top)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_command(pilot, app, "Add source…")
        await pilot.press(*str(news), "enter")
        await pilot.pause(0.3)
        shown = form_values(app)
        assert (shown["date"], shown["date_note"]) == (
            "2025-12-04", "From the text's dateline «ASTANA, Dec. 4, 2025», place ASTANA.")


async def test_add_source_suggests_the_date_and_place_of_an_ordinary_dateline(
        tmp_path: Path) -> None:
    """A news text as it comes, no "date" line: its dateline gives the date, and the note
    says where it was read, place included (the document has no place field)."""
    top = make_split(tmp_path)
    news = tmp_path / "news.txt"
    news.write_text("Ашхабад, 3 декабря 2025 года. Казахстан и Туркменистан договорились "
                    "увеличить перевозки зерна.\n", encoding="utf-8")
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_command(pilot, app, "Add source…")
        await pilot.press(*str(news), "enter")
        await pilot.pause(0.3)
        shown = form_values(app)
        assert (shown["id"], shown["date"], shown["date_note"]) == (
            "doc-news", "2025-12-03",
            "From the text's dateline «Ашхабад, 3 декабря 2025 года.», place Ашхабад.")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_of_the_figure_form(snap_compare, tmp_path: Path, size) -> None:
    async def form(pilot: Pilot[Any]) -> None:
        await select_sentences(pilot, pilot.app, 2)  # type: ignore[arg-type]
        await pilot.app.screen.run_action("new_record('figures')")
        await pilot.pause(0.3)

    assert snap_compare(curate_app(make_split(tmp_path)), terminal_size=size, run_before=form)


def test_snapshot_of_a_selection_in_the_source(snap_compare, tmp_path: Path) -> None:
    async def selected(pilot: Pilot[Any]) -> None:
        await pilot.press("1", "tab", "tab", "v", "full_stop", "full_stop")
        await pilot.pause()

    assert snap_compare(curate_app(make_split(tmp_path)), terminal_size=(120, 40),
                        run_before=selected)


async def test_a_corridor_s_places_are_typed_in_the_form_one_per_semicolon(
        tmp_path: Path) -> None:
    """The nodes field shows how its items are typed, and takes them: the file gets the
    YAML list, not `nodes: []` to fill in by hand."""
    top = make_split(tmp_path)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 2)
        await run_command(pilot, app, "New corridor from selection")
        assert "Aktau (Актау) [KZ]; Turkmenbashi [TM]" in visible_text(terminal_output(app))
        await type_fields(pilot, app, {
            "id": "cor-kz-tm-road", "name.en": "Road", "name.ru": "Дорога", "kind": "road",
            "modes": "road", "countries": "KZ, TM", "status": "planned",
            "nodes": "Aktau (Актау) [KZ]; Turkmenbashi [TM]",
            "citation.translation": "Second line."})
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert explorer_of(app).pane.name == "corridors"
    written = (top.parent / TARGET).read_text(encoding="utf-8")
    assert ("    nodes:\n"
            "      - {name: \"Aktau\", ru: \"Актау\", country: KZ}\n"
            "      - {name: \"Turkmenbashi\", country: TM}\n"
            "    countries: [KZ, TM]\n") in written
    (road,) = load(top).corridors
    assert [(n.name, n.ru, n.country) for n in road.nodes] == [
        ("Aktau", "Актау", "KZ"), ("Turkmenbashi", None, "TM")]


async def test_without_colour_a_form_field_shows_its_box(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR: where to type is shown by a box's sides, not by a background colour alone
    (the Add source form showed "file *" and an empty line)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = curate_app(make_split(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await run_command(pilot, app, "Add source…")
        await pilot.press(*"news")
        await pilot.pause()
        row = next(ln for ln in visible_text(terminal_output(app)).splitlines()
                   if "file *" in ln)
        assert "▌news" in row and row.rstrip().rstrip("│ ").endswith("▐"), row
