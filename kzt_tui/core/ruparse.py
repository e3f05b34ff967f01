"""Numbers and dates read from Russian text: `$363,6 млн` → 363.6 million USD, `более 21
миллиарда долларов` → more than 21 billion USD, `24-25 ноября 2025 года` → 2025-11-24 ..
2025-11-25. What the text does not say stays unsaid: a quantity without a unit word is a
`count`, a date without a year has none.

The values are those of the data format (docs/DATA.md, figures): `value` as stated before
`scale`, `value_max` for a range, `unit` and `qualifier` from its vocabularies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kzt_tui.core.scales import RU_SCALES
from kzt_tui.core.schema import PDATE_RE, days_in

__all__ = ["RU_SCALES", "Quantity", "RuDate", "RuPeriod", "read_dates", "read_periods",
           "read_quantities"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number of a text, with what the text says about it."""

    value: float
    value_max: float | None
    scale: str  # one | thousand | million | billion
    unit: str  # USD | tonnes | percent | times | count | km | lanes | years | months
    qualifier: str  # exact | about | more_than | at_least | almost | less_than | up_to | range
    start: int  # the phrase read, as offsets into the text
    end: int


@dataclass(frozen=True, slots=True)
class RuDate:
    """A date or span of a text, as pdates ("2025", "2025-11", "2025-11-24"), or as
    "--MM-DD" (ISO 8601's date without a year) when the text gives no year."""

    start: str
    end: str
    begin: int  # offsets of the phrase read
    stop: int


# --- number words ---------------------------------------------------------------------

#: Stems of the numerals in all their cases (одного, двумя, трёх, четырьмя, пяти …).
_WORDS: list[tuple[str, float]] = [
    (r"одн(?:а|о|у|ой|ого|ому|им|ом)|один", 1),
    (r"дв(?:а|е|ух|ум|умя)", 2),
    (r"тр(?:и|[её]х|[её]м|емя)", 3),
    (r"четыр(?:е|[её]х|[её]м|ьмя)", 4),
    (r"пят(?:ь|и|ью)", 5), (r"шест(?:ь|и|ью)", 6), (r"сем(?:ь|и|ью)", 7),
    (r"вос(?:емь|ьми|емью)", 8), (r"девят(?:ь|и|ью)", 9), (r"десят(?:ь|и|ью)", 10),
    (r"одиннадцат(?:ь|и)", 11), (r"двенадцат(?:ь|и)", 12), (r"пятнадцат(?:ь|и)", 15),
    (r"двадцат(?:ь|и)", 20), (r"тридцат(?:ь|и)", 30), (r"сорок(?:а)?", 40),
    (r"пятьдесят|пятидесяти", 50), (r"сто|ста", 100),
    (r"полтор(?:а|ы|ух)", 1.5),
]
_WORD_VALUE = [(re.compile(rf"(?:{pat})\Z", re.IGNORECASE), val) for pat, val in _WORDS]
_WORD = "|".join(f"(?:{pat})" for pat, _ in _WORDS)

_SPACE = "[ \u00a0\u202f]"
_DIGITS = rf"\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_NUM = rf"(?:{_DIGITS}|(?<!\w)(?:{_WORD})(?!\w))"
_DASH = r"\s*[-–—]\s*"
_SCALE = (r"(?P<scale>млн\.?|миллион\w*|млрд\.?|миллиард\w*|тыс\.(?!\w)|тыс(?!\w)|"
          r"тысяч\w*)")
_QUAL = (r"(?P<qual>не\s+более|не\s+менее|более|свыше|больше|менее|меньше|около|порядка|"
         r"примерно|приблизительно|почти|превы\w+)")
_HALF = r"пол(?P<half>миллиона|миллиарда|тысячи)"

_QUANTITY = re.compile(
    rf"(?:{_QUAL}\s+(?:чем\s+)?)?(?:(?P<prep>в|на)\s+)?(?P<dollar>\$\s*)?"
    rf"(?:{_HALF}|(?P<num>{_NUM})(?:{_DASH}(?P<max>{_NUM}))?)"
    rf"(?P<pct>\s*%)?(?:\s*{_SCALE})?"
    rf"(?:\s+(?P<unit>долл\w*|тонн\w*|т\.(?!\w)|процент\w*|километр\w*|км(?!\w)|раза?(?!\w)|"
    rf"лет(?!\w)|год\w*|месяц\w*|десятилети\w*))?",
    re.IGNORECASE,
)
_LANES = re.compile(r"(?P<num>двух|тр[её]х|четыр[её]х|шести|восьми)полосн\w*", re.IGNORECASE)
_DOUBLE = re.compile(r"(?<!\w)(?P<word>удво|утро|учетвер)\w*", re.IGNORECASE)

#: The Russian scale words, the one table of them: (abbreviation, stem of the full word,
#: scale). This reader takes both forms; the filter (core/query.py) the abbreviations.
_QUALIFIER = {
    "более": "more_than", "свыше": "more_than", "больше": "more_than", "превы": "more_than",
    "около": "about", "порядка": "about", "примерно": "about", "приблизительно": "about",
    "почти": "almost", "менее": "less_than", "меньше": "less_than",
    "не более": "up_to", "не менее": "at_least",
}


