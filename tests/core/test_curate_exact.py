"""Exact tests of core/curate: the YAML text written, the journal, the own-file rules and
their limits (at, one under, one over)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.curate.journal import (
    JOURNAL_NAME,
    KEEP,
    Entry,
    Journal,
    JournalError,
    digest,
)
from kzt_tui.core.curate.ownfile import OwnFileError, no_links, read_own
from kzt_tui.core.curate.render import (
    FLOW_WIDTH,
    ordered,
    render_citation,
    render_dismissal,
    render_record,
    scalar,
)
from kzt_tui.core.curate.sources import SourceText, add_source
from kzt_tui.core.curate.store import (
    HEADER,
    CurateError,
    Curator,
    insert_citation,
    insert_record,
    inside,
    tool_owned,
)
from kzt_tui.core.loading.validate import SECTIONS
from tests.core.test_curate_sources import DOCUMENT
from tests.helpers import write_journal

# --- render: the YAML text, exactly ------------------------------------------------------

SCALARS = [
    (None, False, "null"), (True, False, "true"), (False, False, "false"),
    (0, False, "0"), (-7, False, "-7"), (2.5, False, "2.5"), (1.0, False, "1"),
    (-3.0, False, "-3"),
    # whole floats print as integers below 10^15 (at and over it, as Python writes them)
    (999999999999999.0, False, "999999999999999"),
    (1e15, False, "1000000000000000.0"), (-1e15, False, "-1000000000000000.0"),
    ("treaty", True, "treaty"), ("KZ->TM", True, "KZ->TM"), ("treaty", False, '"treaty"'),
    ("Yes", True, '"Yes"'), ("NO", True, '"NO"'), ("y", True, '"y"'), ("Off", True, '"Off"'),
    ("2025", True, '"2025"'), ("a b", True, '"a b"'),
    ('a\\b"c\nd\te\rf\0g', False, '"a\\\\b\\"c\\nd\\te\\rf\\0g"'),
    ("a\x01b\x7f", False, '"a\\u0001b\\u007f"'),
    ("\u2028\u202e\ufeff", False, '"\\u2028\\u202e\\ufeff"'),
    ("\uffff", False, '"\\uffff"'),  # the last code point written with \u
    ("\U000e0001\U0001d173", False, '"\\U000e0001\\U0001d173"'),
    ("1\u00a0000\u202f000 тенге", False, '"1\u00a0000\u202f000 тенге"'),  # kept as typed
    ("Товарооборот «ТМ»", False, '"Товарооборот «ТМ»"'),
]


@pytest.mark.parametrize(("value", "bare", "written"), SCALARS)
def test_each_scalar_is_written_exactly(value: object, bare: bool, written: str) -> None:
    assert scalar(value, bare) == written


def test_a_word_is_quoted_unless_asked_bare() -> None:
    assert scalar("treaty") == '"treaty"'


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_a_number_that_is_not_finite_is_refused_by_name(value: float) -> None:
    with pytest.raises(ValueError, match=rf"^not a finite number: {value}$"):
        scalar(value)


def test_keys_go_in_the_spec_s_order_notes_and_citations_last_unknown_after() -> None:
    spec = SECTIONS["people"][1]
    fields = {"zzz": 1, "citations": [], "country": "KZ", "notes": "n", "id": "per-x"}
    assert ordered(fields, spec) == ["id", "country", "notes", "citations", "zzz"]
    assert ordered({"b": 1, "a": 2}, None) == ["b", "a"]


CORRIDOR = {
    "citations": [{"quote": "Первая строка", "doc": "doc-a", "translation": "x"}],
    "notes": "заметка", "countries": ["KZ", "TM"], "status": "planned",
    "nodes": [{"country": "KZ", "name": "Aktau", "ru": "Актау"},
              {"name": "Turkmenbashi " + "x" * 80, "country": "TM"}],
    "modes": ["rail", "sea"], "kind": "corridor",
    "name": {"ru": "Коридор", "en": "Corridor"}, "id": "cor-x",
}
CORRIDOR_YAML = '''\
  - id: cor-x
    name: {en: "Corridor", ru: "Коридор"}
    kind: corridor
    modes: [rail, sea]
    nodes:
      - {name: "Aktau", ru: "Актау", country: KZ}
      - name: "Turkmenbashi {LONG}"
        country: TM
    countries: [KZ, TM]
    status: planned
    notes: "заметка"
    citations:
      - doc: doc-a
        quote: "Первая строка"
        translation: "x"
'''.replace("{LONG}", "x" * 80)


def test_a_record_is_written_in_the_hand_layout_exactly() -> None:
    assert render_record("corridors", CORRIDOR) == CORRIDOR_YAML


def _label(en: str) -> dict[str, object]:
    return {"id": "fig-x", "label": {"ru": "Т", "en": en}}


def test_a_small_mapping_stays_on_one_line_up_to_the_width_and_no_further() -> None:
    # "    label: " is 11 wide, '{en: "", ru: "Т"}' 17: 72 letters make the line 100
    at = render_record("figures", _label("e" * 72)).split("\n")[1]
    assert at == '    label: {en: "' + "e" * 72 + '", ru: "Т"}' and len(at) == FLOW_WIDTH
    assert render_record("figures", _label("e" * 73)) == (
        '  - id: fig-x\n    label:\n      en: "' + "e" * 73 + '"\n      ru: "Т"\n')


def _node(name: str) -> dict[str, object]:
    return {"id": "cor-x", "nodes": [{"country": "KZ", "name": name}]}


def test_a_small_list_item_stays_on_one_line_up_to_the_width_and_no_further() -> None:
    # "      - " is 8 wide, '{name: "", country: KZ}' 23: 69 letters make the line 100
    at = render_record("corridors", _node("n" * 69)).split("\n")[2]
    assert at == '      - {name: "' + "n" * 69 + '", country: KZ}' and len(at) == FLOW_WIDTH
    assert render_record("corridors", _node("n" * 70)) == (
        '  - id: cor-x\n    nodes:\n      - name: "' + "n" * 70 + '"\n        country: KZ\n')


def test_a_nested_period_keeps_its_spec_s_order_and_quotes_dates() -> None:
    fields = {"id": "fig-x", "period": {"end": "2025", "start": "2024", "label": "2024–2025"}}
    assert render_record("figures", fields) == (
        '  - id: fig-x\n    period: {label: "2024–2025", start: "2024", end: "2025"}\n')
    assert render_record("figures", {"id": "fig-x", "period": None}) == (
        "  - id: fig-x\n    period: null\n")


def test_a_discrepancy_s_sides_hold_their_citations_as_blocks() -> None:
    fields = {"id": "dis-x", "sides": [
        {"citations": [{"doc": "doc-a", "quote": "q"}], "claim": "c"},
        {"claim": "d", "citations": [{"translation": "t", "doc": "doc-b", "quote": "r",
                                      "occurrence": 2}]}]}
    assert render_record("discrepancies", fields) == '''\
  - id: dis-x
    sides:
      - claim: "c"
        citations:
          - doc: doc-a
            quote: "q"
      - claim: "d"
        citations:
          - doc: doc-b
            quote: "r"
            translation: "t"
            occurrence: 2
'''


def test_unknown_keys_are_written_quoted_and_their_mappings_in_their_own_order() -> None:
    fields = {"id": "per-x", "extra": {"b": "KZ", "a": [1, "x"]},
              "more": [{"k": "v"}, {"k": {"deep": True}}], "tags": ["KZ", None]}
    assert render_record("people", fields) == '''\
  - id: per-x
    extra: {b: "KZ", a: [1, "x"]}
    more:
      - {k: "v"}
      - k: {deep: true}
    tags: ["KZ", null]
'''


def test_a_mapping_holding_a_mapping_or_a_list_of_them_is_not_written_on_one_line() -> None:
    # (a list in a list is no field of any spec: written as its text, the check refuses it)
    fields = {"id": "per-x", "extra": {"a": {"b": 1}}, "other": {"a": [[1]]},
              "third": {"a": [2, 3]}}
    assert render_record("people", {"id": "per-x", "role": {"pattern": "p", "type": "t"}}) == (
        '  - id: per-x\n    role: {pattern: "p", type: "t"}\n')  # a string's shape: no spec
    assert render_record("people", fields) == '''\
  - id: per-x
    extra:
      a: {b: 1}
    other:
      a: ["[1]"]
    third: {a: [2, 3]}
'''


def test_a_citation_and_a_dismissal_are_written_as_list_items() -> None:
    cite = {"note": "n", "occurrence": 2, "translation": "t", "quote": "q", "doc": "doc-a"}
    assert render_citation(cite) == (
        '      - doc: doc-a\n        quote: "q"\n        translation: "t"\n'
        '        occurrence: 2\n        note: "n"\n')
    assert render_citation({"doc": "doc-a"}, indent=2) == "  - doc: doc-a\n"
    assert render_dismissal({"note": "n", "reason": "other", "occurrence": 1,
                             "quote": "q", "doc": "doc-a"}) == (
        '  - doc: doc-a\n    quote: "q"\n    occurrence: 1\n    reason: other\n'
        '    note: "n"\n')


# --- store: where a record or a citation goes in the text ---------------------------------

BLOCK = "  - id: fig-b\n    value: 2\n"


@pytest.mark.parametrize(("text", "written"), [
    ("", "figures:\n" + BLOCK),
    (HEADER + "\n", HEADER + "\n\nfigures:\n" + BLOCK),
    (HEADER + "\n\n", HEADER + "\n\nfigures:\n" + BLOCK),
    ("figures:\n", "figures:\n" + BLOCK),  # an empty section: no blank line before
    ("figures:\n  - id: fig-a\n", "figures:\n  - id: fig-a\n\n" + BLOCK),
    ("figures:   \n", "figures:   \n" + BLOCK),
    ("x_figures:\n", "x_figures:\n\nfigures:\n" + BLOCK),  # only the whole key counts
    ("people:\n  - id: per-a\n\n\n", "people:\n  - id: per-a\n\n\nfigures:\n" + BLOCK),
    # blank lines inside the section do not end it; the blank line before the next does
    ("figures:\n  - id: fig-a\n\n    value: 1\n\npeople:\n  - id: per-a\n",
     "figures:\n  - id: fig-a\n\n    value: 1\n\n" + BLOCK + "\npeople:\n  - id: per-a\n"),
])
def test_a_record_is_appended_to_its_section_or_a_new_one(text: str, written: str) -> None:
    assert insert_record(text, "figures", BLOCK) == written


CITE_BLOCK = "      - doc: doc-a\n"


@pytest.mark.parametrize(("text", "written"), [
    ("figures:\n  - id: fig-a\n    citations:\n      - doc: doc-b\n\n  - id: fig-b\n",
     "figures:\n  - id: fig-a\n    citations:\n      - doc: doc-b\n" + CITE_BLOCK
     + "\n  - id: fig-b\n"),
    ('figures:\n  - id: "fig-a"  \n', 'figures:\n  - id: "fig-a"  \n' + CITE_BLOCK),
    ("figures:\n  - id: fig-a\n    value: 1\n  # c\n",
     "figures:\n  - id: fig-a\n    value: 1\n" + CITE_BLOCK + "  # c\n"),
    ("figures:\n  - id: fig-ab\n", None),
    ("figures:\n    - id: fig-a\n", None),
])
def test_a_citation_goes_at_the_end_of_its_record(text: str, written: str | None) -> None:
    assert insert_citation(text, "fig-a", CITE_BLOCK) == written


def test_a_block_loses_only_its_final_line_breaks() -> None:
    assert insert_record("figures:\n", "figures", "  - id: fig-X\n\n") == (
        "figures:\n  - id: fig-X\n")
    assert insert_record("figures:\n", "figures", "  - id: fig-b \n") == (
        "figures:\n  - id: fig-b \n")
    text = "figures:\n  - id: fig-a\n"
    assert insert_citation(text, "fig-a", "      - doc: X\n") == text + "      - doc: X\n"
    assert insert_citation(text, "fig-a", "      - doc: x \n") == text + "      - doc: x \n"


def test_a_file_is_kzt_tui_s_only_when_its_first_line_is_the_header() -> None:
    assert tool_owned(HEADER.encode() + b"\n")
    assert tool_owned(HEADER.encode() + b"\nfigures:\n")
    assert not tool_owned(HEADER.encode())
    assert not tool_owned(HEADER.encode() + b" \n")
    assert not tool_owned(b"\n" + HEADER.encode() + b"\n")


def test_an_id_is_matched_as_it_is_not_as_a_pattern() -> None:
    assert insert_citation("figures:\n  - id: figXa\n", "fig.a", CITE_BLOCK) is None


# --- store: the Curator's refusals, word for word, and what each write leaves -----------

PERSON = {"id": "per-new", "name": {"en": "N", "ru": "Н"}, "role": "minister",
          "country": "KZ", "citations": [{"doc": "doc-a", "quote": "Первая строка",
                                          "translation": "x"}]}
PERSON_YAML = ('  - id: per-new\n    name: {en: "N", ru: "Н"}\n    role: "minister"\n'
               '    country: KZ\n    citations:\n      - doc: doc-a\n'
               '        quote: "Первая строка"\n        translation: "x"\n')


def _refusal(call: Callable[[], object]) -> str:
    with pytest.raises(CurateError) as caught:
        call()
    return str(caught.value)


@pytest.mark.parametrize(("cite", "message"), [
    ({"doc": "doc-z", "quote": "x"}, "no document 'doc-z'"),
    ({"quote": "x"}, "no document ''"),
    ({"doc": "doc-a"}, "[doc-a] quote is empty"),  # no hint: none added
    ({"doc": "doc-a", "quote": "товарооборот $555,7 млн."},
     "[doc-a] quote occurs 2 times (lines 2, 3); it must be disambiguated (hint: add "
     "`occurrence: N` (1 = first) or lengthen the quote)"),
])
def test_a_quote_is_checked_before_anything_is_written(split: Path, cite: dict[str, Any],
                                                       message: str) -> None:
    curator = Curator(split)
    corpus = Corpus(curator.load())
    assert _refusal(lambda: curator.check_quote(corpus, cite)) == message
    curator.check_quote(corpus, {**cite, "occurrence": 2} if "occurs" in message else
                        {"doc": "doc-a", "quote": "Первая строка"})


def test_the_quotes_of_a_record_and_of_its_sides_are_checked_before_the_write(
        split: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.curate import store

    def never(*args: object) -> None:
        raise AssertionError("written")

    monkeypatch.setattr(store, "write_atomic_bytes", never)
    curator = Curator(split)
    bad = {"doc": "doc-a", "quote": "Пятая строка", "translation": "x"}
    good = {"doc": "doc-a", "quote": "Первая строка", "translation": "x"}
    assert _refusal(lambda: curator.add_record("people", {**PERSON, "citations": [bad]})
                    ).startswith("[doc-a] quote not found")
    for sides in ([{"claim": "a", "citations": [bad]}, {"claim": "b", "citations": [good]}],
                  [{"claim": "a", "citations": [good]}, {"claim": "b", "citations": [bad]}]):
        with pytest.raises(CurateError, match=r"^\[doc-a\] quote not found"):
            curator.add_record("discrepancies", {"id": "dis-x", "sides": sides})
    assert _refusal(lambda: curator.add_record("people", {**PERSON, "id": "per-one"})) == (
        "per-one already exists; choose another id")
    assert _refusal(lambda: curator.add_record("person", PERSON)) == (
        "no section 'person'; one of documents, agreements, corridors, figures, people, "
        "organisations, events, discrepancies, statements")
    assert _refusal(lambda: curator.add_citation("per-zzz", good)) == "no record per-zzz"


def test_a_dataset_that_does_not_load_is_named_before_a_write_to_an_existing_file(
        split: Path) -> None:
    curator = Curator(split)
    curator.add_record("people", PERSON)
    top = split.read_text(encoding="utf-8")
    split.write_text(top + "bogus: 1\nother: 2\n", encoding="utf-8")
    with pytest.raises(CurateError) as caught:
        curator.add_record("people", {**PERSON, "id": "per-new-2"})
    problems = caught.value.problems
    assert len(problems) == 2
    assert str(caught.value) == (f"the dataset has 2 problem(s); fix them first "
                                 f"(`kzt-tui check`): {problems[0]}")
    assert "bogus" in str(problems[0])


def test_a_dataset_that_does_not_load_may_be_waiting_for_the_new_file(split: Path) -> None:
    """With no file of kzt-tui yet, the write is tried: the load after it tells."""
    top = split.read_text(encoding="utf-8")
    split.write_text(top + "bogus: 1\n", encoding="utf-8")
    message = _refusal(lambda: Curator(split).add_record("people", PERSON))
    assert message.startswith("not written: ") and "bogus" in message
    assert not (split.parent / "parts" / "kzt-tui.yaml").exists()


def test_a_dismissal_is_appended_to_the_file_and_undone_back_to_it(split: Path) -> None:
    curator = Curator(split)
    target = split.parent / "parts" / "kzt-tui.yaml"
    curator.add_record("people", PERSON)
    before = target.read_bytes()
    quote = "Вторая строка: товарооборот $555,7 млн.\nТретья строка"  # its 40th: the \n
    curator.add_dismissal({"doc": "doc-a", "quote": quote, "reason": "repetition"})
    assert target.read_text(encoding="utf-8") == (
        HEADER + "\n\npeople:\n" + PERSON_YAML + "\ndismissals:\n  - doc: doc-a\n"
        '    quote: "Вторая строка: товарооборот $555,7 млн.\\nТретья строка"\n'
        "    reason: repetition\n")
    assert curator.undo() == "dismiss «Вторая строка: товарооборот $555,7 млн.…»"
    assert target.read_bytes() == before


def test_a_dismissal_into_a_hand_written_file_is_refused_word_for_word(split: Path) -> None:
    hand = split.parent / "parts" / "1.yaml"
    assert _refusal(lambda: Curator(split, target="parts/1.yaml").add_dismissal(
        {"doc": "doc-a", "quote": "Первая строка", "reason": "other"})) == (
        f"{hand} was not written by kzt-tui; it is never changed (to have kzt-tui "
        "write there, make its first line kzt-tui's header again, or move the file aside: "
        "kzt-tui then starts a new one)")


def test_a_hand_written_record_in_kzt_tui_s_layout_is_cited_from_kzt_tui_s_part(
        split: Path) -> None:
    """A file without kzt-tui's first line is the user's however it is laid out: the
    citation goes to kzt-tui's part as an added citation, after what was there."""
    hand = split.parent / "parts" / "3.yaml"
    hand.write_text("people:\n" + PERSON_YAML, encoding="utf-8")
    before = hand.read_bytes()
    target = split.parent / "parts" / "kzt-tui.yaml"
    target.write_text(HEADER + "\n\ndismissals:\n  - doc: doc-a\n    quote: \"Первая строка\"\n"
                      "    reason: other\n", encoding="utf-8")
    cite = {"doc": "doc-a", "quote": "Третья строка", "translation": "t", "note": "n"}
    Curator(split).add_citation("per-new", cite)
    assert hand.read_bytes() == before
    assert target.read_text(encoding="utf-8") == (
        HEADER + "\n\ndismissals:\n  - doc: doc-a\n    quote: \"Первая строка\"\n"
        "    reason: other\n\nadded_citations:\n  - record: per-new\n    doc: doc-a\n"
        '    quote: "Третья строка"\n    translation: "t"\n    note: "n"\n')


