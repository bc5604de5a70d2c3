"""A new report is for the logged-in employee: the token's owner (whoAmI, kept in the connection's settings) is
preselected in the editor, in the company the token belongs to, or in an accountant's client only where that
very employee exists and may register travel expenses."""

from __future__ import annotations

import pytest

from tests.support.reports import make_backend
from tests.support.reports_ui import click
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def new_report_for(qtbot, backend) -> object:
    view = ReportsView(backend, runner=SyncRunner())
    qtbot.addWidget(view)
    click(qtbot, view.findChild(type(view.new_report), "newReportButton"))
    return view.editor


def test_a_new_report_is_for_the_token_owner(qtbot, world, db):
    backend = make_backend(world, db, token_owner=lambda: (world.employee_id, world.company_id))
    editor = new_report_for(qtbot, backend)
    combo = editor.findChild(type(editor.employee), "employeeCombo")
    assert combo.currentData() == world.employee_id
    assert combo.currentText() == world.employees[world.employee_id]
    editor.done(0)


def test_nobody_is_preselected_where_the_owner_is_no_employee_or_may_not_register(qtbot, world, db):
    # an accountant's client: the office's employee is not one of the client's employees
    backend = make_backend(world, db, token_owner=lambda: (987654, 1))
    editor = new_report_for(qtbot, backend)
    assert editor.employee.currentData() is None and editor.employee.currentIndex() == 0
    editor.done(0)

    company = world.sim.company(world.company_id)
    [refused] = [e["id"] for e in company.employees.values() if e["allowInformationRegistration"] is False]
    backend = make_backend(world, db, token_owner=lambda: (refused, world.company_id))
    editor = new_report_for(qtbot, backend)
    assert editor.employee.currentData() is None
    editor.done(0)


def test_an_owner_learnt_after_the_view_was_made_is_used(qtbot, world, db):
    owner: list[tuple[int | None, int | None]] = [(None, None)]
    backend = make_backend(world, db, token_owner=lambda: owner[0])
    view = ReportsView(backend, runner=SyncRunner())
    qtbot.addWidget(view)
    click(qtbot, view.new_report)
    assert view.editor.employee.currentData() is None  # not known yet: the user chooses
    view.editor.done(0)
    owner[0] = (world.employee_id, world.company_id)  # the next sync asked whoAmI
    click(qtbot, view.new_report)
    assert view.editor.employee.currentData() == world.employee_id
    view.editor.done(0)
