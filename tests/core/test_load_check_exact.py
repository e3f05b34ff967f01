"""Exact problems, positions and parts of one data file checked on its own
(core/loading/checkfile.py): what a file sent by someone else gets told, to the character."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.loading.checkfile import FileChecker, check_file
from kzt_tui.core.loading.context import Shared
from kzt_tui.core.loading.part import Part
from kzt_tui.core.model import Document, Figure, Person, Statement
from tests.helpers import DOC_A, DOC_B, MINI, person

TOP = "schema_version: 1\n"


def check(text: str, *, top: bool = False, root: Path = MINI
          ) -> tuple[Part | None, list[str]]:
    shared = Shared(root)
    part, _ = check_file(text, "f.yaml", shared, top=top)
    return part, [str(p) for p in shared.problems]


def people(*entries: str) -> str:
    return "people:\n" + "".join("  " + e.replace("\n", "\n  ").rstrip(" ") for e in entries)


def figure(fid: str = "fig-a", value: str = "20", extra: str = "", scale: str = "million",
           doc: str = "doc-a") -> str:
    return f"""\
figures:
  - id: {fid}
    label: {{en: "Trade", ru: "Товарооборот"}}
    measure: trade_turnover
    group: g-one
    scope: "x"
    countries: [KZ, TM]
    value: {value}
{extra}    scale: {scale}
    unit: USD
    qualifier: exact
    status: actual
    period: {{label: "2024", start: "2024", end: "2024"}}
    citations:
      - doc: {doc}
        quote: "Вторая строка"
        translation: "x"
