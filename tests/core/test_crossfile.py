"""The checks across files exactly (core/loading/crossfile): each duplicate, unknown,
wrong-kind and mixed-unit message with its place and hint, the limit on close-match
guesses, a cached part's sources still the same bytes, and the problems' order and cap."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kzt_tui.core.loading.context import Shared
from kzt_tui.core.loading.crossfile import (
    check_links,
    check_units,
    clean_alone,
    sort_problems,
    still_grounded,
)
from kzt_tui.core.loading.part import Part
from kzt_tui.core.problems import MAX_PROBLEMS, Problem

Ids = tuple[tuple[str, str, int | None, int | None], ...]
Refs = tuple[tuple[str, int | None, int | None, str, tuple[str, ...]], ...]


def _part(file: str, ids: Ids = (), refs: Refs = (),
          grounded_in: tuple[tuple[str, str, str], ...] = (),
          units: tuple[tuple[str, str, str, int | None, int | None], ...] = ()) -> Part:
    return Part(file, None, (), (), (), ids, refs, grounded_in, (), units)


def _links(*parts: Part) -> list[tuple[str, int | None, int | None, str, str, str | None]]:
    problems: list[Problem] = []
    check_links(list(parts), problems)
    return [(p.file, p.line, p.col, p.path, p.message, p.hint) for p in problems]


def test_a_duplicate_id_names_where_it_was_first_used() -> None:
    one = _part("a.yaml", ids=(("per-x", "people[0]", 3, 5), ("per-x", "people[4]", 9, 5)))
    two = _part("b.yaml", ids=(("per-x", "people[1]", 7, 7), ("per-y", "people[2]", 8, 7)))
    hint = "ids are unique across the whole dataset"
    assert _links(one, two) == [
        ("a.yaml", 9, 5, "people[4].id", "duplicate id 'per-x' (first used at people[0])",
         hint),
        ("b.yaml", 7, 7, "people[1].id",
         "duplicate id 'per-x' (first used at a.yaml: people[0])", hint)]
    long_id = "per-" + "x" * 100
    got = _links(_part("a.yaml", ids=((long_id, "p[0]", 1, 1), (long_id, "p[1]", 2, 1))))
    assert got[0][4] == f"duplicate id '{long_id[:79]}…' (first used at p[0])"


def test_a_reference_names_an_id_of_the_right_kind() -> None:
    part = _part("a.yaml", ids=(("per-x", "people[0]", 1, 1), ("org-y", "org[0]", 2, 1),
                                ("per-x-y", "people[1]", 3, 1)),
                 refs=(("s[0].speaker", 5, 3, "per-x", ("per", "org")),
                       ("s[0].about[4]", 4, 5, "per-x-y", ("per",)),  # kind: before the 1st -
                       ("s[0].about[0]", 6, 5, "org-y", ("agr",)),
                       ("s[0].about[1]", 7, 5, "per-x", ("agr", "fig")),
                       ("s[0].about[2]", 8, 5, "per-z", ("per",)),
                       ("s[0].about[3]", 9, 5, "zzz-q", ("per",))))
    assert _links(part) == [
        ("a.yaml", 6, 5, "s[0].about[0]", "'org-y' is not one of the agreements", None),
        ("a.yaml", 7, 5, "s[0].about[1]", "'per-x' is not one of the agreements or figures",
         None),
        ("a.yaml", 8, 5, "s[0].about[2]", "unknown id 'per-z'", "did you mean 'per-x'?"),
        ("a.yaml", 9, 5, "s[0].about[3]", "unknown id 'zzz-q'", None)]


def test_an_id_defined_in_a_later_file_resolves() -> None:
    first = _part("a.yaml", refs=(("x.doc", 1, 1, "doc-b", ("doc",)),))
    assert _links(first, _part("b.yaml", ids=(("doc-b", "documents[0]", 2, 3),))) == []


def test_a_close_match_is_looked_for_for_the_first_fifty_unknown_ids_only() -> None:
    refs = tuple((f"r[{i}]", i, 1, f"per-onx{i}", ("per",)) for i in range(52))
    ids = tuple((f"per-one{i}", f"p[{i}]", 1, 1) for i in range(52))
    hints = [hint for *_, hint in _links(_part("a.yaml", ids=ids, refs=refs))]
    assert hints[:50] == [f"did you mean 'per-one{i}'?" for i in range(50)]
    assert hints[50:] == [None, None]
    long_ref = "per-" + "y" * 100
    got = _links(_part("a.yaml", refs=(("r", 1, 1, long_ref, ("per",)),)))
    assert got[0][4] == f"unknown id '{long_ref[:79]}…'"


def test_a_figure_group_keeps_one_unit_across_files() -> None:
    one = _part("a.yaml", units=(("trade", "USD", "figures[0]", 3, 5),
                                 ("trade", "percent", "figures[1]", 9, 5),
                                 ("gas", "m3", "figures[2]", 12, 5)))
    two = _part("b.yaml", units=(("trade", "tonnes", "figures[0]", 4, 7),
                                 ("trade", "USD", "figures[1]", 5, 7)))
    problems: list[Problem] = []
    check_units([one, two], problems)
    hint = "a group is one chart: give this figure a group of its own"
    assert [(p.file, p.line, p.col, p.path, p.message, p.hint) for p in problems] == [
        ("a.yaml", 9, 5, "figures[1].unit",
         "figure group 'trade' mixes units: percent here, USD at figures[0]", hint),
        ("b.yaml", 4, 7, "figures[0].unit",
         "figure group 'trade' mixes units: tonnes here, USD at a.yaml: figures[0]", hint)]
    long_group = "g" * 100
    problems = []
    check_units([_part("a.yaml", units=((long_group, "USD", "f[0]", 1, 1),
                                        (long_group, "m3", "f[1]", 2, 1)))], problems)
    assert problems[0].message.startswith(f"figure group '{long_group[:79]}…' mixes")


def test_a_cached_part_holds_while_each_of_its_texts_is_the_same_file_and_bytes(
        tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"alpha")
    (tmp_path / "b.txt").write_bytes(b"beta")
    sha = {n: hashlib.sha256(b).hexdigest() for n, b in (("a", b"alpha"), ("b", b"beta"))}
    part = _part("p.yaml", grounded_in=(("doc-a", "a.txt", sha["a"]),
                                        ("doc-b", "b.txt", sha["b"])))
    files = {"doc-a": "a.txt", "doc-b": "b.txt"}
    memo: dict[str, str | None] = {}
    assert still_grounded(part, files, tmp_path, memo)
    assert memo == {"a.txt": sha["a"], "b.txt": sha["b"]}
    (tmp_path / "a.txt").write_bytes(b"alpha!")
    assert still_grounded(part, files, tmp_path, memo)  # the digest is read once per load
    assert not still_grounded(part, files, tmp_path, {})
    assert not still_grounded(part, {**files, "doc-b": "a.txt"}, tmp_path, {})
    assert not still_grounded(part, {"doc-a": "a.txt"}, tmp_path, {})
    assert still_grounded(_part("p.yaml"), {}, tmp_path, {})
    memo = {}
    assert not still_grounded(_part("p.yaml", grounded_in=(("doc-c", "c.txt", sha["a"]),)),
                              {"doc-c": "c.txt"}, tmp_path, memo)  # gone
    assert memo == {"c.txt": None}
    memo = {}
    outside = _part("p.yaml", grounded_in=(("doc-c", "../c.txt", sha["a"]),))
    assert not still_grounded(outside, {"doc-c": "../c.txt"}, tmp_path, memo)
    assert memo == {"../c.txt": None}


def _p(file: str, line: int | None, col: int | None = 1) -> Problem:
    return Problem(file, line, col, "x", f"{file}:{line}:{col}")


def test_problems_come_in_the_order_the_files_were_read_then_by_place() -> None:
    shared = Shared(Path("."))
    shared.problems = [_p("b.yaml", 3), _p("a.yaml", 9, 2)]
    found = [_p("a.yaml", 9, 1), _p("b.yaml", None), _p("z.yaml", 1), _p("y.yaml", 2),
             _p("a.yaml", 2)]
    got = sort_problems(shared, found, ["b.yaml", "a.yaml"])
    assert [p.message for p in got] == [
        "y.yaml:2:1", "z.yaml:1:1",  # files not read (their own order), first
        "b.yaml:None:1", "b.yaml:3:1", "a.yaml:2:1", "a.yaml:9:1", "a.yaml:9:2"]
    assert [p.message for p in sort_problems(None, [_p("a.yaml", 2, None), _p("a.yaml", 1)],
                                             ["a.yaml"])] == ["a.yaml:1:1", "a.yaml:2:None"]
    # no line (or column) comes before the first
    assert [p.message for p in sort_problems(None, [_p("a.yaml", 1), _p("a.yaml", None),
                                                    _p("a.yaml", 2, 1), _p("a.yaml", 2, None)],
                                             ["a.yaml"])] == [
        "a.yaml:None:1", "a.yaml:1:1", "a.yaml:2:None", "a.yaml:2:1"]


def test_past_the_cap_the_rest_are_counted_on_one_line() -> None:
    many = [_p("a.yaml", i) for i in range(MAX_PROBLEMS)]
    assert sort_problems(None, many, ["a.yaml"]) == many  # at the cap: all, no count
    got = sort_problems(None, [*many, _p("a.yaml", MAX_PROBLEMS + 5)], ["a.yaml", "b.yaml"])
    assert got[:-1] == many and got[-1] == Problem(
        "a.yaml", None, None, "", "… and 1 more problem(s) not listed",
        "fix the ones above first")
    shared = Shared(Path("."))
    shared.unlisted = 1500
    got = sort_problems(shared, [_p("b.yaml", 1)], ["b.yaml"])
    assert got == [_p("b.yaml", 1), Problem("b.yaml", None, None, "",
                                            "… and 1,500 more problem(s) not listed",
                                            "fix the ones above first")]


def test_clean_alone_is_a_part_without_problems_of_its_own_and_every_citation_grounded(
        tmp_path: Path) -> None:
    import dataclasses

    from kzt_tui.core.loading import load
    from kzt_tui.core.model import SECTION_PREFIX, replace_citations
    from tests.helpers import make_split

    first, second = load(make_split(tmp_path)).people[:2]
    unmoored = replace_citations(second, lambda c: dataclasses.replace(c, span=None))

    def part(*people: object) -> Part:
        sections = tuple(people if name == "people" else () for name in SECTION_PREFIX)
        return dataclasses.replace(_part("a.yaml"), sections=sections)  # type: ignore[arg-type]

    assert clean_alone(part(first, second), {"b.yaml"})
    assert not clean_alone(part(first, second), {"b.yaml", "a.yaml"})
    assert not clean_alone(part(first, unmoored), set())  # cites a document none defined
    assert not clean_alone(part(unmoored, first), set())
    assert clean_alone(_part("a.yaml"), set())  # only its summary: nothing ungrounded seen
    # an added citation or a dismissal citing a document none checked with it defined
    grounded = first.citations[0]
    loose = dataclasses.replace(grounded, span=None)
    from kzt_tui.core.model import Dismissal

    def with_(additions: tuple[object, ...] = (), dismissals: tuple[object, ...] = ()
              ) -> Part:
        return dataclasses.replace(part(first), additions=additions,  # type: ignore[arg-type]
                                   dismissals=dismissals)

    assert clean_alone(with_((("per-x", grounded),), (Dismissal(grounded, "other"),)), set())
    assert not clean_alone(with_((("per-x", grounded), ("per-x", loose))), set())
    assert not clean_alone(with_(dismissals=(Dismissal(grounded, "other"),
                                             Dismissal(loose, "other"))), set())
