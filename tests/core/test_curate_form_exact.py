"""The form of a record (core/curate/form), exactly: the fields of each form, each value's
refusal word for word and at its boundary, the id and the prefill. (List-valued fields are
left to test_curate_form.py.)"""

from __future__ import annotations

import pytest

from kzt_tui.core.curate.form import (
    CITE,
    REQUIRED,
    FormError,
    FormField,
    build,
    can_make,
    citation_fields,
    dismissal_fields,
    document_fields,
    field_of,
    form_fields,
    mentioned,
    passage_of,
    prefill,
    record_of,
    singular,
    suggest_id,
)
from kzt_tui.core.selection import TextSelection

REASONS = ("headline", "byline", "photo_credit", "caption", "boilerplate", "repetition",
           "navigation", "date_line", "reactions", "other")


def F(path: str, required: bool, kind: str = "text", choices: tuple[str, ...] = (),
      nullable: bool = False, readonly: bool = False, needed: bool = False) -> FormField:
    return FormField(path, required, kind, choices, nullable, readonly, needed)


CITATION_FORM = [
    F("citation.doc", True, readonly=True), F("citation.quote", True, readonly=True),
    F("citation.translation", True), F("citation.occurrence", False, "integer"),
    F("citation.note", False)]


def test_the_citation_dismissal_and_document_forms_exactly() -> None:
    assert citation_fields() == CITATION_FORM
    assert dismissal_fields() == [
        F("citation.doc", True, readonly=True), F("citation.quote", True, readonly=True),
        FormField("citation.occurrence", False, "integer", label="which occurrence"),
        FormField("citation.reason", True, "text", REASONS, label="why not a fact"),
        FormField("citation.note", False, "text", label="note")]
    assert document_fields() == [
        F("id", True, needed=True), F("date", False, nullable=True, needed=True),
        F("date_note", True, needed=True), F("title.en", True, needed=True),
        F("title.ru", True, needed=True),
        F("outlet.name", False, nullable=True, needed=True),
        F("outlet.evidence", False, nullable=True, needed=True),
        F("author", False, nullable=True),
        F("kind", True, "text", ("news_report", "analysis", "briefing", "social_post"),
          needed=True),
        F("reliability", True, needed=True)]


def test_a_person_s_form_and_a_figure_s_scalar_fields_exactly() -> None:
    assert form_fields("people") == [
        F("id", True, needed=True), F("name.en", True, needed=True),
        F("name.ru", True, needed=True), F("role", True, needed=True),
        F("country", False, nullable=True, needed=True), F("notes", False),
        *CITATION_FORM]
    figure = [f for f in form_fields("figures", ["value_max"]) if f.kind != "list"]
    assert [(f.path, f.required, f.kind, f.nullable, f.needed) for f in figure][:14] == [
        ("id", True, "text", False, True), ("label.en", True, "text", False, True),
        ("label.ru", True, "text", False, True), ("measure", True, "text", False, True),
        ("group", True, "text", False, True), ("scope", True, "text", False, True),
        ("value", True, "number", False, True), ("value_max", False, "number", True, False),
        ("scale", True, "text", False, True), ("unit", True, "text", False, True),
        ("qualifier", True, "text", False, True), ("status", True, "text", False, True),
        ("period.label", False, "text", True, True),
        ("period.start", False, "text", True, True)]
    assert singular("figures") == "figure"


def _one(kind: str, raw: str, path: str = "x", choices: tuple[str, ...] = ()) -> object:
    record, problems = build("people", [F(path, True, kind, choices)], {path: raw})
    return problems[0][1] if problems else record[path]


@pytest.mark.parametrize(("kind", "raw", "value"), [
    ("integer", "1", 1), ("integer", " 12 ", 12),
    ("integer", "0", "expected a whole number ≥ 1"),
    ("integer", "-1", "expected a whole number ≥ 1"),
    ("integer", "1.5", "expected a whole number ≥ 1"),
    ("number", "555,7", 555.7), ("number", "1 234,5", 1234.5),
    ("number", "1\u00a0234", 1234.0), ("number", "-3", -3.0),
    ("number", "lots", "expected a number, like 555.7"),
    ("number", "inf", "expected a finite number"), ("number", "nan", "expected a finite number"),
    ("text", "  word  ", "word"), ("text", "", REQUIRED), ("text", "   ", REQUIRED),
])
def test_each_typed_value_becomes_its_kind_or_says_why_not(kind: str, raw: str,
                                                           value: object) -> None:
    assert _one(kind, raw) == value