def test_a_citation_passes_over_a_linked_top_file_to_kzt_tui_s_own(split: Path) -> None:
    real = split.parent / "curated-real.yaml"
    split.rename(real)
    split.symlink_to(real.name)
    curator = Curator(split)
    curator.add_record("people", PERSON)
    curator.add_citation("per-new", {"doc": "doc-a", "quote": "Третья строка",
                                     "translation": "t"})
    assert (split.parent / "parts" / "kzt-tui.yaml").read_text(encoding="utf-8").endswith(
        '      - doc: doc-a\n        quote: "Третья строка"\n        translation: "t"\n')


def test_the_target_s_folders_are_made_and_a_file_in_the_way_is_named(split: Path) -> None:
    deep = split.parent / "parts" / "new" / "sub"
    assert _refusal(lambda: Curator(split, target="parts/new/sub/kzt-tui.yaml").add_record(
        "people", PERSON)) == (
        f"not written: {split} does not include parts/new/sub/kzt-tui.yaml; kzt-tui does not "
        'edit that file: add "parts/new/sub/*.yaml" to its include: list, then try again')
    assert deep.is_dir() and not (deep / "kzt-tui.yaml").exists()



def test_a_folder_that_cannot_be_made_is_named_with_the_system_s_words(
        split: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    curator = Curator(split, target="parts/new/kzt-tui.yaml")
    monkeypatch.setattr(Path, "mkdir", denied)
    assert _refusal(lambda: curator.add_record("people", PERSON)) == (
        f"not written: cannot create {split.parent / 'parts' / 'new'}: Permission denied")


def test_a_target_beside_the_top_file_is_named_as_it_is(split: Path) -> None:
    top = split.read_text(encoding="utf-8")
    split.write_text("# mine\n" + top, encoding="utf-8")  # include: not on the first line
    assert _refusal(lambda: Curator(split, target="mine.yaml").add_record(
        "people", PERSON)) == (
        f"not written: {split} does not include mine.yaml; kzt-tui does not edit that "
        'file: add "mine.yaml" to its include: list, then try again')


def test_a_write_that_fails_is_named_with_the_system_s_words(
        split: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.curate import store

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "write_atomic_bytes", full)
    target = split.parent / "parts" / "kzt-tui.yaml"
    assert _refusal(lambda: Curator(split).add_record("people", PERSON)) == (
        f"not written: {target}: No space left on device")


def test_a_link_out_of_the_root_is_named_word_for_word(split: Path, tmp_path: Path) -> None:
    (split.parent / "parts" / "out").symlink_to(tmp_path)
    path = split.parent / "parts" / "out" / "x.yaml"
    root = split.parent
    assert _refusal(lambda: inside(root, path)) == (
        f"{path} leads outside the dataset root {root} (through a symbolic link); kzt-tui "
        "writes only inside it")
    inside(root, split.parent / "parts" / "x.yaml")


def test_an_explicit_root_and_cache_are_the_ones_used(split: Path, tmp_path: Path) -> None:
    """A dataset in a folder named data/ has its parent as root unless told otherwise."""
    folder = tmp_path / "p" / "data"
    folder.parent.mkdir()
    split.parent.rename(folder)
    data = folder / "curated.yaml"
    cache = tmp_path / "cache"
    default_cache = Path(os.environ["XDG_CACHE_HOME"])
    curator = Curator(data, root=folder, cache=cache)
    assert curator.root == folder
    assert [d.id for d in curator.load().documents] == ["doc-a", "doc-b"]
    curator.add_record("people", PERSON)
    assert curator.undo() == "add per-new"
    assert any(cache.iterdir())
    assert not default_cache.exists() or not any(default_cache.rglob("*"))
    assert _refusal(lambda: Curator(data).load()).startswith("the dataset has ")


# --- ownfile: what kzt-tui reads and writes of its own, at each limit ------------------

MIB = 1 << 20


def _sized(path: Path, size: int) -> Path:
    with path.open("wb") as handle:  # sparse: no room taken
        handle.truncate(size)
    return path


def test_an_own_file_is_read_up_to_its_limit_and_refused_one_byte_over(tmp_path: Path) -> None:
    limit = 2 * MIB
    assert read_own(_sized(tmp_path / "under", limit - 1), limit) == bytes(limit - 1)
    assert read_own(_sized(tmp_path / "at", limit), limit) == bytes(limit)
    over = _sized(tmp_path / "over", limit + 1)
    with pytest.raises(OwnFileError) as caught:
        read_own(over, limit)
    assert str(caught.value) == (f"{over} is larger than 2 MiB (2,097,153 bytes); kzt-tui "
                                 "does not read it (move it aside)")
    assert caught.value.why.startswith("is larger than 2 MiB")
    assert read_own(tmp_path / "absent", limit) is None


@pytest.mark.parametrize(("make", "what"), [
    (lambda p: p.mkdir(), "a folder"), (lambda p: os.mkfifo(p), "a named pipe"),
    (lambda p: p.symlink_to("/dev/null"), "a symbolic link"),
])
def test_an_own_path_that_is_not_a_regular_file_is_named(
        tmp_path: Path, make: Callable[[Path], None], what: str) -> None:
    path = tmp_path / "own"
    make(path)
    with pytest.raises(OwnFileError) as caught:
        read_own(path, MIB)
    assert str(caught.value) == (f"{path} is {what}, not a regular file; kzt-tui reads and "
                                 "writes only a regular file there (move it aside)")


def test_an_own_path_that_changed_since_it_was_looked_at_is_still_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.curate import ownfile

    monkeypatch.setattr(ownfile, "not_a_file", lambda path: None)  # looked at before
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(OwnFileError) as caught:
        read_own(folder, MIB)
    assert str(caught.value) == (f"{folder} is not a regular file; kzt-tui reads and writes "
                                 "only a regular file there (move it aside)")
    link = tmp_path / "link"
    link.symlink_to(_sized(tmp_path / "target", 1))
    with pytest.raises(OwnFileError) as caught:
        read_own(link, MIB)
    assert str(caught.value) == f"{link} cannot be read: Too many levels of symbolic links"


def test_no_link_on_the_way_from_the_root_but_the_root_itself_may_be_one(
        tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "a" / "b").mkdir(parents=True)
    root = tmp_path / "root"
    root.symlink_to(real)
    no_links(root, root / "a" / "b" / "file.yaml")  # the root reached through a link
    no_links(real, real / "a" / "file.yaml")
    no_links(real, real)
    (real / "here").symlink_to(".")  # a link in the root back to itself is a link
    with pytest.raises(OwnFileError) as caught:
        no_links(real, real / "here" / "file.yaml")
    assert str(caught.value) == (f"{real / 'here'} is a symbolic link; kzt-tui does not "
                                 "write through one (it would write elsewhere, or replace "
                                 "the link)")
    (real / "a" / "c").symlink_to("b")
    with pytest.raises(OwnFileError, match=r"/a/c is a symbolic link;"):
        no_links(real, real / "a" / "c" / "file.yaml")
    (real / "a" / "b" / "f.yaml").symlink_to("../x.yaml")
    with pytest.raises(OwnFileError, match=r"/a/b/f.yaml is a symbolic link;"):
        no_links(real, real / "a" / "b" / "f.yaml")
    outside = tmp_path / "elsewhere" / "file.yaml"
    with pytest.raises(OwnFileError) as caught:
        no_links(real, outside)
    assert str(caught.value) == (f"{outside} is not inside the dataset root {real}; kzt-tui "
                                 "writes only inside it")


# --- journal: its text, its limit, and undo's refusals word for word ---------------------

def _owned(data: bytes) -> bool:
    return True


def _journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Journal, Path]:
    from kzt_tui.core.curate import journal

    monkeypatch.setattr(journal.time, "time", lambda: 1234.5)
    folder = tmp_path / "ds"
    folder.mkdir()
    return Journal(folder), folder


