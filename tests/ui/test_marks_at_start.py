"""A marks.yaml that cannot be read is said when the app starts, in one line with its place
(the lists show no ★ meanwhile), not only once `m` is pressed."""

from __future__ import annotations

from pathlib import Path

from kzt_tui.core.marks import HEADER

from ..helpers import make_split
from .helpers import curate_app, record_notifications, toasts


async def _started(top: Path) -> list[dict[str, object]]:
    app = curate_app(top)
    told = record_notifications(app)  # before on_mount: what the start says
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause(0.2)
        shown = toasts(app)
        for call in told:  # the toast is drawn: its title, then the message
            call["shown"] = shown == [f"{call['title']}\n{call['message']}"]
    return told


async def test_a_broken_marks_file_is_one_error_at_start(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    marks = top.parent / "marks.yaml"
    marks.write_text(f"{HEADER}\nper-one: {{marked: maybe}}\n", encoding="utf-8")
    told = await _started(top)
    assert [(c["message"], c["title"], c["severity"], c["shown"]) for c in told] == [
        (f"{marks}:2:11: per-one.marked: expected true or false", "Marks not read",
         "error", True)]


async def test_a_marks_file_that_is_a_folder_is_said_at_start(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    (top.parent / "marks.yaml").mkdir()
    told = await _started(top)
    assert [c["message"] for c in told] == [
        f"{top.parent / 'marks.yaml'}: the marks file is a folder, not a regular file; "
        "kzt-tui reads and writes only a regular file there (move it aside)"]


async def test_good_or_missing_marks_say_nothing(tmp_path: Path) -> None:
    top = make_split(tmp_path)
    assert await _started(top) == []
    (top.parent / "marks.yaml").write_text(f"{HEADER}\nper-one: {{marked: true}}\n",
                                           encoding="utf-8")
    assert await _started(top) == []

