"""Travel reports UI: a failed report is reopened and sent, approval checks the send plan, sent states in plain words, Suggest asks first, errors shown in full."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox

from tests.support.reports import World, trip
from tests.support.reports_ui import click, fill_trip, visible_errors
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.core.errors import ErrorInfo
from tripletex_desktop.core.models import RateType
from tripletex_desktop.core.transfer import TransferResult
from tripletex_desktop.core.travel import Accommodation, MileageLine, PerDiemLine
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.ui.reports.import_dialog import ImportDialog
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Asked:
    """An injectable confirm function that records the questions and answers as told."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.questions: list[str] = []

    def __call__(self, parent: object, text: str) -> bool:
        self.questions.append(text)
        return self.answer


@pytest.fixture
def asked() -> Asked:
    return Asked(True)


@pytest.fixture
def view(qtbot, backend, asked: Asked, tmp_path: Path) -> ReportsView:
    receipt = tmp_path / "taxi.pdf"
    receipt.write_bytes(b"%PDF-1.4 receipt")
    widget = ReportsView(
        backend,
        runner=SyncRunner(),
        confirm=lambda parent, text: True,
        confirm_replace=asked,
        pick_file=lambda parent: str(receipt),
    )
    qtbot.addWidget(widget)
    return widget


def select(view: ReportsView, report_id: uuid.UUID) -> None:
    view.refresh()
    view.table.clearSelection()
    view.select(report_id)


def state_of(view: ReportsView, report_id: uuid.UUID) -> str:
    view.refresh()
    return next(r.state for r in view.model.rows if r.id == report_id)


def old_per_diem_category(backend, world: World) -> int:
    """A per diem category of an earlier year: not valid on the fixture trip's dates (November 2026)."""
    table = backend.reference(world.company_id).rate_table
    return next(
        c.id for c in table.categories if c.type is RateType.PER_DIEM and c.to_date < dt.date(2026, 1, 1)
    )


def with_per_diem(report, line: PerDiemLine):
    lines = (*(x for x in report.lines if not isinstance(x, PerDiemLine)), line)
    return dataclasses.replace(report, lines=lines)


# --- 1. a failed report is no dead end -----------------------------------------------------------------


def test_a_report_that_failed_at_send_is_reopened_corrected_and_sent(
    view: ReportsView, qtbot, world, backend
):
    stale = old_per_diem_category(backend, world)
    report = with_per_diem(
        trip(world),
        PerDiemLine(1, dt.date(2026, 11, 2), rate_category_id=stale, accommodation=Accommodation.HOTEL),
    )
    backend.save_draft(report)
    backend.store.approve(report.id)  # approved before this check existed (or by another version of the app)
    select(view, report.id)
    click(qtbot, view.send_button)
    assert state_of(view, report.id) == "failed"
    assert backend.store.journal(report.id).state(report.id).steps == {}  # nothing reached Tripletex

    select(view, report.id)
    assert view.reopen_button.isEnabled() and view.reopen_button.accessibleName()
    click(qtbot, view.reopen_button)
    assert state_of(view, report.id) == "draft"
    assert "reopened" in view.status.text()

    select(view, report.id)
    click(qtbot, view.open_button)
    editor = view.editor
    assert editor.title_edit.isEnabled()
    assert "No rate in Tripletex for this date" in visible_errors(editor)["per_diem"]  # said next to the line
    combo = editor.per_diem.cellWidget(0, 2)
    combo.setCurrentIndex(0)  # the suggested category
    editor.save_now()
    assert "per_diem" not in visible_errors(editor)
    click(qtbot, editor.close_button)
    select(view, report.id)
    click(qtbot, view.approve_button)
    select(view, report.id)
    click(qtbot, view.send_button)
    assert state_of(view, report.id) == "sent", view.status.text()


def test_reopen_asks_tripletex_once_something_was_written(view: ReportsView, qtbot, world, backend):
    """An OPEN travel expense can be corrected (the journal is kept, so the next send updates it); one that
    Tripletex holds delivered is refused with the reason; one deleted there is forgotten."""
    report = trip(world)
    backend.save_draft(report)
    backend.approve(report.id)
    sent = backend.send(report.id, CancelToken())  # delivery is off: Tripletex holds it OPEN
    assert sent.state == "sent"
    company = world.sim.company(world.company_id)
    row = company.travel_expenses[sent.travel_expense_id]
    company.travel_expenses[row["id"]] = {**row, "state": "DELIVERED"}
    select(view, report.id)
    assert view.reopen_button.isEnabled()
    click(qtbot, view.reopen_button)
    assert state_of(view, report.id) == "sent"
    assert "already delivered in Tripletex" in view.status.text()
    company.travel_expenses[row["id"]] = {**row, "state": "OPEN"}
    select(view, report.id)
    click(qtbot, view.reopen_button)
    assert state_of(view, report.id) == "draft"
    assert backend.store.journal(report.id).state(report.id).travel_expense_id == row["id"]  # kept
    backend.approve(report.id)
    del company.travel_expenses[row["id"]]
    backend.store.mark_result(report.id, TransferResult("failed", error=ErrorInfo("api", "line refused")))
    assert backend.reopen(report.id).state == "draft"
    assert backend.store.journal(report.id).state(report.id).steps == {}  # deleted in Tripletex: forgotten
    for state in ("draft",):
        view.model.set_rows([dataclasses.replace(view.model.rows[0], state=state)])
        view.table.selectRow(0)
        assert not view.reopen_button.isEnabled(), state


