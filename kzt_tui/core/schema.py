"""The allowed values of the curated file's fields (docs/DATA.md is the prose version)."""

from __future__ import annotations

import re

# Each pattern is anchored with \A and \Z, not ^ and $ (`$` also matches before a final
# newline: "agr-a\n" would pass as an id beside agr-a), and names ASCII digits as [0-9]
# (`\d` also matches "٢٠٢٥"). Callers use fullmatch as well.
#: At most 100 characters: an id names files (exports) and must fit a line.
ID_RE = re.compile(r"\A(?=.{5,100}\Z)[a-z]{3}-[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def id_pattern(prefixes: tuple[str, ...]) -> str:
    """ID_RE for ids of `prefixes` only, as a JSON Schema (ECMA-262) pattern."""
    return rf"^(?=.{{5,100}}$)(?:{'|'.join(prefixes)})-[a-z0-9]+(?:-[a-z0-9]+)*$"



# Year 0000 is no year of the calendar the dates are in (the year before 1 is 1 BC), and
# Python's dates start at year 1: a period from "0000-01-05" once passed `check` and then
# stopped the app when Figures worked out its length.
PDATE_RE = re.compile(r"\A(?!0000)[0-9]{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?\Z")


def ecma_pattern(regex: re.Pattern[str]) -> str:
    """`regex` as a JSON Schema (ECMA-262) pattern: ECMA has no \\A or \\Z (there \\A is a
    plain "A" or an error), so they are ^ and $ (the same anchors without the multiline flag)."""
    return regex.pattern.replace(r"\A", "^").replace(r"\Z", "$")


def days_in(month: int, year: int | None = None) -> int:
    """The days of `month` (1–12) in `year` (Gregorian); February has 29 when no year is
    given (a date without a year may fall in a leap year)."""
    if month == 2:
        leap = year is None or (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def day_exists(pdate: str) -> bool:
    """Whether a PDATE_RE date names a day its month has (2025-02-29 does not); a year or
    a month always does."""
    return len(pdate) < 10 or int(pdate[8:]) <= days_in(int(pdate[5:7]), int(pdate[:4]))


COUNTRY_RE = re.compile(r"\A[A-Z]{2}\Z")
SLUG_RE = re.compile(r"\A[a-z0-9]+(?:[-_][a-z0-9]+)*\Z")

SCHEMA_VERSION = 1

DOCUMENT_KINDS = ("news_report", "analysis", "briefing", "social_post")
AGREEMENT_KINDS = (
    "treaty",
    "agreement",
    "memorandum",
    "plan",
    "programme",
    "roadmap",
    "joint_statement",
    "declaration",
    "other",
)
AGREEMENT_LEVELS = (
    "interstate",
    "intergovernmental",
    "interdepartmental",
    "interregional",
    "institutional",
    "corporate",
    "multilateral",
)
AGREEMENT_STATUSES = ("signed", "in_force", "proposed", "discussed", "agreed", "planned")
CORRIDOR_KINDS = (
    "corridor",
    "railway",
    "road",
    "port",
    "bridge",
    "pipeline",
    "border_crossing",
    "flight_link",
    "terminal",
    "hub",
    "telecom_link",
)
MODES = ("rail", "road", "sea", "air", "pipeline", "telecom", "multimodal")
CORRIDOR_STATUSES = (
    "operational",
    "opened",
    "under_construction",
    "planned",
    "proposed",
    "discussed",
)
SCALES = ("one", "thousand", "million", "billion")
UNITS = ("USD", "tonnes", "percent", "times", "count", "km", "lanes", "years", "months")
QUALIFIERS = (
    "exact",
    "about",
    "more_than",
    "at_least",
    "almost",
    "less_than",
    "up_to",
    "range",
)
FIGURE_STATUSES = ("actual", "target", "plan", "forecast", "estimate")
ORG_KINDS = (
    "state",
    "government",
    "ministry",
    "agency",
    "company",
    "academic",
    "media",
    "international",
    "regional_government",
    "other",
)
EVENT_KINDS = (
    "visit",
    "summit",
    "talks",
    "meeting",
    "signing",
    "commission",
    "opening",
    "briefing",
    "award",
    "other",
)
DISCREPANCY_KINDS = (
    "value_conflict",
    "count_mismatch",
    "date_conflict",
    "internal_inconsistency",
    "wording",
    "other",
)
STATEMENT_KINDS = (
    "assessment",
    "position",
    "proposal",
    "commitment",
    "risk",
    "description",
    "forecast",
    "motive",
    "other",
)
#: Who speaks in a statement: its `speaker`, the text's own voice, or someone unnamed.
VOICES = ("speaker", "author", "unnamed")
#: A direction of trade: "KZ->TM" (exporter -> importer).
DIRECTION_RE = re.compile(r"^[A-Z]{2}->[A-Z]{2}$")
#: Why a passage is dismissed rather than cited.
DISMISSAL_REASONS = (
    "headline",
    "byline",
    "photo_credit",
    "caption",
    "boilerplate",
    "repetition",
    "navigation",
    "date_line",
    "reactions",
    "other",
)

#: The one topic vocabulary of every section that has `topics` (agreements, statements):
#: broad enough that "everything on water" is one filter, narrow enough to mean something.
#: docs/DATA.md says what each covers.
TOPICS = (
    "trade",
    "energy",
    "gas",
    "oil",
    "electricity",
    "nuclear",
    "transport",
    "logistics",
    "transit",
    "aviation",
    "ports",
    "water",
    "ecology",
    "climate",
    "caspian",
    "aral",
    "industry",
    "agriculture",
    "digital",
    "telecom",
    "space",
    "science",
    "education",
    "culture",
    "health",
    "migration",
    "social",
    "law",
    "security",
    "emergencies",
    "diplomacy",
    "regional",
    "investment",
    "finance",
    "tourism",
    "media",
    "sport",
    "humanitarian",
)
