"""Search exactly, on a dataset made for the test: each hit's unit, score, place in the
source, snippet and field, in rank order; the index's units (line numbers and offsets past
blank lines, across a split of a long text); each bound at, and one under, what the data
needs; Lazy and Hits; and where a hit is, in English and Russian."""

from __future__ import annotations

from pathlib import Path

import pytest

import kzt_tui.core.search as search
from kzt_tui.core.corpus import Corpus
from kzt_tui.core.i18n import tr, vocab
from kzt_tui.core.loading import load
from kzt_tui.core.search import Hits, Lazy, SearchHit, SearchIndex, Unit, field_words
from kzt_tui.core.snippets import Snippet

A = "port Aktau\n\nportal news\n   \nsupport here\nАктау bay"  # no newline at the end
B = "port\n"


def _document(n: int, file: str, en: str, ru: str) -> str:
    return f"""  - id: doc-{n}
    file: {file}
    date: "2025"
    date_note: "n"
    title: {{en: "{en}", ru: "{ru}"}}
    outlet: null
    kind: social_post
    reliability: "r"
"""


def _dataset(tmp_path: Path, texts: dict[str, str], titles: list[tuple[str, str, str]]
             ) -> Corpus:
    (tmp_path / "src").mkdir()
    for name, text in texts.items():
        (tmp_path / "src" / name).write_text(text, encoding="utf-8", newline="")
    docs = "".join(_document(n, f"src/{file}", en, ru)
                   for n, (file, en, ru) in enumerate(titles))
    (tmp_path / "curated.yaml").write_text(f"schema_version: 1\ndocuments:\n{docs}",
                                           encoding="utf-8")
    return Corpus(load(tmp_path / "curated.yaml"))


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return _dataset(tmp_path, {"a.txt": A, "b.txt": B},
                    [("a.txt", "Port notes", "Заметки о порте"), ("b.txt", "Other", "Другое")])


def _row(hit: SearchHit) -> tuple[object, ...]:
    return (hit.unit.record_id or hit.unit.doc_id, hit.unit.line, hit.score, hit.start,
            hit.end, hit.snippet, hit.snippet_start, hit.snippet_end, hit.field, hit.marks)


def test_the_units_are_the_records_then_each_non_blank_line(corpus: Corpus) -> None:
    index = SearchIndex(corpus)
    assert len(index) == 7 and index.partial is None
    assert index.unit(0) == Unit("doc-0", None, 0, 0,
                                 "Port notes\nЗаметки о порте\n2025; social_post; src/a.txt\ndoc-0")
    assert index.unit(1).record_id == "doc-1"
    assert [index.unit(i) for i in range(2, 7)] == [
        Unit(None, "doc-0", 0, 1, "port Aktau"),
        Unit(None, "doc-0", 12, 3, "portal news"),
        Unit(None, "doc-0", 28, 5, "support here"),
        Unit(None, "doc-0", 41, 6, "Актау bay"),
        Unit(None, "doc-1", 0, 1, "port"),
    ]


def test_hits_rank_an_exact_word_a_prefix_a_substring_then_a_skeleton(corpus: Corpus) -> None:
    index = SearchIndex(corpus)
    hits = index.search("port")
    assert [_row(h) for h in hits] == [
        ("doc-0", 0, 3.0, 0, 4, "Port notes", 0, 4, "title (en)", ((0, 4),)),
        ("doc-0", 1, 3.0, 0, 4, "port Aktau", 0, 4, "", ((0, 4),)),
        ("doc-1", 1, 3.0, 0, 4, "port", 0, 4, "", ((0, 4),)),
        ("doc-0", 3, 2.0, 12, 16, "portal news", 0, 4, "", ((0, 4),)),
        ("doc-0", 5, 1.0, 31, 35, "support here", 3, 7, "", ((3, 7),)),
    ]
    assert hits.facts == 1
    assert [h.is_fact for h in hits] == [True, False, False, False, False]
    assert hits[4].context == Snippet("support here", ((3, 7),), (3, 7))
    assert [_row(h) for h in index.search("aktau")] == [
        ("doc-0", 1, 3.0, 5, 10, "port Aktau", 5, 10, "", ((5, 10),)),
        ("doc-0", 6, 2.5, 41, 46, "Актау bay", 0, 5, "", ((0, 5),)),
    ]
    assert index.search("aktau").facts == 0


