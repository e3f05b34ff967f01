"""core/palette: a palette command is found by the words a user types (its name, its
synonyms, its description) and ranks by where those words start: the name first, then the
synonyms, then the description, then letters of the name that merely come in order."""

from __future__ import annotations

import pytest

from kzt_tui.core.palette import SYNONYM, WORD_START, command_score

NAME, WORDS, DOES = "Next unaccounted sentence", "coverage gaps", "the next sentence no one cites"


def _fuzzy(scores: dict[str, float]):  # type: ignore[no-untyped-def]
    """A fuzzy matcher's stand-in: each text's score as given, 0 for any other."""
    return lambda text: scores.get(text, 0.0)


def test_a_word_that_starts_a_word_of_the_name_doubles_its_score() -> None:
    fuzzy = _fuzzy({NAME: 9.0, WORDS: 20.0, DOES: 30.0})
    assert command_score("unacc", NAME, WORDS, DOES, fuzzy) == 18.0
    assert command_score("Next SENT", NAME, WORDS, DOES, fuzzy) == 18.0  # any case, order
    # found by its words though the matcher scores nothing: the weight itself
    assert command_score("sentence next", NAME, WORDS, DOES, _fuzzy({})) == 2.0


def test_a_synonym_counts_one_and_a_half_times_the_better_of_its_and_the_name_s_score(
        ) -> None:
    assert command_score("coverage", NAME, WORDS, DOES, _fuzzy({WORDS: 12.0})) == 18.0
    assert command_score("coverage", NAME, WORDS, DOES,
                         _fuzzy({WORDS: 4.0, NAME: 6.0})) == 9.0
    assert command_score("gaps next", NAME, WORDS, DOES, _fuzzy({})) == 1.5


def test_the_description_alone_counts_half_unless_the_name_s_letters_score_more() -> None:
    assert command_score("cites", NAME, WORDS, DOES, _fuzzy({DOES: 10.0})) == 5.0
    assert command_score("cites", NAME, WORDS, DOES, _fuzzy({DOES: 10.0, NAME: 7.0})) == 7.0
    assert command_score("cites", NAME, WORDS, DOES, _fuzzy({})) == 0.5


def test_letters_alone_are_the_matcher_s_score_of_the_name() -> None:
    # "nxt" starts no word: the fuzzy score of the name as it is, nothing weighed
    assert command_score("nxt", NAME, WORDS, DOES, _fuzzy({NAME: 3.0, WORDS: 9.0})) == 3.0
    assert command_score("zzz", NAME, WORDS, DOES, _fuzzy({})) == 0.0
    assert command_score("  ", NAME, WORDS, DOES, _fuzzy({NAME: 1.0})) == 1.0


@pytest.mark.parametrize(("query", "found"), [
    ("sentences", True),  # a form of "sentence" (its stem)
    ("unaccounted sentence", True),
    ("unaccounted zebra", False),  # every typed word must start a word
    ("ccounted", False),  # inside a word is not a word start
])
def test_every_typed_word_must_start_a_word_or_be_a_form_of_one(query: str, found: bool
                                                                   ) -> None:
    score = command_score(query, NAME, "", "", _fuzzy({NAME: 1.0}))
    assert score == (WORD_START if found else 1.0)


def test_russian_words_and_yo_are_found_as_typed() -> None:
    name = "Следующее неучтённое предложение"
    assert command_score("неучтенное", name, "", "", _fuzzy({})) == WORD_START
    assert command_score("пробелы", name, "покрытие пробелы", "", _fuzzy({})) == SYNONYM
