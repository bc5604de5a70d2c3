"""Issue 12's "done when" as a bookkeeper does it, by objectName and clicks only: Travel reports → Import, pick
an XLSX travel list, Import, close; then Approve and Send in the list, the editor never opened. Delivery is on
(the app's default) and the simulator judges each report at :deliver."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from tests.support.import_files import RECEIPT, travel_list
from tests.support.reports import World, make_backend
from tests.support.reports_ui import click
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.services.reports import ReportsBackend
from tripletex_desktop.storage.db import Database
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def delivering(world: World, db: Database) -> ReportsBackend:
    return make_backend(world, db, deliver=True)


def test_a_travel_list_reaches_tripletex_delivered_through_the_import_dialog_and_the_list(
    qtbot, delivering: ReportsBackend, world: World, tmp_path: Path
) -> None:
    path = travel_list(tmp_path, world.employees[world.employee_id])
    view = ReportsView(delivering, runner=SyncRunner(), confirm=lambda parent, text: True)
    qtbot.addWidget(view)
    view.show()

    click(qtbot, view.import_button)
    dialog = view.import_dialog
    assert dialog is not None
    edit = dialog.findChild(QLineEdit, "importPathEdit")
    qtbot.keyClicks(edit, str(path))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.imported):
        click(qtbot, dialog.findChild(QPushButton, "importButton"))
    dialog.close()

    view.refresh()
    rows = sorted(view.model.rows, key=lambda r: r.departure_date or dt.date.min)
    assert [(r.title, r.state) for r in rows] == [("Oslo – Bergen", "draft"), ("Oslo – Trondheim", "draft")]
    for row in rows:
        view.refresh()
        view.table.clearSelection()
        view.select(row.id)
        click(qtbot, view.approve_button)
        view.refresh()
        view.table.clearSelection()
        view.select(row.id)
        click(qtbot, view.send_button)
    view.refresh()
    assert {r.id: (r.state, r.tripletex_state) for r in view.model.rows} == {
        row.id: ("sent", "DELIVERED") for row in rows
    }

    trip, train = (world.with_marker(report_marker(row.id)) for row in rows)
    [trip], [train] = trip, train
    assert (trip["state"], train["state"]) == ("DELIVERED", "DELIVERED")
    assert len(world.lines_of("mileage_allowances", trip["id"])) == 2
    assert len(world.lines_of("per_diem_compensations", trip["id"])) == 2
    [hotel] = world.lines_of("costs", trip["id"])
    assert hotel["costCategory"]["id"] == world.cost_categories["Hotell"]
    company = world.sim.company(world.company_id)
    assert [a["data"] for a in company.attachments.rows() if a.get("travelExpenseId") == trip["id"]] == [
        RECEIPT
    ]
    assert world.lines_of("mileage_allowances", train["id"]) == []
    assert [p["count"] for p in world.lines_of("per_diem_compensations", train["id"])] == [1]
    assert view.editor is None  # the editor was never opened
