"""No code passes tr a literal that may be empty: Babel's extraction warns "Empty msgid"
(gettext("") is the catalogue's header) and the warning hid among the tool's output."""

from __future__ import annotations

import pytest

from tests.test_i18n import _tool


def test_extraction_meets_no_empty_msgid(capsys: pytest.CaptureFixture[str]) -> None:
    found = _tool().marked()
    assert "" not in found
    err = capsys.readouterr().err
    assert "Empty msgid" not in err, err
