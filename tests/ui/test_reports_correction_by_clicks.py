"""Issue 11's recovery as a bookkeeper does it, by clicks: Send fails at Tripletex's :deliver (the cost category
was made inactive there after approval), Tripletex holds the travel expense OPEN; Reopen, Open, choose another
category on the refused line, Close, Approve, Send — delivered as the same travel expense, nothing twice."""

from __future__ import annotations

import uuid

import pytest

from tests.support.reports import World, make_backend, sync_reference, trip
from tests.support.reports_ui import choose, click, visible_errors
from tripletex_desktop.core.transfer import report_marker
from tripletex_desktop.services.reports import ReportsBackend
from tripletex_desktop.storage.db import Database
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def delivering(world: World, db: Database) -> ReportsBackend:
    return make_backend(world, db, deliver=True)


def select(view: ReportsView, report_id: uuid.UUID) -> None:
    view.refresh()
    view.table.clearSelection()
    view.select(report_id)


def row_of(view: ReportsView, report_id: uuid.UUID):  # noqa: ANN201
    view.refresh()
    return next(r for r in view.model.rows if r.id == report_id)


def test_a_report_refused_at_delivery_is_corrected_by_clicks_into_the_same_travel_expense(
    qtbot, delivering: ReportsBackend, world: World, db: Database
) -> None:
    view = ReportsView(delivering, runner=SyncRunner(), confirm=lambda parent, text: True)
    qtbot.addWidget(view)
    view.show()
    report = trip(world)
    delivering.save_draft(report)
    select(view, report.id)
    click(qtbot, view.approve_button)
    company = world.sim.company(world.company_id)
    taxi = world.cost_categories["Taxi"]
    company.cost_categories[taxi] = {**company.cost_categories[taxi], "isInactive": True}

    select(view, report.id)
    click(qtbot, view.send_button)
    failed = row_of(view, report.id)
    [created] = world.with_marker(report_marker(report.id))
    assert (failed.state, failed.tripletex_state, failed.tripletex_number) == (
        "failed",
        "OPEN",
        created["number"],
    )

    sync_reference(world, db)  # the next sync learns the category is inactive
    select(view, report.id)
    click(qtbot, view.reopen_button)
    assert row_of(view, report.id).state == "draft"
    select(view, report.id)
    click(qtbot, view.open_button)
    editor = view.editor
    assert editor is not None and editor.title_edit.isEnabled()
    # the inactive category is not offered any more: the line asks for another one
    assert visible_errors(editor)["costs"] == "Row 1: Choose a cost category."
    choose(editor.costs.cellWidget(0, 1), world.cost_categories["Fly"])
    editor.save_now()
    click(qtbot, editor.close_button)

    select(view, report.id)
    click(qtbot, view.approve_button)
    select(view, report.id)
    click(qtbot, view.send_button)
    sent = row_of(view, report.id)
    assert (sent.state, sent.tripletex_state, sent.tripletex_number) == (
        "sent",
        "DELIVERED",
        created["number"],
    )
    [after] = world.with_marker(report_marker(report.id))
    assert after["id"] == created["id"] and after["state"] == "DELIVERED"
    [cost] = world.lines_of("costs", after["id"])
    assert cost["costCategory"]["id"] == world.cost_categories["Fly"]
    assert len(world.lines_of("mileage_allowances", after["id"])) == 1
    assert len(world.lines_of("per_diem_compensations", after["id"])) == 1
