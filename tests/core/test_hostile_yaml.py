"""A curated file written by an attacker: aliases that repeat long strings, values that pass
a pattern but are not what it means, huge values in problems. Each is a located problem,
found in bounded time and memory, never a file that passes check while being wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kzt_tui.core import schema as S
from kzt_tui.core.loading import DataError, load, validate, yamlsafe
from kzt_tui.core.loading.yamlsafe import YamlError, parse
from tests.helpers import MINI

BASE = (MINI / "curated.yaml").read_text(encoding="utf-8")


@pytest.fixture
def ds(tmp_path: Path) -> Path:
    """A copy of the mini dataset; its curated.yaml."""
    shutil.copytree(MINI, tmp_path / "ds")
    return tmp_path / "ds" / "curated.yaml"


def problems(top: Path) -> list[str]:
    """The problems of the dataset at `top`, as printed ([] if it loads)."""
    try:
        load(top)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return []


def edit(top: Path, old: str, new: str) -> None:
    text = top.read_text(encoding="utf-8")
    assert old in text, old
    top.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- 5. patterns match the whole value -------------------------------------------------


@pytest.mark.parametrize(("regex", "good"), [
    (S.ID_RE, "agr-a"), (S.PDATE_RE, "2025-12"), (S.COUNTRY_RE, "KZ"), (S.SLUG_RE, "trade"),
])
def test_a_schema_pattern_refuses_a_trailing_newline(regex: object, good: str) -> None:
    import re
    assert isinstance(regex, re.Pattern)
    assert regex.match(good)
    assert not regex.match(good + "\n")


@pytest.mark.parametrize("value", ["٢٠٢٥", "２０２５", "2025-1٢"])
def test_a_date_of_digits_other_than_ascii_is_refused(value: str) -> None:
    assert not S.PDATE_RE.match(value)


@pytest.mark.parametrize(("old", "new"), [
    ("id: agr-one\n", 'id: "agr-one\\n"\n'),
    ('date: "2025-11-25"\n    status', 'date: "2025-11-25\\n"\n    status'),
    ("countries: [KZ, TM]\n    date", 'countries: ["KZ\\n", TM]\n    date'),
    ("topics: [trade]", 'topics: ["trade\\n"]'),
    ("corridors: [cor-road]", 'corridors: ["cor-road\\n"]'),
])
def test_a_value_with_a_trailing_newline_is_refused(ds: Path, old: str, new: str) -> None:
    edit(ds, old, new)
    assert problems(ds)


def test_an_id_with_a_trailing_newline_cannot_sit_beside_its_twin(ds: Path) -> None:
    text = ds.read_text(encoding="utf-8")
    start = text.index("  - id: agr-one")
    end = text.index("corridors:\n", start)
    twin = text[start:end].replace("id: agr-one\n", 'id: "agr-one\\n"\n', 1)
    ds.write_text(text[:end] + twin + text[end:], encoding="utf-8")
    found = problems(ds)
    assert any("agreements[1].id" in p for p in found), found


# --- 8. a range's upper bound is not below its value --------------------------------------


@pytest.mark.parametrize(("value", "high"), [("20", "15"), ("1.7e300", "-1.7e300")])
def test_a_range_whose_value_exceeds_its_maximum_is_refused(
        ds: Path, value: str, high: str) -> None:
    edit(ds, "scale: million", "scale: one")
    edit(ds, "    value: 555.7\n", f"    value: {value}\n    value_max: {high}\n")
    edit(ds, "qualifier: exact", "qualifier: range")
    found = problems(ds)
    assert any("value_max" in p and "below" in p for p in found), found


def test_a_range_whose_maximum_equals_its_value_loads(ds: Path) -> None:
    edit(ds, "    value: 555.7\n", "    value: 555.7\n    value_max: 555.7\n")
    edit(ds, "qualifier: exact", "qualifier: range")
    assert problems(ds) == []


# --- 1. aliases are charged by the length of what they repeat ---------------------------


def test_aliases_of_a_long_string_are_charged_by_its_length() -> None:
    # 20 aliases of a 10,000-character string repeat 200,000 characters from a file of
    # ~10,100: at the review's scale (10 MiB × 100) exports wrote a gigabyte
    big = "B" * 10_000
    text = f'parties:\n  - &b "{big}"\n' + "  - *b\n" * 20
    with pytest.raises(YamlError) as exc:
        parse(text)
    assert "alias" in exc.value.message and "characters" in exc.value.message
    assert exc.value.pos is not None and exc.value.pos.col == 5
    budget = yamlsafe.ALIAS_FREE_CHARS + len(text) * yamlsafe.ALIAS_CHARS_PER_CHAR
    assert 2 < exc.value.pos.line < 3 + budget // len(big) + 2


def test_aliases_of_a_list_are_charged_by_what_it_holds_recursively() -> None:
    # a list of aliases of a list of aliases: each alias costs what it stands for, once
    # counted (the anchors memoise it), not one value
    text = ('a: &a ["' + "x" * 1_000 + '", "' + "y" * 1_000 + '"]\n'
            "b: &b [*a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b]\n"
            "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n")
    with pytest.raises(YamlError) as exc:
        parse(text)
    assert "alias" in exc.value.message
    assert exc.value.pos is not None and exc.value.pos.line == 4


def test_a_few_aliases_of_short_values_are_read() -> None:
    text = 'title: &t {en: "A title", ru: "Название"}\nagain: [*t, *t, *t]\n'
    got = parse(text)
    assert got["again"] == [got["title"]] * 3


def test_the_string_check_does_not_copy_the_string() -> None:
    # a leading space made str.strip() copy a 10 MiB string once per alias (27 s)
    import tracemalloc

    from kzt_tui.core.loading.context import Ctx, Shared
    big = " " + "B" * (1 << 20)
    ctx = Ctx("f", Shared(Path(".")))
    tracemalloc.start()
    try:
        for _ in range(5):
            assert validate.string(ctx, big, "p", None) is big
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < (1 << 19), peak


# --- 7. huge values in problems: truncated, and past the cap not explained ---------------


def close_match_lengths(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lengths of the words difflib.get_close_matches is asked about, from now on."""
    import difflib
    seen: list[int] = []
    real = difflib.get_close_matches

    def spy(word: str, possibilities: object, *args: object, **kwargs: object) -> list[str]:
        seen.append(len(word))
        return real(word, possibilities, *args, **kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(difflib, "get_close_matches", spy)
    return seen


def test_a_huge_unknown_value_is_truncated_before_difflib_and_the_message(
        ds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    huge = "k" * 100_000
    edit(ds, "kind: agreement", f"kind: {huge}")  # an enum value
    # a field and a section (keys this long must be explicit: `? key`)
    edit(ds, "    level: interstate", f"    level: interstate\n    ? {huge}x\n    : 1")
    edit(ds, "schema_version: 1\n", f"schema_version: 1\n? {huge}y\n: 1\n")
    edit(ds, "corridors: [cor-road]", f"corridors: [cor-{'r' * 100_000}]")  # an id
    seen = close_match_lengths(monkeypatch)
    found = problems(ds)
    assert len(found) >= 4 and seen
    assert max(seen) <= 80, seen
    assert max(len(p) for p in found) < 1_000, [len(p) for p in found]
    assert any("unknown field 'kkk" in p and "…" in p for p in found), found


def test_past_the_problem_cap_no_close_match_is_looked_for(
        ds: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.problems import MAX_PROBLEMS
    bad = "  - {id: per-x%d, nme: x, role: r, country: KZ, citations: []}\n"
    with ds.open("a", encoding="utf-8") as out:
        out.write("people:\n" + "".join(bad % i for i in range(MAX_PROBLEMS + 20)))
    seen = close_match_lengths(monkeypatch)
    found = problems(ds)
    assert "more problem(s) not listed" in found[-1]
    # the unknown field `nme` is looked up while problems are listed, not past the cap
    assert len(seen) <= MAX_PROBLEMS, len(seen)
