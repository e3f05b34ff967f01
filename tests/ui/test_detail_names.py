"""A statement's detail names its speaker and what it is about, as its list row and its
Related links do (a newcomer read "Said by per-tokayev" beside "→ speaker: Kassym-Jomart
Tokayev")."""

from __future__ import annotations

from tests.ui.helpers import shipped_app, terminal_output, visible_text


async def test_a_statements_detail_says_who_speaks_by_name() -> None:
    app = shipped_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("9", "/", *"tokayev", "enter")
        await pilot.pause()
        lines = visible_text(terminal_output(app)).splitlines()
        said = [line for line in lines if "Said by " in line]
        about = [line for line in lines if line.startswith("About ")]
        assert len(said) == 1 and len(about) == 1, lines
        assert "Kassym-Jomart Tokayev" in said[0] and "per-tokayev" not in said[0]
        assert "Serdar Berdimuhamedov" in about[0]
        assert not any(w.startswith(("per-", "evt-", "dis-")) for w in about[0].split())
