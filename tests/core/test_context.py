"""Shared and Ctx of one load exactly (core/loading/context): the problem cap at its
boundary, a source text read once and kept among the last KEEP_TEXTS, an unusable source
told once, and a citation grounded once per (doc, quote, occurrence), its problem at the
quote's place."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kzt_tui.core.grounding import GroundingBudget, LineIndex
from kzt_tui.core.loading.context import BAD, KEEP_TEXTS, Ctx, Shared, ground_citation
from kzt_tui.core.loading.yamlsafe import Pos
from kzt_tui.core.model import Citation, Span
from kzt_tui.core.problems import MAX_PROBLEMS, Problem


def _shared(tmp_path: Path, texts: dict[str, str]) -> Shared:
    """A load's shared state with documents doc-NAME whose sources hold `texts`."""
    shared = Shared(tmp_path)
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        shared.doc_files[f"doc-{name}"] = f"{name}.txt"
        shared.doc_pos[f"doc-{name}"] = ("data.yaml", f"documents[{name}]", Pos(2, 3))
    return shared


def test_a_new_load_has_nothing_yet(tmp_path: Path) -> None:
    shared = Shared(tmp_path)
    assert shared.root == tmp_path
    assert (shared.problems, shared.unlisted, shared.doc_files, shared.doc_pos) == (
        [], 0, {}, {})
    assert (shared.texts, shared.failed, shared.digests, shared.lines, shared.grounded) == (
        {}, set(), {}, {}, {})
    ctx = Ctx("f.yaml", shared)
    assert (ctx.ids, ctx.refs, ctx.units, ctx.deferred, ctx.section, ctx.index) == (
        [], [], [], [], "", 0)


def test_a_problem_keeps_its_file_place_path_and_hint(tmp_path: Path) -> None:
    ctx = Ctx("f.yaml", Shared(tmp_path))
    assert ctx.err("a.b", Pos(3, 7), "bad", "fix it") is BAD
    assert ctx.err("a.c", None, "worse") is BAD
    assert ctx.shared.problems == [Problem("f.yaml", 3, 7, "a.b", "bad", "fix it"),
                                   Problem("f.yaml", None, None, "a.c", "worse", None)]
    assert ctx.shared.unlisted == 0


def test_past_the_cap_a_problem_is_only_counted(tmp_path: Path) -> None:
    shared = Shared(tmp_path)
    for i in range(MAX_PROBLEMS - 1):
        shared.err("f.yaml", f"p{i}", None, "m")
    assert shared.err("f.yaml", "last", None, "m") is BAD  # the cap-th: listed
    assert len(shared.problems) == MAX_PROBLEMS and shared.unlisted == 0
    assert shared.problems[-1].path == "last"
    assert shared.err("f.yaml", "over", None, "m") is BAD
    assert shared.err("f.yaml", "over", None, "m") is BAD
    assert len(shared.problems) == MAX_PROBLEMS and shared.unlisted == 2


def test_a_text_is_read_once_with_the_digest_of_its_bytes(tmp_path: Path) -> None:
    shared = _shared(tmp_path, {"a": "альфа"})
    assert shared.text_of("doc-a") == "альфа"
    assert shared.digests == {"doc-a": hashlib.sha256("альфа".encode()).hexdigest()}
    (tmp_path / "a.txt").write_text("changed", encoding="utf-8")
    assert shared.text_of("doc-a") == "альфа"  # kept, not read again
    assert shared.texts == {"doc-a": "альфа"}


def test_an_unusable_source_is_told_once_at_its_document(tmp_path: Path) -> None:
    shared = _shared(tmp_path, {"a": "x"})
    shared.doc_files["doc-gone"] = "gone.txt"
    shared.doc_pos["doc-gone"] = ("data.yaml", "documents[1]", Pos(9, 5))
    assert shared.text_of("doc-gone") is None
    assert shared.text_of("doc-gone") is None
    assert shared.problems == [Problem(
        "data.yaml", 9, 5, "documents[1]", "source file 'gone.txt' does not exist",
        "check the document's `file` path (relative to the dataset root)")]
    assert shared.failed == {"doc-gone"} and "doc-gone" not in shared.texts


def test_the_last_keep_texts_texts_are_kept_and_the_oldest_let_go(tmp_path: Path) -> None:
    names = [str(i) for i in range(KEEP_TEXTS + 2)]
    shared = _shared(tmp_path, {n: f"text {n}" for n in names})
    for n in names[:KEEP_TEXTS]:
        assert shared.text_of(f"doc-{n}") == f"text {n}"
        if n != "1":  # a text no citation needed the lines of
            shared.lines[f"doc-{n}"] = LineIndex(f"text {n}")
    assert len(shared.texts) == KEEP_TEXTS and "doc-0" in shared.texts  # at the limit
    assert shared.text_of(f"doc-{names[-2]}") == f"text {names[-2]}"  # one over
    assert len(shared.texts) == KEEP_TEXTS
    assert "doc-0" not in shared.texts and "doc-0" not in shared.lines
    assert "doc-1" in shared.texts and "doc-2" in shared.lines
    assert shared.text_of(f"doc-{names[-1]}") == f"text {names[-1]}"  # doc-1: no lines
    assert "doc-1" not in shared.texts and "doc-2" in shared.texts
    (tmp_path / "0.txt").write_text("read again", encoding="utf-8")
    assert shared.text_of("doc-0") == "read again"
    assert "doc-2" not in shared.texts and "doc-2" not in shared.lines


