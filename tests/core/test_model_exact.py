"""The records' own code, exactly: labels in each language and their fall-backs, a
figure's absolute value at each scale, a citation given a span, the section of each record
kind, citations read and replaced (a discrepancy's are on its sides), the table of sections
and the fields whose data name differs."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kzt_tui.core.model import (
    SCALE_FACTOR,
    SECTION_BY_NAME,
    SECTION_BY_PREFIX,
    SECTION_BY_TYPE,
    SECTION_NAMES,
    SECTION_PREFIX,
    SECTION_SINGULAR,
    SECTIONS,
    Agreement,
    Citation,
    Corridor,
    Dataset,
    Discrepancy,
    Document,
    Event,
    Figure,
    Organisation,
    Person,
    Record,
    Side,
    Span,
    Statement,
    Text2,
    all_citations,
    data_names,
    replace_citations,
    section_of,
)

C1 = Citation("doc-a", "первая", "first")
C2 = Citation("doc-b", "вторая", "second", occurrence=2, note="n", path="p.yaml")
C3 = Citation("doc-a", "третья", "third")
T = Text2("English", "Русский")


def _records() -> list[Record]:
    """One record of each kind, each labelled T, citing C1 and C2 (the discrepancy: C1 on
    one side, C2 and C3 on the other)."""
    cites = (C1, C2)
    return [
        Document("doc-a", "a.txt", "2025", "note", T, None, "news_report", "ok",
                 citations=cites),
        Agreement("agr-a", cites, None, "", T, "plan", "interstate", (), (), None, "signed",
                  ()),
        Corridor("cor-a", cites, None, "", T, "road", (), (), (), "planned"),
        Figure("fig-a", cites, None, "", T, "m", "g", "s", (), 1.0, "one", "USD", "exact",
               "actual", None),
        Person("per-a", cites, None, "", T, "minister", None),
        Organisation("org-a", cites, None, "", T, "agency", None),
        Event("evt-a", cites, None, "", T, "visit", None, None),
        Discrepancy("dis-a", (), None, "", T, "wording", "d",
                    (Side("one", (C1,)), Side("two", (C2, C3))), "a"),
        Statement("stm-a", cites, None, "", T, "position", None, "author", ()),
    ]


def test_a_label_in_each_language_falls_back_to_the_other() -> None:
    assert T.get("en") == "English"
    assert T.get("ru") == "Русский"
    assert T.get("kk") == "English"  # any language but Russian reads English first
    assert Text2("", "Только").get("en") == "Только"
    assert Text2("Only", "").get("ru") == "Only"
    assert Text2("", "").get("ru") == ""


def test_every_record_kind_labels_itself_in_each_language() -> None:
    for record in _records():
        assert (record.label("en"), record.label("ru")) == ("English", "Русский"), (
            type(record).__name__)


@pytest.mark.parametrize(("value", "scale", "absolute"), [
    (555.7, "million", 555_700_000.0),
    (2.5, "billion", 2_500_000_000.0),
    (12.0, "thousand", 12_000.0),
    (7.0, "one", 7.0),
])
def test_a_figures_absolute_value_is_its_value_times_its_scale(value: float, scale: str,
                                                               absolute: float) -> None:
    figure = _records()[3]
    assert isinstance(figure, Figure)
    assert replace(figure, value=value, scale=scale).absolute == absolute
    assert SCALE_FACTOR == {"one": 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def test_a_citation_given_a_span_keeps_every_other_field() -> None:
    span = Span(3, 9, 1, 2)
    assert C2.with_span(span) == Citation("doc-b", "вторая", "second", 2, "n", span, "p.yaml")


def test_each_record_kind_is_in_its_own_section() -> None:
    assert [section_of(r).name for r in _records()] == list(SECTION_NAMES)


def test_citations_are_read_and_replaced_on_a_discrepancys_sides() -> None:
    records = _records()
    assert [all_citations(r) for r in records] == [(C1, C2)] * 7 + [(C1, C2, C3), (C1, C2)]

    def noted(cite: Citation) -> Citation:
        return replace(cite, note=f"seen {cite.quote}")

    seen = (replace(C1, note="seen первая"), replace(C2, note="seen вторая"))
    for record in records[:7] + records[8:]:
        fixed = replace_citations(record, noted)
        assert fixed == replace(record, citations=seen), type(record).__name__
    fixed = replace_citations(records[7], noted)
    assert isinstance(fixed, Discrepancy)
    assert fixed.sides == (Side("one", seen[:1]),
                           Side("two", (*seen[1:], replace(C3, note="seen третья"))))
    assert fixed.citations == ()


def test_a_dataset_gives_each_sections_records() -> None:
    records = _records()
    dataset = Dataset("c.yaml", "/r", **{s.name: (r,) for s, r in zip(SECTIONS, records,
                                                                       strict=True)})
    assert [dataset.section(name) for name in SECTION_NAMES] == [(r,) for r in records]


def test_the_table_of_sections_and_its_views() -> None:
    assert [(s.name, s.prefix, s.singular, s.title, s.heading, s.record_type.__name__,
             s.pane) for s in SECTIONS] == [
        ("documents", "doc", "document", "Documents", "DOCUMENT", "Document", "documents"),
        ("agreements", "agr", "agreement", "Agreements", "AGREEMENT", "Agreement",
         "agreements"),
        ("corridors", "cor", "corridor", "Corridors", "CORRIDOR", "Corridor", "corridors"),
        ("figures", "fig", "figure", "Figures", "FIGURE", "Figure", "figures"),
        ("people", "per", "person", "People", "PERSON", "Person", "people"),
        ("organisations", "org", "organisation", "Organisations", "ORGANISATION",
         "Organisation", "organisations"),
        ("events", "evt", "event", "Events", "EVENT", "Event", "timeline"),
        ("discrepancies", "dis", "discrepancy", "Discrepancies", "DISCREPANCY",
         "Discrepancy", "discrepancies"),
        ("statements", "stm", "statement", "Statements", "STATEMENT", "Statement",
         "statements"),
    ]
    assert tuple(s.name for s in SECTIONS) == SECTION_NAMES
    assert [s.section for s in (s.record_type for s in SECTIONS)] == list(SECTION_NAMES)
    for info in SECTIONS:
        assert SECTION_BY_NAME[info.name] is info
        assert SECTION_BY_PREFIX[info.prefix] is info
        assert SECTION_BY_TYPE[info.record_type] is info
        assert SECTION_PREFIX[info.name] == info.prefix
        assert SECTION_SINGULAR[info.name] == info.singular
    assert len(SECTION_BY_NAME) == len(SECTION_BY_PREFIX) == len(SECTION_BY_TYPE) == 9


def test_only_a_figures_label_has_another_name_in_the_data() -> None:
    assert [data_names(s.record_type) for s in SECTIONS] == [
        {}, {}, {}, {"label_text": "label"}, {}, {}, {}, {}, {}]
    assert data_names(Citation) == {}
