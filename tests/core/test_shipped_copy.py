"""core/shipped.copy_shipped: what `kzt-tui copy-data DIR` copies, where it refuses and with
which words (one line, the place)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.shipped import CopyError, CopyRefused, copy_shipped


def _source(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    (src / "data" / "parts").mkdir(parents=True)
    (src / "data" / "curated.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    (src / "data" / "parts" / "1.yaml").write_text("people: []\n", encoding="utf-8")
    (src / "data" / "__pycache__").mkdir()
    (src / "data" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    (src / "data" / ".kzt-tui-cache").write_text("c", encoding="utf-8")
    (src / "seeds").mkdir()
    (src / "seeds" / "a.txt").write_text("Текст\n", encoding="utf-8")
    return src


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_the_data_and_seeds_are_copied_without_what_python_or_kzt_tui_left(
        tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "copy"  # its parents are made too
    assert copy_shipped(target, _source(tmp_path)) == target / "data" / "curated.yaml"
    assert _files(target) == ["data", "data/curated.yaml", "data/parts",
                              "data/parts/1.yaml", "seeds", "seeds/a.txt"]


def test_an_empty_folder_that_exists_is_copied_into(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    copy_shipped(target, _source(tmp_path))
    assert (target / "seeds" / "a.txt").read_text(encoding="utf-8") == "Текст\n"


def test_a_folder_that_is_not_empty_or_a_file_is_refused_with_its_words(
        tmp_path: Path) -> None:
    source = _source(tmp_path)
    full = tmp_path / "full"
    full.mkdir()
    (full / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CopyRefused) as caught:
        copy_shipped(full, source)
    assert str(caught.value) == (f"{full} is a folder that is not empty; nothing copied "
                                 "(give a new or empty folder)")
    assert _files(full) == ["mine.txt"]
    file = tmp_path / "file.txt"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(CopyRefused) as caught:
        copy_shipped(file, source)
    assert str(caught.value) == (f"{file} is not a folder; nothing copied (give a new or "
                                 "empty folder)")


def test_a_place_that_cannot_be_made_is_one_line_with_the_reason(tmp_path: Path) -> None:
    file = tmp_path / "file.txt"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(CopyError) as caught:
        copy_shipped(file / "under", _source(tmp_path))
    assert not isinstance(caught.value, CopyRefused)  # a failure, not a refusal (exit 1)
    assert str(caught.value) == f"cannot copy into {file / 'under'}: Not a directory"