def _expected_seal(folder: Path, journal: Path) -> str:
    """HMAC-SHA256, with the key in $XDG_STATE_HOME/kzt-tui/journal.key, of the folder's
    real path and the journal's entries as compact JSON with sorted keys."""
    import hashlib
    import hmac
    import json
    import os

    key = (Path(os.environ["XDG_STATE_HOME"]) / "kzt-tui" / "journal.key").read_bytes()
    assert len(key) == 65 and key.endswith(b"\n")
    body = json.dumps([os.path.realpath(folder),
                       json.loads(journal.read_text(encoding="utf-8"))["entries"]],
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key[:64], body.encode(), hashlib.sha256).hexdigest()


def test_the_journal_is_written_as_readable_json_exactly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book, folder = _journal(tmp_path, monkeypatch)
    assert book.root == folder and book.path == folder / JOURNAL_NAME
    own = folder / "own.yaml"
    own.write_bytes(b"new\n")
    book.record(own, None, b"new\n", "добавлено")
    book.record(own, b"old\n", b"new\n", "x", ((folder / "t.txt", b"t"),))
    assert book.path.read_text(encoding="utf-8") == """\
{
 "format": "kzt-tui-journal",
 "version": 1,
 "entries": [
  {
   "file": "own.yaml",
   "before": null,
   "after": "NEW",
   "what": "добавлено",
   "when": 1234.5
  },
  {
   "file": "own.yaml",
   "before": "b2xkCg==",
   "after": "NEW",
   "what": "x",
   "when": 1234.5,
   "created": [
    [
     "t.txt",
     "T"
    ]
   ]
  }
 ],
 "seal": "SEAL"
}""".replace("NEW", digest(b"new\n")).replace('"T"', f'"{digest(b"t")}"').replace(
        "SEAL", _expected_seal(folder, book.path))
    assert book.entries() == [
        Entry("own.yaml", None, digest(b"new\n"), "добавлено", 1234.5),
        Entry("own.yaml", b"old\n", digest(b"new\n"), "x", 1234.5,
              (("t.txt", digest(b"t")),))]
    assert isinstance(book.entries()[0].when, float)


