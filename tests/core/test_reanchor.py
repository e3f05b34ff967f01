"""Re-anchoring a quote whose source text was edited (core/reanchor.py), and the
suggestion `kzt-tui check` adds to the problem line from the anchors of the last good check."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.cli import main
from kzt_tui.core.reanchor import CONTEXT, Anchor, Suggestion, reanchor

OLD = ("Первый абзац о погоде и новостях дня.\n"
       "Товарооборот между странами в 2024 году составил $555,7 млн, сообщил министр.\n"
       "Третий абзац о культуре и спорте.\n")
QUOTE = "Товарооборот между странами в 2024 году составил $555,7 млн"


def _anchor(text: str = OLD, quote: str = QUOTE) -> Anchor:
    start = text.index(quote)
    end = start + len(quote)
    return Anchor(text[max(0, start - CONTEXT):start], text[end:end + CONTEXT], start)


def test_text_inserted_before_the_quote_finds_it_exactly_at_its_new_place() -> None:
    new = "Вставленный абзац.\n" + OLD
    assert reanchor(new, QUOTE, _anchor()) == Suggestion(57, 57 + len(QUOTE), 1.0, "exact")
    assert new[57:57 + len(QUOTE)] == QUOTE


def test_a_changed_word_inside_is_found_between_its_old_context() -> None:
    new = "Вставка.\n" + OLD.replace("между странами", "между государствами")
    got = reanchor(new, QUOTE, _anchor())
    assert got is not None and got.how == "context"
    assert new[got.start:got.end] == QUOTE.replace("между странами", "между государствами")
    assert 0.85 < got.similarity < 1


def test_without_context_a_changed_word_is_found_by_a_fuzzy_match() -> None:
    new = OLD.replace("составил", "достиг")
    got = reanchor(new, QUOTE, None)
    assert got is not None and got.how == "fuzzy"
    assert new[got.start:got.end] == QUOTE.replace("составил", "достиг")


def test_a_deleted_quote_gets_no_suggestion() -> None:
    new = OLD.replace(QUOTE + ", сообщил министр.\n", "")
    assert reanchor(new, QUOTE, _anchor()) is None
    assert reanchor(new, QUOTE, None) is None


def test_of_several_exact_occurrences_the_one_nearest_the_old_place() -> None:
    new = QUOTE + ".\n" + OLD
    got = reanchor(new, QUOTE, _anchor())
    assert got is not None and got.start == new.index(QUOTE, 1)


def _dataset(tmp_path: Path) -> Path:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(OLD, encoding="utf-8")
    top = tmp_path / "curated.yaml"
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
      - doc: doc-a
        quote: "{QUOTE}"
        translation: "x"
''', encoding="utf-8")
    return top


@pytest.mark.parametrize(("edit", "suggestion"), [
    (lambda t: "Вставка.\n" + t.replace("между странами", "между государствами"),
     "; suggested passage at line 3, 91% alike, found by its old context: «Товарооборот "
     "между государствами в 2024 году составил $555,7 млн»"),
    (lambda t: t.replace(QUOTE + ", сообщил министр.\n", ""),
     "; no passage alike enough to suggest (deleted?)"),
])
def test_check_prints_the_suggestion_in_the_problem_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: object,
        suggestion: str) -> None:
    top = _dataset(tmp_path)
    assert main(["check", "--data", str(top)]) == 0  # remembers the anchors
    capsys.readouterr()
    source = tmp_path / "texts" / "a.txt"
    source.write_text(edit(OLD), encoding="utf-8")  # type: ignore[operator]
    assert main(["check", "--data", str(top)]) == 1
    (line, summary) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{top}:18:9: people[0].citations[0].quote: [doc-a] quote not "
                           "found")
    assert line.split(" (hint:")[0].endswith(suggestion)
    assert summary == "✗ 1 problem(s); nothing was changed."


def test_a_text_built_to_make_the_fuzzy_search_quadratic_stops_at_its_deadline() -> None:
    """`a` × 200,000 against `ab` × 1,000: difflib compares every `a` of the quote with every
    `a` of the text (minutes); the search stops at its deadline instead."""
    import time

    from kzt_tui.core.reanchor import TookTooLong

    began = time.monotonic()
    with pytest.raises(TookTooLong):
        reanchor("a" * 200_000, "ab" * 1_000, None, deadline=began + 0.3)
    assert time.monotonic() - began < 1.5


def test_check_says_no_suggestion_when_the_search_took_too_long(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Each suggestion gets PER_SUGGESTION seconds, all of them TOTAL_SUGGESTIONS: then
    the problem says so, and check ends in time."""
    import time

    from kzt_tui.core import anchors

    monkeypatch.setattr(anchors, "PER_SUGGESTION", 0.2)
    monkeypatch.setattr(anchors, "TOTAL_SUGGESTIONS", 0.5)
    top = _dataset(tmp_path)
    assert main(["check", "--data", str(top)]) == 0
    quotes = "".join(f'      - doc: doc-a\n        quote: "{"ab" * 999}{c}"\n'
                     f'        translation: "x"\n' for c in "cdefg")
    top.write_text(top.read_text(encoding="utf-8") + quotes, encoding="utf-8")
    (tmp_path / "texts" / "a.txt").write_text(OLD + "a" * 199_000 + "\n", encoding="utf-8")
    capsys.readouterr()
    began = time.monotonic()
    assert main(["check", "--data", str(top)]) == 1
    assert time.monotonic() - began < 5
    lines = capsys.readouterr().out.splitlines()
    slow = [line for line in lines if "no suggestion (took too long)" in line]
    assert len(slow) == 5, lines


def test_an_anchors_file_others_can_write_is_not_read_and_never_makes_check_pass(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A forged anchors file that maps doc-a to a text holding the quote would make the
    suggestion point there; one that is not the user's alone is ignored, and no cache
    makes a quote that is not in the text pass."""
    import json
    import os

    from kzt_tui.core.anchors import AnchorStore

    top = _dataset(tmp_path)
    assert main(["check", "--data", str(top)]) == 0
    (tmp_path / "texts" / "other.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "texts" / "a.txt").write_text("Совсем другой текст.\n", encoding="utf-8")
    store = AnchorStore(top)
    store.path.write_text(json.dumps({"docs": {"doc-a": "texts/other.txt"}, "anchors": {}}),
                          encoding="utf-8")
    os.chmod(store.path, 0o666)
    capsys.readouterr()
    assert main(["check", "--data", str(top)]) == 1
    out = capsys.readouterr().out
    assert "quote not found" in out and "suggested passage" not in out
    os.chmod(store.path, 0o600)  # the user's own: read (it is only ever a suggestion)
    assert main(["check", "--data", str(top)]) == 1
    assert "suggested passage" in capsys.readouterr().out
