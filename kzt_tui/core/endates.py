"""English dates of a text, as the data writes them: "4 December 2025", "December 4, 2025"
and "Dec. 4, 2025" (a day of a month of a year, its month spelt out or abbreviated, with
or without the abbreviation's dot and the comma). core/ruparse reads the Russian ones; an
added source's dateline may be either (core/curate/sources.py)."""

from __future__ import annotations

import re

from kzt_tui.core.ruparse import RuDate
from kzt_tui.core.schema import days_in

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
#: A month's name or its abbreviation (the first three letters, "Sept" too), its dot
#: optional: "Dec.", "Dec", "December".
_MONTH = (r"(?P<{name}>(?:" + "|".join(m[:3] + f"(?:{m[3:]})?" for m in MONTHS)
          + r"|Sept)\.?)")
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{name}>\d{{4}})"
_EN_DATE = re.compile(
    r"(?<![\w.])(?:"
    + _DAY.format(name="d1") + r"\s+" + _MONTH.format(name="m1") + r",?\s+"
    + _YEAR.format(name="y1")
    + r"|" + _MONTH.format(name="m2") + r"\s+" + _DAY.format(name="d2") + r",?\s+"
    + _YEAR.format(name="y2")
    + r")(?![\w])",
    re.IGNORECASE,
)


def month_of(word: str) -> int:
    """The month (1–12) of a name or abbreviation _EN_DATE matched ("Dec.", "sept")."""
    low = word.lower()[:3]  # the first three letters name it: "Dec.", "Sept", "December"
    return next(n for n, name in enumerate(MONTHS, start=1) if name[:3].lower() == low)


def read_english_dates(text: str) -> list[RuDate]:
    """Every English date of one day in `text`, in order, as pdates ("2025-12-04"); a day
    the month has not (31 April, 29 February 2025) is no date."""
    found = []
    for m in _EN_DATE.finditer(text):
        day, month, year = ((m["d1"], m["m1"], m["y1"]) if m["d1"] else
                            (m["d2"], m["m2"], m["y2"]))
        number = month_of(month)
        if not 1 <= int(day) <= days_in(number, int(year)):
            continue
        iso = f"{year}-{number:02d}-{int(day):02d}"
        found.append(RuDate(iso, iso, m.start(), m.end()))
    return found
