"""A dataset split over several files (`include`): same records as one file, problems named
by the file they are in, and a cache that checks again only the files that changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kzt_tui.core.loading import DataError, load, load_cached
from tests.helpers import make_split


@pytest.fixture
def split(tmp_path: Path) -> Path:
    return make_split(tmp_path)


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


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import kzt_tui.core.loading.checkfile as load_module

    calls: list[str] = []
    real = load_module.check_file

    def spy(text: str, file: str, shared: object, *, top: bool) -> object:
        calls.append(Path(file).name)
        return real(text, file, shared, top=top)  # type: ignore[arg-type]

    monkeypatch.setattr(load_module, "check_file", spy)
    return calls


def test_the_cache_checks_again_only_the_part_that_changed(
    split: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _spy(monkeypatch)
    first = load_cached(split)
    assert calls == ["curated.yaml", "1.yaml", "2.yaml"]
    calls.clear()
    assert load_cached(split) == first
    assert calls == []
    part = split.parent / "parts" / "2.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace('role: "minister"', 'role: "envoy"'),
                    encoding="utf-8")
    got = load_cached(split)
    assert calls == ["2.yaml"]
    assert got.people[2].role == "envoy"
    monkeypatch.undo()
    assert got == load(split)


def test_a_changed_source_rechecks_the_parts_that_cite_it_even_from_another_file(
    split: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(split)
    calls = _spy(monkeypatch)
    # doc-b is defined in 2.yaml but cited by 1.yaml (and by no one else)
    (split.parent / "texts" / "b.txt").write_text("Текст Б: вторая статья, исправленная.\n",
                                                   encoding="utf-8")
    load_cached(split)
    assert calls == ["1.yaml"]
    (split.parent / "texts" / "b.txt").write_text("Текст Б: другая.\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_cached(split)
    assert [p.file for p in info.value.problems] == [str(split.parent / "parts" / "1.yaml")]


def test_moving_a_document_to_another_file_rechecks_its_citers(
    split: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(split)
    (split.parent / "texts" / "c.txt").write_text("Текст В: вторая статья.\n", encoding="utf-8")
    part = split.parent / "parts" / "2.yaml"
    part.write_text(part.read_text(encoding="utf-8").replace("texts/b.txt", "texts/c.txt"),
                    encoding="utf-8")
    calls = _spy(monkeypatch)
    got = load_cached(split)
    assert sorted(calls) == ["1.yaml", "2.yaml"]  # 1.yaml cites doc-b, whose file changed
    assert got.documents[1].file == "texts/c.txt"


def test_check_takes_unchanged_files_from_the_cache_and_still_sees_every_change(
    split: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kzt_tui.cli import main

    calls = _spy(monkeypatch)
    assert main(["check", "--data", str(split)]) == 0
    assert calls == ["curated.yaml", "1.yaml", "2.yaml"]
    first = capsys.readouterr().out
    assert "  in 3 files (0 unchanged since they last passed, taken from the cache)" in first
    calls.clear()
    assert main(["check", "--data", str(split)]) == 0
    assert calls == []  # neither parsed nor unpickled: ids, references and counts only
    second = capsys.readouterr().out
    assert "  in 3 files (3 unchanged since they last passed, taken from the cache)" in second
    assert [line for line in first.splitlines() if "citations" in line] == \
        [line for line in second.splitlines() if "citations" in line]
    assert "  people             3       3 citations" in second
    assert main(["check", "--no-cache", "--data", str(split)]) == 0
    assert calls == ["curated.yaml", "1.yaml", "2.yaml"]
    capsys.readouterr()
    (split.parent / "texts" / "b.txt").write_text("Текст Б: другая.\n", encoding="utf-8")
    assert main(["check", "--data", str(split)]) == 1
    out = capsys.readouterr().out
    assert f"{split.parent / 'parts' / '1.yaml'}:8:7: people[0].citations[0].quote: " \
           "[doc-b] quote not found" in out


def test_a_load_from_the_cache_imports_neither_yaml_nor_the_validator(split: Path) -> None:
    import os
    import subprocess
    import sys

    load_cached(split)  # fills the cache (XDG_CACHE_HOME is the test's)
    code = (
        "import sys; from pathlib import Path\n"
        "from kzt_tui.core.loading import load_cached\n"
        f"data = load_cached(Path({str(split)!r}))\n"
        "assert len(data.people) == 3\n"
        "print(','.join(sorted(m for m in sys.modules\n"
        "                      if m.split('.')[0] == 'yaml'\n"
        "                      or m == 'kzt_tui.core.loading.checkfile')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=dict(os.environ))
    assert out.stdout.strip() == ""


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
