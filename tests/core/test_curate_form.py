"""The form of a record made from a passage (core/curate/form): fields from the section's
spec, prefilled from the passage by ruparse and read_dates, typed text back into fields."""

from __future__ import annotations

import subprocess
import sys

import pytest

from kzt_tui.core.curate.form import (
    CITE,
    MAKEABLE,
    FormError,
    dismissal_fields,
    form_fields,
    list_items,
    passage_of,
    prefill,
    record_of,
    suggest_id,
)
from kzt_tui.core.curate.render import render_record
from kzt_tui.core.curate.store import Curator
from kzt_tui.core.loading import load
from kzt_tui.core.selection import TextSelection
from tests.helpers import MINI

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


# --- lists of mappings: one item per ";" -----------------------------------------------------

NODES_YAML = '''\
  - id: cor-kz-tm-road
    name: {en: "Road", ru: "Дорога"}
    kind: road
    modes: [road]
    nodes:
      - {name: "Aktau", ru: "Актау", country: KZ}
      - {name: "Garabogaz, port", country: TM}
      - {name: "Ashgabat"}
    countries: [KZ, TM]
    status: planned
    citations:
      - doc: doc-a
        quote: "Вторая строка: товарооборот $555,7 млн."
        translation: "Second line."
'''
GOODS_YAML = '''\
  - id: stm-wheat
    summary: {en: "Wheat", ru: "Пшеница"}
    kind: description
    speaker: null
    voice: author
    topics: [trade]
    goods:
      - {item: "пшеница", item_en: "wheat", direction: "KZ->TM"}
      - {item: "мясо, молоко", item_en: "meat and milk", direction: "TM->KZ"}
    citations:
      - doc: doc-a
        quote: "Третья строка: товарооборот $555,7 млн."
        translation: "Third line."
'''


CORRIDOR = {"id": "cor-kz-tm-road", "name.en": "Road", "name.ru": "Дорога", "kind": "road",
            "modes": "road", "countries": "KZ; TM", "status": "planned",
            "nodes": "Aktau (Актау) [KZ]; Garabogaz, port [TM];  ; Ashgabat ",
            "translation": "Second line."}
STATEMENT = {"id": "stm-wheat", "summary.en": "Wheat", "summary.ru": "Пшеница",
             "kind": "description", "voice": "author", "speaker": "", "topics": "trade",
             "goods": "wheat (пшеница) KZ->TM; meat and milk (мясо, молоко) TM->KZ",
             "translation": "Third line."}


def _typed(section: str, line: str, **typed: str) -> dict[str, object]:
    sel = _sel2(line)
    values = {**prefill(section, sel, TEXT_A, []), **typed,
              CITE + "translation": typed.pop("translation", "t")}
    return record_of(section, form_fields(section, values), values)


TEXT_A = (MINI / "texts" / "a.txt").read_text(encoding="utf-8")


def _sel2(line: str) -> TextSelection:
    start = TEXT_A.index(line)
    return TextSelection("doc-a", start, start + len(line))


def test_list_fields_take_items_as_shown_and_are_written_as_a_yaml_list(split) -> None:
    corridor = _typed("corridors", "Вторая строка: товарооборот $555,7 млн.", **CORRIDOR)
    assert render_record("corridors", corridor) == NODES_YAML
    statement = _typed("statements", "Третья строка: товарооборот $555,7 млн.", **STATEMENT)
    assert render_record("statements", statement) == GOODS_YAML
    curator = Curator(split)
    curator.add_record("corridors", corridor)
    written = curator.add_record("statements", statement)
    text = written.file.read_text(encoding="utf-8")
    assert "corridors:\n" + NODES_YAML in text and "statements:\n" + GOODS_YAML in text
    (road,) = load(split).corridors
    assert [(n.name, n.ru, n.country) for n in road.nodes] == [
        ("Aktau", "Актау", "KZ"), ("Garabogaz, port", None, "TM"), ("Ashgabat", None, None)]
    # every sentence of the dataset accounted for: the strict check passes on what was written
    curator.add_dismissal({"doc": "doc-a", "quote": "Первая строка [bold]текста[/].",
                           "reason": "headline"})
    curator.add_dismissal({"doc": "doc-b", "quote": "Текст Б: вторая статья.",
                           "reason": "headline"})
    got = subprocess.run([sys.executable, "-m", "kzt_tui", "check", "--strict", "--no-cache",
                          "--data", str(split)], capture_output=True, text=True, timeout=120)
    assert got.returncode == 0, got.stdout + got.stderr


@pytest.mark.parametrize(("section", "field", "typed", "message"), [
    ("corridors", "nodes", "Aktau [kz]", "'Aktau [kz]' is not a place: name (Russian name) "
     "[country code], the last two if known"),
    ("statements", "goods", "wheat KZ->TM", "'wheat KZ->TM' is not goods: English name "
     "(Russian name) exporter->importer, like wheat (пшеница) KZ->TM"),
])
def test_a_list_item_that_is_not_one_names_the_field_and_the_form_of_an_item(
        section: str, field: str, typed: str, message: str) -> None:
    base = CORRIDOR if section == "corridors" else STATEMENT
    with pytest.raises(FormError) as exc:
        _typed(section, "Вторая строка", **{**base, field: typed})
    assert exc.value.path == field
    assert str(exc.value).startswith(f"{field}: {message}")


