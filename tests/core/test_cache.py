"""The dataset cache: a hit equals a load; any change to any input, or a bad entry, misses;
of a dataset in several files only the parts that changed are checked again."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kzt_tui.core.loading import DataError, cache, cache_dir, load, load_cached


def _entries(directory: Path) -> list[Path]:
    parts = directory / "parts"
    return sorted(parts.glob("*.pickle")) if parts.exists() else []


def _spy_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every data file that is checked from its text (not taken from the cache)."""
    import kzt_tui.core.loading.checkfile as load_module

    calls: list[Path] = []
    real = load_module.check_file

    def spy(text: str, file: str, shared: object, *, top: bool) -> object:
        calls.append(Path(file))
        return real(text, file, shared, top=top)  # type: ignore[arg-type]

    monkeypatch.setattr(load_module, "check_file", spy)
    return calls


def _edit_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    assert len(old.encode()) == len(new.encode())
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    assert path.stat().st_mtime_ns == st.st_mtime_ns


def test_cache_lives_under_xdg_cache_home() -> None:
    assert cache_dir() == Path(os.environ["XDG_CACHE_HOME"]) / "kzt-tui"


def test_hit_gives_an_equal_dataset(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_cached(mini)
    assert len(_entries(cache_dir())) == 1
    calls = _spy_loads(monkeypatch)
    second = load_cached(mini)
    assert calls == []  # served from the cache
    assert second == load(mini) == first
    assert second.texts == {}  # sources are read lazily, by Corpus.text


def test_editing_the_yaml_invalidates_even_at_same_size_and_mtime(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(mini)
    text = mini.read_text(encoding="utf-8")
    # Change one character of a translation: same size, same mtime, different content.
    start = text.index("translation:")
    old = text[start : start + 20]
    new = old[:-1] + ("X" if old[-1] != "X" else "Y")
    _edit_keeping_size_and_mtime(mini, old, new)
    calls = _spy_loads(monkeypatch)
    got = load_cached(mini)
    assert calls == [mini]
    assert got == load(mini)
    assert len(_entries(cache_dir())) == 1  # the stale entry was replaced, not kept


def test_editing_a_source_invalidates_even_at_same_size_and_mtime(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(mini)
    _edit_keeping_size_and_mtime(mini.parent / "texts" / "a.txt", "Третья", "Жретья")
    expected = load(mini)
    calls = _spy_loads(monkeypatch)
    assert load_cached(mini) == expected
    assert calls == [mini]


def test_a_source_edit_that_breaks_a_quote_is_reported_not_hidden(mini: Path) -> None:
    load_cached(mini)
    _edit_keeping_size_and_mtime(mini.parent / "texts" / "a.txt", "$555,7", "$555.7")
    with pytest.raises(DataError):
        load_cached(mini)


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_corrupt_entry_is_ignored_and_rebuilt(
    mini: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    load_cached(mini)
    (entry,) = _entries(cache_dir())
    blob = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(blob[: len(blob) // 2])
    elif damage == "flip":
        entry.write_bytes(blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:])
    elif damage == "garbage":
        entry.write_bytes(b"not a cache at all")
    else:
        entry.write_bytes(b"")
    expected = load(mini)
    calls = _spy_loads(monkeypatch)
    assert load_cached(mini) == expected
    assert calls == [mini]
    assert _entries(cache_dir()) == [entry]
    assert entry.read_bytes() == blob  # rebuilt


def test_an_entry_others_can_write_is_not_trusted(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(mini)
    (entry,) = _entries(cache_dir())
    entry.chmod(entry.stat().st_mode | stat.S_IWOTH)
    calls = _spy_loads(monkeypatch)
    load_cached(mini)
    assert calls == [mini]


def test_unwritable_cache_dir_still_loads(tmp_path: Path, mini: Path) -> None:
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    assert load_cached(mini, directory=blocked / "kzt-tui") == load(mini)
    assert load_cached(mini, directory=blocked / "kzt-tui") == load(mini)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes to read-only folders")
def test_read_only_cache_dir_still_loads(tmp_path: Path, mini: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert load_cached(mini, directory=folder) == load(mini)
        assert _entries(folder) == []
    finally:
        folder.chmod(0o700)


def test_bad_data_raises_like_load_and_is_never_cached(
    write_data: object, tmp_path: Path
) -> None:
    path = write_data("schema_version: 1\nagreements: 3\n")  # type: ignore[operator]
    with pytest.raises(DataError) as via_cache:
        load_cached(path)
    with pytest.raises(DataError) as direct:
        load(path)
    assert [str(p) for p in via_cache.value.problems] == [str(p) for p in direct.value.problems]
    assert _entries(cache_dir()) == []


def test_format_or_version_change_misses(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_cached(mini)
    monkeypatch.setattr(cache, "CACHE_FORMAT", cache.CACHE_FORMAT + 1)
    calls = _spy_loads(monkeypatch)
    load_cached(mini)
    assert calls == [mini]


def test_corpus_reads_sources_of_a_cached_dataset_on_demand(mini: Path) -> None:
    from kzt_tui.core.corpus import Corpus

    load_cached(mini)
    corpus = Corpus(load_cached(mini))
    assert corpus.dataset.texts == {}
    assert corpus.text("doc-a") == load(mini).texts["doc-a"]


def test_a_change_to_the_loader_code_misses(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_cached(mini)
    monkeypatch.setattr(cache, "_code_digest", lambda: b"other code")
    calls = _spy_loads(monkeypatch)
    load_cached(mini)
    assert calls == [mini]


def test_the_code_digest_covers_every_loading_module() -> None:
    """A new module of core/loading/ that decides what a part holds must make entries
    stale when it changes: the digest reads every one (gcpause and __init__ decide
    nothing)."""
    core = Path(cache.__file__).parent.parent
    modules = {f"loading/{p.name}" for p in (core / "loading").glob("*.py")}
    assert modules - {"loading/__init__.py", "loading/gcpause.py"} <= set(cache._CODE)
    assert all((core / name).is_file() for name in cache._CODE)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_never_read_by_the_cache(mini: Path) -> None:
    load_cached(mini)
    source = mini.parent / "texts" / "a.txt"
    source.unlink()
    os.mkfifo(source)  # a writerless FIFO: reading it would block forever
    with pytest.raises(DataError):
        load_cached(mini)
    fifo_data = mini.parent / "fifo.yaml"
    os.mkfifo(fifo_data)
    with pytest.raises(DataError):
        load_cached(fifo_data)


# --- a dataset of several files: only the parts that changed are checked again ------------


def _spy_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
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
    calls = _spy_checks(monkeypatch)
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


def test_a_changed_source_rechecks_the_parts_that_cite_or_define_it(
    split: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(split)
    calls = _spy_checks(monkeypatch)
    # doc-b is defined in 2.yaml but cited by 1.yaml (and by no one else)
    (split.parent / "texts" / "b.txt").write_text("Текст Б: вторая статья, исправленная.\n",
                                                   encoding="utf-8")
    load_cached(split)
    assert calls == ["1.yaml", "2.yaml"]  # 2.yaml defines doc-b: its source is read too
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
    calls = _spy_checks(monkeypatch)
    got = load_cached(split)
    assert sorted(calls) == ["1.yaml", "2.yaml"]  # 1.yaml cites doc-b, whose file changed
    assert got.documents[1].file == "texts/c.txt"


def test_check_takes_unchanged_files_from_the_cache_and_still_sees_every_change(
    split: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kzt_tui.cli import main

    calls = _spy_checks(monkeypatch)
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


def test_the_sections_table_gives_the_types_the_dataset_declares() -> None:
    """The cache checks an entry's records against model.SECTIONS' record types, not
    against Dataset's annotations (evaluating them cost ~2 ms of every start): the two must
    agree, section by section, in order."""
    from typing import get_args, get_type_hints

    from kzt_tui.core import model

    hints = get_type_hints(model.Dataset)
    assert [s.name for s in model.SECTIONS] == list(model.SECTION_PREFIX)
    assert [s.record_type for s in model.SECTIONS] == [
        get_args(hints[name])[0] for name in model.SECTION_PREFIX]


def test_a_warm_load_evaluates_no_annotations(split: Path) -> None:
    import os
    import subprocess
    import sys

    load_cached(split)  # fills the cache (XDG_CACHE_HOME is the test's)
    code = (
        "import typing\n"
        "def refuse(*a, **k): raise AssertionError('get_type_hints at start')\n"
        "typing.get_type_hints = refuse\n"
        "from pathlib import Path\n"
        "from kzt_tui.core.loading import load_cached\n"
        f"data = load_cached(Path({str(split)!r}))\n"
        "print(len(data.people))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ))
    assert (out.returncode, out.stdout.strip()) == (0, "3"), out.stderr
