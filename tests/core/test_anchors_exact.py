"""Exact values for core/anchors.py (mutation testing, issue 19): the anchor key, the
store's file and exact JSON, what load refuses, and each suggestion's exact words, with
its limits (MAX_SUGGESTED, the 120-character passage, the deadlines)."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from kzt_tui.core import anchors as A
from kzt_tui.core.anchors import (
    MAX_ANCHORED,
    MAX_SUGGESTED,
    PER_SUGGESTION,
    TOO_LONG,
    TOTAL_SUGGESTIONS,
    AnchorStore,
    anchor_key,
    remember,
    suggest,
)
from kzt_tui.core.problems import Problem
from kzt_tui.core.reanchor import Anchor

OLD = ("Первый абзац о погоде и новостях дня.\n"
       "Товарооборот между странами в 2024 году составил $555,7 млн, сообщил министр.\n"
       "Третий абзац о культуре и спорте.\n")
QUOTE = "Товарооборот между странами в 2024 году составил $555,7 млн"
NOT_FOUND = "[doc-a] quote not found"


def _digest(quote: str) -> str:
    return hashlib.sha256(quote.encode("utf-8")).hexdigest()[:24]


def test_the_constants_and_the_key() -> None:
    assert (MAX_SUGGESTED, PER_SUGGESTION, TOTAL_SUGGESTIONS, MAX_ANCHORED) == (
        20, 1.0, 5.0, 50_000)
    assert TOO_LONG == "no suggestion (took too long)"
    assert A._MAX_ANCHORS_BYTES == 64 * 1024 * 1024
    assert anchor_key("doc-a", "цитата", None) == f"doc-a|1|{_digest('цитата')}"
    assert anchor_key("doc-a", "цитата", 1) == anchor_key("doc-a", "цитата", None)
    assert anchor_key("doc-b", "q", 3) == f"doc-b|3|{_digest('q')}"
    assert len(_digest("q")) == 24


def test_the_store_file_is_named_by_the_real_path_of_the_data(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = tmp_path / "curated.yaml"
    name = hashlib.sha256(os.path.realpath(top).encode("utf-8")).hexdigest()[:32]
    store = AnchorStore(top, tmp_path / "cache")
    assert store.path == tmp_path / "cache" / "anchors" / f"{name}.json"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert AnchorStore(top).path == tmp_path / "xdg" / "kzt-tui" / "anchors" / f"{name}.json"
    assert not store.exists()
    assert store.load() == ({}, {})


def test_save_keeps_the_context_on_each_side_and_load_reads_it_back(tmp_path: Path) -> None:
    store = AnchorStore(tmp_path / "curated.yaml", tmp_path / "cache")
    text = "а" * 50 + "QUOTE" + "б" * 50
    store.save({"doc-a": "texts/a.txt", "doc-b": "texts/b.txt"},
               [("doc-a", "QUOTE", None, 50, 55), ("doc-a", "а", 2, 1, 2),
                ("doc-c", "x", None, 0, 1)], {"doc-a": text})
    assert store.exists()
    assert json.loads(store.path.read_text(encoding="utf-8")) == {
        "docs": {"doc-a": "texts/a.txt", "doc-b": "texts/b.txt"},
        "anchors": {anchor_key("doc-a", "QUOTE", None): ["а" * 40, "б" * 40, 50],
                    anchor_key("doc-a", "а", 2): ["а", "а" * 40, 1]}}
    assert "а" in store.path.read_text(encoding="utf-8")  # not \u-escaped
    assert store.load() == (
        {"doc-a": "texts/a.txt", "doc-b": "texts/b.txt"},
        {anchor_key("doc-a", "QUOTE", None): Anchor("а" * 40, "б" * 40, 50),
         anchor_key("doc-a", "а", 2): Anchor("а", "а" * 40, 1)})


def test_a_store_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file, not a folder", encoding="utf-8")
    store = AnchorStore(tmp_path / "curated.yaml", tmp_path / "cache")
    store.save({"doc-a": "a"}, [], {})
    assert not store.exists()


@pytest.mark.parametrize("text", [
    "not json", "[]", '{"docs": {}}', '{"anchors": {}}',
    '{"docs": {"a": "b"}, "anchors": {"k": ["p", "s"]}}',
    '{"docs": {"a": "b"}, "anchors": {"k": ["p", "s", "x"]}}',
    '{"docs": {"a": "b"}, "anchors": {"k": 3}}',
    '{"docs": [], "anchors": {}}',
    '{"docs": {}, "anchors": []}',
    "[" * 100_000,
])
def test_a_broken_store_is_no_anchors(tmp_path: Path, text: str) -> None:
    store = AnchorStore(tmp_path / "curated.yaml", tmp_path)
    store.path.parent.mkdir(parents=True)
    store.path.write_text(text, encoding="utf-8")
    assert store.load() == ({}, {})


def test_a_store_others_can_write_or_too_large_is_not_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = AnchorStore(tmp_path / "curated.yaml", tmp_path)
    store.save({"doc-a": "a.txt"}, [], {})
    assert store.load() == ({"doc-a": "a.txt"}, {})
    size = store.path.stat().st_size
    monkeypatch.setattr(A, "_MAX_ANCHORS_BYTES", size)
    assert store.load() == ({"doc-a": "a.txt"}, {})
    monkeypatch.setattr(A, "_MAX_ANCHORS_BYTES", size - 1)
    assert store.load() == ({}, {})
    monkeypatch.setattr(A, "_MAX_ANCHORS_BYTES", size)
    os.chmod(store.path, 0o620)
    assert store.load() == ({}, {})


def _dataset(tmp_path: Path, quotes: list[str], text: str = OLD) -> Path:
    (tmp_path / "texts").mkdir(parents=True, exist_ok=True)
    (tmp_path / "texts" / "a.txt").write_text(text, encoding="utf-8")
    top = tmp_path / "curated.yaml"
    cites = "".join(f'      - doc: doc-a\n        quote: "{q}"\n        translation: "x"\n'
                    for q in quotes)
    top.write_text(f'''schema_version: 1
documents:
  - id: doc-a
    file: texts/a.txt
    date: null
    date_note: "None."
    title: {{en: "A", ru: "А"}}
    outlet: null
    kind: news_report
    reliability: "Test."
people:
  - id: per-minister
    name: {{en: "Minister", ru: "Министр"}}
    role: "minister"
    country: KZ
    citations:
{cites}''', encoding="utf-8")
    return top


def test_remember_keeps_every_citation_of_a_dataset_that_loads(tmp_path: Path) -> None:
    top = _dataset(tmp_path, [QUOTE, "Третий абзац"])
    remember(top, tmp_path, tmp_path / "cache")
    docs, anchors = AnchorStore(top, tmp_path / "cache").load()
    assert docs == {"doc-a": "texts/a.txt"}
    assert anchors == {
        anchor_key("doc-a", QUOTE, None): Anchor(OLD[:38], OLD[97:137], 38),
        anchor_key("doc-a", "Третий абзац", None): Anchor(OLD[116 - 40:116], OLD[128:168],
                                                          116)}
    assert OLD.index("Третий абзац") == 116
    other = tmp_path / "other"
    other.mkdir()
    (other / "curated.yaml").write_text("schema_version: [\n", encoding="utf-8")
    remember(other / "curated.yaml", other, tmp_path / "cache")  # does not load: nothing
    assert not AnchorStore(other / "curated.yaml", tmp_path / "cache").exists()


def _problem(top: Path, index: int = 0, message: str = NOT_FOUND) -> Problem:
    return Problem(str(top), 18, 9, f"people[0].citations[{index}].quote", message)


def _suggested(tmp_path: Path, new_text: str, quotes: list[str] | None = None,
               remembered: bool = True, old: str = OLD) -> list[str]:
    quotes = quotes or [QUOTE]
    top = _dataset(tmp_path, quotes, old)
    if remembered:
        remember(top, tmp_path, tmp_path / "cache")
    else:
        AnchorStore(top, tmp_path / "cache").save({"doc-a": "texts/a.txt"}, [], {})
    (tmp_path / "texts" / "a.txt").write_text(new_text, encoding="utf-8")
    got = suggest([_problem(top, i) for i in range(len(quotes))], top, tmp_path,
                  tmp_path / "cache")
    return [p.message for p in got]


def test_each_way_found_has_its_words(tmp_path: Path) -> None:
    assert _suggested(tmp_path, "Вставка.\n" + OLD) == [
        f"{NOT_FOUND}; suggested passage at line 3, 100% alike, found by the same words: "
        f"«{QUOTE}»"]
    changed = OLD.replace("между странами", "между государствами")
    assert _suggested(tmp_path, changed) == [
        f"{NOT_FOUND}; suggested passage at line 2, 91% alike, found by its old context: "
        "«Товарооборот между государствами в 2024 году составил $555,7 млн»"]


def test_a_fuzzy_match_says_whether_it_was_near_its_old_place(tmp_path: Path) -> None:
    changed = "Первый абзац.\n" + QUOTE.replace("составил", "достиг") + "\n"
    assert _suggested(tmp_path / "a", changed) == [
        f"{NOT_FOUND}; suggested passage at line 2, 95% alike, found by a close match near "
        "its old place: «Товарооборот между странами в 2024 году достиг $555,7 млн»"]
    assert _suggested(tmp_path / "b", changed, remembered=False) == [
        f"{NOT_FOUND}; suggested passage at line 2, 95% alike, found by a close match: "
        "«Товарооборот между странами в 2024 году достиг $555,7 млн»"]


def test_nothing_alike_says_so_only_with_an_anchor(tmp_path: Path) -> None:
    gone = "Совсем другой текст.\n"
    assert _suggested(tmp_path / "a", gone) == [
        f"{NOT_FOUND}; no passage alike enough to suggest (deleted?)"]
    assert _suggested(tmp_path / "b", gone, remembered=False) == [NOT_FOUND]


def test_a_passage_is_shown_up_to_120_characters(tmp_path: Path) -> None:
    q120, q121 = "ц" * 120, "щ" * 121
    text = q120 + "\n" + q121 + "\n"
    assert _suggested(tmp_path, "x\n" + text, [q120, q121], old=text) == [
        f"{NOT_FOUND}; suggested passage at line 2, 100% alike, found by the same words: "
        f"«{q120}»",
        f"{NOT_FOUND}; suggested passage at line 3, 100% alike, found by the same words: "
        f"«{'щ' * 119}…»"]


def test_only_quote_not_found_problems_of_quotes_get_one(tmp_path: Path) -> None:
    top = _dataset(tmp_path, [QUOTE])
    remember(top, tmp_path, tmp_path / "cache")
    (tmp_path / "texts" / "a.txt").write_text("Вставка.\n" + OLD, encoding="utf-8")
    others = [_problem(top, 0, "[doc-a] something else"),
              Problem(str(top), 18, 9, "people[0].citations[0].doc", NOT_FOUND),
              Problem(str(top), 18, 9, "people[0].citations[0].quotes", NOT_FOUND)]
    assert suggest(others, top, tmp_path, tmp_path / "cache") == others


def test_at_most_max_suggested_problems_get_one(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(A, "MAX_SUGGESTED", 2)
    top = _dataset(tmp_path, [QUOTE])
    remember(top, tmp_path, tmp_path / "cache")
    (tmp_path / "texts" / "a.txt").write_text("Вставка.\n" + OLD, encoding="utf-8")
    skipped = _problem(top, 0, "[doc-a] other")
    got = suggest([_problem(top), skipped, _problem(top), _problem(top)], top, tmp_path,
                  tmp_path / "cache")
    assert [p.message.endswith("»") for p in got] == [True, False, True, False]
    assert got[1] == skipped and got[3] == _problem(top)


def test_a_citation_that_cannot_be_read_again_gets_none(tmp_path: Path) -> None:
    top = _dataset(tmp_path, [QUOTE])
    remember(top, tmp_path, tmp_path / "cache")
    (tmp_path / "texts" / "a.txt").write_text("Вставка.\n" + OLD, encoding="utf-8")
    wrong = [_problem(top, 1), Problem(str(top), 1, 1, "people[0].name.quote", NOT_FOUND),
             Problem(str(top), 1, 1, "people[5].citations[0].quote", NOT_FOUND),
             Problem(str(top), 1, 1, "nothing[0].citations[0].quote", NOT_FOUND),
             Problem(str(tmp_path / "none.yaml"), 1, 1, "people[0].citations[0].quote",
                     NOT_FOUND)]
    assert suggest(wrong, top, tmp_path, tmp_path / "cache") == wrong
    assert suggest([_problem(top)], top, tmp_path, tmp_path / "other-cache") == [
        _problem(top)]  # no store: the document's file is not known
    (tmp_path / "texts" / "a.txt").unlink()
    assert suggest([_problem(top)], top, tmp_path, tmp_path / "cache") == [_problem(top)]


@pytest.mark.parametrize("cite", [
    '{doc: doc-a, quote: 3}', '{doc: doc-a, quote: "Товар", occurrence: "one"}',
    '{doc: doc-z, quote: "Товар"}'])
def test_a_citation_of_the_wrong_shape_gets_none(tmp_path: Path, cite: str) -> None:
    top = _dataset(tmp_path, [QUOTE])
    remember(top, tmp_path, tmp_path / "cache")
    data = tmp_path / "broken.yaml"
    data.write_text(f"people:\n  - citations:\n      - {cite}\n", encoding="utf-8")
    problem = Problem(str(data), 3, 9, "people[0].citations[0].quote", NOT_FOUND)
    assert suggest([problem], top, tmp_path, tmp_path / "cache") == [problem]


def test_an_occurrence_picks_its_own_anchor(tmp_path: Path) -> None:
    top = _dataset(tmp_path, [QUOTE])
    AnchorStore(top, tmp_path / "cache").save(
        {"doc-a": "texts/a.txt"}, [("doc-a", QUOTE, 2, 38, 97)], {"doc-a": OLD})
    data = tmp_path / "cite.yaml"
    data.write_text("people:\n  - citations:\n      - {doc: doc-a, quote: \"" + QUOTE
                    + "\", occurrence: 2}\n", encoding="utf-8")
    (tmp_path / "texts" / "a.txt").write_text("Совсем другой текст.\n", encoding="utf-8")
    problem = Problem(str(data), 3, 9, "people[0].citations[0].quote", NOT_FOUND)
    assert suggest([problem], top, tmp_path, tmp_path / "cache")[0].message == (
        f"{NOT_FOUND}; no passage alike enough to suggest (deleted?)")


def test_past_the_total_deadline_each_says_it_took_too_long(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    top = _dataset(tmp_path, [QUOTE])
    remember(top, tmp_path, tmp_path / "cache")
    (tmp_path / "texts" / "a.txt").write_text("Вставка.\n" + OLD, encoding="utf-8")
    monkeypatch.setattr(A, "TOTAL_SUGGESTIONS", -1.0)
    assert [p.message for p in suggest([_problem(top)] * 2, top, tmp_path,
                                       tmp_path / "cache")] == [
        f"{NOT_FOUND}; {TOO_LONG}"] * 2
    monkeypatch.setattr(A, "TOTAL_SUGGESTIONS", 60.0)
    monkeypatch.setattr(A, "PER_SUGGESTION", -1.0)
    changed = OLD.replace("составил", "достиг")  # a fuzzy search: it reads the clock
    (tmp_path / "texts" / "a.txt").write_text(changed, encoding="utf-8")
    began = time.monotonic()
    assert [p.message for p in suggest([_problem(top)], top, tmp_path,
                                       tmp_path / "cache")] == [f"{NOT_FOUND}; {TOO_LONG}"]
    assert time.monotonic() - began < 5


def test_a_path_that_is_not_utf8_has_a_store_too(tmp_path: Path) -> None:
    top = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/d\xff/curated.yaml"))
    real = os.path.realpath(top).encode("utf-8", "surrogateescape")
    name = hashlib.sha256(real).hexdigest()[:32]
    assert AnchorStore(top, tmp_path).path == tmp_path / "anchors" / f"{name}.json"


def test_a_second_save_replaces_the_first(tmp_path: Path) -> None:
    store = AnchorStore(tmp_path / "curated.yaml", tmp_path / "cache")
    store.save({"doc-a": "a.txt"}, [], {})
    store.save({"doc-b": "b.txt"}, [], {})
    assert store.load() == ({"doc-b": "b.txt"}, {})


@pytest.mark.parametrize("error", [OSError("disk"), ValueError("bad")])
def test_a_suggestion_that_fails_leaves_the_problem_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    from kzt_tui.core.loading import files

    top = _dataset(tmp_path, [QUOTE])
    remember(top, tmp_path, tmp_path / "cache")

    def failing(*args: object) -> str:
        raise error

    monkeypatch.setattr(files, "read_source", failing)
    problems = [_problem(top), _problem(top)]
    assert suggest(problems, top, tmp_path, tmp_path / "cache") == problems


def test_a_path_to_a_value_that_is_no_mapping_gets_none(tmp_path: Path) -> None:
    top = _dataset(tmp_path, [QUOTE])
    remember(top, tmp_path, tmp_path / "cache")
    (tmp_path / "texts" / "a.txt").write_text("Вставка.\n" + OLD, encoding="utf-8")
    wrong = [Problem(str(top), 1, 1, "people[0].role.quote", NOT_FOUND),
             Problem(str(top), 1, 1, "people[0].citations.quote", NOT_FOUND)]
    assert suggest(wrong, top, tmp_path, tmp_path / "cache") == wrong