def test_a_list_of_words_is_split_at_commas_unless_it_holds_a_semicolon() -> None:
    assert list_items("KZ, TM") == ["KZ", "TM"]
    assert list_items("Ministry of Transport, KZ; Turkmen Railways") == [
        "Ministry of Transport, KZ", "Turkmen Railways"]
    assert list_items(" ; , ") == [","] and list_items("") == []


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


@pytest.mark.parametrize(("quote", "period"), [
    ("Инвестиции с 2020 по 2025 год составили $2 млрд.", ("2020–2025", "2020", "2025")),
    ("Транзит достигнет 10 млн тонн до конца 2025 года.",
     ("until the end of 2025", "", "2025")),
    ("Транзит достигнет 10 млн тонн к 2030 г.", ("by 2030", "", "2030")),
])
def test_a_figure_s_period_is_prefilled_from_a_span_or_a_deadline(
        quote: str, period: tuple[str, str, str]) -> None:
    """The prefill read «с 2020 по 2025 год» as 2025–2025 (found by a review)."""
    values = prefill("figures", TextSelection("doc-a", 0, len(quote)), quote, [])
    assert (values["period.label"], values["period.start"], values["period.end"]) == period


def test_a_date_half_in_other_digits_prefills_no_date() -> None:
    """read_dates reads «2024–٢٠٢٥ годах» (\\d takes Arabic-Indic digits); the form's date
    must be a pdate at both ends, so neither bound is prefilled, where «2024–2025» gives
    both."""
    for quote in ("Визит в 2024–٢٠٢٥ годах.", "Визит в ٢٠٢٤–2025 годах."):
        values = prefill("events", TextSelection("doc-a", 0, len(quote)), quote, [])
        assert "date" not in values and "date_end" not in values, quote
    quote = "Визит в 2024–2025 годах."
    values = prefill("events", TextSelection("doc-a", 0, len(quote)), quote, [])
    assert (values["date"], values["date_end"]) == ("2024", "2025")


# --- countries the passage names -------------------------------------------------------------


def _with_parties(*agreements: tuple[list[str], list[str]], firms: tuple[str, ...] = ()):
    import dataclasses

    from kzt_tui.core.model import Organisation, Text2

    data = load(MINI / "curated.yaml")
    first = data.agreements[0]
    made = tuple(dataclasses.replace(first, id=f"agr-x{n}", parties=tuple(parties),
                                     countries=tuple(codes))
                 for n, (parties, codes) in enumerate(agreements))
    orgs = tuple(Organisation(id=f"org-x{n}", citations=(), notes=None, path="organisations[0]",
                              name=Text2(f, f), kind="company", country="RU")
                 for n, f in enumerate(firms))
    return dataclasses.replace(data, agreements=made, organisations=orgs)


def test_country_names_are_the_one_word_parties_in_the_place_of_their_code() -> None:
    from kzt_tui.core.curate.form import country_names

    data = _with_parties(
        (["Tajikistan", "Iran"], ["TJ"]),  # not as many: no pairing, and the next read
        (["Kazakhstan", "Turkmenistan"], ["KZ", "TM"]),
        (["Russia (addressee)", "Government of Uzbekistan"], ["RU", "UZ"]),
        (["Kazakhstan", "Rosatom"], ["KZ", "RU"]),
        (["Georgia"], ["GE"]), (["Georgia"], ["US"]),  # two codes: neither
        firms=("Rosatom",))
    assert country_names(data) == [("Kazakhstan", "KZ"), ("Turkmenistan", "TM"),
                                   ("Russia", "RU")]


def test_a_figure_is_prefilled_with_the_countries_its_passage_names_in_either_language(
        ) -> None:
    from kzt_tui.core.curate.form import countries_named

    names = [("Iran", "IR"), ("Kazakhstan", "KZ"), ("Turkmenistan", "TM"), ("Russia", "RU")]
    quote = "Президент Туркменистана прибыл в Казахстан; с Россией и Туркменистаном тоже."
    assert countries_named(quote, names) == ["TM", "KZ", "RU"]  # first named, first
    # a code of two names: where the first of them is named (not the last name's place)
    assert countries_named("Туркменистан, Казахстан, Туркмения", [
        ("Turkmenistan", "TM"), ("Kazakhstan", "KZ"), ("Turkmenia", "TM")]) == ["TM", "KZ"]
    assert countries_named("Qazaqstan and Russia", names) == ["KZ", "RU"]  # another spelling
    assert countries_named("туркменский рынок, Иран", names) == []  # an adjective; "ran"

    sel = TextSelection("doc-a", 0, len(quote))
    assert prefill("figures", sel, quote, [], countries=names)["countries"] == "TM, KZ, RU"
    assert "countries" not in prefill("figures", sel, quote, [])
    assert "countries" not in prefill("people", sel, quote, [], countries=names)
