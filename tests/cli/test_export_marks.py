"""`kzt-tui export --marked` / `--tag T`: the records go out with what the user noted on them
(marked, tags, note), each format the way it shows notes elsewhere."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from kzt_tui.cli import main


@pytest.fixture
def noted(mini: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The mini dataset with fig-trade marked and noted, cor-road tagged but not marked."""
    assert main(["mark", "--data", str(mini), "fig-trade"]) == 0
    assert main(["mark", "--data", str(mini), "fig-trade", "--tag", "trade", "--tag", "check",
                 "--note", "Compare with 2023."]) == 0
    assert main(["mark", "--data", str(mini), "cor-road", "--unmark", "--tag", "route"]) == 0
    capsys.readouterr()
    return mini


def _export(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["export", "--data", str(data), *args]) == 0
    return capsys.readouterr().out


def test_json_gives_each_record_its_marks(noted: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    got = json.loads(_export(noted, capsys, "--format", "json", "--marked"))
    assert [r["marks"] for r in got["figures"]] == [
        {"marked": True, "tags": ["trade", "check"], "note": "Compare with 2023."}]
    got = json.loads(_export(noted, capsys, "--format", "json", "--tag", "route"))
    assert [r["marks"] for r in got["corridors"]] == [
        {"marked": False, "tags": ["route"], "note": None}]


def test_csv_has_the_marks_columns_before_the_passages(
        noted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = list(csv.DictReader(io.StringIO(
        _export(noted, capsys, "--format", "csv", "--marked").lstrip("\ufeff"))))
    assert [(r["id"], r["marked"], r["tags"], r["mark_note"]) for r in rows] == [
        ("fig-trade", "yes", "trade; check", "Compare with 2023.")]
    header = list(rows[0])
    assert header[-8:] == ["marked", "tags", "mark_note", "notes", "citations", "quotes",
                           "translations", "references"]


def test_the_whole_dataset_export_has_no_marks_columns(
        noted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    header = _export(noted, capsys, "--format", "csv").lstrip("\ufeff").splitlines()[0]
    assert "mark_note" not in header.split(",")
    assert "marks" not in json.loads(_export(noted, capsys, "--format", "json"))["figures"][0]


def test_the_briefing_lists_tags_and_note_under_the_record(
        noted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _export(noted, capsys, "--format", "md", "--tag", "trade").splitlines()
    at = lines.index("### Trade")
    block = lines[at:lines.index("", lines.index("", at) + 1)]
    assert block[-2:] == ["- **Tags:** trade, check", "- **Your note:** Compare with 2023."]


def test_sqlite_has_a_marks_table(noted: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "marked.sqlite"
    assert main(["export", "--data", str(noted), "--format", "sqlite", "--tag", "route",
                 "--out", str(out)]) == 0
    db = sqlite3.connect(out)
    try:
        assert db.execute("SELECT record_id, marked, tags, note FROM marks").fetchall() == [
            ("cor-road", 0, "route", None)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()
