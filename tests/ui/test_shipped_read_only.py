"""In the app, the shipped dataset (inside the installed package, core/shipped.py) is
read-only: `m` and `+` say why and what to do, in the interface's language, and no file
appears."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..helpers import make_split
from .helpers import curate_app, files_of, record_notifications

WHY = ("the shipped dataset lives inside the installed package and a reinstall would replace "
       "it: make your own copy with `kzt-tui copy-data DIR`, then open it with `kzt-tui "
       "--data DIR/data/curated.yaml`")
WHY_RU = ("поставляемый набор данных лежит внутри установленного пакета, и переустановка "
          "заменила бы его: сделайте свою копию командой `kzt-tui copy-data DIR`, затем "
          "откройте её: `kzt-tui --data DIR/data/curated.yaml`")


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dataset inside a kzt_tui package folder the code takes for its own."""
    package = tmp_path / "site-packages" / "kzt_tui"
    top = make_split(package / "_dataset")
    monkeypatch.setattr("kzt_tui.core.paths._PACKAGE", package)
    return top


async def test_m_on_the_shipped_dataset_is_refused_and_writes_nothing(shipped: Path) -> None:
    before = files_of(shipped.parent)
    app = curate_app(shipped)
    async with app.run_test(size=(120, 40)) as pilot:
        calls = record_notifications(app)
        await pilot.press("7", "m")  # People, mark the first
        await pilot.pause()
        await pilot.press("L", "m")  # the same in Russian
        await pilot.pause()
    assert [(c["message"], c["title"], c["severity"]) for c in calls] == [
        (WHY, "Marks not changed", "error"), ("Интерфейс на русском", "", "information"),
        (WHY_RU, "Отметки не изменены", "error")]
    assert files_of(shipped.parent) == before


async def test_a_new_record_on_the_shipped_dataset_is_refused_before_its_form(
        shipped: Path) -> None:
    before = files_of(shipped.parent)
    app = curate_app(shipped)
    async with app.run_test(size=(120, 40)) as pilot:
        calls = record_notifications(app)
        await pilot.press("7", "plus")
        await pilot.pause()
    assert [(c["message"], c["title"], c["severity"]) for c in calls] == [
        (WHY, "Not written", "error")]
    assert files_of(shipped.parent) == before


@pytest.mark.parametrize("key", ["a", "A"])
async def test_a_record_or_citation_of_a_selection_is_refused_before_the_chooser(
        shipped: Path, key: str) -> None:
    """`7 Tab Tab V a` (or `A`): refused at once, as `m` is, not after a section or record
    is chosen in a palette."""
    from textual.command import CommandPalette

    before = files_of(shipped.parent)
    app = curate_app(shipped)
    async with app.run_test(size=(120, 40)) as pilot:
        calls = record_notifications(app)
        await pilot.press("7", "tab", "tab", "V")  # People: per-one, cited in doc-a
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
    assert [(c["message"], c["title"], c["severity"]) for c in calls] == [
        (WHY, "Not written", "error")]
    assert files_of(shipped.parent) == before
