"""KZT_TUI_START_REPORT: a start appends one line to the file it names once its first frame
is drawn (bench/terminal.py reads it to tell which empty-cache starts had a worker)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kzt_tui import app as app_module
from kzt_tui.cli import exit_code, make_app
from kzt_tui.cli.explorer import START_REPORT
from kzt_tui.cli.parser import parse_args

from ..helpers import make_split
from ..ui.helpers import wait_for


def test_the_variable_s_name() -> None:
    assert START_REPORT == "KZT_TUI_START_REPORT"


async def test_a_start_reports_after_its_first_frame(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import kzt_tui.app  # noqa: F401  # imported already: this start has no worker

    report = tmp_path / "report"
    report.write_text('{"earlier": 1}\n')  # appended to, not replaced
    monkeypatch.setenv(START_REPORT, str(report))
    app = make_app(parse_args(["--data", str(make_split(tmp_path))]))
    assert app is not None
    assert report.read_text().splitlines() == ['{"earlier": 1}']  # not before the frame
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: len(report.read_text().splitlines()) == 2)
        await pilot.pause(2 * app_module.AFTER_FIRST_FRAME)
    exit_code(app)  # not again at exit
    lines = report.read_text().splitlines()
    assert [json.loads(line) for line in lines] == [
        {"earlier": 1}, {"worker": False, "stored": None}]


def test_a_start_without_the_variable_reports_nothing(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(START_REPORT, raising=False)
    monkeypatch.chdir(tmp_path)
    app = make_app(parse_args(["--data", str(make_split(tmp_path))]))
    assert app is not None
    exit_code(app)  # runs what the first frame would
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ds"]


def test_a_report_that_cannot_be_written_is_no_error(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(START_REPORT, str(tmp_path / "no-such-folder" / "report"))
    app = make_app(parse_args(["--data", str(make_split(tmp_path))]))
    assert app is not None
    assert exit_code(app) == 0
