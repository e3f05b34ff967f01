"""A discrepancy's side names its passage's place as the source's margin does: the margin
numbers paragraphs, so the header gives the paragraph beside the line."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..helpers import FIXTURES
from .helpers import make
from .test_compare_views import rows, settle


async def test_a_side_header_gives_the_line_and_the_paragraph_the_margin_shows(
        tmp_path: Path) -> None:
    # post.txt with a blank line between paragraphs: its third paragraph is on line 5
    shutil.copytree(FIXTURES / "compare", tmp_path / "compare")
    post = tmp_path / "compare" / "texts" / "post.txt"
    post.write_text(post.read_text(encoding="utf-8").replace("\n", "\n\n").rstrip() + "\n",
                    encoding="utf-8")
    async with make(tmp_path / "compare" / "curated.yaml").run_test(size=(200, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        text = "\n".join(rows(pilot.app))
        assert "side 1/3 · line 5 · ¶ 3 · A post" in text
        assert "3 │ Подписано 15 документов." in text  # the margin's number
