"""`L`: the whole interface in Russian (tabs, headers, the detail's field names, values,
footer, help, notifications, dialogs), in place (same pane, item, passage, source line,
focus, filter), remembered across a restart. The English words looked for are the
catalogue's own msgids, so a string that skips the catalogue shows up here."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest
from babel.messages.pofile import read_po
from textual.containers import Vertical
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input

from kzt_tui.app import KztApp
from kzt_tui.core.i18n import LOCALE_DIR, tr
from kzt_tui.screens.explorer_keys import ACTIONS, GROUPS

from .conftest import SIZES
from .helpers import make, terminal_output, toasts, wait_for

PO = LOCALE_DIR / "ru" / "LC_MESSAGES" / "kzt_tui.po"


@cache
def ui_words() -> dict[str, str]:
    """msgid → Russian of every message whose Russian differs, as a word or phrase of at
    least four letters (shorter ones, "km", "USD", also stand in data and keys)."""
    with PO.open("rb") as f:
        catalog = read_po(f, locale="ru", domain="kzt_tui")
    out = {}
    for message in catalog:
        if not message.id or not message.string or message.string == message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        pieces = [p for msgid in ids for p in re.split(r"\{\w+\}", msgid)]
        for piece in pieces:  # the words around the values
            piece = piece.strip(" :·()…,.")
            if sum(c.isalpha() for c in piece) >= 4:
                out[piece] = str(message.string)
    return out


def _found(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text) is not None


def rows(app: KztApp) -> list[str]:
    """The screen's rows as text."""
    out = terminal_output(app)
    text = re.sub(r"\x1b\[[0-9;]*m", "", re.sub(r"\x1b\[\d+;\d+H", "\n", out))
    return [row.rstrip("\r") for row in text.split("\n") if row.strip("\r")]


def chrome(app: KztApp) -> str:
    """What the interface itself writes on the explorer, none of it data: the tabs, the
    list's header, the detail's field names, the source's place line, the footer."""
    screen = rows(app)
    detail = app.explorer.detail
    top = detail.region.y
    labels = []
    for row in screen[top + 1 : top + detail.region.height]:  # the fields, to a heading
        if row.startswith("──"):
            break
        labels.append(row[:13])
    place = app.explorer.source.query_one("#source-header").region.y + 2
    return "\n".join([screen[0], screen[1], *labels, screen[place], screen[-1]])


def inside(app: KztApp, widget: Widget) -> str:
    """The screen's text within `widget`'s region (a dialog over the explorer)."""
    region = widget.region
    return "\n".join(row[region.x : region.right]
                     for row in rows(app)[region.y : region.bottom])


def english_in(text: str) -> set[str]:
    return {word for word in ui_words() if _found(word, text)}


async def _russian(pilot: Pilot[Any]) -> None:
    await pilot.press("L")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_after_L_no_english_ui_word_is_left_on_the_explorer(size) -> None:
    app = make()
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        before = english_in(chrome(app))
        assert {"Title", "Status", "Kind"} <= before  # the check sees English when it is there
        await _russian(pilot)
        after = chrome(app)
        assert english_in(after) == set(), after
        for word in ("Заголовок", "Статус", "Вид", "строка"):
            assert word in after
        await wait_for(pilot, lambda: "Интерфейс на русском" in " ".join(
            " ".join(toast.split()) for toast in toasts(app)))
        await _russian(pilot)  # and back: English again, as it was
        # the same message both ways (fixes4: it said "Labels in English")
        await wait_for(pilot, lambda: "Interface in English" in [
            " ".join(toast.split()) for toast in toasts(app)])
        # the toasts gone: stacked at 80x24 they cover the end of the source's place line
        app.clear_notifications()
        await pilot.pause()
        assert english_in(chrome(app)) == before


