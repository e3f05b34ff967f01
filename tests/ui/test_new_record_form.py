"""The new-record form as it opens: what the passage says is filled in (the countries it
names), the fields the section requires say so, a passage a record already cites is named
with a way to cite in that record instead, and the first line keeps the document id."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input

from ..helpers import MINI
from .helpers import curate_app, form_values, record_form, run_command

FOURTH = "Четвёртая строка: Туркменистан поставил в Казахстан товаров на $12 млн."


def _copy(tmp_path: Path) -> Path:
    """MINI (agreement agr-one: parties Kazakhstan and Turkmenistan, KZ and TM) with a
    fourth line in doc-a that names both countries in Russian, cited by no record."""
    root = tmp_path / "ds"
    shutil.copytree(MINI, root)
    text = root / "texts" / "a.txt"
    text.write_text(text.read_text(encoding="utf-8") + FOURTH + "\n", encoding="utf-8")
    return root / "curated.yaml"


async def _open_form(pilot, app, sentence: int, section: str = "figure") -> None:
    await pilot.press("1")
    await pilot.pause()
    await pilot.press(*["V"] * sentence)
    await pilot.pause()
    await run_command(pilot, app, f"New {section} from selection")


def _placeholders(app) -> dict[str, str]:
    form = record_form(app)
    labels = [str(s.render()).rstrip(" *") for s in form.query(".form-label")]
    return dict(zip(labels, (str(i.placeholder) for i in form.query(Input)), strict=True))


async def test_a_new_figure_names_the_countries_and_its_required_fields_at_once(
        tmp_path: Path) -> None:
    app = curate_app(_copy(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_form(pilot, app, 4)
        shown = form_values(app)
        assert shown["countries"] == "TM, KZ"  # in the order the sentence names them
        assert shown["value"] == "12"
        hints = _placeholders(app)
        for required in ("label.en", "label.ru", "measure", "group", "scope",
                         "citation.translation"):
            assert (shown[required], hints[required]) == ("", "required"), required
        assert hints["notes"] == "" and hints["citation.note"] == ""  # optional: nothing
        assert hints["scale"].startswith("one | thousand")  # its values, as before