def _number(text: str) -> float | None:
    """A numeral: digits with a decimal comma and grouped thousands, or a number word."""
    if text[0].isdigit():
        return float(re.sub(_SPACE, "", text).replace(",", "."))
    for regex, value in _WORD_VALUE:
        if regex.match(text):
            return float(value)
    return None


def _scale(word: str | None) -> str:
    if not word:
        return "one"
    low = word.lower()  # _SCALE and _HALF match no word that starts no row
    return next(scale for abbr, stem, scale in RU_SCALES if low.startswith((abbr, stem)))


def _qualifier(word: str | None) -> str:
    if not word:
        return "exact"
    low = re.sub(r"\s+", " ", word.lower())
    return _QUALIFIER[low] if low in _QUALIFIER else _QUALIFIER[low[:5]]  # превы…: _QUAL


def _unit(m: re.Match[str]) -> str:
    word = (m["unit"] or "").lower()
    if m["dollar"] or word.startswith("долл"):
        return "USD"
    if m["pct"] or word.startswith("процент"):
        return "percent"
    if word.startswith(("тонн", "т.")):
        return "tonnes"
    if word.startswith(("километр", "км")):
        return "km"
    if word.startswith("раз"):
        return "times" if m["prep"] == "в" else "count"
    if word.startswith(("лет", "год", "десятилети")):
        return "years"
    if word.startswith("месяц"):
        return "months"
    return "count"


def _is_year(m: re.Match[str], value: float) -> bool:
    """`2024 году`, `2026-2027 годы`: a date, not a quantity (read_dates reads it)."""
    return (float(value).is_integer() and 1800 <= value <= 2200 and not m["scale"]
            and (m["unit"] or "").lower().startswith("год"))


def read_quantities(text: str) -> list[Quantity]:
    """Every number `text` states, in order, with its scale, unit and qualifier; years of
    dates are left to read_dates."""
    found: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        if m["half"]:
            value: float | None = 0.5
            scale = _scale(m["half"])
            high = None
        else:
            value = _number(m["num"])
            high = _number(m["max"]) if m["max"] else None
            scale = _scale(m["scale"])
        if value is None or _is_year(m, value):
            continue
        unit = _unit(m)
        qualifier = "range" if high is not None else _qualifier(m["qual"])
        if (m["unit"] or "").lower().startswith("десятилети"):
            value, high = value * 10, (high * 10 if high is not None else None)
            qualifier = "about" if qualifier == "exact" else qualifier
        # "на $5 млн" is read from the dollar sign; "более чем в 4 раза", from the qualifier
        start = m.start("dollar") if m["dollar"] and not m["qual"] else m.start()
        found.append(Quantity(value, high, scale, unit, qualifier, start, m.end()))
    for m in _LANES.finditer(text):
        value = _number(m["num"])
        if value is not None:
            found.append(Quantity(value, None, "one", "lanes", "exact", m.start(), m.end()))
    for m in _DOUBLE.finditer(text):
        times = {"удво": 2.0, "утро": 3.0, "учетвер": 4.0}[m["word"].lower()]
        found.append(Quantity(times, None, "one", "times", "exact", m.start(), m.end()))
    return sorted(found, key=lambda q: q.start)


# --- dates ----------------------------------------------------------------------------

_MONTHS = ("январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр",
           "октябр", "ноябр", "декабр")
_MONTH = r"(?P<month>январ[ьяе]|феврал[ьяе]|марта?|марте|апрел[ьяе]|ма[йяе]|июн[ьяе]|" \
         r"июл[ьяе]|августа?|августе|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе])"
#: "год" in any case, or its abbreviations "г." and "гг." (their dot is part of them).
_YEAR_WORD = r"(?:год\w*|гг?\.)"
_DATE = re.compile(
    rf"(?<![\d\w])(?:(?P<d1>\d{{1,2}})(?:{_DASH}(?P<d2>\d{{1,2}}))?\s+)?{_MONTH}(?!\w)"
    rf"(?:\s+(?P<year>\d{{4}})(?!\d))?"
    rf"|(?<![\d\w])(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})(?!\d)"
    rf"|(?<![\d\w])(?P<y1>\d{{4}})(?:{_DASH}(?P<y2>\d{{4}}))?\s+{_YEAR_WORD}",
    re.IGNORECASE,
)


def _month(word: str) -> int:
    """The month of a word _MONTH matched (март… is tried before ма…, май's stem)."""
    low = word.lower()
    return next(number for number, stem in enumerate(_MONTHS, start=1) if low.startswith(stem))


