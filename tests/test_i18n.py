"""The message catalogue: complete for what the code marks, compiled, and read by gettext."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from kzt_tui.core import schema
from kzt_tui.core.i18n import LANGUAGES, tr, trn, vocab

ROOT = Path(__file__).resolve().parent.parent


def _tool():  # tools/ is not a package: load the catalogue tool by path
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "tools" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_marked_string_and_vocabulary_value_has_russian_and_the_mo_is_compiled() -> None:
    assert _tool().problems() == []


def test_the_tool_finds_marked_strings_in_the_code() -> None:
    found = _tool().marked()
    assert {"in force", "border crossing", "photo credit"} <= found


def test_the_tool_collects_the_actions_and_help_groups_declared_as_data() -> None:
    from kzt_tui.screens.explorer_keys import ACTIONS, GROUPS

    found = _tool().marked()
    assert {"Copy the quote alone", "Copy quote", "copy the verbatim quote alone",
            "Show the {pane} pane", "Reading the source"} <= found
    assert all({a.footer, a.command, a.help} <= found for a in ACTIONS)
    assert {heading for _, heading in GROUPS} <= found
    assert ("{n} record", "{n} records") in found  # a message with plural forms (trn)


def test_every_translation_keeps_the_values_its_message_names() -> None:
    catalog = _tool().read()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"\{\w+\}", ids[-1]))
        for string in strings:
            assert set(re.findall(r"\{\w+\}", string)) == wanted, (message.id, string)


@pytest.mark.parametrize(("n", "ru", "en"), [
    (1, "1 запись", "1 record"), (3, "3 записи", "3 records"), (5, "5 записей", "5 records"),
    (11, "11 записей", "11 records"), (21, "21 запись", "21 records"),
])
def test_plural_forms_follow_each_language(n: int, ru: str, en: str) -> None:
    assert trn("{n} record", "{n} records", n, "ru").format(n=n) == ru
    assert trn("{n} record", "{n} records", n, "en").format(n=n) == en


@pytest.mark.parametrize(("text", "ru"), [
    ("Agreements", "Соглашения"),
    ("Status", "Статус"),
    ("outlet not named", "издание не названо"),
])
def test_tr_reads_the_compiled_catalogue(text: str, ru: str) -> None:
    assert tr(text, "ru") == ru
    assert tr(text, "en") == text


def test_unknown_text_and_unknown_language_come_back_unchanged() -> None:
    assert tr("no such message", "ru") == "no such message"
    assert tr("Agreements", "kk") == "Agreements"


def test_vocab_shows_values_as_words_in_either_language() -> None:
    assert vocab("in_force", "en") == "in force"
    assert vocab("in_force", "ru") == "действует"
    assert vocab("border_crossing", "ru") == "погранпереход"
    assert LANGUAGES == ("en", "ru")


def test_no_vocabulary_value_is_shown_untranslated_in_russian() -> None:
    for name in dir(schema):
        values = getattr(schema, name)
        if name.isupper() and isinstance(values, tuple) and all(isinstance(v, str) for v in values):
            for value in values:
                assert vocab(value, "ru") != value.replace("_", " "), (name, value)


def test_dates_in_words_in_either_language() -> None:
    from kzt_tui.core.cite import date_words

    assert date_words("2025-11-26") == "26 November 2025"
    assert date_words("2025-11-26", "ru") == "26 ноября 2025"
    assert date_words("2025-05", "ru") == "май 2025"
    assert date_words(None, "ru") == "без даты" and date_words(None) == "undated"