def test_a_fact_found_by_its_skeleton_ranks_before_lines_of_the_same_rank(
        tmp_path: Path) -> None:
    corpus = _dataset(tmp_path, {"a.txt": A, "b.txt": B},  # no «порте»: see below
                      [("a.txt", "Port notes", "Заметки"), ("b.txt", "Other", "Другое")])
    hits = SearchIndex(corpus).search("ПОРТ")
    assert [_row(h) for h in hits] == [
        ("doc-0", 0, 2.5, 0, 4, "Port notes", 0, 4, "title (en)", ((0, 4),)),
        ("doc-0", 1, 2.5, 0, 4, "port Aktau", 0, 4, "", ((0, 4),)),
        ("doc-1", 1, 2.5, 0, 4, "port", 0, 4, "", ((0, 4),)),
        ("doc-0", 3, 1.5, 12, 16, "portal news", 0, 4, "", ((0, 4),)),
    ]


def test_a_russian_form_of_the_word_is_the_word(corpus: Corpus) -> None:
    """«порте» (prepositional) is the word порт: the whole word's 3, above the skeleton's
    2.5 of the Latin "port" lines; the snippet is the field whose match gave that 3 (title
    (ru)), not the first field that matches (title (en), by its skeleton's 2.5)."""
    hits = SearchIndex(corpus).search("ПОРТ")
    assert [_row(h) for h in hits] == [
        ("doc-0", 0, 3.0, 10, 14, "Заметки о порте", 10, 14, "title (ru)", ((10, 14),)),
        ("doc-0", 1, 2.5, 0, 4, "port Aktau", 0, 4, "", ((0, 4),)),
        ("doc-1", 1, 2.5, 0, 4, "port", 0, 4, "", ((0, 4),)),
        ("doc-0", 3, 1.5, 12, 16, "portal news", 0, 4, "", ((0, 4),)),
    ]


def test_every_word_must_match_and_the_scores_add_up(corpus: Corpus) -> None:
    index = SearchIndex(corpus)
    assert [_row(h) for h in index.search("port aktau")] == [
        ("doc-0", 1, 6.0, 0, 4, "port Aktau", 0, 4, "", ((0, 4), (5, 10))),
    ]
    assert [_row(h) for h in index.search("aktau bay")] == [
        ("doc-0", 6, 5.5, 41, 46, "Актау bay", 0, 5, "", ((0, 5), (6, 9))),
    ]
    assert index.search("port zzz") == []
    assert index.search("zzz port") == []
    assert index.search("") == [] and index.search("").facts == 0


def test_the_limit_keeps_the_best(corpus: Corpus) -> None:
    index = SearchIndex(corpus)
    assert [(h.unit.line, h.score) for h in index.search("port", 2)] == [(0, 3.0), (1, 3.0)]
    one = index.search("port", 1)
    assert len(one) == 1 and one.facts == 1
    assert [(h.unit.line, h.score) for h in index.search("port", 4)] == [
        (0, 3.0), (1, 3.0), (1, 3.0), (3, 2.0)]
    assert len(index.search("port", 5)) == len(index.search("port", 6)) == 5
    assert index.search("port", 0) == []


def test_where_a_hit_is(corpus: Corpus) -> None:
    index = SearchIndex(corpus)
    fact, line = index.search("port")[:2]
    assert index.place(fact) == ("document", "", "title (en)")
    assert index.place(fact, "ru") == ("документ", "Заметки о порте", "заголовок (en)")
    assert index.place(line) == ("source", "Port notes", "line 1")
    assert index.place(line, "ru") == ("источник", "Заметки о порте", "строка 1")
    ru = index.search("заметки")[0]
    assert ru.field == "title (ru)"
    assert index.place(ru, "ru") == ("документ", "", "заголовок (ru)")
    assert index.place(ru, "en") == ("document", "Port notes", "title (ru)")