"""


def statement(speaker: str = "null", voice: str | None = None) -> str:
    voice_line = f"    voice: {voice}\n" if voice else ""
    return (f"statements:\n  - id: stm-one\n    summary: {{en: \"Trade grows\"}}\n"
            f"    kind: assessment\n    speaker: {speaker}\n{voice_line}"
            f"    topics: [trade]\n    citations:\n      - doc: doc-a\n"
            f"        quote: \"Третья строка\"\n        translation: \"Third line\"\n")


# --- the file as a whole --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "problem"), [
    ("- a\n", "f.yaml:1:1: expected a mapping of sections at the top level, got a list "
              "(hint: start from the layout in docs/DATA.md)"),
    ("just text\n", "f.yaml: expected a mapping of sections at the top level, got the string "
                    "'just text' (hint: start from the layout in docs/DATA.md)"),
    ("a: [\n", "f.yaml:1:4: YAML syntax error: the '[' opened here is not closed before line "
                "2, column 1 (did not find expected node content there)"),
    ("a: 1\nb: 'x\n", "f.yaml:2:4: YAML syntax error: the \"'\" opened here is not closed "
                       "before line 3, column 1 (found unexpected end of stream there)"),
])
def test_a_file_that_is_not_a_mapping_has_no_part(text: str, problem: str) -> None:
    assert check(text) == (None, [problem])
    shared = Shared(MINI)
    check_file(text, "f.yaml", shared, top=True)
    assert shared.problems[0].path == ""


def test_unknown_sections_are_told_at_their_key_with_a_hint() -> None:
    part, found = check("schema_version: 1\npeeple: []\nzzz: 1\ninclude: [a]\n")
    assert part is not None and part.includes == ()
    assert found == [
        "f.yaml:2:1: peeple: unknown section 'peeple' (hint: did you mean 'people'?)",
        "f.yaml:3:1: zzz: unknown section 'zzz' (hint: allowed: schema_version, documents, "
        "agreements, corridors, figures, people, organisations, events, discrepancies, "
        "statements, dismissals, added_citations)",
        "f.yaml:4:1: include: unknown section 'include' (hint: only the file opened with "
        "--data may include others)"]
    _, found = check(TOP + "zzz: 1\n", top=True)
    assert found == [
        "f.yaml:2:1: zzz: unknown section 'zzz' (hint: allowed: schema_version, include, "
        "documents, agreements, corridors, figures, people, organisations, events, "
        "discrepancies, statements, dismissals, added_citations)"]
    long = "k" * 100
    _, found = check(TOP + f"{long}: 1\n")
    assert found == [f"f.yaml:2:1: {'k' * 79}…: unknown section '{'k' * 79}…' (hint: allowed: "
                     "schema_version, documents, agreements, corridors, figures, people, "
                     "organisations, events, discrepancies, statements, dismissals, "
                     "added_citations)"]


def test_the_top_file_needs_schema_version_and_a_part_may_leave_it_out() -> None:
    assert check("people: []\n", top=False)[1] == []
    assert check("people: []\n", top=True)[1] == [
        "f.yaml:1:1: schema_version: expected schema_version: 1, got nothing (null)"]
    assert check("people: []\nschema_version: 2\n")[1] == [
        "f.yaml:2:1: schema_version: expected schema_version: 1, got the number 2"]
    assert check("people: []\nschema_version: '1'\n", top=True)[1] == [
        "f.yaml:2:1: schema_version: expected schema_version: 1, got the string '1'"]


def test_the_top_files_includes_keep_their_positions() -> None:
    part, found = check(TOP + "include: [a, 'b/*.yaml']\npeople: null\n", top=True)
    assert found == [] and part is not None
    assert part.includes == (("a", 2, 11), ("b/*.yaml", 2, 14))
    assert part.counts == ((0, 0),) * 9 and part.sections == ((),) * 9
    assert check(TOP + "include: 5\n", top=True) == (part.__class__(
        "f.yaml", ((),) * 9, ((0, 0),) * 9, (), (), (), (), ()),
        ["f.yaml:2:1: include: expected a list, got the number 5"])
    assert check(TOP + "include: [a, 5]\n", top=True)[1] == [
        "f.yaml:2:14: include[1]: expected a non-empty string, got the number 5"]
    assert check(TOP + "include: [a, 5]\n", top=True)[0].includes == ()  # type: ignore[union-attr]


def test_a_section_or_dismissals_that_is_not_a_list_is_told_at_its_key() -> None:
    part, found = check(TOP + "people: 5\ndismissals: {a: 1}\n")
    assert found == ["f.yaml:2:1: people: expected a list, got the number 5",
                     "f.yaml:3:1: dismissals: expected a list, got a mapping"]
    assert part is not None and part.sections == ((),) * 9 and part.dismissals == ()


# --- records: ids, builds, positions --------------------------------------------------------


def test_a_file_becomes_a_part_with_its_ids_refs_docs_and_counts() -> None:
    part, found = check(TOP + DOC_A + people(person("per-one", "doc-a", "Вторая строка"),
                                            person("per-two", "doc-a", "Третья строка")))
    assert found == []
    assert part is not None
    assert part.file == "f.yaml" and part.docs == (("doc-a", "texts/a.txt"),)
    assert part.ids == (("doc-a", "documents[0]", 3, 5), ("per-one", "people[0]", 12, 5),
                        ("per-two", "people[1]", 20, 5))
    # not the records' own ids (checked as references while read)
    assert part.refs == (("people[0].citations[0].doc", 17, 9, "doc-a", ("doc",)),
                         ("people[1].citations[0].doc", 25, 9, "doc-a", ("doc",)))
    assert part.counts[0] == (1, 0) and part.counts[4] == (2, 2)
    assert part.grounded_in == () and part.dismissals == () and part.units == ()
    (doc,) = part.sections[0]  # type: ignore[index]
    assert isinstance(doc, Document) and (doc.id, doc.path, doc.citations) == (
        "doc-a", "documents[0]", ())
    one, two = part.sections[4]  # type: ignore[index]
    assert isinstance(one, Person) and (one.id, one.path, one.notes) == ("per-one", "people[0]",
                                                                         None)
    assert two.path == "people[1]"
    span = one.citations[0].span
    assert span is not None and (span.start, span.line_start) == (31, 2)


def test_an_id_of_another_section_is_told_at_the_id() -> None:
    part, found = check(TOP + DOC_A + people(person("org-x", "doc-a", "Вторая строка"),
                                            person("x y", "doc-a", "Вторая строка")))
    assert found[0] == "f.yaml:12:5: people[0].id: id 'org-x' must start with 'per-' in people"
    assert all("must start with" not in f for f in found[1:])
    assert part is not None
    # a bad record still has its id noted, at its `id` key
    assert part.ids[1:] == (("org-x", "people[0]", 12, 5), ("x y", "people[1]", 20, 5))
    assert part.counts[4] == (1, 1)  # told, yet built: the load fails on the problem


def test_an_id_that_is_not_a_string_is_not_noted() -> None:
    part, _ = check(TOP + "people:\n  - id: 5\n  - 7\n")
    assert part is not None and part.ids == ()


# --- figures: finite once scaled, ranges in order, one unit per group ----------------------


def test_a_figure_too_large_once_scaled_is_told_at_each_value() -> None:
    part, found = check(TOP + DOC_A + figure(value="1e300", extra="    value_max: 1e301\n",
                                             scale="billion"))
    assert found == [
        "f.yaml:18:5: figures[0].value: 1e+300 billion is beyond the largest number kzt-tui "
        "can compute with (hint: check the value and its scale)",
        "f.yaml:19:5: figures[0].value_max: 1e+301 billion is beyond the largest number "
        "kzt-tui can compute with (hint: check the value and its scale)"]
    assert part is not None and part.sections[3] == () and part.units == ()  # type: ignore[index]
    assert check(TOP + DOC_A + figure(value="1e302", scale="million"))[1] == []
    assert check(TOP + DOC_A + figure(value="1e303", scale="million"))[1] == [
        "f.yaml:18:5: figures[0].value: 1e+303 million is beyond the largest number kzt-tui "
        "can compute with (hint: check the value and its scale)"]
    assert check(TOP + DOC_A + figure(value="1e300", scale="one"))[1] == []


def test_a_range_may_end_at_its_start_but_not_below() -> None:
    part, found = check(TOP + DOC_A + figure(value="20", extra="    value_max: 19.5\n"))
    assert found == [
        "f.yaml:19:5: figures[0].value_max: value_max 19.5 is below value 20 (hint: a range "
        "is written value: low, value_max: high)"]
    assert part is not None and part.sections[3] == () and part.units == ()  # type: ignore[index]
    part, found = check(TOP + DOC_A + figure(value="20", extra="    value_max: 20\n"))
    assert found == [] and part is not None
    (fig,) = part.sections[3]  # type: ignore[index]
    assert isinstance(fig, Figure) and (fig.value, fig.value_max) == (20, 20)
    assert part.units == (("g-one", "USD", "figures[0]", 21, 5),)


def test_a_too_large_figure_is_not_also_told_out_of_order() -> None:
    assert check(TOP + DOC_A + figure(value="1e300", extra="    value_max: 1\n",
                                      scale="billion"))[1] == [
        "f.yaml:18:5: figures[0].value: 1e+300 billion is beyond the largest number kzt-tui "
        "can compute with (hint: check the value and its scale)"]


# --- statements: speaker and voice ----------------------------------------------------------


@pytest.mark.parametrize(("speaker", "voice", "problem"), [
    ("null", None, "f.yaml:15:5: statements[0].voice: a statement without a speaker needs "
                   "voice: author (the text's own voice) or voice: unnamed (someone the text "
                   "does not name)"),
    ("null", "speaker", "f.yaml:16:5: statements[0].voice: a statement without a speaker "
                        "needs voice: author (the text's own voice) or voice: unnamed "
                        "(someone the text does not name)"),
    ("per-one", "author", "f.yaml:16:5: statements[0].voice: voice: author contradicts the "
                          "speaker 'per-one' (hint: leave voice out, or set speaker: null)"),
    ("per-one", "unnamed", "f.yaml:16:5: statements[0].voice: voice: unnamed contradicts the "
                           "speaker 'per-one' (hint: leave voice out, or set speaker: null)"),
])
def test_speaker_and_voice_must_agree_at_the_voice(speaker: str, voice: str | None,
                                                   problem: str) -> None:
    part, found = check(TOP + DOC_A + statement(speaker, voice))
    assert found == [problem]
    assert part is not None and part.sections[8] == ()  # type: ignore[index]


@pytest.mark.parametrize(("speaker", "voice", "got"), [
    ("per-one", None, ("per-one", "speaker")), ("per-one", "speaker", ("per-one", "speaker")),
    ("null", "author", (None, "author")), ("null", "unnamed", (None, "unnamed")),
])
def test_a_statement_whose_voice_fits_is_built(speaker: str, voice: str | None,
                                               got: tuple[str | None, str]) -> None:
    part, found = check(TOP + DOC_A + statement(speaker, voice))
    assert found == [] and part is not None
    (stm,) = part.sections[8]  # type: ignore[index]
    assert isinstance(stm, Statement) and (stm.speaker, stm.voice) == got


# --- dismissals, citations that wait for a later file, the texts a part depends on --------


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "ds"
    (root / "texts").mkdir(parents=True)
    (root / "texts" / "a.txt").write_bytes((MINI / "texts" / "a.txt").read_bytes())
    (root / "texts" / "b.txt").write_text("Текст Б: вторая статья.\n", encoding="utf-8")
    return root


def dismissal(doc: str, quote: str, reason: str = "caption") -> str:
    return f"  - doc: {doc}\n    quote: \"{quote}\"\n    reason: {reason}\n"


def test_dismissals_are_grounded_and_a_bad_one_dropped(tmp_path: Path) -> None:
    part, found = check(TOP + DOC_A + "dismissals:\n" + dismissal("doc-a", "Вторая строка")
                        + dismissal("doc-a", "нет такой") + dismissal("doc-a", "x", "why")
                        + dismissal("doc-a", "Третья строка", "repetition"),
                        root=_root(tmp_path))
    assert part is not None
    assert [(d.citation.path, d.reason, d.citation.span is not None and d.citation.span.start)
            for d in part.dismissals] == [("dismissals[0]", "caption", 31),
                                          ("dismissals[3]", "repetition", 71)]
    assert found[0].startswith("f.yaml:16:5: dismissals[1].quote: [doc-a] quote not found")
    assert found[1].startswith("f.yaml:20:5: dismissals[2].reason: expected one of headline, ")
    assert len(found) == 2
    assert check(TOP + "dismissals: null\n") == (check(TOP)[0], [])
    assert check(TOP + "dismissals:\n  - 5\n")[1] == [
        "f.yaml:3:5: dismissals[0]: expected a mapping with fields doc, quote, occurrence, "
        "reason, note, got the number 5"]


def _two_files(root: Path, first: str, second: str) -> tuple[FileChecker, list[tuple[int, Part]]]:
    checker = FileChecker(root)
    assert checker.check(0, "a.yaml", first.encode(), top=True) is not None
    assert checker.check(1, "b.yaml", second.encode(), top=False) is not None
    return checker, checker.finish()


def test_citations_of_a_later_files_document_are_grounded_at_the_end(tmp_path: Path) -> None:
    root = _root(tmp_path)
    first = (TOP + people(person("per-one", "doc-b", "вторая статья"),
                          person("per-two", "doc-a", "Вторая строка"))
             + "dismissals:\n" + dismissal("doc-b", "Текст Б"))
    checker, parts = _two_files(root, first, DOC_A + DOC_B.replace("documents:\n", ""))
    assert checker.shared.problems == []
    (i, a), (j, b) = parts
    assert (i, j) == (0, 1)
    spans = [(c.path, c.span.start) for r in a.sections[4] for c in r.citations  # type: ignore[index]
             if c.span is not None]
    assert spans == [("people[0].citations[0]", 9), ("people[1].citations[0]", 31)]
    (dis,) = a.dismissals
    assert dis.citation.span is not None and dis.citation.span.start == 0
    digest_a, digest_b = checker.shared.digests["doc-a"], checker.shared.digests["doc-b"]
    assert a.grounded_in == (("doc-a", "texts/a.txt", digest_a),
                             ("doc-b", "texts/b.txt", digest_b))
    # b cites nothing, but defines both documents: their sources were read too
    assert b.grounded_in == a.grounded_in


def test_a_later_files_quote_not_found_is_told_at_the_quote(tmp_path: Path) -> None:
    root = _root(tmp_path)
    first = (TOP + people(person("per-one", "doc-b", "нет такой"),
                          person("per-two", "doc-z", "Вторая строка"))
             + "dismissals:\n" + dismissal("doc-b", "и такой нет"))
    checker, parts = _two_files(root, first, DOC_B)
    found = [str(p) for p in checker.shared.problems]
    assert [f.split(" [")[0] for f in found] == [
        "a.yaml:9:9: people[0].citations[0].quote:",
        "a.yaml:21:5: dismissals[0].quote:"]
    assert all("] quote not found" in f for f in found)
    (_, a), _ = parts
    # the unknown document's citation waits for check_links; the bad ones keep no span
    assert [c.span for r in a.sections[4] for c in r.citations] == [None, None]  # type: ignore[index]
    assert a.dismissals[0].citation.span is None
    assert a.grounded_in == (("doc-b", "texts/b.txt", checker.shared.digests["doc-b"]),)


def test_a_dropped_record_leaves_nothing_waiting(tmp_path: Path) -> None:
    root = _root(tmp_path)
    bad = person("per-one", "doc-b", "вторая статья").replace("country: KZ", "country: 5")
    first = (TOP + people(bad, person("per-two", "doc-b", "вторая статья"))
             + "dismissals:\n" + dismissal("doc-b", "Текст Б", "nope")
             + dismissal("doc-b", "Текст Б"))
    checker, parts = _two_files(root, first, DOC_B)
    found = [str(p) for p in checker.shared.problems]
    assert len(found) == 2 and "people[0].country" in found[0] and "dismissals[0]" in found[1]
    (_, a), _ = parts
    (rec,) = a.sections[4]  # type: ignore[index]
    assert rec.id == "per-two" and rec.citations[0].span is not None
    assert rec.citations[0].span.start == 9
    (dis,) = a.dismissals
    assert dis.citation.path == "dismissals[1]" and dis.citation.span is not None


def test_a_part_not_utf8_is_told_and_has_no_part() -> None:
    checker = FileChecker(MINI)
    assert checker.check(3, "x.yaml", b"a: \xff", top=False) is None
    assert [str(p) for p in checker.shared.problems] == [
        "x.yaml: not valid UTF-8 at byte offset 3 (byte 0xFF) (hint: save the file as UTF-8)"]
    assert checker.finish() == []
    assert checker.check(4, "y.yaml", b"- 1\n", top=False) is None
    assert checker.finish() == []


def test_a_seeded_document_is_told_at_its_own_files_line(tmp_path: Path) -> None:
    """A document known from a cached part of this same file gets its place back once the
    file is checked again; one from another file keeps that file's place."""
    root = _root(tmp_path)
    missing = DOC_A.replace("texts/a.txt", "texts/none.txt")
    text = TOP + missing + people(person("per-one", "doc-a", "Вторая строка"))
    checker = FileChecker(root)
    checker.seed({"doc-a": ("texts/none.txt", "f.yaml"), "doc-b": ("texts/b.txt", "g.yaml")})
    checker.check(0, "f.yaml", text.encode(), top=True)
    checker.finish()
    assert [str(p) for p in checker.shared.problems] == [
        "f.yaml:4:5: documents[0].file: source file 'texts/none.txt' does not exist (hint: "
        "check the document's `file` path (relative to the dataset root))"]
    other = FileChecker(root)
    other.seed({"doc-a": ("texts/none.txt", "g.yaml")})
    other.check(0, "f.yaml", text.encode(), top=True)
    assert [str(p) for p in other.shared.problems] == [
        "g.yaml: documents: source file 'texts/none.txt' does not exist (hint: check the "
        "document's `file` path (relative to the dataset root))"]
    assert other.shared.doc_files == {"doc-a": "texts/none.txt"}