async def test_after_L_values_of_the_vocabularies_are_russian_in_list_and_detail() -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await _russian(pilot)
        screen = "\n".join(rows(app))
        assert "подписано" in screen and "signed" not in screen
        assert "межправительственный" in screen  # the agreement's level, in the detail
        assert "СОГЛАШЕНИЕ" in screen and "AGREEMENT" not in screen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_help_in_russian_has_no_english_line_or_heading(size) -> None:
    app = make()
    async with app.run_test(size=size) as pilot:
        await _russian(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        dialog = inside(app, app.screen.query_one(Vertical))
        help_text = re.sub(r"\s+", " ", " ".join(
            row.strip(" │╭╮╰╯─") for row in dialog.split("\n")))
        assert tr(GROUPS[0][1], "ru") in help_text
        english = {a.help for a in ACTIONS if not a.args} | {h for _, h in GROUPS}
        # lines are wrapped: look for their first words
        left = {e for e in english if " ".join(e.split()[:3]) in help_text}
        assert left == set()
        assert english_in(help_text) == set(), help_text


async def test_dialogs_and_notifications_follow_the_language() -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await _russian(pilot)
        await pilot.press("F")  # the facet of the list's first column
        await pilot.pause()
        facet = "\n".join(rows(app))
        assert "Фасет по столбцу" in facet and "Facet by" not in facet
        assert "enter оставляет эти записи" in facet
        await pilot.press("escape", "s", *"aktau")
        await wait_for(pilot, lambda: bool(getattr(app.screen, "hits", None)))
        await pilot.pause()
        search = "\n".join(rows(app))
        assert "строка" in search and "source" not in search and "источник" in search
        assert english_in(search.split("\n")[-1]) == set()  # the footer
        await pilot.press("escape", "e")
        await pilot.pause()
        export = "\n".join(rows(app))
        assert "Текущий список" in export and "Current list" not in export
        assert "Формат задаёт окончание" in export


async def test_L_keeps_the_place_focus_and_filter() -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"bridge", "enter")
        await pilot.press("right_square_bracket", "tab", "tab", "j", "j", "j")
        await pilot.pause()
        explorer = app.explorer
        text = explorer.source.text_view
        before = (explorer.pane.name, explorer.selection.record.id, explorer.selection.index,
                  text.place.line, text.scroll_offset.y, app.focused.id,
                  explorer.detail.cursor_key)
        assert before[3] > 1 and before[5] == "source-text"
        await _russian(pilot)
        after = (explorer.pane.name, explorer.selection.record.id, explorer.selection.index,
                 text.place.line, text.scroll_offset.y, app.focused.id,
                 explorer.detail.cursor_key)
        assert after == before
        box = explorer.query_one("#filter", Input)
        assert box.display and box.value == "bridge"
        assert "строка" in chrome(app)


async def test_the_language_persists_across_a_restart() -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("L", "q")
    again = make()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.lang == "ru"
        assert "Согл" in rows(again)[0] and english_in(chrome(again)) == set()


async def test_the_filter_language_hint_and_a_chart_follow_the_language() -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"stauts:x", "enter", "L")
        await pilot.pause()
        listed = "\n".join(rows(app))
        assert "неизвестное поле 'stauts' (может быть, status?)" in listed
        assert "unknown field" not in listed
        await pilot.press("escape", "L")  # the hint goes back to English with the rest
        await pilot.press("slash", *"stauts:x", "enter")
        await pilot.pause()
        assert "unknown field 'stauts'" in "\n".join(rows(app))
        await pilot.press("escape", "L", "4")
        await pilot.pause()
        figures = "\n".join(rows(app))
        assert "Значение" in figures and "Value" not in figures


async def test_a_chart_and_what_it_leaves_out_in_russian() -> None:
    from ..helpers import FIXTURES

    app = make(FIXTURES / "compare" / "curated.yaml")
    async with app.run_test(size=(160, 60)) as pilot:
        await pilot.press("L", "4")
        await pilot.pause()
        chart = "\n".join(rows(app))
        assert "── График: trade turnover · " in chart  # the measure is the data's own word
        assert "календарный год (цифр: 4)" in chart and "Chart" not in chart
        await pilot.press("j")
        await pilot.pause()
        left_out = "\n".join(rows(app))
        assert "── Не на этом графике (6)" in left_out
        # the value in Russian too (fresh2); the line wraps after "(календарный"
        assert "$555,7 млн Товарооборот в 2024 году — другой вид периода (календарный" in (
            left_out)
        assert "$555.7m" not in left_out
        assert "another kind" not in left_out


async def test_a_copy_in_russian_carries_a_russian_reference_and_english_stays_as_it_was(
) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        english = app.clipboard
        assert "paragraph" in english and "(Talks in Akorda)" in english
        assert app.screen is app.explorer  # no clipboard tool: a toast, no dialog in the way
        await _russian(pilot)
        await pilot.press("y")
        await pilot.pause()
        russian = app.clipboard
        quote = english.split("\n")[0]
        assert russian.startswith(quote + "\n— «Переговоры в Акорде», Test Wire, 26 ноября 2025, "
                                  "абзац ")
        assert "(строка " in russian and "Talks in Akorda" not in russian
        assert "paragraph" not in russian and "November" not in russian


async def test_the_palette_names_actions_in_russian_and_runs_them() -> None:
    from textual.command import CommandPalette

    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await _russian(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"панель цифры")
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one("CommandList").options
        names = [str(option.prompt).split("\n")[0] for option in options]
        assert names[0] == "Показать панель «Цифры»"
        await pilot.press("enter")
        await pilot.pause()
        assert app.explorer.pane.name == "figures"
