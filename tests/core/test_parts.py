"""A dataset split over several files (`include`): same records as one file, problems named
by the file they are in (the cache of parts: test_cache.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.loading import DataError, load


def test_parts_load_in_include_order_and_ground_across_files(split: Path) -> None:
    data = load(split)
    assert [p.id for p in data.people] == ["per-one", "per-two", "per-three"]
    assert [d.id for d in data.documents] == ["doc-a", "doc-b"]
    # per-two cites doc-b, which only a later file defines: grounded all the same.
    span = data.people[1].citations[0].span
    assert span is not None and (span.start, span.line_start) == (9, 1)
    assert data.files == (str(split), str(split.parent / "parts/1.yaml"),
                          str(split.parent / "parts/2.yaml"))


def test_a_problem_in_a_part_names_that_file_line_and_column(split: Path) -> None:
    part = split.parent / "parts" / "1.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("вторая статья", "третья статья"),
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(split)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.col) == (str(part), 8, 7)  # its `quote:`
    assert problem.path == "people[0].citations[0].quote"
    assert "[doc-b] quote not found" in problem.message


def test_a_duplicate_id_across_files_names_both(split: Path) -> None:
    part = split.parent / "parts" / "2.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("per-three", "per-one"),
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(split)
    (problem,) = info.value.problems
    assert problem.file == str(part)
    assert problem.message == f"duplicate id 'per-one' (first used at {split}: people[0])"


@pytest.mark.parametrize(("pattern", "message"), [
    ("missing/*.yaml", "include 'missing/*.yaml' matches no file"),
    ("../elsewhere.yaml", "include '../elsewhere.yaml' must be a relative path inside the "
                          "dataset, without '..'"),
    ("/etc/passwd", "include '/etc/passwd' must be a relative path inside the dataset, "
                    "without '..'"),
])
def test_a_bad_include_is_a_problem_at_its_line(split: Path, pattern: str, message: str
                                                ) -> None:
    split.write_text(split.read_text(encoding="utf-8").replace(
        'include: ["parts/*.yaml"]', f'include: ["parts/1.yaml", "parts/2.yaml", "{pattern}"]'),
        encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(split)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.path) == (str(split), 2, "include")
    assert problem.message == message


def test_only_the_top_file_may_include(split: Path) -> None:
    part = split.parent / "parts" / "1.yaml"
    part.write_text("include: [\"2.yaml\"]\n" + part.read_text(encoding="utf-8"),
                    encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(split)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.path) == (str(part), 1, "include")
    assert problem.hint == "only the file opened with --data may include others"


def test_an_unreadable_part_is_named_and_the_rest_still_checked(split: Path) -> None:
    (split.parent / "parts" / "1.yaml").write_bytes(b"people: [\xff]\n")
    with pytest.raises(DataError) as info:
        load(split)
    files = [p.file for p in info.value.problems]
    assert str(split.parent / "parts" / "1.yaml") in files
    # per-two is gone with its file, so nothing cites doc-b wrongly; no other problem
    assert all("not valid UTF-8" in p.message for p in info.value.problems)


def test_close_matches_are_looked_for_a_bounded_number_of_unknown_ids(
    split: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kzt_tui.core.loading.crossfile as crossfile

    monkeypatch.setattr(crossfile, "_GUESSES", 1)
    part = split.parent / "parts" / "2.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("doc: doc-a", "doc: doc-aa"),
                    encoding="utf-8")
    part1 = split.parent / "parts" / "1.yaml"
    part1.write_text(part1.read_text(encoding="utf-8").replace("doc: doc-b", "doc: doc-bb"),
                     encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(split)
    hints = [(p.message, p.hint) for p in info.value.problems]
    assert hints == [("unknown id 'doc-bb'", "did you mean 'doc-b'?"),
                     ("unknown id 'doc-aa'", None)]


def _figure(fig_id: str, unit: str) -> str:
    return f"""  - id: {fig_id}
    label: {{en: "Trade", ru: "Товарооборот"}}
    measure: trade_turnover
    group: kz-tm-trade
    scope: "Kazakhstan–Turkmenistan"
    countries: [KZ, TM]
    value: 5
    scale: one
    unit: {unit}
    qualifier: exact
    status: actual
    period: null
    citations:
      - {{doc: doc-a, quote: "Вторая строка", translation: "Second line"}}
"""


@pytest.mark.parametrize("cached", [False, True])
def test_one_unit_per_figure_group_across_files(split: Path, tmp_path: Path,
                                                cached: bool) -> None:
    """A group is one chart: a figure in another file with another unit is refused at its
    unit, naming where the group's unit was set; also when both files come from the cache
    (check reads only the entries' summaries)."""
    from kzt_tui.core.loading import PartCache, check_dataset

    top, part = split, split.parent / "parts" / "1.yaml"
    top.write_text(top.read_text(encoding="utf-8") + "figures:\n" + _figure("fig-a", "USD"),
                   encoding="utf-8")
    part.write_text(part.read_text(encoding="utf-8") + "figures:\n"
                    + _figure("fig-b", "percent"), encoding="utf-8")
    cache = PartCache(tmp_path / "cache")
    if cached:  # a first check stores each file (clean on its own); the second reads them
        with pytest.raises(DataError):
            check_dataset(top, None, cache)
    with pytest.raises(DataError) as info:
        check_dataset(top, None, cache)
    (problem,) = info.value.problems
    line = part.read_text(encoding="utf-8").splitlines().index("    unit: percent") + 1
    assert (problem.file, problem.line, problem.col, problem.path) == (
        str(part), line, 5, "figures[0].unit")
    assert problem.message == (f"figure group 'kz-tm-trade' mixes units: percent here, USD "
                               f"at {top}: figures[0]")
    assert problem.hint == "a group is one chart: give this figure a group of its own"


def test_figures_of_one_group_and_one_unit_load(split: Path) -> None:
    split.write_text(split.read_text(encoding="utf-8") + "figures:\n"
                     + _figure("fig-a", "USD") + _figure("fig-b", "USD"), encoding="utf-8")
    assert [f.id for f in load(split).figures] == ["fig-a", "fig-b"]