def test_a_choice_must_be_one_of_its_words_and_a_quote_is_kept_as_typed() -> None:
    assert _one("text", "b", choices=("a", "b")) == "b"
    assert _one("text", "c", choices=("a", "b")) == "expected one of a, b"
    fields = [F(CITE + "quote", True), F(CITE + "doc", True)]
    record, problems = build("people", fields, {CITE + "quote": "  q  ", CITE + "doc": " d "})
    assert problems == [] and record["citations"] == [{"quote": "  q  ", "doc": "d"}]


def test_the_first_problem_is_named_with_how_many_more() -> None:
    fields = [F("a", True), F("b", True, "integer"), F("c", True)]
    with pytest.raises(FormError) as caught:
        record_of("people", fields, {"b": "0"})
    assert (caught.value.path, str(caught.value)) == ("a", f"a: {REQUIRED} (and 2 more)")
    with pytest.raises(FormError) as caught:
        record_of("people", fields, {"a": "x", "b": "0", "c": "y"})
    assert (caught.value.path, str(caught.value)) == ("b", "b: expected a whole number ≥ 1")


def test_a_passage_s_problem_is_named_with_its_field() -> None:
    fields = dismissal_fields()
    typed = {CITE + "doc": "doc-a", CITE + "quote": "q", CITE + "reason": "why"}
    with pytest.raises(FormError) as caught:
        passage_of(fields, typed)
    assert str(caught.value) == f"why not a fact: expected one of {', '.join(REASONS)}"
    with pytest.raises(FormError) as caught:
        passage_of(fields, {**typed, CITE + "reason": "other", CITE + "occurrence": "0"})
    assert str(caught.value) == "which occurrence: expected a whole number ≥ 1"
    with pytest.raises(FormError) as caught:
        passage_of(fields, {CITE + "doc": "doc-a", CITE + "reason": "other"})
    assert (caught.value.path, str(caught.value)) == (CITE + "quote",
                                                      f"citation.quote: {REQUIRED}")
    assert passage_of(fields, {**typed, CITE + "reason": "other", CITE + "occurrence": "2",
                               CITE + "note": "n"}) == {
        "doc": "doc-a", "quote": "q", "occurrence": 2, "reason": "other", "note": "n"}


def test_an_optional_field_left_empty_is_left_out_a_needed_nullable_one_is_null() -> None:
    fields = document_fields()
    typed = {"id": "doc-x", "date_note": "n", "title.en": "T", "title.ru": "Т",
             "kind": "analysis", "reliability": "r"}
    record = record_of("documents", fields, typed)
    assert record == {"id": "doc-x", "date": None, "date_note": "n",
                      "title": {"en": "T", "ru": "Т"}, "outlet": None, "kind": "analysis",
                      "reliability": "r"}
    half = record_of("documents", fields, {**typed, "outlet.name": "KN", "author": "A"})
    assert half["outlet"] == {"name": "KN", "evidence": None} and half["author"] == "A"


@pytest.mark.parametrize(("quote", "taken", "suggested"), [
    ("Касым-Жомарт Токаев заявил сегодня утром", [], "per-kasym-zhomart-tokaev-zayavil"),
    ("Один два", ["per-odin-dva"], "per-odin-dva-2"),
    ("Один два", ["per-odin-dva", "per-odin-dva-2"], "per-odin-dva-3"),
    ("Достопримечательности Объединённых Арабских Эмиратов", [],
     "per-dostoprimechatelnosti-obedinennykh-arabs"),  # cut at 40
    ("abcdefghijklmnopqrstuvwxyzabcdefghijklm x", [],
     "per-abcdefghijklmnopqrstuvwxyzabcdefghijklm"),  # 39 and a dash: the dash dropped
    ("«»", [], "per-new"),
])
def test_an_id_is_a_free_slug_of_the_first_four_words(quote: str, taken: list[str],
                                                      suggested: str) -> None:
    assert suggest_id("people", quote, taken) == suggested


def test_a_range_fills_value_max_and_a_section_without_values_gets_none() -> None:
    text = "Товарооборот составит 300–400 млн долларов в 2025–2026 годах."
    sel = TextSelection("doc-a", 0, len(text))
    values = prefill("figures", sel, text, [])
    assert (values["value"], values["value_max"], values["qualifier"]) == (
        "300", "400", "range")
    assert (values["period.label"], values["period.start"], values["period.end"]) == (
        "2025–2026", "2025", "2026")
    person = prefill("people", sel, text, [])
    assert set(person) == {"id", CITE + "doc", CITE + "quote"}
    one_day = "Визит прошёл 24 ноября 2025 года."
    event = prefill("events", TextSelection("doc-a", 0, len(one_day)), one_day, [])
    assert event["date"] == "2025-11-24" and "date_end" not in event


