"""core/schema exactly: the id pattern for given prefixes (the JSON Schema's), and ID_RE at
its length limits (5 and 100 characters: at, one under, one over); the Russian scale words'
table (core/scales.py), pinned, and naming only the schema's scales."""

from __future__ import annotations

import re

from kzt_tui.core.model import SCALE_FACTOR
from kzt_tui.core.scales import RU_SCALES
from kzt_tui.core.schema import ID_RE, SCALES, id_pattern


def test_the_id_pattern_of_some_prefixes() -> None:
    pattern = id_pattern(("agr", "fig"))
    assert pattern == r"^(?=.{5,100}$)(?:agr|fig)-[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert [bool(re.match(pattern, s)) for s in ("agr-a", "fig-2025-x", "per-a", "agr-")] == [
        True, True, False, False]
    assert id_pattern(("doc",)) == r"^(?=.{5,100}$)(?:doc)-[a-z0-9]+(?:-[a-z0-9]+)*$"


def test_an_id_is_five_to_a_hundred_characters() -> None:
    assert [bool(ID_RE.fullmatch("agr-" + "a" * n)) for n in (0, 1, 2, 95, 96, 97)] == [
        False, True, True, True, True, False]
    assert ID_RE.fullmatch("agr-a\n") is None


def test_the_russian_scale_words() -> None:
    assert RU_SCALES == (("тыс", "тысяч", "thousand"), ("млн", "миллион", "million"),
                         ("млрд", "миллиард", "billion"))
    assert [scale for _, _, scale in RU_SCALES] == list(SCALES[1:]) == list(SCALE_FACTOR)[1:]