def read_dates(text: str) -> list[RuDate]:
    """Every date or span of dates in `text`, in order: a day, a day range, a month or a
    year (`в 2024 году`, `2026-2027 годы`)."""
    found: list[RuDate] = []
    for m in _DATE.finditer(text):
        if m["iso"]:
            found.append(RuDate(m["iso"], m["iso"], m.start(), m.end()))
            continue
        if m["y1"]:
            found.append(RuDate(m["y1"], m["y2"] or m["y1"], m.start(), m.end()))
            continue
        if not m["d1"] and not m["year"]:
            continue  # a bare month name ("в мае") is no date of its own
        month = f"{_month(m['month']):02d}"
        head = f"{m['year']}-{month}" if m["year"] else f"--{month}"
        if not m["d1"]:
            found.append(RuDate(head, head, m.start(), m.end()))
            continue
        first, last = int(m["d1"]), int(m["d2"] or m["d1"])
        days = days_in(_month(m["month"]), int(m["year"]) if m["year"] else None)
        if not (1 <= first <= days and 1 <= last <= days):
            continue  # no such day: 31 апреля, 30 февраля, 29 февраля 2025
        found.append(RuDate(f"{head}-{first:02d}", f"{head}-{last:02d}", m.start(), m.end()))
    return found


# --- periods --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuPeriod:
    """The span a number of a text covers, as the data writes a period (docs/DATA.md): an
    English label and pdates, "" for a bound the text does not set (`к 2030 году`, by
    2030: an end, no start)."""

    label: str
    start: str
    end: str
    begin: int  # offsets of the phrase read
    stop: int


#: A deadline: `к 2030 году` (by 2030), `до 2030 г.` (until 2030), `до конца 2025 года`
#: (until the end of 2025), `к концу 2025 года`.
_BOUND = re.compile(rf"(?<!\w)(?P<word>к|до)\s+(?:(?P<end>конц[уа])\s+)?(?P<year>\d{{4}})\s+"
                    rf"{_YEAR_WORD}", re.IGNORECASE)
#: A span of years: `с 2020 по 2025 год`, `с 2020 года по 2025 год`, `с 2021 до 2024 года`.
_SPAN = re.compile(rf"(?<!\w)с\s+(?P<first>\d{{4}})(?:\s+{_YEAR_WORD})?\s+(?:по|до)\s+"
                   rf"(?P<last>\d{{4}})\s+{_YEAR_WORD}", re.IGNORECASE)
_MONTHS_OF = re.compile(r"(?<![\d\w])(?P<months>\d{1,2})\s+месяц\w*\s+(?P<year>\d{4})\s+год\w*",
                        re.IGNORECASE)


def read_periods(text: str) -> list[RuPeriod]:
    """Every period of `text` that names a year, in order: `с 2020 по 2025 год`
    (2020–2025), `к 2030 году` or `к 2030 г.` (by 2030: an end, no start), `до 2030 года`
    (until 2030), `до конца 2025 года` (until the end of 2025: an end, no start),
    `9 месяцев 2024 года` (9 months of 2024: 2024-01 to 2024-09), `в 2024 году` (2024),
    `в 2023–2024 годах` (2023–2024), a month or days of one (`24-25 ноября 2025 года`:
    24–25 November 2025); none without a year."""
    found = [RuPeriod(_label(m["first"], m["last"]), m["first"], m["last"], m.start(), m.end())
             for m in _SPAN.finditer(text) if m["first"] <= m["last"]]
    for m in _BOUND.finditer(text):
        if _within(m.start(), m.end(), found):
            continue  # the second year of a span: «с 2021 до 2024 года»
        word = "by" if m["word"].lower() == "к" else "until"
        if m["end"]:
            word += " the end of"
        found.append(RuPeriod(f"{word} {m['year']}", "", m["year"], m.start(), m.end()))
    for m in _MONTHS_OF.finditer(text):
        months, year = int(m["months"]), m["year"]
        if 1 <= months <= 12:
            found.append(RuPeriod(f"{months} months of {year}", f"{year}-01",
                                  f"{year}-{months:02d}", m.start(), m.end()))
    for d in read_dates(text):
        if not (PDATE_RE.fullmatch(d.start) and PDATE_RE.fullmatch(d.end)) \
                or _within(d.begin, d.stop, found):
            continue  # no year (--11-25), no such day (2025-13-01); or a year of one above
        found.append(RuPeriod(_label(d.start, d.end), d.start, d.end, d.begin, d.stop))
    return sorted(found, key=lambda p: p.begin)


def _within(begin: int, stop: int, found: list[RuPeriod]) -> bool:
    """Whether the phrase at begin:stop lies inside a period found already."""
    return any(p.begin <= begin and stop <= p.stop for p in found)


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def _label(start: str, end: str) -> str:
    """A period's label as the data writes it: 2024, 2023–2024, May 2024, 3 May 2024,
    24–25 November 2025 (read_dates gives a range of years or of days in one month)."""
    if len(start) == 4:
        return start if start == end else f"{start}–{end}"
    month = f"{_MONTHS_EN[int(start[5:7]) - 1]} {start[:4]}"
    if len(start) == 7:
        return month
    days = str(int(start[8:]))
    return f"{days} {month}" if start == end else f"{days}–{int(end[8:])} {month}"
