"""A change of marks reads marks.yaml once (the bytes it checks are the bytes it parses and
rewrites), however many changes an app session makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.curate import ownfile
from kzt_tui.core.marks import HEADER, Marks, load_marks


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path read through core/curate/ownfile (how marks.yaml is read), in order."""
    seen: list[Path] = []
    real = ownfile.read_bounded

    def counting(path: Path, *args: object, **kwargs: object) -> bytes:
        seen.append(Path(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ownfile, "read_bounded", counting)
    return seen


@pytest.mark.parametrize("change", [
    lambda m: m.mark("fig-a"), lambda m: m.unmark("fig-a"), lambda m: m.tag("fig-a", "x"),
    lambda m: m.untag("fig-a", "x"), lambda m: m.note("fig-a", "n"),
])  # fmt: skip
def test_each_change_reads_the_file_once(tmp_path: Path, reads: list[Path],
                                         change: object) -> None:
    path = tmp_path / "marks.yaml"
    path.write_text(f"{HEADER}\nfig-b: {{marked: true}}\n", encoding="utf-8")
    marks = Marks(path)
    assert reads == [path]
    change(marks)  # type: ignore[operator]
    assert reads == [path, path]
    assert set(load_marks(path)) >= {"fig-b"}  # what was there is kept


def test_an_edit_since_the_marks_were_read_is_kept(tmp_path: Path, reads: list[Path]) -> None:
    path = tmp_path / "marks.yaml"
    marks = Marks(path)  # no file yet
    path.write_text(f"{HEADER}\nfig-b: {{marked: true}}\n", encoding="utf-8")
    marks.mark("fig-a")
    assert reads == [path, path]
    assert path.read_text(encoding="utf-8") == (
        f"{HEADER}\nfig-a: {{marked: true}}\nfig-b: {{marked: true}}\n")


def test_a_file_not_written_by_kzt_tui_is_refused_from_the_same_read(
        tmp_path: Path, reads: list[Path]) -> None:
    path = tmp_path / "marks.yaml"
    marks = Marks(path)
    path.write_text("fig-b: {marked: true}\n", encoding="utf-8")
    with pytest.raises(PermissionError, match="not written by kzt-tui"):
        marks.mark("fig-a")
    assert reads == [path, path]
    assert path.read_text(encoding="utf-8") == "fig-b: {marked: true}\n"
