"""`kzt-tui add-source`: the text stored byte for byte (HTML through trafilatura, the page
kept), its document record in kzt-tui's own file, metadata asked for and never guessed."""

from __future__ import annotations

import io
import json
import sys
import types
from pathlib import Path

import pytest

from kzt_tui.cli import main
from kzt_tui.core.loading import load

TEXT = " date 2025-12-01 Новая статья\r\nТоварооборот превысил $600\u00a0млн.\n".encode()
OPTIONS = ["--title", "Новая статья", "--title-en", "A new article", "--outlet", "none",
           "--kind", "news_report", "--reliability", "Made for a test."]


def _new(tmp_path: Path, name: str = "new-2025.txt", data: bytes = TEXT) -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def test_a_text_is_copied_unchanged_and_its_record_written(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _new(tmp_path)
    assert main(["add-source", "--data", str(split), str(new), *OPTIONS]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added doc-new-2025: new-2025.txt (")
    stored = split.parent / "texts" / "new-2025.txt"
    assert stored.read_bytes() == TEXT
    (doc,) = [d for d in load(split).documents if d.id == "doc-new-2025"]
    assert (doc.file, doc.date, doc.outlet, doc.author) == (
        "texts/new-2025.txt", "2025-12-01", None, None)
    assert doc.date_note == 'From the text\'s leading date line ("date 2025-12-01").'
    assert doc.title.ru == "Новая статья" and doc.kind == "news_report"


def test_what_the_text_does_not_say_is_required_and_nothing_written(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _new(tmp_path, data="Без даты.\n".encode())
    assert main(["add-source", "--data", str(split), str(new), "--title", "T"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert ("the text does not say, so give --title-en, --date, --date-note, --outlet, "
            "--outlet-evidence, --kind, --reliability") in err
    assert not (split.parent / "texts" / "new-2025.txt").exists()
    assert not (split.parent / "parts" / "kzt-tui.yaml").exists()


def test_in_a_terminal_the_missing_metadata_is_asked_for(
        split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    answers = io.StringIO("Kazinform\nThe masthead reads «Kazinform».\n")
    monkeypatch.setattr(answers, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys, "stdin", answers)
    options = [o for o in OPTIONS if o not in ("--outlet", "none")]
    assert main(["add-source", "--data", str(split), str(_new(tmp_path)), *options]) == 0
    err = capsys.readouterr().err
    assert err == ("Outlet as the text names it ('none' if it names none): "
                   "How the text names it (e.g. its masthead): ")
    (doc,) = [d for d in load(split).documents if d.id == "doc-new-2025"]
    assert doc.outlet is not None
    assert (doc.outlet.name, doc.outlet.evidence) == ("Kazinform",
                                                      "The masthead reads «Kazinform».")


def test_an_existing_file_is_never_replaced(split: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    before = (split.parent / "texts" / "a.txt").read_bytes()
    new = _new(tmp_path, "a.txt")
    assert main(["add-source", "--data", str(split), str(new), *OPTIONS]) == 1
    assert "already exists; it is never replaced" in capsys.readouterr().err
    assert (split.parent / "texts" / "a.txt").read_bytes() == before
    assert not (split.parent / "parts" / "kzt-tui.yaml").exists()


def test_a_refused_record_takes_its_new_text_with_it(split: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    new = _new(tmp_path)
    bad = [*OPTIONS, "--id", "doc-a"]  # taken
    assert main(["add-source", "--data", str(split), str(new), *bad]) == 1
    assert "doc-a already exists" in capsys.readouterr().err
    assert not (split.parent / "texts" / "new-2025.txt").exists()


def test_html_without_trafilatura_says_how_to_install_it(
        split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails
    new = _new(tmp_path, "page.html", b"<html><body><p>x</p></body></html>")
    assert main(["add-source", "--data", str(split), str(new), *OPTIONS]) == 2
    assert capsys.readouterr().err == (
        "kzt-tui add-source: reading HTML needs trafilatura, which is not installed: "
        "pip install 'kzt-tui[html]'\n")


def test_html_is_read_by_trafilatura_and_the_page_kept(
        split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = "<html><nav>Меню</nav><article><p>Статья.</p></article></html>".encode()
    seen: list[str] = []

    def extract(html: str, **options: object) -> str:
        seen.append(html)
        return "Статья."

    monkeypatch.setitem(sys.modules, "trafilatura", types.SimpleNamespace(extract=extract))
    new = _new(tmp_path, "page.html", page)
    assert main(["add-source", "--data", str(split), str(new), *OPTIONS, "--date", "none",
                 "--date-note", "The page gives none."]) == 0
    assert seen == [page.decode()]
    assert (split.parent / "texts" / "page.txt").read_text(encoding="utf-8") == "Статья.\n"
    assert (split.parent / "texts" / "page.html").read_bytes() == page
    (doc,) = [d for d in load(split).documents if d.id == "doc-page"]
    assert (doc.file, doc.date) == ("texts/page.txt", None)


def test_a_sources_folder_linking_out_of_the_root_is_refused(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (split.parent / "linked").symlink_to(outside)
    new = _new(tmp_path)
    assert main(["add-source", "--data", str(split), str(new), *OPTIONS,
                 "--into", "linked"]) == 1
    assert "leads outside the dataset root" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
    assert main(["add-source", "--data", str(split), str(new), *OPTIONS,
                 "--into", "../up"]) == 1
    assert "must be a folder inside the dataset root" in capsys.readouterr().err


def test_undo_takes_back_the_record_and_the_text(split: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add-source", "--data", str(split), str(_new(tmp_path)), *OPTIONS]) == 0
    assert (split.parent / "texts" / "new-2025.txt").exists()
    assert main(["undo", "--data", str(split)]) == 0
    assert capsys.readouterr().out.endswith("undone: add doc-new-2025\n")
    assert not (split.parent / "parts" / "kzt-tui.yaml").exists()
    assert not (split.parent / "texts" / "new-2025.txt").exists()
    assert "doc-new-2025" not in [d.id for d in load(split).documents]
    assert main(["undo", "--data", str(split)]) == 1
    assert capsys.readouterr().err == ("kzt-tui undo: nothing to undo: kzt-tui has not "
                                       "written to this dataset\n")


def test_in_a_terminal_no_outlet_asks_no_evidence_and_a_kind_is_asked_again(
        split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    answers = io.StringIO("none\npost\nsocial_post\n")
    monkeypatch.setattr(answers, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys, "stdin", answers)
    options = OPTIONS[:4] + OPTIONS[8:]  # no --outlet, no --kind
    assert main(["add-source", "--data", str(split), str(_new(tmp_path)), *options]) == 0
    kind = "Kind (news_report, analysis, briefing, social_post): "
    assert capsys.readouterr().err == (
        "Outlet as the text names it ('none' if it names none): " + kind + kind)
    (doc,) = [d for d in load(split).documents if d.id == "doc-new-2025"]
    assert (doc.outlet, doc.kind) == (None, "social_post")


def test_cite_adds_a_checked_citation_to_a_record_kzt_tui_wrote(
        split: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kzt_tui.core.curate.store import Curator

    Curator(split).add_record("people", {
        "id": "per-new", "name": {"en": "N", "ru": "Н"}, "role": "minister", "country": "KZ",
        "citations": [{"doc": "doc-a", "quote": "Первая строка", "translation": "x"}]})
    base = ["cite", "--data", str(split), "per-new", "--doc", "doc-a", "--translation", "y"]
    assert main([*base, "--quote", "Третья строкa"]) == 1  # a Latin "a": not verbatim
    assert "kzt-tui cite: [doc-a] quote not found" in capsys.readouterr().err
    assert main([*base, "--quote", "Третья строка"]) == 0
    assert capsys.readouterr().out.startswith("cited in per-new: [doc-a] «Третья строка» (")
    (person,) = [p for p in load(split).people if p.id == "per-new"]
    assert [c.quote for c in person.citations] == ["Первая строка", "Третья строка"]


def test_cite_of_a_hand_written_record_is_written_checked_exported_and_undone(
        split: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A copy's records are all in files written by hand: `cite` adds to one through
    kzt-tui's own part, which check grounds, export carries and undo takes back."""
    hand = split.read_bytes()
    data = ["--data", str(split)]
    assert main(["cite", *data, "per-one", "--doc", "doc-a", "--quote", "Третья строка",
                 "--translation", "third line"]) == 0
    target = split.parent / "parts" / "kzt-tui.yaml"
    assert capsys.readouterr().out == (
        f"cited in per-one: [doc-a] «Третья строка» ({target})\n")
    assert split.read_bytes() == hand
    assert main(["check", *data, "--no-cache"]) == 0
    assert "people             3       4 citations" in capsys.readouterr().out
    out = tmp_path / "out.json"
    assert main(["export", *data, "--format", "json", "--out", str(out)]) == 0
    capsys.readouterr()
    (person,) = [r for r in json.loads(out.read_text(encoding="utf-8"))["people"]
                 if r["id"] == "per-one"]
    assert [c["quote"] for c in person["citations"]] == ["Первая строка", "Третья строка"]
    assert main(["cite", *data, "per-one", "--doc", "doc-a", "--quote", "Третья строка",
                 "--translation", "again"]) == 1
    assert capsys.readouterr().err == (
        "kzt-tui cite: per-one already cites that passage of doc-a (line 3)\n")
    assert main(["undo", *data]) == 0
    assert capsys.readouterr().out == "undone: cite per-one\n"
    assert not target.exists() and split.read_bytes() == hand


