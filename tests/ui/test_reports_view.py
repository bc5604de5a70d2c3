"""ReportsView with pytest-qt against the simulator: enter, approve and send a report; import; dry run."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QWidget,
)

from tests.support.reports import World, trip
from tests.support.reports_ui import (
    INTERACTIVE,
    choose,
    click,
    fill_trip,
    inside_composite,
    mnemonics,
    visible_errors,
)
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.ui.formatting import money
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.workers.tasks import SyncRunner

# The offscreen platform cannot propagate a dialog's size hints; that warning is about the platform.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def view(qtbot, backend, tmp_path: Path) -> ReportsView:
    receipt = tmp_path / "taxi.pdf"
    receipt.write_bytes(b"%PDF-1.4 receipt")
    widget = ReportsView(
        backend, runner=SyncRunner(), confirm=lambda parent, text: True, pick_file=lambda parent: str(receipt)
    )
    qtbot.addWidget(widget)
    return widget


def car_rate(view: ReportsView, world: World, day: dt.date) -> Decimal:
    """The synced car rate per km on `day` (the rate the list and the preview price mileage with)."""
    table = view._backend.reference(world.company_id).rate_table
    return Decimal(str(table.mileage(day).rate.rate))


def test_every_interactive_widget_is_named(view: ReportsView, qtbot, world: World):
    click(qtbot, view.new_report)
    fill_trip(qtbot, view.editor, world)
    click(qtbot, view.editor.close_button)
    view.table.selectRow(0)
    click(qtbot, view.dry_run_button)
    click(qtbot, view.import_button)
    checked = 0
    for root in (view, view.editor, view.import_dialog, view.dry_run_dialog):
        for widget in root.findChildren(QWidget):
            if not isinstance(widget, INTERACTIVE) or inside_composite(widget):
                continue
            assert widget.objectName(), (type(widget).__name__, widget.parent().objectName())
            assert widget.accessibleName(), widget.objectName()
            checked += 1
    assert checked > 60


def test_create_approve_and_send_a_report_with_the_form(view: ReportsView, qtbot, world: World, backend):
    click(qtbot, view.new_report)
    editor = view.editor
    assert editor is not None and not editor.isHidden()
    assert visible_errors(editor) == {}  # a fresh form does not shout before anything was typed
    click(qtbot, editor.approve_send_button)  # an explicit save says what is missing, next to each field
    assert "title" in visible_errors(editor) and "employee_id" in visible_errors(editor)
    assert view.model.rows == []  # nothing was approved or sent
    fill_trip(qtbot, editor, world)
    assert visible_errors(editor) == {}
    assert editor.per_diem.rowCount() == 2  # the suggestion: one full døgn + the rest on the way home
    # drafts are saved as typed: the debounce timer is running; let it fire
    assert editor.dirty and editor._timer.isActive()
    with qtbot.waitSignal(editor.saved, timeout=1000):
        editor._timer.timeout.emit()
    assert [r.state for r in view.model.rows] == ["draft"]
    click(qtbot, editor.close_button)
    assert editor.isHidden()

    view.table.selectRow(0)
    click(qtbot, view.approve_button)
    assert [r.state for r in view.model.rows] == ["approved"]
    view.table.selectRow(0)
    click(qtbot, view.send_button)

    [row] = view.model.rows
    assert row.state == "sent", view.status.text()
    [created] = world.with_marker(report_marker(row.id))
    assert row.tripletex_number == created["number"]
    assert created["title"].startswith("Kundemøte Bergen")
    [mileage] = world.lines_of("mileage_allowances", created["id"])
    assert (mileage["km"], mileage["destination"]) == (42, "Gardermoen")
    assert sorted(p["count"] for p in world.lines_of("per_diem_compensations", created["id"])) == [1, 1]
    [cost] = world.lines_of("costs", created["id"])
    assert Decimal(str(cost["amountCurrencyIncVat"])) == Decimal("250.50")
    assert cost["costCategory"]["id"] == world.cost_categories["Taxi"]
    attachments = [a for a in world.sim.company(world.company_id).attachments.rows()]
    assert [a["data"] for a in attachments if a.get("travelExpenseId") == created["id"]] == [
        b"%PDF-1.4 receipt"
    ]
    assert (
        view.model.data(view.model.index(0, 5))
        == f"In Tripletex as no. {created['number']}, open \u2013 not delivered"
    )
    # sent once: Send is off, and a second send through the runner writes nothing
    view.table.selectRow(0)
    assert not view.send_button.isEnabled() and not view.send_again_button.isEnabled()
    view.transfers.send([row.id])
    assert len(world.with_marker(report_marker(row.id))) == 1


def test_bad_input_is_kept_and_explained(view: ReportsView, qtbot, world: World, backend):
    click(qtbot, view.new_report)
    editor = view.editor
    fill_trip(qtbot, editor, world)
    editor.mileage.set_text(0, 3, "abc")
    errors = visible_errors(editor)
    assert "Row 1" in errors["mileage"] and "Not a number" in errors["mileage"]
    assert editor.mileage.text(0, 3) == "abc"  # nothing typed is thrown away
    editor.save_now()
    view.refresh()
    view.table.selectRow(0)
    click(qtbot, view.approve_button)
    assert [r.state for r in view.model.rows] == ["draft"]  # refused
    assert "Kilometres must be a number above 0" in view.status.text()
    editor.mileage.set_text(0, 3, "42")
    assert "mileage" not in visible_errors(editor)
    click(qtbot, editor.close_button)
    view.table.selectRow(0)
    click(qtbot, view.approve_button)
    assert [r.state for r in view.model.rows] == ["approved"]


def test_search_state_filter_and_delete_draft(view: ReportsView, qtbot, world: World):
    for title in ("Messe Lillestrøm", "Kurs Trondheim"):
        click(qtbot, view.new_expense)
        qtbot.keyClicks(view.editor.title_edit, title)
        click(qtbot, view.editor.close_button)
    assert len(view.model.rows) == 2
    view.search.setText("trondheim")
    view.refresh()  # the search is debounced; refresh at once
    assert [r.title for r in view.model.rows] == ["Kurs Trondheim"]
    view.search.clear()
    choose(view.state, ["sent"])
    assert view.model.rows == []
    view.state.setCurrentIndex(0)
    view.table.selectAll()
    click(qtbot, view.delete_button)
    assert view.model.rows == []


CSV_OK = "Dato;Fra;Til;Km;Ansatt\n02.11.2026;Oslo;Drammen;41,5;{emp}\n03.11.2026;Drammen;Oslo;41,5;{emp}\n"
CSV_BAD = CSV_OK + "04.11.2026;Oslo;Hamar;mange;{emp}\n"


def test_import_with_a_bad_row_imports_nothing_and_shows_errors(
    view: ReportsView, qtbot, world: World, tmp_path
):
    path = tmp_path / "kjorebok.csv"
    path.write_text(CSV_BAD.format(emp=world.employees[world.employee_id]), encoding="utf-8")
    click(qtbot, view.import_button)
    dialog = view.import_dialog
    qtbot.keyClicks(dialog.path_edit, str(path))
    click(qtbot, dialog.read_button)
    assert dialog.mapping["km"].currentData() == "Km"
    assert dialog.preview.rowCount() == 3
    click(qtbot, dialog.import_button)
    assert not dialog.errors.isHidden()
    items = [dialog.errors.item(i).text() for i in range(dialog.errors.count())]
    assert len(items) == 1 and "Row 4" in items[0] and "mange" in items[0]
    assert "Nothing was imported" in dialog.result_label.text()
    view.refresh()
    assert view.model.rows == []

    path.write_text(CSV_OK.format(emp=world.employees[world.employee_id]), encoding="utf-8")
    click(qtbot, dialog.read_button)
    click(qtbot, dialog.import_button)
    assert dialog.errors.isHidden()
    assert "Imported 2 reports" in dialog.result_label.text()
    assert len(view.model.rows) == 2 and {r.state for r in view.model.rows} == {"draft"}
    # the same rows again: recognised and skipped; the remembered layout is used
    click(qtbot, dialog.read_button)
    assert "last time" in dialog.layout_note.text()
    click(qtbot, dialog.import_button)
    assert "Imported 0 reports" in dialog.result_label.text()
    assert "2 rows were imported before" in dialog.result_label.text()
    assert len(view.model.rows) == 2


def test_dry_run_shows_json_and_creates_nothing(view: ReportsView, qtbot, world: World):
    click(qtbot, view.new_report)
    fill_trip(qtbot, view.editor, world)
    click(qtbot, view.editor.close_button)
    view.table.selectRow(0)
    click(qtbot, view.approve_button)
    before = len(world.travel_expenses())
    view.table.selectRow(0)
    click(qtbot, view.dry_run_button)
    dialog = view.dry_run_dialog
    assert dialog is not None and not dialog.isHidden()
    text = dialog.json_view.toPlainText()
    report_id = view.model.rows[0].id
    assert '"path": "/travelExpense"' in text and report_marker(report_id) in text
    assert '"km": 42' in text and '"amountCurrencyIncVat": 250.5' in text
    assert "Nothing was created" in dialog.verdict.text()
    # the [TD:…] reference the bookkeeper will see in Tripletex is explained
    assert not dialog.marker_note.isHidden() and "never sends it twice" in dialog.marker_note.text()
    assert len(world.travel_expenses()) == before
    assert [r.state for r in view.model.rows] == ["approved"]
    # Readable first: the lines and amounts of what would be created; the JSON only on request.
    assert dialog.json_view.isHidden()
    rows = dialog.preview_rows()
    assert rows[0][0] == "Travel report"
    [mileage] = [r for r in rows if r[0] == "Mileage allowance"]
    assert "42,00 km \u00d7" in mileage[1] and mileage[2] == money(
        Decimal("42") * car_rate(view, world, dt.date(2026, 11, 2))
    )
    assert any(r[0] == "Taxi" and r[2] == "250,50" for r in rows)
    assert any(r[0] == "Receipt" for r in rows) and any(r[0] == "Per diem" for r in rows)
    assert rows[-1][0] == "To be paid out" and rows[-1][2] == money(view.model.rows[0].amount)
    click(qtbot, dialog.details_toggle)
    assert dialog.json_view.isVisible()


def test_was_it_sent_after_an_unknown_outcome_then_send_again(view: ReportsView, qtbot, world: World):
    click(qtbot, view.new_report)
    fill_trip(qtbot, view.editor, world)
    click(qtbot, view.editor.close_button)
    view.table.selectRow(0)
    click(qtbot, view.approve_button)
    world.sim.faults.drop_next("before_commit", "POST", "/travelExpense/cost")
    view.table.selectRow(0)
    click(qtbot, view.send_button)
    assert [r.state for r in view.model.rows] == ["unknown"]
    # the list and the status line say what the app waits for, and until when (local time)
    until = view.model.rows[0].waiting_until.astimezone().strftime("%H:%M")
    waiting = f"Waiting for an answer from Tripletex before trying again, until {until}"
    assert view.model.data(view.model.index(0, 0)) == waiting
    assert view.status.text() == waiting
    view.table.selectRow(0)
    click(qtbot, view.check_button)
    assert "Tripletex has this report" in view.status.text()
    world.past_grace()  # the lost cost can no longer land: Send again may write it
    view.table.selectRow(0)
    click(qtbot, view.send_again_button)
    [row] = view.model.rows
    assert row.state == "sent"
    [created] = world.with_marker(report_marker(row.id))
    assert len(world.lines_of("costs", created["id"])) == 1


def test_import_without_an_employee_column_uses_the_chosen_employee(
    view: ReportsView, qtbot, world: World, tmp_path
):
    path = tmp_path / "log.csv"
    path.write_text("Dato;Fra;Til;Km\n05.11.2026;Oslo;Moss;60\n", encoding="utf-8")
    click(qtbot, view.import_button)
    dialog = view.import_dialog
    qtbot.keyClicks(dialog.path_edit, str(path))
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    # the missing column is shown before Import, and Import waits for it
    items = [dialog.errors.item(i).text() for i in range(dialog.errors.count())]
    assert any("Columns" in item and "Employee" in item for item in items)
    assert not dialog.import_button.isEnabled()
    assert view.model.rows == []
    choose(dialog.employee, world.employee_id)
    click(qtbot, dialog.import_button)
    [row] = view.model.rows
    assert (row.employee_id, row.employee_name, row.state) == (
        world.employee_id,
        world.employees[world.employee_id],
        "draft",
    )


def test_mnemonics_are_unique_and_labels_have_buddies(view: ReportsView, qtbot):
    from PySide6.QtWidgets import QLabel

    click(qtbot, view.new_report)
    click(qtbot, view.import_button)
    for root in (view, view.editor, view.import_dialog):
        keys = mnemonics(root)
        assert len(keys) >= 6 and len(keys) == len(set(keys)), (root.objectName(), sorted(keys))
        for label in root.findChildren(QLabel):
            if "&" in label.text().replace("&&", ""):
                assert label.buddy() is not None, label.text()


def test_imported_rows_are_priced_and_an_approved_report_opens_read_only(
    view: ReportsView, qtbot, world, tmp_path
):
    path = tmp_path / "log.csv"
    path.write_text(CSV_OK.format(emp=world.employees[world.employee_id]), encoding="utf-8")
    click(qtbot, view.import_button)
    qtbot.keyClicks(view.import_dialog.path_edit, str(path))
    click(qtbot, view.import_dialog.read_button)
    click(qtbot, view.import_dialog.import_button)
    assert all(r.amount is not None and r.amount > 0 for r in view.model.rows)  # 41.5 km at the 2026 rate
    view.table.selectRow(0)
    click(qtbot, view.approve_button)
    view.table.selectRow(next(i for i, r in enumerate(view.model.rows) if r.state == "approved"))
    click(qtbot, view.open_button)
    editor = view.editor
    assert editor.title_edit.isReadOnly() and not editor.add_mileage.isEnabled()  # readable, not greyed
    combo = editor.findChild(QComboBox, "employeeCombo")
    palette = combo.palette()
    assert not combo.isEnabled() and palette.color(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText
    ) == palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)  # not greyed out
    assert editor.add_cost.isHidden() and editor.remove_mileage.isHidden()  # nothing to add to a sent report
    assert editor.banner.isVisible() and "Ready to send" in editor.banner.text()
    assert "Reopen for editing" in editor.status.text()  # what to do to change it
    assert view.reopen_button.text().replace("&", "") in editor.status.text()  # the very button's name
    assert not editor.approve_send_button.isVisible()
    assert editor.close_button.isEnabled()
    click(qtbot, editor.close_button)
    assert {r.state for r in view.model.rows} == {"approved", "draft"}


def test_employees_who_may_not_register_travel_expenses_are_not_offered(
    view: ReportsView, qtbot, world: World, backend
):
    company = world.sim.company(world.company_id)
    refused = [e["id"] for e in company.employees.values() if e["allowInformationRegistration"] is False]
    assert len(refused) == 1 and refused[0] in world.employees  # synced and stored like everyone else
    click(qtbot, view.new_report)
    editor = view.editor
    offered = {editor.employee.itemData(i) for i in range(editor.employee.count())}
    assert refused[0] not in offered and world.employee_id in offered
    click(qtbot, editor.close_button)

    # a draft made for them earlier (before the flag was synced) shows the name, not choosable, and why
    draft = dataclasses.replace(trip(world), employee_id=refused[0])
    backend.save_draft(draft)
    view.refresh()
    view.table.selectRow(0)
    click(qtbot, view.open_button)
    editor = view.editor
    index = editor.employee.currentIndex()
    assert editor.employee.itemData(index) == refused[0]
    assert "(may not register travel expenses)" in editor.employee.itemText(index)
    assert not editor.employee.model().item(index).isEnabled()
    assert "Tripletex does not let travel expenses be registered" in visible_errors(editor)["employee_id"]