def test_a_name_is_mentioned_when_each_word_s_stem_is_in_the_passage() -> None:
    known = [("per-a", "Токаев"), ("per-b", "Ли Бао"), ("per-c", "Иван Петров"),
             ("per-d", "Ли"), ("per-e", "Мирас")]
    quote = "Токаеву и Бао, Ивану Петрову, Ли и Мирасу"  # "Ли": too short to tell
    assert mentioned(quote, known) == ["per-a", "per-b", "per-c", "per-e"]
    assert mentioned("Ток", known) == []
    assert mentioned("Тока", known) == ["per-a"]  # six letters: its stem is four
    assert mentioned("Токаева", [("per-a", "Токаев")]) == ["per-a"]
    assert mentioned("Мира", [("per-e", "Мирас")]) == ["per-e"]  # five letters: stem four
    assert mentioned("Мир", [("per-e", "Мирас")]) == []
    assert mentioned("Ива", [("per-f", "Иван")]) == []  # four letters: the whole word
    assert mentioned("Ивану", [("per-f", "Иван")]) == ["per-f"]


def test_a_name_s_cases_are_found_where_the_search_stemmer_would_miss_or_overreach() -> None:
    """Why mentioned keeps its own stem, not core/wordforms' Snowball stems: those stem
    a surname's cases apart («Бердымухамедов» → «бердымухамед», «Бердымухамедовым» →
    «бердымухамедов») and an abbreviation into a common word («ОБСЕ» → «обс», the stem of
    «обсудили»)."""
    serdar = [("per-s", "Сердар Бердымухамедов")]
    assert mentioned("с Сердаром Бердымухамедовым", serdar) == ["per-s"]
    assert mentioned("Сердара Бердымухамедова", serdar) == ["per-s"]
    assert mentioned("стороны обсудили", [("org-osce", "ОБСЕ")]) == []
    assert mentioned("Касым-Жомарта Токаева", [("per-t", "Касым-Жомарт Токаев")]) == ["per-t"]


def test_a_record_can_be_made_of_a_passage_when_its_section_requires_citations() -> None:
    assert can_make("figures") and can_make("people") and can_make("statements")
    assert not can_make("documents")  # its citations are optional: it is the text itself
    assert not can_make("discrepancies")  # no citations of its own: two sides


def test_a_statement_s_optional_summary_in_russian_and_a_corridor_s_words() -> None:
    statement = [f.path for f in form_fields("statements")]
    assert statement[:4] == ["id", "summary.en", "summary.ru", "kind"]
    corridor = {f.path: f for f in form_fields("corridors")}
    assert corridor["modes"] == F("modes", True, "list", (
        "rail", "road", "sea", "air", "pipeline", "telecom", "multimodal"), needed=True)
    assert "status" in corridor and "countries" in corridor  # after the nodes


def test_a_repeated_passage_is_prefilled_with_its_occurrence() -> None:
    text = "Да. Нет. Да."
    second = TextSelection("doc-a", text.rindex("Да."), len(text))
    values = prefill("people", second, text, [])
    assert values[CITE + "occurrence"] == "2" and values[CITE + "quote"] == "Да."
    assert "people" not in prefill("events", second, text, [])  # no one named: not set


def test_two_problems_are_the_first_and_one_more() -> None:
    with pytest.raises(FormError) as caught:
        record_of("people", [F("a", True), F("b", True)], {})
    assert str(caught.value) == f"a: {REQUIRED} (and 1 more)"


def test_a_passage_s_wrong_value_names_its_field() -> None:
    typed = {CITE + "doc": "doc-a", CITE + "quote": "q", CITE + "reason": "why"}
    with pytest.raises(FormError) as caught:
        passage_of(dismissal_fields(), typed)
    assert caught.value.path == CITE + "reason"


def test_a_long_name_s_stem_drops_two_letters_only() -> None:
    assert mentioned("Петрос", [("per-p", "Петровых")]) == []
    assert mentioned("Петровы", [("per-p", "Петровых")]) == ["per-p"]


@pytest.mark.parametrize(("raw", "value"), [
    ("12,000", 12000.0), ("1,234,567", 1234567.0), ("1,500.25", 1500.25),
    ("1.500,5", 1500.5), ("-12,000", -12000.0), ("+12 000", 12000.0), ("1e3", 1000.0),
    ("1,5", 1.5), ("12\u2009000", 12000.0), ("9" * 400, "expected a finite number"),
    ("+12,000", 12000.0), ("1,5e3", 1500.0), ("-1,5e3", -1500.0), ("1 5e3", 15000.0),
    ("1\u00a0000e3", 1000000.0),
])
def test_a_number_is_read_as_the_filter_and_the_table_read_it(raw: str, value: object
                                                              ) -> None:
    """"12,000" as the list shows a figure's value was written as 12: the form read every
    comma as a decimal comma, where the filter (core/query.py) reads "12,000" as twelve
    thousand and "1,5" as one and a half."""
    assert _one("number", raw) == value