def test_a_definite_failure_before_anything_was_written_can_be_reopened(backend, world):
    report = trip(world)
    backend.save_draft(report)
    backend.approve(report.id)
    backend.store.journal(report.id).record_intent(
        report.id, "report"
    )  # refused by Tripletex: nothing written
    backend.store.mark_result(report.id, TransferResult("failed", error=ErrorInfo("validation_failed")))
    assert backend.reopen(report.id).state == "draft"
    assert backend.store.journal(report.id).state(report.id).steps == {}  # the stale intent is gone


def test_approve_refuses_what_the_send_plan_refuses_and_says_why(view: ReportsView, qtbot, world, backend):
    stale = old_per_diem_category(backend, world)
    base = trip(world)
    lines = tuple(
        dataclasses.replace(x, toll_cost=Decimal("45")) if isinstance(x, MileageLine) else x
        for x in base.lines
    )
    report = with_per_diem(
        dataclasses.replace(base, lines=lines),
        PerDiemLine(1, dt.date(2026, 11, 2), rate_category_id=stale, accommodation=Accommodation.HOTEL),
    )
    backend.save_draft(report)
    select(view, report.id)
    click(qtbot, view.approve_button)
    assert state_of(view, report.id) == "draft"
    text = view.status.text()
    assert "not complete" in text
    assert "No rate in Tripletex for this date" in text and "No cost category is chosen for tolls" in text
    # the editor shows them next to the tables
    select(view, report.id)
    click(qtbot, view.open_button)
    errors = visible_errors(view.editor)
    assert "Row 1" in errors["per_diem"] and "No rate in Tripletex" in errors["per_diem"]
    assert "Row 1" in errors["mileage"] and "tolls" in errors["mileage"]


def test_per_diem_rate_combo_offers_only_categories_valid_for_the_line(
    view: ReportsView, qtbot, world, backend
):
    table = backend.reference(world.company_id).rate_table
    click(qtbot, view.new_report)
    editor = view.editor
    fill_trip(qtbot, editor, world)
    combo: QComboBox = editor.per_diem.cellWidget(0, 2)

    def offered() -> list:
        return [table.category_by_id(combo.itemData(i)) for i in range(1, combo.count())]

    assert combo.itemText(0).endswith("(suggested)") and combo.itemData(0) is None
    day = dt.date(2026, 11, 2)
    assert offered() and all(
        c.valid_on(day) and not c.is_valid_foreign_travel or c.is_valid_domestic for c in offered()
    )
    assert all(c.valid_on(day) for c in offered())
    all_valid = [c for c in table.categories if c.type is RateType.PER_DIEM and c.valid_on(day)]
    assert len(offered()) < len(all_valid) or not any(c.is_valid_foreign_travel for c in all_valid)
    assert any(c.type is RateType.PER_DIEM and not c.valid_on(day) for c in table.categories)

    editor.per_diem.set_text(0, 0, "02.11.2025")  # the line moved to last year: last year's categories
    chosen = editor.per_diem.combo_data(
        0, 2
    )  # Suggest pinned this year's category; it is kept, marked invalid
    assert chosen is not None and combo.currentText().endswith("(not valid for this line)")
    others = [c for c in offered() if c.id != chosen]
    assert others and all(c.valid_on(dt.date(2025, 11, 2)) for c in others)
    editor.per_diem.set_text(0, 0, "02.11.2026")
    editor.foreign.setChecked(True)
    foreign = [c for c in offered() if c.id != chosen]
    assert combo.currentText().endswith("(not valid for this line)")
    assert foreign and all(c.is_valid_foreign_travel or not c.is_valid_domestic for c in foreign)


# --- 2. "Was it sent?" -----------------------------------------------------------------------------------


def test_was_it_sent_speaks_plainly_and_a_vanished_report_can_be_sent_again(
    view: ReportsView, qtbot, world, backend
):
    report = trip(world)
    backend.save_draft(report)
    backend.approve(report.id)
    select(view, report.id)
    assert view.check_button.isHidden()  # ready to send, never sent: nothing to check in Tripletex yet

    click(qtbot, view.send_button)
    assert state_of(view, report.id) == "sent"
    select(view, report.id)
    click(qtbot, view.check_button)
    text = view.status.text()
    assert "(Open)" in text and "OPEN" not in text

    te_id = backend.load(report.id).row.tripletex_id
    del world.sim.company(world.company_id).travel_expenses[te_id]  # deleted in Tripletex
    select(view, report.id)
    click(qtbot, view.check_button)
    assert "Use Send again" in view.status.text()
    assert state_of(view, report.id) == "unknown"
    select(view, report.id)
    assert view.send_again_button.isEnabled()


