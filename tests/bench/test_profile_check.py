"""bench/profile_check.py: a worker's CPU per file split into parse, checks and store."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.corpus import generate
from bench.profile_check import count_keys, main, measure
from kzt_tui.core.loading.yamlsafe import parse

PHASES = ("libyaml", "events", "parse", "checks", "grounding", "store", "worker")


def _keys(value: object) -> int:
    """Mapping keys counted by PyYAML's own loader, not by the tree under test."""
    if isinstance(value, dict):
        return len(value) + sum(_keys(v) for v in value.values())
    if isinstance(value, list):
        return sum(_keys(v) for v in value)
    return 0


def test_count_keys_counts_every_key_at_any_depth() -> None:
    assert count_keys(parse("a: {b: [{c: 1, d: [2]}, 3], e: null}\nf: x\n")) == 6
    assert count_keys(parse("- 1\n- [2]\n")) == 0


def test_measure_checks_and_stores_every_file_and_counts_what_the_parser_gives(
        tmp_path: Path) -> None:
    corpus = generate(3, tmp_path / "c3").data.parent.parent
    got = measure(corpus, files=2, rounds=1, skip=0)
    assert got["files"] == 2
    assert got["stored"] == 2  # both parts came out clean, as in a worker
    assert all(got[name] > 0 for name in PHASES), got
    assert got["grounding"] < got["checks"] < got["worker"]
    texts = [p.read_text(encoding="utf-8")
             for p in sorted((corpus / "data" / "parts").glob("*.yaml"))]
    events = sum(len(list(yaml.parse(t, Loader=yaml.CBaseLoader))) for t in texts)
    assert got["events_per_file"] == events // 2
    keys = sum(_keys(yaml.load(t, Loader=yaml.CBaseLoader)) for t in texts)
    assert got["keys_per_file"] == keys // 2


def test_main_prints_each_figure_of_its_files(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    corpus = generate(3, tmp_path / "c3").data.parent.parent
    assert main([str(corpus), "1", "1", "1"]) == 0  # the second part file only
    lines = dict(line.split(None, 1) for line in capsys.readouterr().out.splitlines())
    assert set(PHASES) < set(lines)
    assert (lines["files"], lines["stored"]) == ("1", "1")
    with pytest.raises(SystemExit, match="no file past the first 2"):
        main([str(corpus), "1", "1", "2"])  # a 3-copy corpus has two part files


def test_main_without_a_corpus_or_with_too_many_arguments_prints_its_use(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert main(["a", "1", "1", "1", "1"]) == 2
    assert "python -m bench.profile_check CORPUS" in capsys.readouterr().err
