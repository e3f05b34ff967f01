"""Sentence splitting of the Russian sources: real sentences of seeds/ and their hard cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.sentences import split_sentences
from tests.helpers import REPO


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def seed(name: str) -> str:
    (path,) = (REPO / "seeds").glob(f"{name}_*.txt")
    return Path(path).read_text(encoding="utf-8")


def test_a_full_stop_and_a_capital_end_a_sentence_and_offsets_are_exact() -> None:
    text = ("Вступление.\nОба лидера подчеркнули особую близость народов. "
            "Касым-Жомарт Токаев назвал Туркменистан «стратегическим партнёром».")
    got = split_sentences(text)
    assert [s.text for s in got] == [
        "Вступление.",
        "Оба лидера подчеркнули особую близость народов.",
        "Касым-Жомарт Токаев назвал Туркменистан «стратегическим партнёром».",
    ]
    assert [s.line for s in got] == [1, 2, 2]
    assert all(text[s.start:s.end] == s.text for s in got)


def test_million_with_a_dot_ends_a_sentence_before_a_capital_001() -> None:
    # seeds/001 line 19: "… составил $555,7 млн. За девять месяцев …"
    line = ("Согласно официальной статистике, товарооборот между Казахстаном и "
            "Туркменистаном в 2024 году составил $555,7 млн. За девять месяцев 2025 года он "
            "достиг $363,6 млн, показав рост на 5,4% по сравнению с аналогичным периодом "
            "прошлого года.")
    assert line in seed("001")
    got = texts(line)
    assert len(got) == 2
    assert got[0].endswith("$555,7 млн.")
    assert "$363,6 млн, показав" in got[1]  # a decimal comma is no boundary


def test_abbreviations_that_never_end_a_sentence() -> None:
    text = ("Встреча прошла на ул. Бейбитшилик в здании им. Абая, т.е. в центре. "
            "Говорили о торговле, транспорте и т.д. Потом подписали план.")
    assert texts(text) == [
        "Встреча прошла на ул. Бейбитшилик в здании им. Абая, т.е. в центре.",
        "Говорили о торговле, транспорте и т.д.",
        "Потом подписали план.",
    ]


def test_a_year_abbreviation_ends_only_before_a_capital() -> None:
    text = "Договор подписан в 1993 г. и действует. Соглашение 2024 г. Его ратифицировали."
    assert texts(text) == ["Договор подписан в 1993 г. и действует.", "Соглашение 2024 г.",
                           "Его ратифицировали."]
    assert texts("Визиты 2024–2025 гг. 15 мая") == ["Визиты 2024–2025 гг. 15 мая"]


@pytest.mark.parametrize("name", ["К.-Ж. Токаев", "С. Бердымухамедов", "К. Токаев",
                                  "Э. Рахмон"])
def test_initials_do_not_end_a_sentence(name: str) -> None:
    text = f"Переговоры провели {name} и его коллега. Стороны подписали документы."
    assert texts(text) == [f"Переговоры провели {name} и его коллега.",
                           "Стороны подписали документы."]


def test_no_break_spaces_separate_sentences_as_spaces_do_003() -> None:
    # seeds/003 line 8: no-break spaces after prepositions and between sentences' words
    text = seed("003")
    line = text.split("\n")[7]
    got = texts(line)
    assert got[-1] == "А\u00a0затем он\u00a0принял участие в\u00a0заседании Совета глав " \
                      "государств СНГ."
    assert len(got) == 3
    # "9\u00a0октября 2025 года" opens line 4: one sentence, not cut at the date
    assert texts(text.split("\n")[3])[0].startswith("9\u00a0октября 2025 года Президент")


def test_list_items_numbers_and_headings_003() -> None:
    text = seed("003")
    lines = text.split("\n")
    # "1. Торговля и кооперация в индустриальной сфере. На первом саммите …"
    got = texts(lines[28])
    assert got[0] == "1. Торговля и\u00a0кооперация в\u00a0индустриальной сфере."
    # a bullet item without its own full stop inside is one sentence
    assert len(texts(lines[11])) == 1 and lines[11].lstrip().startswith("•")
    # a heading without final punctuation is a sentence of its own
    assert texts(lines[1]) == [lines[1]]


def test_quotes_and_direct_speech_001_000() -> None:
    # seeds/001 line 33: direct speech opened by a dash, two sentences
    line = seed("001").split("\n")[32]
    got = texts(line)
    assert got[0].startswith("— Мы являемся стратегическими партнерами")
    assert got[-1].endswith("— подчеркнул эксперт.")
    # «…» closing a sentence: the mark inside the quote ends it
    assert texts("Он сказал: «Мы готовы.» Затем ушёл.") == ["Он сказал: «Мы готовы.»",
                                                          "Затем ушёл."]


def test_every_line_is_at_least_one_sentence_and_blank_lines_none() -> None:
    for name in ("000", "001", "002", "003", "004"):
        text = seed(name)
        got = split_sentences(text)
        lines = [i for i, line in enumerate(text.split("\n"), 1) if line.strip()]
        assert sorted({s.line for s in got}) == lines
        assert all(text[s.start:s.end] == s.text and s.text == s.text.strip() for s in got)


def test_a_date_and_time_stamp_is_one_sentence_002() -> None:
    assert texts("Дополнено 24.11.2025, 17.20") == ["Дополнено 24.11.2025, 17.20"]


def test_splitting_is_linear_on_one_long_line_of_dots() -> None:
    """The word a dot closes was looked for from the line's start: a 100 KB line of
    'a … a . A' took minutes (the hostile review). Now it is bounded per dot."""
    import time

    from kzt_tui.core.sentences import WORD_WINDOW

    for text in ("a" * 200_000 + " . A\n", "ab. Ab. " * 25_000):
        began = time.process_time()  # CPU: a loaded machine stretches the wall clock
        got = split_sentences(text)
        assert time.process_time() - began < 2.0  # ~0.1 s; minutes before
        assert got and got[-1].end <= len(text)
    assert WORD_WINDOW >= 20  # longer than any abbreviation or initial it must see


def test_a_text_of_millions_of_lines_is_cut_at_the_limit() -> None:
    from kzt_tui.core.sentences import MAX_SENTENCES

    got = split_sentences("a\n" * (MAX_SENTENCES + 5))
    assert len(got) == MAX_SENTENCES
    assert (got[-1].line, got[-1].start) == (MAX_SENTENCES, 2 * (MAX_SENTENCES - 1))
    assert len(split_sentences("a\n" * 10, limit=3)) == 3