def _cite(quote: str, doc: str = "doc-a", occurrence: int | None = None) -> Citation:
    return Citation(doc, quote, "t", occurrence, None, path="people[0].citations[1]")


def test_a_citation_gets_its_span_and_is_grounded_once(tmp_path: Path) -> None:
    shared = _shared(tmp_path, {"a": "первая строка\nвторая строка\n"})
    got = ground_citation(shared, "f.yaml", _cite("вторая"), Pos(4, 9))
    assert got == _cite("вторая").with_span(Span(14, 20, 2, 2))
    lines = shared.lines["doc-a"]
    assert isinstance(lines, LineIndex) and lines.line_of(14) == 2  # kept for its text
    assert ground_citation(shared, "f.yaml", _cite("первая"), None).span == Span(0, 6, 1, 1)
    assert list(shared.lines) == ["doc-a"] and shared.lines["doc-a"] is lines  # made once
    (tmp_path / "a.txt").write_text("nothing", encoding="utf-8")
    shared.texts.clear()  # let go (as past KEEP_TEXTS), with its lines
    shared.lines.clear()
    assert ground_citation(shared, "f.yaml", _cite("вторая"), None).span == Span(14, 20, 2, 2)
    assert shared.texts == {} and shared.problems == []  # kept per (doc, quote, occurrence)
    assert ground_citation(shared, "f.yaml", _cite("ничего"), None) is BAD
    assert shared.texts == {"doc-a": "nothing"}
    assert list(shared.grounded) == [("doc-a", "вторая", None), ("doc-a", "первая", None),
                                     ("doc-a", "ничего", None)]


def test_an_ungrounded_quote_is_told_at_the_quote_with_its_document(tmp_path: Path) -> None:
    shared = _shared(tmp_path, {"a": "строка строка\n"})
    assert ground_citation(shared, "f.yaml", _cite("строка"), Pos(4, 9)) is BAD
    assert shared.problems == [Problem(
        "f.yaml", 4, 9, "people[0].citations[1].quote",
        "[doc-a] quote occurs 2 times (lines 1, 1); it must be disambiguated",
        "add `occurrence: N` (1 = first) or lengthen the quote")]


def test_a_citation_of_an_unusable_source_is_kept_without_a_span(tmp_path: Path) -> None:
    shared = _shared(tmp_path, {})
    shared.doc_files["doc-a"] = "gone.txt"
    shared.doc_pos["doc-a"] = ("data.yaml", "documents[0]", Pos(1, 3))
    assert ground_citation(shared, "f.yaml", _cite("x"), Pos(4, 9)) == _cite("x")
    assert [p.message for p in shared.problems] == ["source file 'gone.txt' does not exist"]
    assert shared.grounded == {}


def test_a_missing_quote_is_explained_until_the_problems_are_capped(tmp_path: Path) -> None:
    shared = _shared(tmp_path, {"a": "строка\n"})
    for i in range(MAX_PROBLEMS - 1):
        shared.err("f.yaml", f"p{i}", None, "m")
    ground_citation(shared, "f.yaml", _cite("строкa"), None)  # a Latin "a": one under
    assert shared.problems[-1].message.startswith("[doc-a] quote not found; ")
    ground_citation(shared, "f.yaml", _cite("строкo"), None)  # at the cap: only counted
    assert shared.unlisted == 1
    assert shared.grounded[("doc-a", "строкo", None)].message == "quote not found"


def test_each_occurrence_of_a_quote_is_grounded_on_its_own(tmp_path: Path) -> None:
    shared = _shared(tmp_path, {"a": "строка строка\n"})
    assert ground_citation(shared, "f.yaml", _cite("строка", occurrence=1), None).span == (
        Span(0, 6, 1, 1))
    assert ground_citation(shared, "f.yaml", _cite("строка", occurrence=2), None).span == (
        Span(7, 13, 1, 1))
    shared = _shared(tmp_path, {"a": "строка\n", "b": "другая\n"})
    assert ground_citation(shared, "f.yaml", _cite("строка"), None).span == Span(0, 6, 1, 1)
    assert ground_citation(shared, "f.yaml", _cite("строка", "doc-b"), None) is BAD


def test_the_citations_of_a_load_pay_from_its_one_budget(tmp_path: Path) -> None:
    shared = _shared(tmp_path, {"a": "строка\n"})
    assert isinstance(shared.budget, GroundingBudget)
    shared.budget = GroundingBudget(compared=20)
    assert ground_citation(shared, "f.yaml", _cite("строка"), None).span == Span(0, 6, 1, 1)
    assert shared.budget.compared < 20  # paid from the load's budget
    shared.budget = GroundingBudget(compared=0)
    assert ground_citation(shared, "f.yaml", _cite("стр"), None) is BAD
    assert shared.problems[-1].message == (
        "[doc-a] quote not checked: this load has already compared 0 characters of quotes "
        "with their sources")
