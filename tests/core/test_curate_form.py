"""The form of a record made from a passage (core/curate/form): fields from the section's
spec, prefilled from the passage by ruparse and read_dates, typed text back into fields."""

from __future__ import annotations

import pytest

from kzt_tui.core.curate.form import (
    CITE,
    MAKEABLE,
    FormError,
    dismissal_fields,
    form_fields,
    passage_of,
    prefill,
    record_of,
    suggest_id,
)
from kzt_tui.core.selection import TextSelection

TEXT = "Товарооборот в 2024 году превысил $363,6 млн. Визит прошёл 24-25 ноября 2025 года.\n"


def _sel(phrase: str) -> TextSelection:
    start = TEXT.index(phrase)
    return TextSelection("doc-a", start, start + len(phrase))


def test_the_sections_a_passage_can_become_come_from_the_specs() -> None:
    # a document is the text itself; a discrepancy needs two sides
    assert MAKEABLE == ("agreements", "corridors", "figures", "people", "organisations",
                        "events", "statements")


def test_a_figure_is_prefilled_with_the_value_its_passage_states() -> None:
    sel = _sel("Товарооборот в 2024 году превысил $363,6 млн.")
    values = prefill("figures", sel, TEXT, ["fig-tovarooborot-v-2024-godu"])
    assert values["id"] == "fig-tovarooborot-v-2024-godu-2"  # the free one
    assert values[CITE + "quote"] == "Товарооборот в 2024 году превысил $363,6 млн."
    assert (values["value"], values["scale"], values["unit"], values["qualifier"]) == (
        "363.6", "million", "USD", "more_than")
    assert (values["period.start"], values["period.end"]) == ("2024", "2024")
    assert CITE + "occurrence" not in values


def test_an_event_is_prefilled_with_its_dates() -> None:
    values = prefill("events", _sel("Визит прошёл 24-25 ноября 2025 года."), TEXT, [])
    assert (values["date"], values["date_end"]) == ("2025-11-24", "2025-11-25")
    assert "date_end" in [f.path for f in form_fields("events", values)]
    assert "date_end" not in [f.path for f in form_fields("events")]


def test_typed_text_becomes_the_record_and_a_missing_field_is_named() -> None:
    sel = _sel("Товарооборот в 2024 году превысил $363,6 млн.")
    values = prefill("figures", sel, TEXT, [])
    fields = form_fields("figures", values)
    with pytest.raises(FormError) as exc:
        record_of("figures", fields, values)
    assert exc.value.path == "label.en"
    typed = {**values, "label.en": "Trade", "label.ru": "Товарооборот", "measure": "trade",
             "group": "kz-tm", "scope": "KZ–TM", "countries": "KZ, TM", "status": "actual",
             "value": "363,6", CITE + "translation": "Trade exceeded $363.6m",
             "period.label": "2024"}
    record = record_of("figures", fields, typed)
    assert record["value"] == 363.6 and record["countries"] == ["KZ", "TM"]
    assert record["period"] == {"label": "2024", "start": "2024", "end": "2024"}
    assert "notes" not in record  # left empty: left out
    assert record["citations"] == [{"doc": "doc-a", "quote": sel.quote(TEXT),
                                    "translation": "Trade exceeded $363.6m"}]
    with pytest.raises(FormError, match="expected one of"):
        record_of("figures", fields, {**typed, "unit": "dollars"})
    with pytest.raises(FormError, match="expected a number"):
        record_of("figures", fields, {**typed, "value": "lots"})
    no_period = {**typed, "period.label": "", "period.start": "", "period.end": ""}
    assert record_of("figures", fields, no_period)["period"] is None


def test_a_corridor_gets_its_nodes_list_to_fill_in_the_file() -> None:
    values = prefill("corridors", _sel("Визит прошёл 24-25 ноября 2025 года."), TEXT, [])
    assert record_of("corridors", form_fields("corridors"), {
        **values, "name.en": "R", "name.ru": "Р", "kind": "road", "modes": "road",
        "status": "planned", CITE + "translation": "t"})["nodes"] == []


def test_a_dismissal_needs_its_reason() -> None:
    fields = dismissal_fields()
    typed = {CITE + "doc": "doc-a", CITE + "quote": "Визит", CITE + "reason": ""}
    with pytest.raises(FormError) as exc:
        passage_of(fields, typed)
    assert exc.value.path == CITE + "reason"
    assert passage_of(fields, {**typed, CITE + "reason": "headline"}) == {
        "doc": "doc-a", "quote": "Визит", "reason": "headline"}


def test_ids_are_slugs_of_the_passage_in_latin() -> None:
    got = suggest_id("people", "Касым-Жомарт Токаев заявил", [])
    assert got == "per-kasym-zhomart-tokaev-zayavil"
    assert suggest_id("figures", "«»", []) == "fig-new"


def test_people_and_organisations_the_passage_names_are_prefilled() -> None:
    known = [("per-tokayev", "Касым-Жомарт Токаев"), ("per-gb", "Гурбангулы Бердымухамедов"),
             ("org-mfa", "Министерство иностранных дел Казахстана"), ("per-li", "Ли")]
    quote = "Касым-Жомарт Токаев встретился с Гурбангулы Бердымухамедовым."
    sel = TextSelection("doc-a", 0, len(quote))
    assert prefill("events", sel, quote, [], known)["people"] == "per-tokayev, per-gb"
    assert prefill("statements", sel, quote, [], known)["speaker"] == "per-tokayev"
    assert "speaker" not in prefill("statements", sel, "Министерство заявило.", [], known)
    assert "people" in [f.path for f in form_fields("events", {"people": "per-gb"})]


def test_a_problem_of_the_load_names_the_forms_field() -> None:
    """field_of: the field of the form a load problem's path names (the record's index, a
    citation's and a list item's dropped); None when the form has no such field."""
    from kzt_tui.core.curate.form import dismissal_fields, field_of

    fields = form_fields("figures", {"period.start": "2024"})
    assert field_of("figures[3].period.start", fields) == "period.start"
    assert field_of("figures[0].status", fields) == "status"
    assert field_of("figures[0].countries[1]", fields) == "countries"
    assert field_of("figures[0].citations[0].translation", fields) == "citation.translation"
    assert field_of("figures[0].citations[0].quote", fields) is None  # not editable
    assert field_of("figures[0].nowhere", fields) is None
    assert field_of("dismissals[2].reason", dismissal_fields()) == "citation.reason"
    statement = form_fields("statements")
    assert field_of("statements[0].voice", statement) == "voice"
    assert field_of("statements[0].summary.en", statement) == "summary.en"