def test_a_document_defined_twice_keeps_its_first_file(tmp_path: Path) -> None:
    root = _root(tmp_path)
    twice = TOP + DOC_A + DOC_A.replace("documents:\n", "").replace("texts/a.txt",
                                                                    "texts/b.txt")
    checker = FileChecker(root)
    checker.check(0, "f.yaml", twice.encode(), top=True)
    assert checker.shared.doc_files == {"doc-a": "texts/a.txt"}
    assert checker.shared.doc_pos["doc-a"][:2] == ("f.yaml", "documents[0].file")


def test_a_document_without_a_usable_file_is_not_learnt() -> None:
    for file in ("null", '" "', "5"):
        shared = Shared(MINI)
        check_file(TOP + DOC_A.replace("texts/a.txt", file), "f.yaml", shared, top=True)
        assert shared.doc_files == {}
    shared = Shared(MINI)
    check_file(TOP + "documents: 5\n", "f.yaml", shared, top=True)
    check_file(TOP + "documents: [5, {id: 7}]\n", "f.yaml", shared, top=True)
    assert shared.doc_files == {}


def test_a_dismissals_citation_has_no_translation_and_keeps_occurrence_and_note(
        tmp_path: Path) -> None:
    part, found = check(TOP + DOC_A + "dismissals:\n" + dismissal(
        "doc-a", "товарооборот $555,7 млн.") + "    occurrence: 2\n    note: \"again\"\n",
        root=_root(tmp_path))
    assert found == [] and part is not None
    (dis,) = part.dismissals
    cite = dis.citation
    assert (cite.doc, cite.quote, cite.translation, cite.occurrence, cite.note, cite.path) == (
        "doc-a", "товарооборот $555,7 млн.", "", 2, "again", "dismissals[0]")
    assert cite.span is not None and cite.span.line_start == 3