@pytest.mark.parametrize(
    ("state", "text"),
    [
        ("DELIVERED", "Delivered"),
        ("APPROVED", "Approved"),
        ("SALARY_PAID", "Paid out"),
        ("REJECTED", "Rejected"),
    ],
)
def test_tripletex_states_are_translated(state: str, text: str):
    from tripletex_desktop.ui.reports.common import tripletex_state_text

    assert tripletex_state_text(state) == text
    assert tripletex_state_text("SOMETHING_NEW") == "SOMETHING_NEW"


# --- 3. Suggest asks first and keeps accommodation and meals ------------------------------------------------


def test_suggest_asks_before_replacing_and_keeps_accommodation_and_meals(
    view: ReportsView, qtbot, world, asked
):
    click(qtbot, view.new_report)
    editor = view.editor
    fill_trip(qtbot, editor, world)  # Suggest on an empty table: nothing to lose, no question
    assert asked.questions == [] and editor.per_diem.rowCount() == 2
    editor.per_diem.set_combo(0, 3, Accommodation.HOTEL.value)
    editor.per_diem.set_checked(0, 4, True)
    editor.per_diem.set_text(1, 7, "Voss")

    asked.answer = False
    click(qtbot, editor.suggest)
    assert len(asked.questions) == 1 and "2 per diem lines" in asked.questions[0]
    assert editor.per_diem.text(1, 7) == "Voss"  # Cancel changed nothing

    asked.answer = True
    click(qtbot, editor.suggest)
    assert len(asked.questions) == 2 and editor.per_diem.rowCount() == 2
    assert editor.per_diem.combo_data(0, 3) == Accommodation.HOTEL.value
    assert editor.per_diem.checked(0, 4) and not editor.per_diem.checked(0, 5)


# --- 4. + 5. error labels --------------------------------------------------------------------------------


def test_a_three_line_error_is_shown_in_full(view: ReportsView, qtbot, world, tmp_path):
    click(qtbot, view.new_report)
    editor = view.editor
    fill_trip(qtbot, editor, world)
    for _ in range(2):
        click(qtbot, editor.add_per_diem)
    for row in range(editor.per_diem.rowCount()):
        editor.per_diem.set_text(row, 1, "0")
    label = editor._errors["per_diem"]
    assert label.text().count("\n") >= 2
    editor.resize(520, 420)  # small: the scroll area squeezes its content to the minimum sizes
    editor.show()
    qtbot.waitExposed(editor)
    qtbot.wait(0)
    assert label.height() >= label.heightForWidth(label.width())  # not cut off
    assert label.height() >= 3 * label.fontMetrics().lineSpacing()
    editor.per_diem_box.grab().save(str(tmp_path / "per_diem_errors.png"))


def test_a_bad_date_only_says_not_a_date(view: ReportsView, qtbot, world):
    click(qtbot, view.new_report)
    editor = view.editor
    fill_trip(qtbot, editor, world)
    editor.mileage.set_text(0, 0, "31.02.2026")
    editor.costs.set_text(0, 0, "i går")
    editor.per_diem.set_text(0, 0, "x")
    for table in ("mileage", "costs", "per_diem"):
        text = visible_errors(editor)[table]
        assert "Not a date" in text and "outside the trip" not in text, table
    editor.mileage.set_text(0, 0, "01.01.2026")
    assert "outside the trip" in visible_errors(editor)["mileage"]  # a real date outside the trip still is


# --- 6. import notes -------------------------------------------------------------------------------------


def test_import_result_lists_rows_whose_times_were_assumed(qtbot, backend, world, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(f"Dato;Fra;Til;Km;Ansatt\n02.11.2026;Oslo;Moss;60;{world.employees[world.employee_id]}\n")
    dialog = ImportDialog(backend, backend.companies(), company_id=world.company_id, runner=SyncRunner())
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(path))
    dialog.read_file()
    # shown before anything is stored ...
    assert not dialog.notes.isHidden() and dialog.notes.accessibleName()
    assert dialog.notes.item(0).text().startswith("Row 2: no times in the file; 08:00\u201316:00 was assumed")
    click(qtbot, dialog.import_button)
    # ... and with the result of the import
    assert "Imported 1 report as a draft" in dialog.result_label.text()
    assert dialog.notes.item(0).text().startswith("Row 2: no times in the file")
    dialog.read_file()
    click(qtbot, dialog.import_button)  # again: nothing new, so no notes about stored rows
    assert (
        "Imported 0 reports" in dialog.result_label.text()
        and "Skipped rows: 2." in dialog.result_label.text()
    )
    assert dialog.notes.isHidden() and dialog.notes.count() == 0