def test_field_words_translate_the_word_and_keep_the_rest() -> None:
    assert field_words("quote 2", "ru") == "цитата 2"
    assert field_words("quote 2", "en") == "quote 2"
    assert field_words("notes", "ru") == "примечания"
    assert field_words("title (ru)", "ru") == "заголовок (ru)"
    assert field_words("", "ru") == ""  # not the catalogue's header
    assert tr("", "ru") == vocab("", "ru") == ""


def test_the_bounds_at_and_one_under_what_the_data_needs(
        corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    chars, lines, postings = len(A) + len(B), 5, 30  # postings: each unit's distinct words
    for name, value in (("MAX_SOURCE_CHARS", chars), ("MAX_LINES", lines),
                        ("MAX_POSTINGS", postings)):
        monkeypatch.setattr(search, name, value)
        assert SearchIndex(corpus).partial is None, name
        assert len(SearchIndex(corpus)) == 7
    monkeypatch.setattr(search, "MAX_SOURCE_CHARS", chars - 1)
    cut = SearchIndex(corpus)  # b.txt's one line is past the bound
    assert cut.partial == f"only the first {chars - 1:,} characters of the sources are indexed"
    assert len(cut) == 6 and [h.unit.doc_id for h in cut.search("port")][1:] == [
        "doc-0", "doc-0", "doc-0"]
    monkeypatch.setattr(search, "MAX_SOURCE_CHARS", chars)
    monkeypatch.setattr(search, "MAX_LINES", lines - 1)
    fewer = SearchIndex(corpus)
    assert fewer.partial == "only the first 4 lines of the sources are indexed"
    assert len(fewer) == 6
    monkeypatch.setattr(search, "MAX_LINES", lines)
    monkeypatch.setattr(search, "MAX_POSTINGS", postings - 1)
    assert SearchIndex(corpus).partial == "only the first 29 word positions are indexed"


def test_a_long_text_is_split_in_chunks_without_losing_a_line(tmp_path: Path) -> None:
    # 2.3 MB, three chunks (1 MiB each, then to the end of the line): the second starts
    # with line 1217 (0-based), the third with line 2433
    lines = [f"w{k} " + "x" * 1000 if k % 7 else "" for k in range(2700)]
    text = "\n".join(lines)
    corpus = _dataset(tmp_path, {"long.txt": text, "end.txt": text + "\n"},
                      [("long.txt", "L", "Л"), ("end.txt", "E", "Е")])
    index = SearchIndex(corpus)
    assert len(index) == 2 + 2 * sum(1 for line in lines if line)
    for k in (1, 6, 1216, 1217, 1219, 2432, 2433, 2699):
        hits = [h for h in index.search(f"w{k}") if h.score == 3.0]  # the word itself
        assert [(h.unit.doc_id, h.unit.line, h.start, h.end) for h in hits] == [
            ("doc-0", k + 1, text.find(f"w{k} "), text.find(f"w{k} ") + len(f"w{k}")),
            ("doc-1", k + 1, text.find(f"w{k} "), text.find(f"w{k} ") + len(f"w{k}")),
        ], k


def test_lazy_makes_each_item_once_when_read() -> None:
    made: list[int] = []

    def make(i: int) -> str:
        made.append(i)
        return f"item {i}"

    lazy = Lazy(4, make)
    assert len(lazy) == 4 and made == []
    assert lazy[1] == "item 1" and lazy[-1] == "item 3" and lazy[1] == "item 1"
    assert made == [1, 3]
    assert lazy[1:3] == ["item 1", "item 2"]
    assert lazy[::-2] == ["item 3", "item 1"]
    assert made == [1, 3, 2]
    assert list(lazy) == ["item 0", "item 1", "item 2", "item 3"]
    assert made == [1, 3, 2, 0]
    assert lazy == ["item 0", "item 1", "item 2", "item 3"]
    assert lazy != ["item 0"] and lazy != "item 0item 1" and lazy != 4
    with pytest.raises(IndexError):
        lazy[4]
    with pytest.raises(TypeError):
        hash(lazy)
    none = Hits.none()
    assert len(none) == 0 and none.facts == 0 and list(none) == []
    with pytest.raises(IndexError):
        none[0]


def test_the_character_bound_counts_every_file_read_and_cuts_at_a_line_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {"a.txt": "alpha one\n", "b.txt": "beta one\n", "c.txt": "gamma one\ngamma two\nx\n"}
    corpus = _dataset(tmp_path, texts, [(name, name, name) for name in texts])
    total = sum(len(t) for t in texts.values())
    monkeypatch.setattr(search, "MAX_SOURCE_CHARS", total - 1)  # in c's last line
    index = SearchIndex(corpus)
    assert index.partial == f"only the first {total - 1:,} characters of the sources are indexed"
    assert [h.unit.line for h in index.search("gamma")] == [1, 2]
    assert [h.unit.doc_id for h in index.search("one")] == ["doc-0", "doc-1", "doc-2"]


def test_a_file_named_again_is_skipped_not_the_files_after_it(tmp_path: Path) -> None:
    corpus = _dataset(tmp_path, {"a.txt": "alpha\n", "b.txt": "beta\n"},
                      [("a.txt", "A", "А"), ("a.txt", "A2", "А2"), ("b.txt", "B", "Б")])
    index = SearchIndex(corpus)
    assert len(index) == 3 + 2
    assert [(h.unit.doc_id, h.unit.line) for h in index.search("beta")] == [("doc-2", 1)]


def test_a_fact_ranks_a_quarter_point_up_not_more(tmp_path: Path) -> None:
    corpus = _dataset(tmp_path, {"a.txt": "port\n"}, [("a.txt", "Support", "Опора")])
    hits = SearchIndex(corpus).search("port")
    # the line holds the word (3), the title a substring (1 + 0.25): the line first
    assert [(h.is_fact, h.score) for h in hits] == [(False, 3.0), (True, 1.0)]


def test_more_than_1024_records_are_indexed_without_a_stop_flag(tmp_path: Path) -> None:
    corpus = _dataset(tmp_path, {"a.txt": "alpha\n"}, [("a.txt", f"T{n}", f"Т{n}")
                                                      for n in range(1030)])
    index = SearchIndex(corpus)
    assert len(index) == 1030 + 1
    assert len(index.search("social_post")) == 200  # the default limit
    assert len(index.search("social_post", 1030)) == 1030


def test_a_whole_word_then_a_word_start_then_inside_a_word_in_either_script(
        tmp_path: Path) -> None:
    """`gaz`: the word in Latin (3) or Cyrillic (2.5), a word's start (2, 1.5), inside a
    word (1), each half a point apart; a fact's quarter point puts it before the lines of
    its score, never above a line of a better one (the title Газ's 2.5 under gaz's 3,
    Turkmengaz's 1 under газовый's 1.5)."""
    text = "Turkmengaz line\nгазовый сектор\ngazovy put\nприродный газ\ngaz here\n"
    corpus = _dataset(tmp_path, {"a.txt": text}, [
        ("a.txt", "Turkmengaz", "Туркменгаз"), ("a.txt", "Gazprom", "Газпром"),
        ("a.txt", "Gas", "Газ")])
    hits = SearchIndex(corpus).search("gaz")
    assert [(h.unit.record_id or h.unit.line, h.score, h.snippet[h.snippet_start:h.snippet_end])
            for h in hits] == [
        (5, 3.0, "gaz"),
        ("doc-2", 2.5, "Газ"),
        (4, 2.5, "газ"),
        ("doc-1", 2.0, "Gaz"),
        (3, 2.0, "gaz"),
        (2, 1.5, "газ"),
        ("doc-0", 1.0, "gaz"),
        (1, 1.0, "gaz"),
    ]
