"""Statements: who says what, of what kind, on which topics, with goods by direction."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.describe import FilterIndex, fields, row_text
from kzt_tui.core.export import csv_row, export_text
from kzt_tui.core.loading import DataError, load
from kzt_tui.core.model import Person, Statement
from kzt_tui.core.paths import shipped_data
from kzt_tui.core.search import SearchIndex
from tests.helpers import MINI

BASE = (MINI / "curated.yaml").read_text(encoding="utf-8")


def statement(speaker: str = "null", voice: str | None = "author", extra: str = "") -> str:
    voice_line = f"    voice: {voice}\n" if voice else ""
    return (f"statements:\n  - id: stm-one\n    summary: {{en: \"Trade grows\"}}\n"
            f"    kind: assessment\n    speaker: {speaker}\n{voice_line}"
            f"    topics: [trade]\n{extra}    citations:\n      - doc: doc-a\n"
            f"        quote: \"Третья строка\"\n        translation: \"Third line\"\n")


PERSON = ("people:\n  - id: per-one\n    name: {en: One, ru: Один}\n    role: x\n"
          "    country: KZ\n    citations:\n      - doc: doc-a\n        quote: \"Вторая строка\"\n"
          "        translation: x\n")


def problems(path) -> list[str]:
    with pytest.raises(DataError) as info:
        load(path)
    return [str(p) for p in info.value.problems]


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return Corpus(load(shipped_data()))


def test_the_text_s_own_voice_loads(write_data) -> None:
    ds = load(write_data(BASE + statement()))
    (stm,) = ds.statements
    assert (stm.speaker, stm.voice, stm.summary.en, stm.summary.ru) == (
        None, "author", "Trade grows", "")


def test_a_speaker_speaks_in_voice_speaker_by_default(write_data) -> None:
    ds = load(write_data(BASE + PERSON + statement("per-one", None)))
    assert ds.statements[0].voice == "speaker"


@pytest.mark.parametrize(("speaker", "voice", "says"), [
    ("null", None, "needs voice: author"),
    ("per-one", "author", "voice: author contradicts the speaker 'per-one'"),
])
def test_speaker_and_voice_must_agree(write_data, speaker, voice, says) -> None:
    found = problems(write_data(BASE + PERSON + statement(speaker, voice)))
    assert len(found) == 1 and "statements[0].voice" in found[0] and says in found[0]


def test_a_speaker_is_a_person_or_an_organisation(write_data) -> None:
    found = problems(write_data(BASE + statement("agr-one", None)))
    assert any("'agr-one' is not one of the people or organisations" in p for p in found)


def test_goods_need_a_direction_of_trade(write_data) -> None:
    goods = '    goods: [{item: "мука", item_en: flour, direction: "KZ to TM"}]\n'
    found = problems(write_data(BASE + statement(extra=goods)))
    assert any("goods[0].direction: expected a direction of trade" in p and "KZ->TM" in p
               for p in found)


def test_shipped_statements_describe_filter_and_link(shipped: Corpus) -> None:
    basket = shipped.get("stm-kz-export-basket")
    assert isinstance(basket, Statement)
    assert row_text(basket).startswith("description · Kazakhstan's exports")
    shown = dict(fields(basket))
    assert shown["Said by"] == "the text's own voice (author)"
    assert "flour (мука) KZ->TM" in shown["Goods"]
    # goods are data an analyst can filter: by item, in either language (by direction in
    # the exports: a JSON field, a CSV column)
    index = FilterIndex(shipped)
    statements = shipped.section("statements")
    # (data/parts/002.yaml adds Zhumangarin's proposal, flour among its goods, and his offer
    # to take Turkmen tomatoes)
    assert [r.id for r in index.filter(statements, "flour")] == [
        basket.id, "stm-zhumangarin-more-agri-supplies"]
    assert [r.id for r in index.filter(statements, "томаты")] == [
        "stm-tm-export-basket", "stm-zhumangarin-tm-produce-welcome"]
    # a speaker links both ways
    links = {(link.relation, link.target) for link in shipped.links("per-azamat-baigaliev")}
    assert ("speaks in", "stm-baigaliev-trade-below-potential") in links


def test_shipped_statements_export_and_search(shipped: Corpus) -> None:
    data = json.loads(export_text(shipped, "json", "statements"))
    first = data["statements"][0]
    assert first["id"] == "stm-kz-exports-value-added"
    assert first["voice"] == "author" and first["speaker"] is None
    basket = next(s for s in data["statements"] if s["id"] == "stm-kz-export-basket")
    assert basket["goods"][0] == {"item": "телефонные аппараты", "item_en": "telephones",
                                  "direction": "KZ->TM"}
    row = csv_row(shipped, shipped.get("stm-kz-export-basket"))  # type: ignore[arg-type]
    assert "flour (мука) KZ->TM" in str(row["goods"])
    md = export_text(shipped, "md", "statements")
    assert "## Statements (" in md and "Said by" in md
    hits = SearchIndex(shipped).search("водных ресурсов")
    assert any(h.unit.record_id == "stm-water-on-agenda" for h in hits)


def test_a_summary_in_one_language_is_not_shown_as_the_other() -> None:
    """Text2.get falls back to the other language: the detail said "Summary (ru)" over the
    English summary of a statement that has none in Russian."""
    from kzt_tui.core.model import Text2

    english_only = Statement(id="stm-x", citations=(), notes=None, path="statements[0]",
                             summary=Text2(en="Said in English.", ru=""), kind="assessment",
                             speaker=None, voice="author", topics=("trade",), about=(),
                             goods=())
    rows = dict(fields(english_only, "en"))
    assert rows["Summary"] == "Said in English."
    assert rows["Summary (ru)"] == "—"
    # in Russian: once, under the label that says it is English (it was under «Суть» too)
    russian = fields(english_only, "ru")
    assert [row for row in russian if row[1] == "Said in English."] == [
        ("Суть (en)", "Said in English.")]
    assert russian[0] == ("Суть (en)", "Said in English.")
    both = replace(english_only, summary=Text2(en="Said in English.", ru="Сказано по-русски."))
    assert fields(both, "ru")[:2] == [("Суть", "Сказано по-русски."),
                                      ("Суть (en)", "Said in English.")]
    assert fields(both, "en")[:2] == [("Summary", "Said in English."),
                                      ("Summary (ru)", "Сказано по-русски.")]


def test_every_bilingual_field_shows_a_missing_language_the_same_way() -> None:
    """Titles and names go through the same rows as a summary: a record without the
    interface's language shows the other once, under its language's label."""
    from kzt_tui.core.model import Text2

    person = Person(id="per-x", citations=(), notes=None, path="people[0]",
                    name=Text2(en="Someone", ru=""), role="role", country=None)
    assert fields(person, "ru")[0] == ("Название (en)", "Someone")
    assert [value for _label, value in fields(person, "ru")].count("Someone") == 1
    assert fields(person, "en")[:2] == [("Name", "Someone"), ("Name (ru)", "—")]
