"""py-spy's collapsed stacks, as bench/profile_key.py reads them."""

from __future__ import annotations

from bench.profile_key import frames, tally

STACKS = [
    "run_app (kzt_tui/cli/explorer.py:9);run (/x/lib/python3.11/site-packages/textual/app.py:10);"
    "_display (/x/lib/python3.11/site-packages/textual/app.py:99) 7\n",
    "run_app (kzt_tui/cli/explorer.py:9);run (/x/lib/python3.11/site-packages/textual/app.py:12);"
    "run (/x/lib/python3.11/site-packages/textual/app.py:12) 3\n",
    "run_app (kzt_tui/cli/explorer.py:9);"
    "EpollSelector.select (/x/lib/python3.11/selectors.py:468) 50\n",
    "_bootstrap (/x/lib/python3.11/threading.py:1);run (/x/lib/python3.11/threading.py:2) 40\n",
    "\n",
]


def test_a_stack_line_is_its_frames_and_count() -> None:
    names, count = frames(STACKS[0])
    assert names == ["run_app (kzt_tui/cli/explorer.py)", "run (textual/app.py)",
                     "_display (textual/app.py)"]
    assert count == 7


def test_tally_counts_the_main_thread_busy_a_function_once_per_stack() -> None:
    total, inclusive, own = tally(STACKS)
    assert total == 10
    assert inclusive["run (textual/app.py)"] == 10  # twice in the second stack, counted once
    assert inclusive["_display (textual/app.py)"] == 7
    assert own == {"_display (textual/app.py)": 7, "run (textual/app.py)": 3}