def test_a_journal_keeps_the_last_twenty_writes(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    book, folder = _journal(tmp_path, monkeypatch)
    own = folder / "own.yaml"
    for n in range(KEEP + 1):
        book.record(own, None, b"x", f"w{n}")
    assert [e.what for e in book.entries()] == [f"w{n}" for n in range(1, KEEP + 1)]


def test_a_journal_at_its_limit_keeps_all_and_one_byte_less_forgets_the_oldest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.curate import journal

    book, folder = _journal(tmp_path, monkeypatch)
    own = folder / "own.yaml"

    def three() -> list[str]:
        book.path.unlink(missing_ok=True)
        for n in range(3):
            book.record(own, None, b"x", f"w{n}")
        return [e.what for e in book.entries()]

    assert three() == ["w0", "w1", "w2"]
    size = book.path.stat().st_size
    monkeypatch.setattr(journal, "MAX_JOURNAL_BYTES", size)
    assert three() == ["w0", "w1", "w2"]
    assert book.path.stat().st_size == size
    monkeypatch.setattr(journal, "MAX_JOURNAL_BYTES", size - 1)
    assert three() == ["w1", "w2"]


def test_a_write_too_large_to_journal_even_alone_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.curate import journal

    book, folder = _journal(tmp_path, monkeypatch)
    monkeypatch.setattr(journal, "MAX_JOURNAL_BYTES", MIB)
    own = folder / "own.yaml"
    book.record(own, None, b"x", "small")
    big = bytes(MIB)  # its base64 alone is larger than the limit
    with pytest.raises(JournalError) as caught:
        book.record(own, big, b"x", "big")
    assert str(caught.value) == (f"the write would make {book.path} larger than 1 MiB (the "
                                 "file is too large to keep its undo)")
    assert [e.what for e in book.entries()] == ["small"]
    half = bytes(MIB // 2)  # alone it fits, with the one before it not
    book.record(own, half, b"x", "half")
    book.record(own, half, b"x", "half again")
    assert [e.what for e in book.entries()] == ["half again"]


def test_a_file_a_write_created_in_the_root_is_named_from_it_and_removed_by_undo(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.curate import journal

    monkeypatch.setattr(journal.time, "time", lambda: 1.0)
    root = tmp_path / "root"
    folder = root / "data"
    folder.mkdir(parents=True)
    book = Journal(folder, root)
    assert book.root == root
    own = folder / "own.yaml"
    own.write_bytes(b"after")
    text = root / "texts" / "t.txt"
    text.parent.mkdir()
    text.write_bytes(b"t")
    book.record(own, b"before", b"after", "add", ((text, b"t"),))
    assert book.entries()[0].created == (("texts/t.txt", digest(b"t")),)
    assert book.undo(_owned).what == "add"
    assert own.read_bytes() == b"before" and not text.exists()
    own.write_bytes(b"after")
    book.record(own, b"before", b"after", "add again", ((text, b"t"),))
    assert book.undo(_owned).what == "add again"  # the text removed already: no matter
    with pytest.raises(JournalError) as caught:
        book.record(own, None, b"x", "out", ((tmp_path / "elsewhere.txt", b"e"),))
    assert str(caught.value) == (f"{tmp_path / 'elsewhere.txt'} is not inside {root}; "
                                 "kzt-tui writes only there")


def _forged(folder: Path, file: str, after: bytes, created: list[list[str]] | None = None
            ) -> None:
    entry: dict[str, object] = {"file": file, "before": None, "after": digest(after),
                                "what": "forged", "when": 0}
    if created is not None:
        entry["created"] = created
    write_journal(folder, [entry])


@pytest.mark.parametrize("name", ["sub\\..\\own.yaml", "sub/../own.yaml", "ABSOLUTE"])
def test_undo_refuses_a_name_that_is_absolute_climbs_or_has_a_backslash(
        tmp_path: Path, name: str) -> None:
    folder = tmp_path / "ds"
    (folder / "sub").mkdir(parents=True)
    own = folder / "own.yaml"
    own.write_bytes(b"mine")
    name = str(own) if name == "ABSOLUTE" else name  # inside the folder, but absolute
    _forged(folder, name, b"mine")
    with pytest.raises(JournalError) as caught:
        Journal(folder).undo(_owned)
    assert str(caught.value) == f"the journal names {name!r}, outside the dataset; not undone"
    assert own.read_bytes() == b"mine"


def test_undo_names_a_link_a_folder_or_a_changed_file_and_changes_nothing(
        tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    own = folder / "own.yaml"
    own.write_bytes(b"mine")
    (folder / "link.yaml").symlink_to("own.yaml")
    _forged(folder, "link.yaml", b"mine")
    with pytest.raises(JournalError) as caught:
        Journal(folder).undo(_owned)
    assert str(caught.value) == (f"{folder / 'link.yaml'} is a symbolic link; kzt-tui does "
                                 "not write through one (it would write elsewhere, or "
                                 "replace the link); not undone")
    (folder / "dir.yaml").mkdir()
    _forged(folder, "dir.yaml", b"mine")
    with pytest.raises(JournalError) as caught:
        Journal(folder).undo(_owned)
    assert str(caught.value) == (f"{folder / 'dir.yaml'} is a folder, not a regular file; "
                                 "kzt-tui reads and writes only a regular file there (move "
                                 "it aside); not undone")
    _forged(folder, "own.yaml", b"other")
    with pytest.raises(JournalError) as caught:
        Journal(folder).undo(_owned)
    assert str(caught.value) == ("own.yaml changed since kzt-tui wrote it (forged); not "
                                 "undone, so that edit is not lost")
    (folder / "t.txt").write_bytes(b"edited")
    _forged(folder, "own.yaml", b"mine", [["t.txt", digest(b"t")]])
    with pytest.raises(JournalError) as caught:
        Journal(folder).undo(_owned)
    assert str(caught.value) == ("t.txt changed since kzt-tui wrote it (forged); not "
                                 "undone, so that edit is not lost")
    assert own.read_bytes() == b"mine" and (folder / "t.txt").read_bytes() == b"edited"
    (folder / JOURNAL_NAME).unlink()
    with pytest.raises(JournalError) as caught:
        Journal(folder).undo(_owned)
    assert str(caught.value) == "nothing to undo: kzt-tui has not written to this dataset"


def test_a_journal_that_is_not_one_or_sits_behind_a_link_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    write_journal(folder, [{"file": "own.yaml", "before": None, "after": "0" * 64,
                            "what": "x", "when": "soon"}])  # sealed, yet no entry
    with pytest.raises(JournalError) as caught:
        Journal(folder).entries()
    assert str(caught.value) == (f"{folder / JOURNAL_NAME} is not a kzt-tui journal "
                                 "(could not convert string to float: 'soon'); move it "
                                 "aside to start a new one")
    for odd in ("{}", '{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}"):
        (folder / JOURNAL_NAME).write_text(odd, encoding="utf-8")  # sealed by nobody
        book = Journal(folder)
        assert book.entries() == []
        assert book.ignored == (f"{folder / JOURNAL_NAME} was not written by kzt-tui for "
                                "you in this folder (shipped with the dataset, or copied); "
                                "ignored")
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "linked").symlink_to(real)
    book = Journal(tmp_path / "linked", tmp_path)
    with pytest.raises(JournalError) as caught:
        book.record(tmp_path / "linked" / "own.yaml", None, b"x", "x")
    assert str(caught.value) == (f"the undo journal: {tmp_path / 'linked'} is a symbolic "
                                 "link; kzt-tui does not write through one (it would write "
                                 "elsewhere, or replace the link)")
    assert not (real / JOURNAL_NAME).exists()


def test_undo_of_a_second_record_restores_the_file_with_the_first(split: Path) -> None:
    curator = Curator(split)
    target = split.parent / "parts" / "kzt-tui.yaml"
    curator.add_record("people", PERSON)
    first = target.read_bytes()
    curator.add_record("people", {**PERSON, "id": "per-new-2"})
    assert curator.undo() == "add per-new-2"
    assert target.read_bytes() == first


def test_the_journal_of_a_dataset_in_a_data_folder_spans_its_parent(tmp_path: Path) -> None:
    """Its texts go beside data/ (the root is data/'s parent): undo takes them back too."""
    root = tmp_path / "p"
    (root / "data" / "parts").mkdir(parents=True)
    data = root / "data" / "curated.yaml"
    data.write_text('schema_version: 1\ninclude: ["parts/*.yaml"]\n', encoding="utf-8")
    curator = Curator(data)
    assert curator.root == root and curator.journal.root == root
    source = SourceText("new.txt", b"Text.\n", None, None)
    add_source(curator, source, "sources", {**DOCUMENT, "id": "doc-new"})
    assert (root / "sources" / "new.txt").read_bytes() == b"Text.\n"
    assert (root / "data" / JOURNAL_NAME).is_file()  # beside the curated file
    assert not (root / JOURNAL_NAME).exists()
    assert curator.undo() == "add doc-new"
    assert not (root / "sources" / "new.txt").exists()


# --- journal: the key's place, forget, and writes that never happened ---------------------

def test_the_journal_key_is_under_an_absolute_xdg_state_home_else_the_home_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.curate.journal import key_path

    home = Path(os.environ["HOME"])
    default = home / ".local" / "state" / "kzt-tui" / "journal.key"
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert key_path() == tmp_path / "state" / "kzt-tui" / "journal.key"
    monkeypatch.setenv("XDG_STATE_HOME", "state")  # relative: invalid, so ignored
    assert key_path() == default
    monkeypatch.delenv("XDG_STATE_HOME")
    assert key_path() == default


def test_forget_drops_only_the_last_entry_and_only_when_it_is_that_write(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book, folder = _journal(tmp_path, monkeypatch)
    own, other = folder / "own.yaml", folder / "other.yaml"
    book.forget(own, b"x")  # no journal: nothing to forget, nothing written
    assert not book.path.exists()
    for n, after in enumerate((b"x", b"y", b"z")):
        book.record(own, None, after, f"w{n}")
    book.forget(own, b"y")  # an earlier write's bytes: not the last entry's
    book.forget(other, b"z")  # the last write's bytes, but another file
    assert [e.what for e in book.entries()] == ["w0", "w1", "w2"]
    book.forget(own, b"z")
    assert [e.what for e in book.entries()] == ["w0", "w1"]


def test_undo_takes_back_the_last_of_three_writes_and_keeps_the_two_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book, folder = _journal(tmp_path, monkeypatch)
    own = folder / "own.yaml"
    for n, (before, after) in enumerate(((None, b"a"), (b"a", b"b"), (b"b", b"c"))):
        book.record(own, before, after, f"w{n}")
        own.write_bytes(after)
    assert book.undo(_owned).what == "w2"
    assert own.read_bytes() == b"b"
    assert [e.what for e in book.entries()] == ["w0", "w1"]


def _written_then_journaled_ahead(tmp_path: Path) -> tuple[Journal, Path, Path]:
    """A journal whose first write (own.yaml created) was made, and whose second (own.yaml
    rewritten, creating texts/t.txt in the root above the folder) was journaled ahead and
    never made: own.yaml is still as before it."""
    root = tmp_path / "root"
    folder = root / "data"
    folder.mkdir(parents=True)
    (root / "texts").mkdir()
    book = Journal(folder, root)
    own = folder / "own.yaml"
    book.record(own, None, b"before", "first")
    own.write_bytes(b"before")
    book.record(own, b"before", b"after", "second", ((root / "texts" / "t.txt", b"t"),))
    return book, own, root / "texts" / "t.txt"


def test_undo_skips_a_write_journaled_ahead_whose_files_are_all_as_before(
        tmp_path: Path) -> None:
    book, own, text = _written_then_journaled_ahead(tmp_path)
    assert book.undo(_owned).what == "first"  # "second" never happened: dropped
    assert not own.exists() and not text.exists()
    assert book.entries() == []


def test_a_write_whose_created_file_is_there_was_made_and_is_not_skipped(
        tmp_path: Path) -> None:
    book, own, text = _written_then_journaled_ahead(tmp_path)
    text.write_bytes(b"t")  # in the root, not in the journal's folder
    with pytest.raises(JournalError) as caught:
        book.undo(_owned)
    assert str(caught.value) == ("own.yaml changed since kzt-tui wrote it (second); not "
                                 "undone, so that edit is not lost")
    assert own.read_bytes() == b"before" and text.read_bytes() == b"t"
    assert [e.what for e in book.entries()] == ["first", "second"]


def test_the_first_write_makes_a_key_only_its_user_can_read_in_a_private_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stat

    from kzt_tui.core.curate.journal import key_path

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    old = os.umask(0o022)
    try:
        book, folder = _journal(tmp_path, monkeypatch)
        book.record(folder / "own.yaml", None, b"x", "w")
    finally:
        os.umask(old)
    key = key_path().read_bytes()
    assert len(key) == 65 and key.endswith(b"\n") and int(key[:64], 16) >= 0
    assert stat.S_IMODE(key_path().stat().st_mode) == 0o600
    assert stat.S_IMODE(key_path().parent.stat().st_mode) == 0o700
    assert book.path.read_text(encoding="utf-8").count(
        _expected_seal(folder, book.path)) == 1


def test_a_key_folder_that_is_there_already_gets_the_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kzt_tui.core.curate.journal import key_path

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    key_path().parent.mkdir(parents=True)
    book, folder = _journal(tmp_path, monkeypatch)
    book.record(folder / "own.yaml", None, b"x", "w")
    assert len(key_path().read_bytes()) == 65
    assert [e.what for e in book.entries()] == ["w"]


@pytest.mark.parametrize(("padding", "taken"), [(960, True), (961, False)])
def test_a_key_file_is_read_up_to_1024_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             padding: int, taken: bool) -> None:
    """64 hex digits and whitespace: a key while the file is at most 1024 bytes; larger,
    it is not read, and (being there) is not replaced either: the write is refused."""
    import hashlib
    import hmac
    import json

    from kzt_tui.core.curate.journal import key_path, seal

    key = b"ab" * 32
    key_path().parent.mkdir(parents=True, exist_ok=True)
    key_path().write_bytes(key + b"\n" * padding)
    folder = tmp_path / "ds"
    folder.mkdir()
    if taken:
        body = json.dumps([os.path.realpath(folder), []], sort_keys=True,
                          separators=(",", ":"))
        assert seal(folder, []) == hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
    else:
        with pytest.raises(JournalError) as caught:
            seal(folder, [])
        assert str(caught.value) == (f"{key_path()} is not a kzt-tui journal key; move it "
                                     "aside (kzt-tui makes a new one)")
    assert key_path().read_bytes() == key + b"\n" * padding


def test_a_key_another_kzt_tui_wrote_first_is_the_one_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two writing at once: the one whose new key file is there already (O_EXCL) takes the
    other's key, read again, rather than refusing or writing its own."""
    import hashlib
    import hmac
    import json

    from kzt_tui.core.curate import journal

    key = b"cd" * 32
    journal.key_path().parent.mkdir(parents=True, exist_ok=True)
    journal.key_path().write_bytes(key + b"\n")
    reads: list[Path] = []
    real_read = journal.read_own

    def first_read_before_the_other_wrote(path: Path, limit: int) -> bytes | None:
        reads.append(path)
        return None if len(reads) == 1 else real_read(path, limit)

    monkeypatch.setattr(journal, "read_own", first_read_before_the_other_wrote)
    folder = tmp_path / "ds"
    folder.mkdir()
    body = json.dumps([os.path.realpath(folder), []], sort_keys=True, separators=(",", ":"))
    assert journal.seal(folder, []) == hmac.new(key, body.encode(),
                                                hashlib.sha256).hexdigest()
    assert reads == [journal.key_path()] * 2
    assert journal.key_path().read_bytes() == key + b"\n"


@pytest.mark.parametrize("seal_field", ["absent", "null", "number"])
def test_a_journal_without_a_seal_is_ignored_whether_or_not_a_key_exists(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seal_field: str) -> None:
    """A journal from before the seal (or with a seal that is not a string) is ignored,
    not refused as broken; reading it never makes a key (only a write does)."""
    import json

    from kzt_tui.core.curate.journal import key_path

    book, folder = _journal(tmp_path, monkeypatch)
    data: dict[str, object] = {"format": "kzt-tui-journal", "version": 1, "entries": [
        {"file": "own.yaml", "before": None, "after": digest(b"x"), "what": "w", "when": 0}]}
    if seal_field != "absent":
        data["seal"] = None if seal_field == "null" else 7
    book.path.write_text(json.dumps(data), encoding="utf-8")
    why = (f"{book.path} was not written by kzt-tui for you in this folder (shipped with "
           "the dataset, or copied); ignored")
    assert not key_path().exists()
    assert book.entries() == [] and book.ignored == why
    assert not key_path().exists()  # a read makes no key
    book.path.rename(folder / "aside.json")
    book.record(folder / "other.yaml", None, b"y", "made the key")
    assert key_path().exists()
    book.path.write_text(json.dumps(data), encoding="utf-8")
    assert book.entries() == [] and book.ignored == why