def test_a_document_after_one_without_a_file_is_learnt() -> None:
    shared = Shared(MINI)
    two = DOC_A.replace("texts/a.txt", "null") + DOC_A.replace("documents:\n", "").replace(
        "doc-a", "doc-b")
    check_file(TOP + two, "f.yaml", shared, top=True)
    assert shared.doc_files == {"doc-b": "texts/a.txt"}


def test_a_record_that_is_not_a_mapping_is_told_at_its_item() -> None:
    _, found = check(TOP + "people:\n  - 7\n")
    assert found == ["f.yaml:3:5: people[0]: expected a mapping with fields id, notes, name, "
                     "role, country, citations, got the number 7"]


def test_a_dropped_last_record_leaves_nothing_waiting(tmp_path: Path) -> None:
    root = _root(tmp_path)
    bad = person("per-two", "doc-b", "вторая статья").replace("country: KZ", "country: 5")
    first = TOP + people(person("per-one", "doc-b", "вторая статья"), bad)
    checker, parts = _two_files(root, first, DOC_B)
    assert len(checker.shared.problems) == 1
    (_, a), _ = parts
    (rec,) = a.sections[4]  # type: ignore[index]
    assert rec.id == "per-one" and rec.citations[0].span is not None


def test_every_dismissal_that_waited_is_grounded(tmp_path: Path) -> None:
    """Not only the first: two dismissals of a later file's document, both grounded."""
    root = _root(tmp_path)
    first = (TOP + "dismissals:\n" + dismissal("doc-b", "Текст Б")
             + dismissal("doc-b", "вторая статья", "repetition"))
    checker, parts = _two_files(root, first, DOC_B)
    assert checker.shared.problems == []
    (_, a), _ = parts
    assert [(d.citation.path, d.citation.span and (d.citation.span.start, d.citation.span.end))
            for d in a.dismissals] == [("dismissals[0]", (0, 7)), ("dismissals[1]", (9, 22))]
