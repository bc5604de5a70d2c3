"""Every problem and note the importer reports has its own message, in English and in Bokmål."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tests.support.importing import BAD_ROWS
from tools import i18n as tool
from tripletex_desktop.core.importing import RowError
from tripletex_desktop.ui import i18n
from tripletex_desktop.ui.messages import FIELD_PROBLEMS, problem_text
from tripletex_desktop.ui.reports.import_dialog import NOTE_TEXT, error_text, note_text

pytestmark = pytest.mark.skipif(
    shutil.which("pyside6-lrelease") is None
    and not (Path(sys.executable).parent / "pyside6-lrelease").exists(),
    reason="pyside6-lrelease not installed",
)

#: every code core.importing puts on a row (BAD_ROWS covers the row kinds; these come from the mapping,
#: the grouping and validation)
OTHER_CODES = [
    "column_not_mapped",
    "column_not_found",
    "trip_imported_before",
    "return_before_departure",
    "employee_ambiguous",
    "employee_not_travel",
    "invalid_time",
    "invalid_bool",
    "toll_negative",
    "payment_type_ambiguous",
    "payment_type_inactive",
    "cost_category_not_for_travel",
    "day_trip_too_long",
]
NOTES = [
    "times_assumed",
    "totals_row_ignored",
    "title_row_skipped",
    "per_diem_needs_times",
    "per_diem_no_rate",
    "per_diem_no_zone_rate",
    "per_diem_not_compensated",
    "report_without_lines",
    "month_imported_before",
]


@pytest.fixture
def norwegian(tmp_path_factory, monkeypatch, qapp):
    out = tmp_path_factory.mktemp("qm")
    tool.build(out)
    monkeypatch.setattr(i18n, "i18n_dir", lambda: out)
    i18n.install_translators(qapp, "nb")
    yield
    i18n.install_translators(qapp, "en")


CODES = sorted({code for _, _, code in BAD_ROWS} | set(OTHER_CODES))


@pytest.mark.parametrize("code", CODES)
def test_each_row_problem_has_its_own_english_text(qapp, code: str) -> None:
    assert code in FIELD_PROBLEMS
    assert problem_text(code) == FIELD_PROBLEMS[code]


def test_each_row_problem_and_note_in_bokmal(norwegian) -> None:
    for code in CODES:
        assert problem_text(code) != FIELD_PROBLEMS[code], code
    assert (
        error_text(RowError(4, "amount", "invalid_number", "mange"))
        == "Rad 4 \u00b7 Beløp: Ikke et tall. (mange)"
    )
    assert error_text(RowError(0, "date", "column_not_mapped")).startswith("Kolonner \u00b7 Dato: ")
    for code in NOTES:
        assert code in NOTE_TEXT
        assert note_text(7, code).startswith("Rad 7"), code
    assert note_text(10, "totals_row_ignored") == "Rad 10 summerer radene over og ble ignorert."


def test_each_note_in_english(qapp) -> None:
    for code in NOTES:
        assert note_text(7, code).startswith("Row 7"), code
