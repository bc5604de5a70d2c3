"""The report editor shows the money and fits the screen: each line's amount, a fixed totals bar with the
list's figure, Godkjenn og send, the client at the top, new rows in view, and problems only where touched."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QHeaderView, QTreeView

from tests.support.reports import World, make_backend, trip
from tests.support.reports_ui import click, fill_trip, visible_errors
from tripletex_desktop.core.models import CompanyMapping
from tripletex_desktop.core.pricing import price_report
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.services.reports import CompanyInfo
from tripletex_desktop.ui.formatting import money
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.workers.tasks import SyncRunner

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


def open_stored(view: ReportsView, qtbot, report) -> None:
    view.refresh()
    view.select(report.id)
    click(qtbot, view.open_button)


def test_each_line_shows_its_amount_and_the_bar_the_same_total_the_list_shows(view, qtbot, backend, world):
    report = trip(world)
    backend.save_draft(report)
    open_stored(view, qtbot, report)
    editor = view.editor
    price = price_report(editor.report(), backend.reference(world.company_id).rate_table)
    amount_col = editor.mileage.amount_column()
    assert editor.mileage.item(0, amount_col).text() == money(price.line_amount(0))
    assert "km \u00d7" in editor.mileage.item(0, amount_col).toolTip()
    [row] = view.model.rows
    assert editor.totals["total"].text() == f"To be paid out: {money(row.amount)}"  # the list's figure
    assert editor.totals["mileage"].text() == f"Mileage allowance: {money(price.mileage)}"
    # typing more km changes the line and the bar at once
    editor.mileage.set_text(0, 3, "100")
    after = price_report(editor.report(), backend.reference(world.company_id).rate_table)
    assert after.mileage > price.mileage
    assert editor.totals["total"].text() == f"To be paid out: {money(after.total)}"
    # the bar stays put outside the scrolling form
    assert not editor._scroll.widget().isAncestorOf(
        editor.findChild(type(editor.totals["total"].parent()), "reportTotals")
    )


def test_a_mileage_lines_toll_is_not_in_its_amount_but_named_in_the_costs_of_the_bar(
    view, qtbot, backend, world
):
    report = trip(world)
    backend.save_draft(report)
    open_stored(view, qtbot, report)
    editor = view.editor
    editor.mileage.set_text(0, 6, "46")  # the leg's road tolls, in their own column
    price = price_report(editor.report(), backend.reference(world.company_id).rate_table)
    amount_col = editor.mileage.amount_column()
    cell = editor.mileage.item(0, amount_col)
    # the line shows km × rate, the same figure as Kjøregodtgjørelse in the bar (the toll is paid out as a cost)
    assert cell.text() == money(price.mileage)
    assert editor.totals["mileage"].text() == f"Mileage allowance: {money(price.mileage)}"
    assert "toll: 46,00, paid out under Costs" in cell.toolTip()
    assert editor.totals["costs"].text() == f"Costs (incl. tolls 46,00): {money(price.costs)}"
    assert price.costs == Decimal("250.50") + Decimal("46")
    editor.mileage.set_text(0, 6, "")
    assert editor.totals["costs"].text() == f"Costs: {money(Decimal('250.50'))}"


def test_a_receipts_long_path_stays_on_one_line_with_the_file_name_in_view(view, qtbot, backend, world):
    long_path = "/home/kari/Nedlastinger/reiser/2026/november/bergen/kvittering-taxi-kundemote.pdf"
    report = trip(world, receipt=long_path)
    report = dataclasses.replace(
        report, lines=(*report.lines, dataclasses.replace(report.lines[2], receipt_path=None))
    )
    backend.save_draft(report)
    open_stored(view, qtbot, report)
    table = view.editor.costs
    assert table.text(0, 6) == long_path  # the cell keeps the whole path
    assert table.item(0, 6).toolTip() == long_path
    # one line, not broken at each folder: as tall as the row without a receipt
    assert table.sizeHintForRow(0) == table.sizeHintForRow(1)


def test_approve_and_send_from_the_editor(view, qtbot, world):
    click(qtbot, view.new_report)
    editor = view.editor
    fill_trip(qtbot, editor, world)
    click(qtbot, editor.approve_send_button)  # saved, marked ready, sent
    qtbot.waitUntil(lambda: [r.state for r in view.model.rows] == ["sent"], timeout=10_000)
    assert editor.isHidden()
    [row] = view.model.rows
    assert len(world.with_marker(report_marker(row.id))) == 1


def test_problems_show_where_touched_in_reserved_space_so_nothing_jumps(view, qtbot):
    click(qtbot, view.new_report)
    editor = view.editor
    editor.show()
    assert visible_errors(editor) == {}
    label = editor._errors["title"]
    assert label.sizePolicy().retainSizeWhenHidden() and label.minimumHeight() > 0
    below = editor.purpose.mapTo(editor, QPoint(0, 0)).y()
    qtbot.keyClicks(editor.title_edit, "x")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Backspace)
    editor.title_edit.editingFinished.emit()
    assert "title" in visible_errors(editor)  # touched, now empty: said
    assert "purpose" not in visible_errors(editor)  # not touched yet: quiet
    assert editor.purpose.mapTo(editor, QPoint(0, 0)).y() == below  # the form did not move


def test_a_new_row_scrolls_into_view_and_takes_the_focus(view, qtbot):
    click(qtbot, view.new_report)
    editor = view.editor
    editor.show()
    for _ in range(3):
        click(qtbot, editor.add_cost)
    assert editor.costs.currentRow() == 2
    assert editor.focusWidget() is editor.costs  # where typing goes (once the window is active)


def test_a_new_cost_row_is_scrolled_into_the_forms_view_at_1366x768(view, qtbot):
    click(qtbot, view.new_report)
    editor = view.editor
    editor.resize(1100, 728)  # what fit_to_screen gives it on a 1366×768 laptop: the form scrolls
    editor.show()
    qtbot.waitExposed(editor)
    editor._scroll.verticalScrollBar().setValue(0)  # at the top, where a new report opens
    qtbot.keyClicks(editor.title_edit, "K")
    editor.title_edit.clear()  # touched: its message shows
    editor.add_cost.click()  # Add cost (Alt+U from anywhere in the form)
    for _ in range(5):
        QApplication.processEvents()  # the form's layout grows with the new row and its messages
    port = editor._scroll.viewport()
    table = editor.costs
    cell = table.visualItemRect(table.item(0, 0))
    centre = table.viewport().mapTo(port, cell.center())
    assert port.rect().contains(centre)  # the row the user types into next is on screen


def test_the_receipt_dialog_starts_in_downloads_shows_the_users_folders_and_remembers_the_last(
    view, qtbot, tmp_path: Path, monkeypatch
):
    from PySide6.QtCore import QStandardPaths

    from tripletex_desktop.ui.reports import editor as editor_module

    downloads, pictures = tmp_path / "Nedlastinger", tmp_path / "Bilder"
    downloads.mkdir()
    pictures.mkdir()
    where = {
        QStandardPaths.StandardLocation.DownloadLocation: str(downloads),
        QStandardPaths.StandardLocation.PicturesLocation: str(pictures),
    }

    class Paths:  # the user's folders, as the desktop names them
        StandardLocation = QStandardPaths.StandardLocation

        @staticmethod
        def writableLocation(location):
            return where.get(location, "")

    monkeypatch.setattr(editor_module, "QStandardPaths", Paths)
    monkeypatch.setattr(editor_module, "_receipt_folder", [])  # nothing picked yet in this run
    click(qtbot, view.new_report)
    editor = view.editor
    dialog = editor.receipt_dialog(editor)
    qtbot.addWidget(dialog)
    assert Path(dialog.directory().absolutePath()) == downloads
    side = [Path(url.toLocalFile()) for url in dialog.sidebarUrls()]
    assert downloads in side and pictures in side
    area = (dialog.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    assert dialog.width() == min(900, area.width() - 40) and dialog.height() <= area.height()
    details = dialog.findChild(QTreeView, "treeView")  # Qt's own dialog: size, type and date shown whole
    assert details is not None
    modes = [details.header().sectionResizeMode(c) for c in range(details.header().count())]
    assert modes[0] == QHeaderView.ResizeMode.Stretch
    assert set(modes[1:]) == {QHeaderView.ResizeMode.ResizeToContents}
    editor_module.remember_receipt_folder(str(pictures / "hotell.pdf"))
    again = editor.receipt_dialog(editor)
    qtbot.addWidget(again)
    assert Path(again.directory().absolutePath()) == pictures  # where the last receipt came from


def test_the_editor_fits_the_screen(view, qtbot):
    click(qtbot, view.new_report)
    editor = view.editor
    area = (editor.screen() or QGuiApplication.primaryScreen()).availableGeometry()
    assert editor.height() <= area.height() and editor.width() <= area.width()
    assert editor.close_button.isVisible() and editor.approve_send_button.isVisible()


def test_every_lines_amount_is_in_view_at_1366x768_without_scrolling_sideways(view, qtbot, backend, world):
    report = trip(world, receipt="/home/kari/Nedlastinger/kvittering-taxi.pdf")
    backend.save_draft(report)
    open_stored(view, qtbot, report)
    editor = view.editor
    editor.resize(1100, 728)  # what fit_to_screen gives it on a 1366×768 laptop
    editor.show()
    qtbot.waitExposed(editor)
    for table in (editor.mileage, editor.per_diem, editor.costs):
        assert table.horizontalScrollBar().maximum() == 0, table.objectName()  # the money column in view


def test_amounts_in_cells_have_two_decimals(view, qtbot, backend, world):
    report = trip(world)
    costs = [dataclasses.replace(line, amount_incl_vat=Decimal("389")) for line in report.cost_lines]
    report = dataclasses.replace(report, lines=(*report.mileage_lines, *costs))
    backend.save_draft(report)
    open_stored(view, qtbot, report)
    assert view.editor.costs.text(0, 3) == "389,00"


def test_an_accountants_new_report_asks_which_client_and_names_it_in_the_title(qtbot, world, db):
    asked: list[list[str]] = []
    backend = make_backend(world, db)
    other = CompanyInfo(world.company_id + 1, "Hansen Rørlegger", CompanyMapping(world.company_id + 1))
    backend._companies[other.company_id] = other
    backend._order = (*backend._order, other.company_id)

    def pick(parent, companies):
        asked.append([c.name for c in companies])
        return world.company_id

    view = ReportsView(backend, runner=SyncRunner(), pick_company=pick)
    qtbot.addWidget(view)
    assert view.current_company() is None  # all clients shown
    assert not view.table.isColumnHidden(view.model.columnCount() - 1)  # the Company column
    click(qtbot, view.new_report)
    assert asked == [["Fjordlys Reiser AS", "Hansen Rørlegger"]]
    assert view.editor.windowTitle() == "Travel report \u2013 Fjordlys Reiser AS"
    assert view.editor.company_label.text() == "Fjordlys Reiser AS"
    view.editor.reject()
    view.set_company(other.company_id)  # the tree's client: no question
    click(qtbot, view.new_report)
    assert len(asked) == 1 and view.editor.windowTitle().endswith("Hansen Rørlegger")


def test_the_employee_picker_finds_as_you_type(view, qtbot, world: World):
    click(qtbot, view.new_report)
    combo = view.editor.employee
    assert combo.isEditable() and combo.completer() is not None
    name = world.employees[world.employee_id]
    completer = combo.completer()
    completer.setCompletionPrefix(name.split()[-1][:3].lower())  # part of the last name, any case
    matches = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert name in matches