@pytest.mark.parametrize("name", ["nodes", "goods"])
def test_a_long_pasted_item_is_refused_in_linear_time(name: str) -> None:
    """The Russian name's `[^()]*\\S[^()]*` tried every split of a long name: 20,000
    characters pasted into a list field took 1.7 s to refuse, 100,000 about 45 s, with
    the app frozen on ctrl+s."""
    import time

    from kzt_tui.core.curate.form import item_of

    start = time.process_time()  # CPU: a loaded machine stretches the wall clock
    with pytest.raises(ValueError, match="is not"):
        item_of(name, "w (" + "п " * 50_000 + ") KZ-")
    assert time.process_time() - start < 2.0
    assert item_of(name, "w ( п п ) KZ->TM" if name == "goods" else "w ( п п ) [KZ]") == (
        {"item_en": "w", "item": "п п", "direction": "KZ->TM"} if name == "goods"
        else {"name": "w", "ru": "п п", "country": "KZ"})


@pytest.mark.parametrize(("quote", "period", "value"), [
    ("К 2030 году товарооборот достигнет $1 млрд", ("by 2030", "", "2030"), "1"),
    ("до 2030 года 10 млн тонн", ("until 2030", "", "2030"), "10"),
    ("в 2024 году $5 млн", ("2024", "2024", "2024"), "5"),
    ("в 2023–2024 годах рост на 5%", ("2023–2024", "2023", "2024"), "5"),
    ("за 9 месяцев 2024 года $363,6 млн", ("9 months of 2024", "2024-01", "2024-09"),
     "363.6"),
    ("в 2024 году$7 млн", ("2024", "2024", "2024"), "7"),  # the value where the period ends
])
def test_a_figure_s_period_is_read_as_the_data_writes_one(
        quote: str, period: tuple[str, str, str], value: str) -> None:
    """The label in the data's words, "" for a bound the text does not set; a number of
    the period (9 months) is not the figure's value."""
    values = prefill("figures", TextSelection("doc-a", 0, len(quote)), quote, [])
    assert (values["period.label"], values["period.start"], values["period.end"]) == period
    assert values["value"] == value


def test_an_agreement_takes_the_period_and_an_event_the_date() -> None:
    quote = "к 2030 году"
    agreement = prefill("agreements", TextSelection("doc-a", 0, len(quote)), quote, [])
    assert (agreement["period.label"], agreement["period.start"], agreement["period.end"]
            ) == ("by 2030", "", "2030")
    assert "date" not in agreement
    quote = "24-25 ноября 2025 года"
    event = prefill("events", TextSelection("doc-a", 0, len(quote)), quote, [])
    assert (event["date"], event["date_end"]) == ("2025-11-24", "2025-11-25")
    assert "period.label" not in event


def test_the_lists_of_items_a_form_reads_and_whether_each_is_needed() -> None:
    assert [f for f in form_fields("corridors") if f.kind == "items"] == [
        FormField("nodes", False, "items", needed=True)]  # required, but may be empty
    assert [f for f in form_fields("statements") if f.kind == "items"] == [
        FormField("goods", False, "items", needed=False)]  # shown though optional
    assert [f.path for f in form_fields("statements")] == [
        "id", "summary.en", "summary.ru", "kind", "speaker", "voice", "topics", "goods",
        "notes", *(CITE + n for n in ("doc", "quote", "translation", "occurrence", "note"))]


def test_a_required_list_left_empty_is_a_problem_and_an_empty_list_in_the_record() -> None:
    record, problems = build("corridors", form_fields("corridors"), {})
    assert record == {"nodes": [], "countries": [], "modes": [], "citations": [{}]}
    assert ("modes", REQUIRED) in problems
    record, problems = build("agreements", form_fields("agreements"), {})
    assert record == {"countries": [], "date": None, "topics": [], "parties": [],
                      "citations": [{}]}
    assert ("parties", REQUIRED) in problems


def test_a_problem_inside_an_item_of_a_list_names_the_list() -> None:
    fields = form_fields("corridors")
    assert field_of("corridors[0].nodes[1].name", fields) == "nodes"
    assert field_of("corridors[0].nodes", fields) == "nodes"
    assert field_of("corridors[0].nodesx", fields) is None


def test_no_form_field_path_is_another_s_followed_by_a_dot() -> None:
    """What field_of relies on: a problem's path falls under one field at most."""
    from kzt_tui.core.curate.form import MAKEABLE

    for fields in (*(form_fields(s) for s in MAKEABLE), document_fields(),
                   dismissal_fields(), citation_fields()):
        paths = [f.path for f in fields]
        assert [(p, q) for p in paths for q in paths if q.startswith(p + ".")] == []
    assert len(MAKEABLE) == 7
