"""A report Tripletex refuses at :deliver: the refusal lands on the right line, in plain words, and an
approval the token may not make leaves the report delivered, not failed."""

from __future__ import annotations

import uuid

import pytest

from tests.support.reports import make_backend, sync_reference, trip
from tests.support.reports_ui import click
from tripletex_desktop.core.cancel import CancelToken
from tripletex_desktop.ui.reports import ReportsView
from tripletex_desktop.workers.tasks import SyncRunner

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def delivering(world, db):
    """The world's backend with deliver on (the app's default)."""
    return make_backend(world, db, deliver=True)


@pytest.fixture
def view(qtbot, delivering) -> ReportsView:
    widget = ReportsView(delivering, runner=SyncRunner(), confirm=lambda parent, text: True)
    qtbot.addWidget(widget)
    return widget


def refuse_vat_at_deliver(world) -> None:
    """The company turns out not to be VAT-registered after the sync read that it was."""
    company = world.sim.company(world.company_id)
    company.vat_settings = {**company.vat_settings, "vatRegistrationStatus": "VAT_NOT_REGISTERED"}


def approvals_allowed(world, db) -> None:
    """The company lets its employees approve their own reports, and the sync stored that."""
    company = world.sim.company(world.company_id)
    company.settings = {**company.settings, "canApproveOwnExpenses": True}
    sync_reference(world, db)


def send(view: ReportsView, qtbot, report_id: uuid.UUID) -> None:
    view.refresh()
    view.select(report_id)
    click(qtbot, view.send_button)


def test_a_deliver_refusal_names_the_cost_line_in_plain_words(view, qtbot, world, delivering) -> None:
    report = trip(world)
    delivering.save_draft(report)
    delivering.approve(report.id)
    refuse_vat_at_deliver(world)
    send(view, qtbot, report.id)
    text = view.status.text()
    assert "Tripletex refused the report when it was delivered:" in text
    assert "Costs, row 1: Tripletex refused the VAT code of this cost" in text
    assert "ikke mva-registrert" in text  # Tripletex's own words, too
    refused = delivering.refusals(report.id)
    assert [(r.field, r.code) for r in refused] == [("lines[2]", "refused_vat")]  # the report's cost line
    # the editor shows it next to the cost line
    assert ("lines[2]", "refused_vat") in [(p.field, p.code) for p in delivering.plan_problems(report)]
    assert delivering.plan_problems(report, with_refusals=False) == ()


def test_approve_refused_for_the_token_leaves_the_report_delivered(world, db) -> None:
    approvals_allowed(world, db)
    world.sim.quirks.approve_forbidden = True
    backend = make_backend(world, db, deliver=True, approve=True)
    report = trip(world)
    backend.save_draft(report)
    backend.approve(report.id)
    result = backend.send(report.id, CancelToken())
    assert (result.state, result.tripletex_state) == ("sent", "DELIVERED")
    assert result.error is not None and result.error.code == "approve_refused"
    assert backend.load(report.id).row.state == "sent"  # never "failed" forever


def test_the_view_says_delivered_when_approval_is_refused(qtbot, world, db) -> None:
    approvals_allowed(world, db)
    world.sim.quirks.approve_forbidden = True
    backend = make_backend(world, db, deliver=True, approve=True)
    view = ReportsView(backend, runner=SyncRunner(), confirm=lambda parent, text: True)
    qtbot.addWidget(view)
    report = trip(world)
    backend.save_draft(report)
    backend.approve(report.id)
    send(view, qtbot, report.id)
    assert "Delivered to Tripletex as number" in view.status.text()
    assert "approve it" in view.status.text()
