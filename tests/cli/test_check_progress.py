"""`kzt-tui check` shows how far it is on a terminal's stderr, on one line it erases before
its result; piped, it writes no progress at all."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from bench.corpus import generate
from kzt_tui.cli import main


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_check_on_a_terminal_shows_progress_then_erases_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    corpus = generate(4, tmp_path / "c4").data
    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["check", "--data", str(corpus)]) == 0
    shown = err.getvalue()
    steps = [tuple(map(int, m)) for m in re.findall(r"\rchecking… (\d+)% \((\d+) of (\d+) steps\)",
                                                    shown)]
    assert len(steps) >= 2 and steps[-1][0] == 100 and steps[-1][1] == steps[-1][2]
    assert [p for p, _, _ in steps] == sorted(p for p, _, _ in steps)
    assert shown.endswith("\r\033[K")  # erased before the result
    assert capsys.readouterr().out.splitlines()[0] == f"{corpus}: OK"


def test_check_piped_writes_no_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                        ) -> None:
    corpus = generate(2, tmp_path / "c2").data
    assert main(["check", "--data", str(corpus)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "checking" not in out
