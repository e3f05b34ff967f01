"""README's quoted output is what kzt-tui prints today: the console examples' commands are
run on the shipped data and their quoted lines compared, so an example cannot go stale
('wrote 817,721 bytes to briefing.md' stayed in README long after the briefing was 653,290)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kzt_tui
from kzt_tui.cli import main

REPO = Path(kzt_tui.__file__).resolve().parent.parent
CURATED = REPO / "data" / "curated.yaml"


def console_lines() -> list[str]:
    """Every line of README's ```console blocks, a trailing '# comment' dropped."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```console\n(.*?)^```", text, flags=re.M | re.S)
    return [re.sub(r"\s+# .*$", "", line) for block in blocks for line in block.splitlines()]


def quoted(prefix: str) -> list[str]:
    found = [line for line in console_lines() if line.startswith(prefix)]
    assert found, f"README quotes no line starting {prefix!r}"
    return found


def test_the_check_summary_is_what_check_prints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", str(CURATED)]) == 0
    out = capsys.readouterr().out.splitlines()
    table = [line for line in console_lines()
             if re.fullmatch(r"  [a-z]+ +\d+ +\d+ citations", line)]
    assert len(table) == 9  # one line a section
    assert [line for line in out if line in table] == table
    assert quoted("✓ ")[0] in out


def test_the_export_examples_print_what_they_quote(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    data = ["--data", str(CURATED)]
    assert main(["export", *data, "--format", "md", "--out", "briefing.md"]) == 0
    assert capsys.readouterr().err.strip() == quoted("wrote ")[0]
    assert main(["export", *data, "--format", "md", "--out", "briefing.md"]) == 2
    assert capsys.readouterr().err.strip() == quoted("kzt-tui export: briefing.md")[0]
    assert main(["export", *data, "--format", "csv", "--section", "figures"]) == 0
    head = capsys.readouterr().out.lstrip("\ufeff").splitlines()[:2]
    for got, shown in zip(head, quoted("section,") + quoted("figures,"), strict=True):
        assert got.startswith(shown.removesuffix("…"))


def test_the_broken_example_is_the_line_check_prints(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["copy-data", "broken"]) == 0  # as README's reader makes it
    curated = Path("broken/data/curated.yaml")
    text = curated.read_text(encoding="utf-8")
    curated.write_text(text.replace("$555,7", "$555.7", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--data", str(curated)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [quoted("broken/data/curated.yaml:")[0], quoted("✗ ")[0]]

