"""The shipped dataset is read-only (core/shipped.py): a fake installed package in tmp,
selected the way the code decides (core/paths.py's package folder), refuses every write
with one line and writes no file; `kzt-tui copy-data` makes the writable copy."""

from __future__ import annotations

from pathlib import Path

import pytest

import kzt_tui
from kzt_tui.cli import main
from kzt_tui.core.shipped import copy_shipped, is_shipped

from ..helpers import make_split

REPO = Path(kzt_tui.__file__).resolve().parent.parent
WHY = ("the shipped dataset lives inside the installed package and a reinstall would replace "
       "it: make your own copy with `kzt-tui copy-data DIR`, then open it with `kzt-tui "
       "--data DIR/data/curated.yaml`")


def _files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A kzt_tui package folder as pip installs it, the one the code takes for its own."""
    folder = tmp_path / "site-packages" / "kzt_tui"
    folder.mkdir(parents=True)
    monkeypatch.setattr("kzt_tui.core.paths._PACKAGE", folder)
    return folder


def test_the_decision_is_the_package_folder(tmp_path: Path) -> None:
    package = tmp_path / "kzt_tui"
    assert is_shipped(package / "_dataset" / "data" / "marks.yaml", package)
    assert not is_shipped(tmp_path / "data" / "marks.yaml", package)  # a checkout's data/
    assert not is_shipped(REPO / "data" / "marks.yaml")  # this editable checkout


def test_mark_on_the_shipped_default_is_refused_and_writes_nothing(
        package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_shipped(package / "_dataset", REPO)
    before = _files(package)
    assert main(["mark", "agr-joint-statement-2025", "--note", "mine"]) == 1
    assert capsys.readouterr().err == f"kzt-tui mark: {WHY}\n"
    assert _files(package) == before


def test_a_citation_into_the_shipped_dataset_is_refused_and_writes_nothing(
        package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    top = make_split(package / "_dataset")
    before = _files(package)
    assert main(["cite", "per-one", "--doc", "doc-a", "--quote", "Первая строка",
                 "--translation", "The first line", "--data", str(top)]) == 1
    assert capsys.readouterr().err == f"kzt-tui cite: not written: {WHY}\n"
    assert _files(package) == before


def test_add_source_into_the_shipped_dataset_is_refused_and_writes_nothing(
        package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    top = make_split(package / "_dataset")
    new = tmp_path / "new-2025.txt"
    new.write_text("date 2025-12-01 Новая статья.\n", encoding="utf-8")
    before = _files(package)
    assert main(["add-source", "--data", str(top), str(new), "--title", "Новая статья",
                 "--title-en", "A new article", "--outlet", "none", "--kind",
                 "news_report", "--reliability", "Made for a test."]) == 1
    assert capsys.readouterr().err == f"kzt-tui add-source: not written: {WHY}\n"
    assert _files(package) == before


def test_copy_data_copies_the_shipped_dataset_and_the_copy_checks_clean(
        package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_shipped(package / "_dataset", REPO)
    (package / "_dataset" / "data" / "__pycache__").mkdir()  # not data: left out
    target = tmp_path / "mine"
    assert main(["copy-data", str(target)]) == 0
    curated = target / "data" / "curated.yaml"
    assert capsys.readouterr().out == f"copied; open it with: kzt-tui --data {curated}\n"
    shipped = package / "_dataset"
    assert {p.relative_to(target): b for p, b in _files(target).items()} == {
        p.relative_to(shipped): b for p, b in _files(shipped).items()}
    assert main(["check", "--data", str(curated)]) == 0
    assert main(["mark", "agr-joint-statement-2025", "--data", str(curated)]) == 0
    assert capsys.readouterr().out.endswith("agr-joint-statement-2025: marked\n")


def test_copy_data_refuses_a_folder_that_is_not_empty(
        package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    copy_shipped(package / "_dataset", REPO)
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert main(["copy-data", str(target)]) == 2  # a usage error, as export --out's refusal
    assert capsys.readouterr().err == (f"kzt-tui copy-data: {target} is a folder that is not "
                                       "empty; nothing copied (give a new or empty folder)\n")
    assert _files(target) == {target / "notes.txt": b"mine\n"}


def test_will_not_overwrite_exits_2_for_copy_data_and_export_alike(
        package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """README's exit codes: refusing to write over what is there is a usage error (2: give
    another place, or --force), not a data or write error (1)."""
    copy_shipped(package / "_dataset", REPO)
    target = tmp_path / "copy"
    assert main(["copy-data", str(target)]) == 0
    assert main(["copy-data", str(target)]) == 2  # the second copy: not empty now
    file = tmp_path / "file.txt"
    file.write_text("x", encoding="utf-8")
    assert main(["copy-data", str(file)]) == 2  # not a folder: the user's choice too
    out = tmp_path / "briefing.md"
    out.write_text("mine", encoding="utf-8")
    curated = target / "data" / "curated.yaml"
    assert main(["export", "--data", str(curated), "--format", "md", "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "mine"
    # a copy that went wrong is still 1 (a write error), as a failed export write is
    assert main(["copy-data", str(file / "under")]) == 1
    assert "cannot copy into" in capsys.readouterr().err


def test_copy_data_refuses_data_of_the_users_own_and_takes_the_shipped_one(
        package: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Given --data of a dataset of the user's (a copy, with their citations), copy-data
    refuses in one line rather than copy the shipped one as if it were that."""
    copy_shipped(package / "_dataset", REPO)
    mine = tmp_path / "mine" / "data" / "curated.yaml"
    assert main(["copy-data", str(tmp_path / "mine")]) == 0
    capsys.readouterr()
    target = tmp_path / "second"
    assert main(["--data", str(mine), "copy-data", str(target)]) == 2
    assert capsys.readouterr().err == (
        f"kzt-tui copy-data: it copies the shipped dataset, not {mine}: that one is yours "
        "and writable already (to have a second, copy its folder)\n")
    assert not target.exists()
    shipped = package / "_dataset" / "data" / "curated.yaml"
    assert main(["--data", str(shipped), "copy-data", str(target)]) == 0
    assert (target / "data" / "curated.yaml").is_file()
    part = package / "_dataset" / "data" / "parts" / "000.yaml"  # a file of the shipped
    assert part.is_file()  # dataset is the shipped one (once: "yours and writable already")
    assert main(["--data", str(part), "copy-data", str(tmp_path / "third")]) == 0
    assert (tmp_path / "third" / "data" / "curated.yaml").read_bytes() == shipped.read_bytes()
