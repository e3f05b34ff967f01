"""A figure that states no period is not charted beside one that gives a date in words: the
newcomer's Figures detail drew "Chart: count · count · period not stated (2 figures)" with
"as of November 2025 … about 140" beside "period not stated … 40" (README: a period that
is not stated is never beside a dated one)."""

from __future__ import annotations

import pytest

from .helpers import shipped_app, terminal_output, visible_text, wait_for


@pytest.mark.parametrize(("lang_keys", "reason"), [
    ((), "another period with no dates"),
    (("L",), "другой период без дат"),
])
@pytest.mark.parametrize("figure", ["fig-tm-companies-in-kz-40",
                                    "fig-tm-capital-companies-in-kz-140"])
async def test_the_undated_figure_and_the_as_of_one_are_not_charted_together(
        lang_keys: tuple[str, ...], reason: str, figure: str) -> None:
    app = shipped_app()
    async with app.run_test(size=(160, 60)) as pilot:  # the whole detail in view
        await pilot.press(*lang_keys, "4")
        await pilot.pause()
        app.explorer.jump_to(figure)
        if figure.endswith("-40"):  # left out of the other's chart, with why
            await wait_for(pilot, lambda: reason in visible_text(terminal_output(app)))
        await wait_for(pilot, lambda: figure in visible_text(terminal_output(app)))
        shown = visible_text(terminal_output(app))
        assert "Chart:" not in shown and "График" not in shown
