"""A form's mapping written with a key it must hold left empty (an agreement's period
without a start): the key is written as null, as the shipped data writes an open bound,
and the file passes `kzt-tui check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.cli import main
from kzt_tui.core.curate.form import CITE, build, form_fields, record_of
from kzt_tui.core.curate.store import HEADER, Curator

AGREEMENT = {"id": "agr-new", "title.en": "Plant", "title.ru": "Станция",
             "kind": "agreement", "level": "interstate", "parties": "Kazakhstan",
             "countries": "KZ", "date": "", "status": "signed", "topics": "energy",
             CITE + "doc": "doc-a", CITE + "quote": "Первая строка",
             CITE + "translation": "First line."}
HEAD = '''\
agreements:
  - id: agr-new
    title: {en: "Plant", ru: "Станция"}
    kind: agreement
    level: interstate
    parties: ["Kazakhstan"]
    countries: [KZ]
    date: null
'''
TAIL = '''\
    status: signed
    topics: [energy]
    citations:
      - doc: doc-a
        quote: "Первая строка"
        translation: "First line."
'''


@pytest.mark.parametrize(("period", "written"), [
    (("until 2027", "", "2027"), '    period: {label: "until 2027", start: null, end: "2027"}\n'),
    (("from 2025", "2025", ""), '    period: {label: "from 2025", start: "2025", end: null}\n'),
    (("", "", ""), ""),  # an optional period left empty is left out, not null
])
def test_an_empty_bound_of_a_period_is_written_null_and_the_file_checks(
        split: Path, period: tuple[str, str, str], written: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    typed = {**AGREEMENT, **dict(zip(("period.label", "period.start", "period.end"), period,
                                     strict=True))}
    record = record_of("agreements", form_fields("agreements", typed), typed)
    Curator(split).add_record("agreements", record)
    target = split.parent / "parts" / "kzt-tui.yaml"
    assert target.read_text(encoding="utf-8") == HEADER + "\n\n" + HEAD + written + TAIL
    capsys.readouterr()
    assert main(["check", "--no-cache", "--data", str(split)]) == 0
    assert f"{split}: OK" in capsys.readouterr().out


def test_only_a_key_its_mapping_must_hold_and_may_be_null_is_written_null() -> None:
    """A period's label must not be null: left empty it is left out (the check names it);
    a document's outlet, needed, left empty is null whole."""
    typed = {**AGREEMENT, "period.label": "", "period.start": "2025", "period.end": ""}
    record, problems = build("agreements", form_fields("agreements", typed), typed)
    assert record["period"] == {"start": "2025", "end": None} and problems == []
    figure = {"period.label": "", "period.start": "", "period.end": ""}
    fields = [f for f in form_fields("figures") if f.path.startswith("period.")]
    record, problems = build("figures", fields, figure)
    assert record["period"] is None and problems == []
