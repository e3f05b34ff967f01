"""Dismissing a passage a record cites (D) warns, in one line naming the record, in the
form (its notice line, not a toast over it): a dismissal says the passage needs no record.
(The shipped data dismisses some cited passages on purpose — a caption that is also a
document's evidence of its outlet — so it is a warning, not a refusal.)"""

from __future__ import annotations

from pathlib import Path

from kzt_tui.core.corpus import Corpus
from kzt_tui.core.coverage import citing
from kzt_tui.core.loading import load
from kzt_tui.dialogs.record_form import RecordForm

from ..helpers import make_split
from .helpers import curate_app, notifications, select_sentences, toasts

WARNING = "Cited by per-three (per-three): a dismissal says it needs no record"


def _notice(app) -> str:
    """The text of the form's notice line ("" if it has none)."""
    return "".join(str(w.render()) for w in app.screen.query("#form-notice"))


async def test_dismissing_a_cited_sentence_warns_naming_the_record(tmp_path: Path) -> None:
    app = curate_app(make_split(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 2)  # «Вторая строка: …», per-three cites its start
        await pilot.press("D")
        await pilot.pause(0.3)
        assert isinstance(app.screen, RecordForm)  # the curator may still go on
        assert _notice(app) == WARNING


async def test_the_dismissal_form_opens_with_no_toast_over_it(tmp_path: Path) -> None:
    """At 80x24 the warning, a toast, covered the form's reason field: it is the form's
    notice now, and the form opens as the other dialogs do, the toasts cleared."""
    app = curate_app(make_split(tmp_path))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await select_sentences(pilot, app, 2)
        app.notify("Reloaded data.yaml")  # a toast already there goes too
        await pilot.pause(0.2)
        await pilot.press("D")
        await pilot.pause(0.3)
        assert isinstance(app.screen, RecordForm)
        assert toasts(app) == [] and notifications(app) == []
        assert _notice(app) == WARNING


async def test_dismissing_an_uncited_sentence_says_nothing(tmp_path: Path) -> None:
    app = curate_app(make_split(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await select_sentences(pilot, app, 3)
        await pilot.press("D")
        await pilot.pause(0.3)
        assert isinstance(app.screen, RecordForm)
        assert notifications(app) == [] and _notice(app) == ""


async def test_the_warning_is_in_russian_too(tmp_path: Path) -> None:
    app = curate_app(make_split(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("L")
        await select_sentences(pilot, app, 2)
        await pilot.press("D")
        await pilot.pause(0.3)
        assert _notice(app) == (
            "Цитируется в per-three (per-three): отклонение означает, что запись не нужна")


def test_citing_lists_the_records_whose_quotes_overlap(tmp_path: Path) -> None:
    corpus = Corpus(load(make_split(tmp_path)))
    text = corpus.text("doc-a")
    second = text.index("Вторая")
    assert [r.id for r in citing(corpus, "doc-a", second, second + 5)] == ["per-three"]
    assert [r.id for r in citing(corpus, "doc-a", 0, len(text))] == ["per-one", "per-three"]
    third = text.index("Третья")
    assert citing(corpus, "doc-a", third, len(text)) == []
    # touching is not overlapping: the passage ends where the quote starts
    assert citing(corpus, "doc-a", second - 1, second) == []
