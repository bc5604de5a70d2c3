"""The travel reports tab shows what applies: the actions of the selected reports' state, an empty list that
says what to do, the total of what is shown or selected, and a button for each fix an error recommends."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from tests.support.reports import World, trip
from tripletex_desktop.ui.formatting import money
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def view(qtbot, backend) -> ReportsView:
    widget = ReportsView(backend, runner=SyncRunner(), confirm=lambda parent, text: True)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def shown(view: ReportsView) -> list[str]:
    return [b.objectName() for b in view.selection_buttons() if b.isVisible()]


def select_all(view: ReportsView) -> None:
    view.table.selectAll()


def test_the_toolbar_shows_only_what_the_selected_reports_state_allows(view, qtbot, backend, world: World):
    draft = trip(world, title="Utkast")
    ready = trip(world, title="Klar")
    for r in (draft, ready):
        backend.save_draft(r)
    backend.approve(ready.id)
    view.refresh()
    assert shown(view) == []  # nothing selected: only New, New expense and Import
    view.select(draft.id)
    assert shown(view) == ["openReportButton", "approveButton", "dryRunButton", "deleteDraftButton"]
    assert view.approve_button.text() == "Ready to &send"
    view.select(ready.id)
    assert shown(view) == ["openReportButton", "sendButton", "dryRunButton", "reopenButton"]
    select_all(view)
    assert shown(view) == []  # a draft and a ready report have no action in common
    view.select(ready.id)
    qtbot.mouseClick(view.send_button, Qt.MouseButton.LeftButton)
    view.select(ready.id)
    # a sent report can still be reopened to correct it while Tripletex holds it OPEN (delivery is off here)
    assert shown(view) == ["openReportButton", "checkSentButton", "reopenButton"]
    assert view.check_button.text().replace("&", "") == "Check status in Tripletex"


def test_an_empty_list_says_what_to_do_and_a_filter_that_hides_everything_offers_to_show_all(
    view, qtbot, backend, world: World
):
    assert view.list_stack.currentWidget() is view.empty
    assert view.empty.title.text() == "No travel reports yet"
    new, imp = view.empty.buttons["emptyNewReport"], view.empty.buttons["emptyImportReports"]
    assert new.isVisible() and imp.isVisible()
    qtbot.mouseClick(new, Qt.MouseButton.LeftButton)
    assert view.editor is not None and view.editor.isVisible()
    view.editor.reject()
    backend.save_draft(trip(world))
    view.refresh()
    assert view.list_stack.currentWidget() is view.table
    view.search.setText("finnes ikke")
    view.refresh()
    assert view.list_stack.currentWidget() is view.no_match
    qtbot.mouseClick(view.no_match.buttons["emptyShowAll"], Qt.MouseButton.LeftButton)
    assert view.search.text() == "" and view.list_stack.currentWidget() is view.table


def test_the_total_is_of_what_is_shown_or_else_of_what_is_selected(view, backend, world: World):
    first, second = trip(world, title="En"), trip(world, title="To")
    for r in (first, second):
        backend.save_draft(r)
    view.refresh()
    amounts = {r.id: r.amount for r in view.model.rows}
    assert all(a and a > 0 for a in amounts.values())
    assert view.total.text() == f"2 shown, total {money(sum(amounts.values(), Decimal(0)))}"
    view.select(second.id)
    assert view.total.text() == f"1 selected, total {money(amounts[second.id])}"


def test_an_error_offers_its_fix_as_a_button_that_does_it(view, qtbot, backend, world: World):
    incomplete = dataclasses.replace(trip(world), title="")
    backend.save_draft(incomplete)
    view.refresh()
    view.select(incomplete.id)
    qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
    assert "Enter a title" in view.status.text()
    button = view.error_buttons[0]
    assert button.isVisible() and button.text() == "Open the report"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert view.editor is not None and view.editor.isVisible()
    assert view.editor.report_id == incomplete.id
    view.editor.reject()


def test_a_fix_the_main_window_does_is_handed_to_it(view, qtbot):
    from tripletex_desktop.core.errors import ErrorInfo

    asked: list[str] = []
    view.actionRequested.connect(asked.append)
    view.show_error(ErrorInfo("transfer_plan_invalid"))
    assert [b.text() for b in view.error_buttons if b.isVisible()] == ["Sync now", "Edit connection\u2026"]
    qtbot.mouseClick(view.error_buttons[1], Qt.MouseButton.LeftButton)
    assert asked == ["edit_connection"]
    view.show_status("Alt i orden.")
    assert not any(b.isVisible() for b in view.error_buttons)
