"""A marks.yaml from someone else (core/marks.py), seen through the app: its tags and
notes reach the terminal inert wherever the app shows them (a facet, the facet line above
the list, the note's form)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzt_tui.core.marks import HEADER

from ..helpers import make_split
from .helpers import (
    assert_inert,
    curate_app,
    explorer_of,
    run_command,
    terminal_output,
    visible_text,
)

#: An OSC 52 clipboard write, a screen clear as CSI and as C1, a bidi override.
PAYLOAD = "\x1b]52;c;UFdO\x07\x1b[2J\x9b2J\u202e"
#: What a tag may hold of it (no brackets): a terminal reset, a screen clear as C1, an override.
TAG = "x\x1bc\x9b2J\u202e"


def _hostile_marks(tmp_path: Path) -> Path:
    top = make_split(tmp_path)
    (top.parent / "marks.yaml").write_text(
        f"{HEADER}\nper-one: {{marked: true, tags: [{json.dumps(TAG)}], "
        f"note: {json.dumps('Note ' + PAYLOAD)}}}\n", encoding="utf-8")
    return top


async def test_a_hostile_tag_in_a_facet_and_the_facet_line_reaches_the_terminal_inert(
        tmp_path: Path) -> None:
    app = curate_app(_hostile_marks(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")  # People
        await pilot.pause()
        await run_command(pilot, app, "Facet by tags")
        out = terminal_output(app)
        assert_inert(out)
        assert "x␛c⍰2J⍰" in visible_text(out)
        await pilot.press("down", "enter")  # keep the tagged record: the line above the list
        await pilot.pause()
        assert len(explorer_of(app).fact_list.rows) == 1
        out = terminal_output(app)
        assert_inert(out)
        assert "x␛c⍰2J⍰" in visible_text(out)


async def test_a_hostile_note_in_the_note_form_reaches_the_terminal_inert(
        tmp_path: Path) -> None:
    app = curate_app(_hostile_marks(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")  # People: per-one first
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        out = terminal_output(app)
        assert_inert(out)
        assert "Note ␛]52;c;UFdO␇" in visible_text(out)


async def test_a_marks_file_is_read_once_per_change_for_the_star_and_the_filter(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """marks.yaml may be 16 MiB (~7 s to read): the ★ of the rows and the filter's
    `marked:`/`tag:` read it through one cache, so a list after a change reads it once
    (the ★ had a cache of its own and read it a second time)."""
    import kzt_tui.core.marks as marks_module

    top = make_split(tmp_path)
    (top.parent / "marks.yaml").write_text(f"{HEADER}\nper-one: {{marked: true}}\n",
                                           encoding="utf-8")
    reads: list[Path] = []
    real = marks_module.load_marks

    def counted(path: Path) -> dict[str, marks_module.Mark]:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(marks_module, "load_marks", counted)
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")  # People
        await pilot.pause()
        assert "★" in visible_text(terminal_output(app))
        assert len(reads) == 1
        await pilot.press("slash", *"marked:yes", "enter")
        await pilot.pause()
        assert len(explorer_of(app).fact_list.rows) == 1
        assert len(reads) == 1  # unchanged since: not read again


async def test_a_note_opened_and_saved_unchanged_keeps_its_lines_and_controls(
        tmp_path: Path) -> None:
    """The note's box is one line and shows a newline as ⏎ and an ESC as ␛: `M` then enter
    wrote those symbols back as the note, so merely looking at a note changed it."""
    from kzt_tui.core.marks import load_marks

    top = make_split(tmp_path)
    marks = top.parent / "marks.yaml"
    note = "line one\nline two \x1b[31m"
    marks.write_text(f"{HEADER}\nper-one: {{marked: true, note: {json.dumps(note)}}}\n",
                     encoding="utf-8")
    app = curate_app(top)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")  # People: per-one first
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        assert "line one⏎line two ␛[31m" in visible_text(terminal_output(app))
        await pilot.press("enter")
        await pilot.pause()
    assert load_marks(marks)["per-one"].note == note
