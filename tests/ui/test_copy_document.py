"""`y` on a document copies what a reader expects: in the list or detail the document's
reference; with a passage selected in the source (any pane), that passage with its
reference — not the first passage the document happens to cite (its date line)."""

from __future__ import annotations

import pytest

from kzt_tui.core.paths import shipped_data

from .conftest import Seen
from .helpers import make, record_notifications, wait_for

ONE_REF = "«Переговоры в Акорде» (Talks in Akorda), Test Wire, 26 November 2025"


@pytest.mark.parametrize(("keys", "clipboard"), [
    (("1", "y"), ONE_REF),
    (("1", "tab", "y"), ONE_REF),  # from the detail too
    (("1", "j", "y"), "«Заметки о торговле» (Trade [red]notes[/red]), outlet not named, undated"),
    (("1", "L", "y"), "«Переговоры в Акорде», Test Wire, 26 ноября 2025"),
])
async def test_y_on_a_document_copies_its_reference(keys: tuple[str, ...],
                                                    clipboard: str) -> None:
    app = make()
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        told = record_notifications(app)
        await pilot.press(*keys)
        await wait_for(pilot, lambda: seen.copy is not None)
        assert app.clipboard == clipboard
        assert told[-1]["message"].startswith(
            "Copied reference of the document (" if "L" not in keys
            else "Скопировано: ссылка на документ (")


async def test_y_on_a_shipped_document_is_not_its_date_line() -> None:
    app = make(shipped_data())
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("1", "y")
        await wait_for(pilot, lambda: seen.copy is not None)
        assert app.clipboard == (
            "«Государственный визит Сердара Бердымухамедова в Казахстан, 24–25 ноября 2025 "
            "года» (State visit of Serdar Berdimuhamedov to Kazakhstan, 24–25 November 2025), "
            "outlet not named, 26 November 2025")


@pytest.mark.parametrize(("key", "clipboard"), [
    ("y", "«Переговоры в Акорде [bold]прошли[/] 25 ноября.»\n— " + ONE_REF
          + ", paragraph 1 (line 1)"),
    ("Y", "Переговоры в Акорде [bold]прошли[/] 25 ноября."),
])
async def test_with_a_sentence_selected_y_copies_it(key: str, clipboard: str) -> None:
    app = make()
    seen = Seen()
    async with app.run_test(size=(120, 40), message_hook=seen) as pilot:
        await pilot.press("1", "V")  # the first sentence of the document's text
        await pilot.pause()
        await pilot.press(key)
        await wait_for(pilot, lambda: seen.copy is not None)
        assert app.clipboard == clipboard
