"""tmux control-mode lines and terminal output, as the harness reads them (bench/control.py),
and the keys and screens of bench/terminal.py."""

from __future__ import annotations

import pytest

from bench.control import Line, parse_line, quote, unescape, visible_text
from bench.terminal import BenchError, agreements_count, cursor_keys, typing_keys


def test_output_line_gives_pane_and_the_bytes_written() -> None:
    line = parse_line(b"%output %12 \\033[2;1Hab\\134c\\015\\012\n")
    assert line == Line("output", "%12", b"\x1b[2;1Hab\\c\r\n")


def test_output_keeps_utf8_and_spaces_as_written() -> None:
    text = "Ашхабад  rail".encode()
    assert parse_line(b"%output %3 " + text + b"\n") == Line("output", "%3", text)
    assert parse_line(b"%output %3 \n") == Line("output", "%3", b"")


def test_extended_output_is_output() -> None:
    assert parse_line(b"%extended-output %4 120 : x\\033y") == Line("output", "%4", b"x\x1by")


def test_other_notifications_and_reply_text() -> None:
    assert parse_line(b"%begin 1796406292 267 1\n") == Line("begin", data=b"1796406292 267 1")
    assert parse_line(b"%window-close @3\n") == Line("window-close", data=b"@3")
    assert parse_line(b"%exit\n") == Line("exit")
    assert parse_line(b"%1 7556 @1\n") == Line("1", data=b"7556 @1")  # in a reply: see Tmux
    assert parse_line(b"hello world\n") == Line("", data=b"hello world")


def test_unescape_only_three_octal_digits() -> None:
    assert unescape(b"\\033\\134\\0x") == b"\x1b\\\\0x"
    assert unescape(b"\\\\") == b"\\\\"  # control mode never writes this; left as is
    assert unescape(b"\\177") == b"\x7f"


def test_visible_text_drops_escapes_and_controls() -> None:
    raw = (b"\x1b[?1049h\x1b[2;5H\x1b[1;38;5;214;48;5;17m^p \x1b[0m\x1b[38;5;253mpalette"
           b"\x1b[0m\x1b]2;title\x07\x1b(B\r\nnext\x1b[?2026l")
    assert visible_text(raw) == "^p palette\nnext"
    assert visible_text("Туркменистан".encode()) == "Туркменистан"


def test_quote_makes_one_tmux_word() -> None:
    assert quote("sh -c 'x'") == "\"sh -c 'x'\""
    assert quote("a b;c") == "'a b;c'"
    assert quote("it's $HOME \\ \"x\"") == '"it\'s \\$HOME \\\\ \\"x\\""'


def test_cursor_keys_stay_inside_the_list() -> None:
    keys = cursor_keys(50, 53)
    assert [k for k, _ in keys] == ["j"] * 20 + ["k"] * 20 + ["j"] * 10
    assert all(not literal for _, literal in keys)
    assert [k for k, _ in cursor_keys(5, 3)] == ["j", "j", "k", "k", "j"]


def test_typing_keys_type_then_erase() -> None:
    assert typing_keys("ab c") == [("a", True), ("b", True), (" ", True), ("c", True),
                                   ("BSpace", False), ("BSpace", False), ("BSpace", False),
                                   ("BSpace", False)]


def test_agreements_count_from_the_tab_bar() -> None:
    assert agreements_count(" 1 Docs  2 Agr (53) 3 Corr") == 53
    assert agreements_count(" 1 Docs  2 Agr (53,000) 3 Corr") == 53000
    with pytest.raises(BenchError):
        agreements_count(" 1 Docs  3 Corr")


def test_the_start_report_variable_is_the_cli_s() -> None:
    from bench import terminal
    from kzt_tui.cli.explorer import START_REPORT

    assert terminal.START_REPORT == START_REPORT


def test_start_report_reads_the_line_or_gives_up(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import time

    from bench.terminal import start_report

    report = tmp_path / "report"
    report.write_text('{"worker": true, "stored": 6}\n')
    assert start_report(report) == {"worker": True, "stored": 6}
    began = time.perf_counter()
    assert start_report(tmp_path / "none", timeout=0.2) == {}
    assert 0.2 <= time.perf_counter() - began < 2


def test_workers_ran_counts_the_starts_with_a_worker() -> None:
    from bench.terminal import workers_ran

    assert workers_ran([{"worker": True, "stored": 6}, {"worker": False, "stored": None},
                        {}, {"worker": True, "stored": None}]) == "worker 2/4"
    assert workers_ran([]) == "worker 0/0"


def test_first_paints_record_each_empty_cache_start_s_report(  # type: ignore[no-untyped-def]
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from bench import terminal

    launched: list[tuple[str, bool]] = []

    def launch(tmux, argv, env, mark):  # type: ignore[no-untyped-def]
        name = argv[0]
        report = env.get(terminal.START_REPORT)
        launched.append((name, report is not None))
        if report is not None:  # the app's line: a worker on every other start
            with open(report, "a", encoding="utf-8") as out:
                out.write(json.dumps({"worker": len(launched) % 2 == 0, "stored": 3}) + "\n")
        return None, 0.25

    class Tmux:
        def kill(self, pane) -> None:  # type: ignore[no-untyped-def]
            pass

    monkeypatch.setattr(terminal, "launch", launch)
    starts: dict[str, list[dict[str, object]]] = {}
    got = terminal.first_paints(Tmux(), {  # type: ignore[arg-type]
        "warm": terminal.Variant(["warm"], {}, "m"),
        "cold": terminal.Variant(["cold"], {}, "m", cold_cache=tmp_path / "cache-cold"),
    }, 2, starts)
    assert got == {"warm": [0.25, 0.25], "cold": [0.25, 0.25]}
    assert [report for name, report in launched] == [name == "cold" for name, _ in launched]
    assert list(starts) == ["cold"] and len(starts["cold"]) == 2  # the untimed start not kept
    assert sorted(s["worker"] for s in starts["cold"]) == [False, True]
