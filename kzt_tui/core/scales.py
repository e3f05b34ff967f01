"""The Russian scale words, one table for the prose reader (core/ruparse.py) and the filter
(core/query.py): its own module so that the filter, imported at start, does not import the
prose reader, which only the record forms need."""

from __future__ import annotations

#: (abbreviation, stem, scale) of each Russian scale word.
RU_SCALES: tuple[tuple[str, str, str], ...] = (
    ("тыс", "тысяч", "thousand"), ("млн", "миллион", "million"), ("млрд", "миллиард", "billion"),
)
