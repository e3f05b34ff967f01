"""`kzt-tui export`: each format to stdout as the export module writes it, --out and
--force, and the usage errors of a wrong section or format (the formats themselves are
tested in tests/core/test_export.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.cli import main
from kzt_tui.core.corpus import SECTIONS, Corpus
from kzt_tui.core.export import export_text
from kzt_tui.core.loading import load

FORMATS = ("json", "csv", "md", "csl-json")


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_export_to_stdout(fmt: str, mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--data", str(mini), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert out == export_text(Corpus(load(mini)), fmt)
    assert "Первая строка" in out or fmt == "csl-json"


def test_cli_out_refuses_to_overwrite_without_force(
        mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brief.md"
    assert main(["export", "--data", str(mini), "--format", "md", "--out", str(out)]) == 0
    assert "## Agreements (1)" in out.read_text(encoding="utf-8")
    assert f"to {out}" in capsys.readouterr().err
    out.write_text("mine", encoding="utf-8")
    assert main(["export", "--data", str(mini), "--format", "md", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "mine"
    assert main(["export", "--data", str(mini), "--format", "md", "--out", str(out),
                 "--force"]) == 0
    assert "## Agreements (1)" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.md", "mini"]


def test_cli_unknown_section_is_a_usage_error(
        mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--data", str(mini), "--format", "csv", "--section", "nope"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "unknown section 'nope'" in captured.err
    assert ", ".join(SECTIONS) in captured.err


def test_cli_csl_json_with_section_is_a_usage_error(
        mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--data", str(mini), "--format", "csl-json", "--section",
                 "documents"]) == 2
    assert "does not apply to csl-json" in capsys.readouterr().err


def test_cli_unwritable_out_is_reported(mini: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "x.json"
    assert main(["export", "--data", str(mini), "--format", "json", "--out", str(out)]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_cli_sqlite_is_written_to_a_file_only(
        mini: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    assert main(["export", "--data", str(mini), "--format", "sqlite"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "sqlite is a binary file, not for stdout: give --out FILE" in captured.err
    out = tmp_path / "facts.sqlite"
    assert main(["export", "--data", str(mini), "--format", "sqlite", "--out", str(out)]) == 0
    assert f"bytes to {out}" in capsys.readouterr().err
    db = sqlite3.connect(out)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT record_id FROM citations_fts JOIN citations c "
                      "ON c.id = citations_fts.rowid WHERE citations_fts MATCH 'строка'"
                      ).fetchall() == [("agr-one",), ("cor-road",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.sqlite", "mini"]  # no temp


def test_cli_briefing_ids_and_paths_only_with_ids(
        mini: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")
    assert main(["export", "--data", str(mini), "--format", "md"]) == 0
    plain = capsys.readouterr().out
    assert "agr-one" not in plain and "texts/a.txt" not in plain and "curated.yaml" not in plain
    assert "exported on 2 January 2026" in plain
    assert main(["export", "--data", str(mini), "--format", "md", "--with-ids"]) == 0
    with_ids = capsys.readouterr().out
    assert "`agr-one`" in with_ids and "texts/a.txt" in with_ids
    assert "Dataset: `curated.yaml`" in with_ids
