"""`kzt-tui add-source` on a text whose dateline comes after its headline: the date and the
place are read from it, as from a dateline on the first line (it used to read the first
line only, and asked for the date or refused without it); --help says so, as the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.cli import main
from kzt_tui.core.loading import load

OPTIONS = ["--title", "Мост через залив", "--title-en", "A bridge across the bay",
           "--outlet", "none", "--kind", "news_report", "--reliability", "A test."]


@pytest.mark.parametrize("head", [
    "Казахстан и Туркменистан договорились о мосте\n",
    "Казахстан и Туркменистан договорились о мосте\n\nПодзаголовок о торговле\n",
])
def test_a_dateline_after_the_headline_gives_the_date(
        split: Path, tmp_path: Path, head: str) -> None:
    new = tmp_path / "bridge.txt"
    new.write_text(head + "Ашхабад, 3 декабря 2025 года.\nСтороны договорились.\n",
                   encoding="utf-8")
    assert main(["add-source", "--data", str(split), str(new), *OPTIONS]) == 0
    (doc,) = [d for d in load(split).documents if d.id == "doc-bridge"]
    assert doc.date == "2025-12-03"
    assert doc.date_note == ("From the text's dateline «Ашхабад, 3 декабря 2025 года.», "
                             "place Ашхабад.")


def test_add_source_help_mentions_the_dateline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add-source", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "dateline" in help_text
    assert "«Ашхабад, 3 декабря 2025 года.»" in help_text
    assert "first three lines" in help_text
