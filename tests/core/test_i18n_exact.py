"""core/i18n exactly: a marked string kept as it is; each language's catalogue (English and
an unknown language as they are, Russian from the compiled .mo), made once; a message, an
empty one, an unknown one; the plural forms of each language; a vocabulary value."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

from kzt_tui.core import i18n
from kzt_tui.core.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, N_, catalogue, tr, trn, vocab


def test_the_languages_and_where_the_catalogue_lives() -> None:
    assert LANGUAGES == ("en", "ru")
    assert DOMAIN == "kzt_tui"
    assert Path(i18n.__file__).parent.parent / "locale" == LOCALE_DIR
    assert (LOCALE_DIR / "ru" / "LC_MESSAGES" / "kzt_tui.mo").is_file()


def test_a_marked_string_is_kept_as_it_is() -> None:
    assert N_("document") == "document"


def test_each_language_has_its_catalogue_made_once() -> None:
    assert type(catalogue("en")) is gettext.NullTranslations
    assert type(catalogue("kk")) is gettext.NullTranslations
    assert type(catalogue("ru")) is gettext.GNUTranslations
    assert catalogue("ru") is catalogue("ru")


def test_a_message_in_each_language() -> None:
    assert tr("document", "ru") == "документ"
    assert tr("document", "en") == "document"
    assert tr("no such message", "ru") == "no such message"
    assert tr("", "ru") == ""  # not the catalogue's header


@pytest.mark.parametrize(("n", "ru", "en"), [
    (0, "{n} записей", "{n} records"), (1, "{n} запись", "{n} record"),
    (2, "{n} записи", "{n} records"), (5, "{n} записей", "{n} records"),
    (21, "{n} запись", "{n} records")])
def test_the_plural_form_for_a_number(n: int, ru: str, en: str) -> None:
    assert trn("{n} record", "{n} records", n, "ru") == ru
    assert trn("{n} record", "{n} records", n, "en") == en


def test_a_vocabulary_value_as_a_reader_says_it() -> None:
    assert vocab("in_force", "en") == "in force"
    assert vocab("in_force", "ru") == "действует"
    assert vocab("border_crossing", "ru") == "погранпереход"
